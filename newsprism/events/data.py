"""The files events learn from and are scored on, read into texts and labels: the shared PLOVER and CASE 2021
dev halves (`load_data`), the hand-annotated sentences parsed within their documents (`annotated_units`),
and `id<TAB>text` snippet files (`read_snippets`, `classify_snippets` for `newsprism events classify`).
Training and evaluation both read them here, so neither imports the other for data."""

from __future__ import annotations

import csv
import hashlib
import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Span

from newsprism.events import annotation, classifier, detector
from newsprism.parse import load_parser


def load_data(shared: Path, scheme: str) -> tuple[list[str], list[str], list[str]]:
    """(ids, texts, labels) of a scheme's shared dev half."""
    if scheme == "plover":
        recs = [r for r in json.loads((shared / "data/plover/gsr-dev.json").read_text(encoding="utf-8"))
                if r.get("text") and r.get("event") and r["event"] != "DOCUMENT"]
        return [r["id"] for r in recs], [r["text"] for r in recs], [r["event"] for r in recs]
    csv.field_size_limit(sys.maxsize)
    with open(shared / "data/case2021/task2-dev.tsv", encoding="utf-8", newline="") as fh:
        rows = [r for r in csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE) if len(r) >= 3][1:]
    return [r[0] for r in rows], [r[1] for r in rows], [r[2].strip() for r in rows]


# The part each split plays: `train` fits the models, `tune` chooses their settings, thresholds and
# calibration, `report` gives figures nothing was chosen on. The first set's `dev` documents (VOA, PolNeAR)
# are halved between tune and report by a hash of their name, so each document stays in one part.
ROLES = ("train", "tune", "report")
SPLITS_OF_ROLE = {"train": {"train"}, "tune": {"tune", "dev"}, "report": {"report", "dev"}}  # what to parse for each


def role_of(split: str, doc: str) -> str:
    """The role (`ROLES`) of a document of `split` ('train', 'dev', 'tune' or 'report')."""
    if split == "dev":
        return "tune" if int(hashlib.sha1(f"role:{doc}".encode()).hexdigest(), 16) % 2 == 0 else "report"
    if split not in ROLES:
        raise ValueError(f"unknown annotation split {split!r} of {doc}")
    return split


@dataclass
class Unit:
    """One annotated sentence, parsed in its document: its id, split, gold label and quotation ranges, its
    document's id and role (`role_of`)."""

    sid: int
    split: str
    label: str
    sent: Span
    quoted: list[tuple[int, int]]
    doc: str = ""
    role: str = ""


@lru_cache(maxsize=1)
def full_parser() -> Language:
    """spaCy's whole pipeline (parse and NER), as `newsprism analyze` runs it before the components."""
    return load_parser()


def annotated_units(folder: Path = annotation.ANNOTATIONS, shared: Path = annotation.SHARED,
                    splits: set[str] | None = None) -> list[Unit]:
    """Every labelled sentence of `folder` (of the given `splits` only, when given, so that documents of other
    splits are not parsed), parsed within its whole document, in sentence-id order."""
    units, labels = annotation.sentences(folder), annotation.labels(folder)
    by_doc: dict[str, list[int]] = {}
    for sid in sorted(labels):
        if sid in units and (splits is None or units[sid].split in splits):
            by_doc.setdefault(units[sid].doc, []).append(sid)
    names = list(by_doc)
    texts = [annotation.document_text(name, shared) for name in names]
    out = []
    for name, text, doc in zip(names, texts, full_parser().pipe(texts, batch_size=16)):
        quoted = detector.quoted_ranges(text)
        for sid in by_doc[name]:
            u = units[sid]
            span = doc.char_span(u.start, u.end, alignment_mode="expand")
            if span is not None and len(span):
                out.append(Unit(sid, u.split, labels[sid].label, span, quoted, name, role_of(u.split, name)))
    return out


def read_snippets(path: Path) -> Iterator[tuple[str, str]]:
    """(id, text) rows of an `id<TAB>text[<TAB>...]` file with a header row; short rows are skipped."""
    csv.field_size_limit(sys.maxsize)
    with open(path, encoding="utf-8", newline="") as fh:
        for i, row in enumerate(csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)):
            if i == 0 or len(row) < 2 or not row[0].strip():
                continue
            yield row[0].strip(), row[1]


def classify_snippets(path: Path, scheme: str) -> Iterator[tuple[str, str]]:
    """(id, label) for each snippet of an `id<TAB>text` file (header row), as `newsprism events classify` prints."""
    rows = list(read_snippets(Path(path)))
    labels = classifier.classify_texts([text for _, text in rows], scheme)
    yield from ((ident, label) for (ident, _), label in zip(rows, labels))
