"""`newsprism eval actors`: speakers of quotes and actors' countries on hand-annotated real pages.

The labels (annotations/who/labels.tsv, guide in annotations/who/GUIDE.md) are ids and character offsets
into the texts of ../shared: `aeb:<first 12 hex of the page's sha256>` is the `articleBody` of that page in
`data/aeb/ground-truth.json`, `html:<file>` the text in `data/html/text/<file>`. Two kinds of rows:

    quote  PAGE  START END  SPEAKER-SPANS  SPEAKER-KIND      a quote lies in the sentence holding START:END;
                                                            its speaker is named at SPEAKER-SPANS ('s-e',
                                                            several joined by ';' for a group)
    actor  PAGE  START END  COUNTRY                          the actor mentioned at START:END belongs to
                                                            COUNTRY (ISO alpha-3), '-' for none the text gives

Figures: quotes by sentence (precision, recall, F1 of the sentences holding a quote), speaker accuracy over
the gold quotes found (the predicted speaker's name, or its entity's, ends with the same word as a gold
speaker's), by the kind of mention the text uses at the cue (name, pronoun,
description, nominal, org, acronym, group, continuation), and actor countries: the share of annotated
actors with a country whose entity gets that country, and of those without one that get none.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

from newsprism import pipeline
from newsprism.article import Article, Refusal

SENTENCE_END = re.compile(r"[.!?][\"”’')\]]*\s+|\n+")


def page_texts(shared_data: Path, pages: set[str]) -> dict[str, str]:
    """The text of each page id (see the module docstring)."""
    out: dict[str, str] = {}
    aeb = None
    for page in sorted(pages):
        source, _, name = page.partition(":")
        if source == "aeb":
            if aeb is None:
                aeb = json.loads((shared_data / "aeb" / "ground-truth.json").read_text(encoding="utf-8"))
            key = next(k for k in aeb if k.startswith(name))
            out[page] = aeb[key]["articleBody"]
        elif source == "html":
            out[page] = (shared_data / "html" / "text" / name).read_text(encoding="utf-8")
        else:
            raise ValueError(f"unknown page id {page!r}: expected aeb:<hex> or html:<file>")
    return out


def read_labels(path: Path) -> tuple[list[dict], list[dict]]:
    """The quote rows and the actor rows of a labels file (tab-separated, '#' lines are notes)."""
    quotes, actors = [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        kind, page, start, end, *rest = line.split("\t")
        if kind == "quote":
            spans = [tuple(map(int, s.split("-"))) for s in rest[0].split(";")]
            quotes.append({"page": page, "start": int(start), "end": int(end), "speaker": spans, "kind": rest[1]})
        elif kind == "actor":
            actors.append({"page": page, "start": int(start), "end": int(end), "country": None if rest[0] == "-" else rest[0]})
    return quotes, actors


def sentences(text: str) -> list[tuple[int, int]]:
    """The text's sentences as char spans: ends at a stop (and its closing marks) before a space, or a line break."""
    out, start = [], 0
    for m in SENTENCE_END.finditer(text):
        if m.start() + 1 > start:
            out.append((start, m.start() + 1))
        start = m.end()
    if start < len(text):
        out.append((start, len(text)))
    return out


def sentence_of(spans: list[tuple[int, int]], char: int) -> int:
    return next((i for i, (s, e) in enumerate(spans) if s <= char < e), len(spans) - 1)


def last_word(name: str | None) -> str:
    words = [w for w in re.findall(r"[\w'’-]+", (name or "").lower()) if w not in {"the", "a", "an"}]
    return re.sub(r"['’]s?$", "", words[-1]) if words else ""


def same_speaker(names: list[str | None], gold: list[str]) -> bool:
    """A predicted name (the quote's speaker name or its entity's) ends with the same word as a gold
    speaker's name: the tracker's rule without its 'contains' leniency, so that two people who share a
    surname as a first word ('Singh Jabarjung', 'Lakshiwnder Singh') stay apart."""
    golds = {last_word(g) for g in gold} - {""}
    return any(last_word(name) in golds for name in names if name)


def score(texts: dict[str, str], analyses: dict[str, dict], quotes: list[dict], actors: list[dict]) -> dict:
    """The figures of the module docstring, from the analyses (JSON as `newsprism analyze` writes them)."""
    gold_sents: set[tuple[str, int]] = set()
    pred_sents: set[tuple[str, int]] = set()
    spans = {page: sentences(text) for page, text in texts.items()}
    for q in quotes:
        gold_sents.add((q["page"], sentence_of(spans[q["page"]], q["start"])))
    for page, a in analyses.items():
        for pq in a["quotes"]:
            s, e = pq["content"]["start"], pq["content"]["end"]
            pred_sents |= {(page, i) for i, (ss, se) in enumerate(spans[page]) if ss < e and s < se}
    tp_p, tp_r = len(pred_sents & gold_sents), len(gold_sents & pred_sents)
    p, r = tp_p / max(1, len(pred_sents)), tp_r / max(1, len(gold_sents))
    right, total = Counter(), Counter()
    for q in quotes:
        a = analyses.get(q["page"])
        if a is None:
            continue
        i = sentence_of(spans[q["page"]], q["start"])
        ss, se = spans[q["page"]][i]
        found = [pq for pq in a["quotes"] if pq["content"]["start"] < se and ss < pq["content"]["end"]]
        if not found:
            continue
        found.sort(key=lambda pq: not (pq["content"]["start"] <= q["start"] < pq["content"]["end"] + 1))
        pq = found[0]
        names = {e["id"]: e["name"] for e in a["entities"]}
        predicted = [pq.get("speaker_name"), names.get(pq.get("speaker_entity"))]
        gold = [texts[q["page"]][s:e] for s, e in q["speaker"]]
        total[q["kind"]] += 1
        right[q["kind"]] += same_speaker(predicted, gold)
    known = unknown = known_ok = unknown_ok = 0
    for lab in actors:
        a = analyses.get(lab["page"])
        entity = None
        for e in (a or {}).get("entities", []):
            if any(m["start"] < lab["end"] and lab["start"] < m["end"] for m in e["mentions"]):
                entity = e
                break
        got = entity["country"] if entity else None
        if lab["country"]:
            known += 1
            known_ok += got == lab["country"]
        else:
            unknown += 1
            unknown_ok += got is None
    n = sum(total.values())
    return {
        "pages": len(texts), "gold_quotes": len(quotes), "gold_quote_sentences": len(gold_sents),
        "quotes_by_sentence": {"precision": round(p, 4), "recall": round(r, 4),
                               "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0},
        "speaker_accuracy": round(sum(right.values()) / max(1, n), 4), "speakers_scored": n,
        "speaker_accuracy_by_kind": {k: [right[k], total[k], round(right[k] / total[k], 4)] for k in sorted(total)},
        "actor_countries": {"with_country": known, "accuracy": round(known_ok / max(1, known), 4),
                            "without_country": unknown, "none_accuracy": round(unknown_ok / max(1, unknown), 4)},
    }


def run(shared_data: Path, labels: Path) -> dict:
    """Analyses the annotated pages and scores them against the labels."""
    quotes, actors = read_labels(labels)
    texts = page_texts(shared_data, {r["page"] for r in quotes + actors})
    nlp = pipeline.load()
    analyses = {}
    for page, result in zip(texts, pipeline.analyze(nlp, (Article(text=t, id=p) for p, t in texts.items()))):
        if not isinstance(result, Refusal):
            analyses[page] = json.loads(result.model_dump_json())
    return score(texts, analyses, quotes, actors)
