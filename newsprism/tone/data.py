"""NewsMTSC's format, read in one place: JSON lines of `id`, `sentence`, `from`, `to` (the mention's character
offsets in the sentence) and, in the training and development files, `polarity` (-1, 0 or 1).

`read_lines` gives the rows of a shared file as they are (training, evaluation); `read_checked` reads a file a
user gives (`newsprism tone classify`): each line that is not such a row is named with its reason and left
out, the rest kept.
"""

from __future__ import annotations

import json
from pathlib import Path

Item = tuple[str, int, int]  # (sentence, mention start, mention end): what the tone model judges


def read_lines(path: Path) -> list[dict]:
    """The NewsMTSC rows of a JSON-lines file."""
    return [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()]


def items(rows: list[dict]) -> list[Item]:
    """(sentence, from, to) of each row."""
    return [(r["sentence"], r["from"], r["to"]) for r in rows]


def polarities(rows: list[dict]) -> list[int]:
    """The gold polarity of each row."""
    return [int(r["polarity"]) for r in rows]


def checked(row: dict) -> tuple[object, str, int, int]:
    """(id, sentence, from, to) of a row; KeyError, TypeError or ValueError (saying why) when it is not one:
    a field missing, or a mention outside its sentence."""
    sentence, start, end = row["sentence"], int(row["from"]), int(row["to"])
    if not isinstance(sentence, str) or not 0 <= start < end <= len(sentence):
        raise ValueError(f"from/to {start}-{end} outside the sentence of {len(sentence)} characters")
    return row["id"], sentence, start, end


def read_checked(path: Path) -> tuple[list[tuple[object, str, int, int]], list[tuple[int, str]]]:
    """The rows of a user's file as (id, sentence, from, to), and (line number, why) for each line left out
    (blank lines are skipped silently; bytes that are not UTF-8 are replaced)."""
    rows, problems = [], []
    for n, line in enumerate(Path(path).read_text(encoding="utf-8", errors="replace").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            rows.append(checked(json.loads(line)))
        except (ValueError, KeyError, TypeError) as exc:
            problems.append((n, f"{type(exc).__name__}: {exc}"))
    return rows, problems
