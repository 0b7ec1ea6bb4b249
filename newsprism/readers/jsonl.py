"""JSON lines: one article per line, `{"id", "text", "title"?, "published"?, "source"?, "url"?}`.

The text is used exactly as given. A bad line becomes a refusal named `PATH:LINE` and the others go on.
Lines are read with a bound (`line_limit`, from the character limit), so one endless line, e.g. a small
`.jsonl.gz` that expands to gigabytes, costs a buffer, not the whole line in memory.
"""

from __future__ import annotations

import codecs
import json
import sys
from typing import BinaryIO, Iterator

from newsprism.article import Article, Refusal
from newsprism.limits import current as current_limits
from newsprism.readers.dates import normalise_date
from newsprism.readers.decode import decode

# JSON may spell a character as `\uXXXX\uXXXX` (12 bytes); room beside the text for the other fields.
BYTES_PER_CHAR = 12
OTHER_FIELDS = 1 << 20
SKIP_CHUNK = 1 << 20


def line_limit() -> int:
    """The longest line read, in bytes, for the character limit in force; -1 (no bound) when it is off."""
    most = current_limits().max_chars
    return most * BYTES_PER_CHAR + OTHER_FIELDS if most > 0 else -1


def read_jsonl(stream: BinaryIO, origin: str) -> Iterator[Article | Refusal]:
    """Read every record of a JSON-lines stream; a line over `line_limit` is skipped a chunk at a time and refused."""
    records = 0
    limit = line_limit()
    lineno = 0
    while raw := stream.readline(limit):
        lineno += 1
        where = f"{origin}:{lineno}"
        if lineno == 1:
            raw = raw.removeprefix(codecs.BOM_UTF8)
        if len(raw) == limit and not raw.endswith(b"\n"):
            records += 1
            size = len(raw) + _skip_line(stream)
            chars = current_limits().max_chars
            yield Refusal(where, f"line too long: {size:,} bytes, over the {limit:,} bytes a line may take "
                                 f"with --max-chars {chars:,} (characters)")
        elif raw.strip():
            records += 1
            yield article_from_line(raw, where)
    if not records:
        yield Refusal(origin, "no JSON lines")


def _skip_line(stream: BinaryIO) -> int:
    """Read past the rest of the current line, a chunk at a time; the bytes skipped."""
    skipped = 0
    while chunk := stream.readline(SKIP_CHUNK):
        skipped += len(chunk)
        if chunk.endswith(b"\n"):
            break
    return skipped


def article_from_line(raw: bytes, origin: str) -> Article | Refusal:
    """The article in one JSON line, or a refusal saying what is wrong with it."""
    line = decode(raw)
    if line is None:
        return Refusal(origin, "not text (binary data or unknown encoding)")
    try:
        record = json.loads(line)
    except json.JSONDecodeError as err:
        return Refusal(origin, f"invalid JSON: {err.msg} (column {err.colno})")
    except RecursionError:
        return Refusal(origin, "invalid JSON: nested too deeply")
    except ValueError:  # Python's limit on the digits of an integer, raised past the JSON errors above
        return Refusal(origin, f"invalid JSON: a number of more than {sys.get_int_max_str_digits():,} digits")
    if not isinstance(record, dict):
        return Refusal(origin, "not a JSON object")
    text = record.get("text")
    if not isinstance(text, str):
        return Refusal(origin, "no text field" if text is None else "text is not a string")
    if not text.strip():
        return Refusal(origin, "empty text")
    given_id = record.get("id")
    if isinstance(given_id, (dict, list, bool)):
        return Refusal(origin, "id is not a string or number")
    return Article(
        text=text,
        id="" if given_id is None else str(given_id),
        title=_string(record.get("title")),
        published=normalise_date(record.get("published")),
        source=_string(record.get("source")),
        url=_string(record.get("url")),
        origin=origin,
    )


def _string(value: object) -> str | None:
    """A metadata value as a non-blank string, else `None`."""
    return value.strip() if isinstance(value, str) and value.strip() else None
