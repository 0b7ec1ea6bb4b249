"""Reads a PolNeAR split (text/NAME.txt, attributions/NAME_ANNOTATOR.ann) as articles and gold attributions."""

from __future__ import annotations

import json

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from newsprism.article import Article

# The attribution tagger's record: its `holdout_articles` are the tenth of PolNeAR train it never saw.
TAGGER_RECORD = Path(__file__).resolve().parents[1] / "models" / "attribution.json"


@dataclass
class Attribution:
    """One gold attribution: char spans (first fragment of each role) into the article text."""

    source: tuple[int, int] | None
    cue: tuple[int, int] | None
    content: tuple[int, int] | None


def annotation_files(split: Path) -> dict[str, Path]:
    """NAME -> its first annotation file in name order (the one the scorer reads)."""
    out: dict[str, Path] = {}
    for f in sorted((split / "attributions").iterdir()):
        out.setdefault(f.name[: f.name.rfind("_")], f)
    return out


def article_text(split: Path, name: str) -> str:
    """The text of article NAME of a split, exactly as in its file (the offsets of its attributions, and of
    the who labels' `polnear:` pages, are into this)."""
    return (split / "text" / f"{name}.txt").read_text(encoding="utf-8")


def articles(split: Path) -> Iterator[Article]:
    """The split's articles, id = NAME, text exactly as in the file (`article_text`)."""
    for name in annotation_files(split):
        yield Article(text=article_text(split, name), id=name, origin=str(split / "text" / f"{name}.txt"))


def read_ann(path: Path) -> list[Attribution]:
    """The attributions of one brat file."""
    spans: dict[str, tuple[int, int]] = {}
    events: list[dict[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            _kind, _, where = parts[1].partition(" ")
            start, end = where.split(";")[0].split()
            spans[parts[0]] = (int(start), int(end))
        elif line.startswith("E") and len(parts) >= 2:
            events.append(dict(a.split(":", 1) for a in parts[1].split()))
    return [Attribution(spans.get(e.get("Source", "")), spans.get(e.get("Cue", "")), spans.get(e.get("Content", "")))
            for e in events]


def holdout_split(polnear_dir: Path, into: Path, record: Path = TAGGER_RECORD) -> Path:
    """The held-out tenth of PolNeAR train that the attribution tagger's record names (it never trained on
    them, and nothing was chosen on them: the rules and the tagger's c1 were chosen on dev)
    as a split folder of links under `into`; `polnear_dir` is PolNeAR's folder or its train split."""
    train = polnear_dir / "train" if (polnear_dir / "train").is_dir() else polnear_dir
    names = json.loads(record.read_text(encoding="utf-8"))["holdout_articles"]
    for sub in ("text", "attributions"):
        (into / sub).mkdir(parents=True, exist_ok=True)
    for name in names:
        (into / "text" / f"{name}.txt").symlink_to((train / "text" / f"{name}.txt").resolve())
        for ann in sorted((train / "attributions").glob(f"{name}_*.ann")):
            (into / "attributions" / ann.name).symlink_to(ann.resolve())
    return into
