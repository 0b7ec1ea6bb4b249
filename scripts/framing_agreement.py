"""Agreement between the first pass of the ordinary-news framing set (annotations/framing/labels.tsv) and the
blind second pass (second-pass.tsv) on each round's seeded sample of documents (`newsprism.framing.ordinary.samples`:
round 1's second pass by the set's author again, round 2's by another annotating session, rounds 6's and 7's by
their annotators again), and of the training
part (training-labels.tsv) and its blind second pass (training-second-pass.tsv) on the first TRAINING_SAMPLE
documents of training-documents.tsv, in its order (by another annotating session).

Prints, and writes to annotations/framing/agreement.json: span agreement (a span of one pass matched when it
overlaps a span of the other; F1 of the second pass against the first), the official SI measure of the
second pass against the first, Cohen's kappa over words (inside a span or not), documents judged alike
(some span or none) and, for matched spans, the share with the same technique; per round, over both rounds
(`all`) and, apart, for the training part (`training`).

    .venv/bin/python scripts/framing_agreement.py [--data ../shared/data]
"""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

from newsprism.framing import ordinary
from newsprism.framing.semeval import si_score


def kappa(texts: dict[str, str], a: dict[str, list], b: dict[str, list]) -> float:
    """Cohen's kappa of the two passes over the words of the documents (a word is inside when a span covers
    one of its characters)."""
    pairs = []
    for d, text in texts.items():
        for m in re.finditer(r"\S+", text):
            w = (m.start(), m.end())
            pairs.append((ordinary.overlaps(w, a[d]), ordinary.overlaps(w, b[d])))
    n = len(pairs)
    agree = sum(x == y for x, y in pairs) / n
    pa, pb = sum(x for x, _ in pairs) / n, sum(y for _, y in pairs) / n
    chance = pa * pb + (1 - pa) * (1 - pb)
    return round((agree - chance) / (1 - chance), 4) if chance < 1 else 1.0


def agreement(first: ordinary.OrdinarySet, second: ordinary.OrdinarySet, docs: list[str]) -> dict:
    """The figures of the module docstring for the documents `docs`, first pass against second."""
    a = {d: [(s, e) for s, e, _ in first.gold[d]] for d in docs}
    b = {d: [(s, e) for s, e, _ in second.gold[d]] for d in docs}
    b_matched = sum(ordinary.overlaps(sp, a[d]) for d in docs for sp in b[d])
    a_matched = sum(ordinary.overlaps(sp, b[d]) for d in docs for sp in a[d])
    n_a, n_b = sum(map(len, a.values())), sum(map(len, b.values()))
    p, r = b_matched / n_b if n_b else 0.0, a_matched / n_a if n_a else 0.0
    same_tech = [ta == tb for d in docs for sa, ea, ta in first.gold[d] for sb, eb, tb in second.gold[d]
                 if sa < eb and sb < ea]
    return {
        "documents": len(docs), "words": first.words(docs), "spans_first": n_a, "spans_second": n_b,
        "span_overlap_f1": round(2 * p * r / (p + r), 4) if p + r else 0.0,
        "span_overlap_p": round(p, 4), "span_overlap_r": round(r, 4),
        "SI_second_vs_first": {k: round(v, 4) for k, v in si_score(a, b).items()},
        "word_kappa": kappa({d: first.texts[d] for d in docs}, a, b),
        "documents_alike": sum(bool(a[d]) == bool(b[d]) for d in docs),
        "matched_same_technique": round(sum(same_tech) / len(same_tech), 4) if same_tech else None,
        "sample": docs,
    }


WHO = {1: "the set's author again", 2: "another annotating session, blind to the first pass",
       6: "the round's annotator again, in the same session, the first pass out of view",
       7: "the round's annotator again, in the same session, the first pass out of view"}
TRAINING_SAMPLE = 8  # the training part's documents in its second pass: the first ones of training-documents.tsv
TRAINING_SECOND = "training-second-pass.tsv"


def training_agreement(data: Path, folder: Path = ordinary.ANNOTATIONS) -> dict:
    """The figures of `agreement` for the training part's second pass against its first, on the first
    TRAINING_SAMPLE documents of training-documents.tsv (a document outside them in the second pass is an error)."""
    docs, labels = ordinary.TRAINING
    first = ordinary.load(folder, data, labels=labels, documents=docs)
    second = ordinary.load(folder, data, labels=TRAINING_SECOND, documents=docs)
    ids = list(first.texts)[:TRAINING_SAMPLE]
    extra = [d for d, v in second.gold.items() if v and d not in ids]
    if extra:
        raise SystemExit(f"{TRAINING_SECOND} labels documents outside the first {TRAINING_SAMPLE}: {extra[:3]}")
    return {"second_pass_by": "another annotating session, blind to the first pass", **agreement(first, second, ids)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=Path("../shared/data"))
    args = ap.parse_args()
    first = ordinary.load(data=args.data)
    second = ordinary.load(data=args.data, labels="second-pass.tsv")
    rounds = ordinary.samples(list(first.texts), first.batches)
    docs = sorted(d for v in rounds.values() for d in v)
    extra = [d for d, v in second.gold.items() if v and d not in docs]
    if extra:
        raise SystemExit(f"second-pass.tsv labels documents outside the samples: {extra[:3]}")
    out = {"rounds": {str(r): {"second_pass_by": WHO.get(r, "-"), **agreement(first, second, ids)}
                      for r, ids in rounds.items()},
           "all": agreement(first, second, docs),
           "training": training_agreement(args.data)}
    (ordinary.ANNOTATIONS / "agreement.json").write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")
    print(json.dumps({k: {r: {x: y for x, y in v.items() if x != "sample"} for r, v in out["rounds"].items()}
                      if k == "rounds" else {x: y for x, y in out[k].items() if x != "sample"} for k in out}, indent=1))


if __name__ == "__main__":
    main()
