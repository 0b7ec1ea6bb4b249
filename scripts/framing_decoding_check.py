"""Would another decoding of the encoder path's span probabilities, or a post-processing of its technique
probabilities, score better on PTC? The check behind issue #24's decoding round: every family is chosen on
the tuning half of the framing model's development split (`newsprism.framing.training.dev_halves`, the halves
of the record's `span_head` and `techniques_encoder`) and scored on the reporting half, which chooses nothing,
beside the shipped decoding (SI: `score_ptc.py`'s official SemEval-2020 measure; TC: micro F1 of the gold spans).

The per-token probabilities of both taggers (the MiniLM span head of the shared encoder and the CRF,
`FramingModel.token_probs`) are computed once on the 56 development articles; each family is a change to
`newsprism.framing.model.decode` or to its input:

  grid       the shipped knobs on a wider grid: MiniLM share, threshold, gap, peak_min
  trim       a run's edge tokens below a share of its peak dropped (a relative hysteresis)
  mean       a span's mean probability must reach a bar
  short      a span of few tokens needs a higher peak (a length prior)
  article    the threshold moved by the article's mean probability (dense articles lower, sparse higher)
  sentence   a span covering most of its sentence snapped to the sentence's edges
  punct      a ? or ! right after a span kept in it
  repeat     every other occurrence of a short span's words in the article marked too (Repetition)
  quoted     the MiniLM share and threshold apart inside and outside quotation marks (the CRF weight per region)

and for techniques, on the gold spans:

  ensemble   the encoder path's classifier averaged with the feature classifier (techniques.npz)
  prior      the probabilities times the training share of each technique to a power
  same-text  the probabilities of spans with the same words in one article averaged

A family "holds" where its choice beats the shipped decoding on the tuning half and on the reporting half.
Prints one JSON object (SI and TC, each family's choice and its figures on both halves and on the whole
split, chosen in part on it).

    .venv/bin/python scripts/framing_decoding_check.py      # about 5 minutes on two shared cores
"""

from __future__ import annotations

import itertools
import json
import re
import sys
import time
from bisect import bisect_left
from collections import Counter
from dataclasses import replace
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from newsprism.encoder.doc import encoding_of  # noqa: E402
from newsprism.framing.features import encoder_span_vectors, norm_text, span_features  # noqa: E402
from newsprism.framing.model import (  # noqa: E402
    ENCODER_TECHNIQUES,
    MODEL_DIR,
    NOT_FIRST,
    NOT_LAST,
    Decoding,
    TechniqueClassifier,
    decode,
    load_model,
    trim,
)
from newsprism.framing.semeval import merged, si_score, tc_score  # noqa: E402
from newsprism.framing.training import dev_halves, load_ptc, parse  # noqa: E402

PTC = ROOT.parent / "shared" / "data" / "ptc" / "train"
BOOTSTRAP = 1000  # resamples of the reporting half's articles (`resamples_won`)


def rounded(d: dict) -> dict:
    """The figures to four places."""
    return {k: round(v, 4) for k, v in d.items()}


class Dev:
    """The development articles with both taggers' probabilities, their halves and the gold labels."""

    def __init__(self, ptc: Path = PTC, folder: Path = MODEL_DIR) -> None:
        record = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
        ids = set(record["articles"]["dev_ids"])
        every = load_ptc(ptc)
        self.train_techniques = [t for a in every if a[0] not in ids for t, _, _ in a[3]]
        self.arts = [a for a in every if a[0] in ids]
        self.docs = parse([a[1] for a in self.arts])
        self.model = load_model(folder, use_minilm=True)
        self.shipped = self.model.settings
        self.probs = [self.model.token_probs(doc) for doc in self.docs]
        tune, report = dev_halves(ids, int(record["seed"]))
        self.halves = {"tuning": set(tune), "reporting": set(report), "all": ids}
        self.gold = {a[0]: a[2] for a in self.arts}
        self.quoted = [in_quotes(a[1], [t for t, _, _ in p]) for a, p in zip(self.arts, self.probs)]

    def si(self, spans_of) -> tuple[dict, dict]:
        """SI figures per half of `spans_of(k)`, the spans of the k-th article, and each article's parts of the
        measure (`si_parts`)."""
        pred = {a[0]: spans_of(k) for k, a in enumerate(self.arts)}
        return ({h: rounded(si_score({a: self.gold[a] for a in ids}, {a: pred[a] for a in ids}))
                 for h, ids in self.halves.items()}, si_parts(self.gold, pred))


def si_parts(gold: dict, pred: dict) -> dict[str, np.ndarray]:
    """Per article, the sums of `si_score`: (precision's sum, spans predicted, recall's sum, gold spans)."""
    out = {}
    for a, spans in gold.items():
        gm, pm = merged(spans), merged((s, e) for s, e in pred.get(a, []) if e > s)
        inter = [(max(0, min(pe, ge) - max(ps, gs)), pe - ps, ge - gs) for ps, pe in pm for gs, ge in gm]
        out[a] = np.array([sum(i / lp for i, lp, _ in inter), len(pm), sum(i / lg for i, _, lg in inter), len(gm)])
    return out


def f1_of(parts: np.ndarray) -> float:
    """F1 from summed parts (precision's sum, predicted, recall's sum, gold)."""
    p = parts[0] / parts[1] if parts[1] else 0.0
    r = parts[2] / parts[3] if parts[3] else 0.0
    return 2 * p * r / (p + r) if p + r else 0.0


def resamples_won(ids: list[str], parts: dict, base: dict) -> float:
    """The share of BOOTSTRAP resamples of the articles `ids` (with replacement, seeded) on which `parts`
    score a higher F1 than `base`: how far a gain on the reporting half is more than which articles it holds."""
    rng = np.random.default_rng(0)
    order = sorted(ids)
    ours, theirs = np.array([parts[a] for a in order]), np.array([base[a] for a in order])
    won = 0
    for _ in range(BOOTSTRAP):
        pick = rng.integers(0, len(order), len(order))
        won += f1_of(ours[pick].sum(0)) > f1_of(theirs[pick].sum(0))
    return round(won / BOOTSTRAP, 3)


def in_quotes(text: str, toks: list) -> np.ndarray:
    """Whether each token lies inside quotation marks (an odd count of straight marks, or more opening curly
    marks than closing ones, before it)."""
    out = []
    for t in toks:
        before = text[: t.idx]
        out.append(before.count('"') % 2 == 1 or before.count("“") > before.count("”"))
    return np.array(out)


def runs(dev: Dev, k: int, st: Decoding, shift: np.ndarray | None = None) -> tuple[list[list[int]], np.ndarray]:
    """Token indices of each run `decode` would make (before its trims), the mix shifted by `shift`, and the
    (shifted) mix of every token."""
    probs, text = dev.probs[k], dev.arts[k][1]
    p = np.array([st.mix(pc, pl) for _, pc, pl in probs]) + (0 if shift is None else shift)
    out: list[list[int]] = []
    below = 0
    for i, (tok, _, _) in enumerate(probs):
        if p[i] < st.threshold:
            below += 1
            continue
        if out and below <= st.gap:
            last = probs[out[-1][-1]][0]
            if "\n" not in text[last.idx + len(last.text) : tok.idx]:
                out[-1].append(i)
                below = 0
                continue
        out.append([i])
        below = 0
    return [r for r in out if p[r].max() >= st.peak_min], p


def spans_of_runs(dev: Dev, k: int, chosen: list[list[int]]) -> list[tuple[int, int]]:
    """`decode`'s trims (function words and punctuation at the edges, then characters) of token runs."""
    toks, text, out = [t for t, _, _ in dev.probs[k]], dev.arts[k][1], []
    for run in chosen:
        while run and toks[run[-1]].pos_ in NOT_LAST:
            run = run[:-1]
        while run and toks[run[0]].pos_ in NOT_FIRST:
            run = run[1:]
        if run:
            s, e = trim(text, toks[run[0]].idx, toks[run[-1]].idx + len(toks[run[-1]].text))
            if e > s:
                out.append((s, e))
    return out


def missed_share(dev: Dev) -> dict[str, float]:
    """Per half, the share of the shipped decoding's spans (merged, as the measure counts them) that overlap
    no gold span at all: what precision loses to, beside spans whose edges miss."""
    out = {}
    for h, ids in dev.halves.items():
        found = [(a[0], s, e) for k, a in enumerate(dev.arts) if a[0] in ids
                 for s, e in merged((s, e) for s, e, _ in decode(a[1], dev.probs[k], dev.shipped))]
        missed = [1 for a, s, e in found if not any(min(e, ge) > max(s, gs) for gs, ge in merged(dev.gold[a]))]
        out[h] = round(len(missed) / max(1, len(found)), 4)
    return out


# Each family: {setting: spans_of(k)}, the spans of the k-th development article under that setting.

def family_grid(dev: Dev) -> dict:
    """The shipped decoding's own knobs: MiniLM share, threshold, gap, peak_min."""
    ship = dev.shipped
    grid = itertools.product((0.5, 0.6, 0.7), (0.15, 0.2, 0.25), (1, 2, 3, 4), (0.0, 0.3, 0.35, 0.4))
    return {(w, th, gap, pk): (lambda k, st=replace(ship, weight=w, threshold=th, gap=gap, peak_min=pk):
                               [(s, e) for s, e, _ in decode(dev.arts[k][1], dev.probs[k], st)])
            for w, th, gap, pk in grid if not pk or pk > th}


def family_trim(dev: Dev) -> dict:
    """A run's edge tokens below `rel` times its peak dropped."""
    def fn(rel):
        def spans(k):
            found, p = runs(dev, k, dev.shipped)
            kept = []
            for run in found:
                peak = p[run].max()
                while run and p[run[0]] < rel * peak:
                    run = run[1:]
                while run and p[run[-1]] < rel * peak:
                    run = run[:-1]
                kept.append(run)
            return spans_of_runs(dev, k, kept)
        return spans
    return {rel: fn(rel) for rel in (0.3, 0.4, 0.5, 0.6)}


def family_mean(dev: Dev) -> dict:
    """A span's mean probability (`decode`'s score) must reach a bar."""
    def fn(bar):
        return lambda k: [(s, e) for s, e, m in decode(dev.arts[k][1], dev.probs[k], dev.shipped) if m >= bar]
    return {bar: fn(bar) for bar in (0.25, 0.28, 0.3, 0.35)}


def family_short(dev: Dev) -> dict:
    """A span of `n` tokens or fewer needs a peak of `peak`."""
    def fn(n, peak):
        def spans(k):
            found, p = runs(dev, k, dev.shipped)
            return spans_of_runs(dev, k, [r for r in found if len(r) > n or p[r].max() >= peak])
        return spans
    return {(n, pk): fn(n, pk) for n in (1, 2, 3, 5) for pk in (0.4, 0.5, 0.6)}


def family_article(dev: Dev) -> dict:
    """The threshold moved by `slope` times the article's mean probability less 0.2 (about PTC's mean)."""
    def fn(slope):
        def spans(k):
            p = np.array([dev.shipped.mix(pc, pl) for _, pc, pl in dev.probs[k]])
            found, _ = runs(dev, k, dev.shipped, shift=np.full(len(p), slope * (p.mean() - 0.2)))
            return spans_of_runs(dev, k, found)
        return spans
    return {slope: fn(slope) for slope in (-1.0, -0.5, 0.5, 1.0)}


def family_sentence(dev: Dev) -> dict:
    """A span covering `cover` of its sentence or more snapped to the sentence's edges (not across a line)."""
    def fn(cover):
        def spans(k):
            toks, text = [t for t, _, _ in dev.probs[k]], dev.arts[k][1]
            starts = [t.idx for t in toks]
            out = []
            for s, e, _ in decode(text, dev.probs[k], dev.shipped):
                a, b = bisect_left(starts, s), bisect_left(starts, e)
                sent = toks[a].sent
                inside = [i for i in range(len(toks)) if toks[i].sent == sent]
                if toks[b - 1].sent == sent and (b - a) / len(inside) >= cover:
                    snapped = spans_of_runs(dev, k, [inside])
                    if snapped and "\n" not in text[snapped[0][0] : snapped[0][1]]:
                        s, e = min(s, snapped[0][0]), max(e, snapped[0][1])
                out.append((s, e))
            return out
        return spans
    return {cover: fn(cover) for cover in (0.5, 0.6, 0.7, 0.8)}


def family_punct(dev: Dev) -> dict:
    """A ? or ! right after a span kept in it."""
    def fn(marks):
        def spans(k):
            text = dev.arts[k][1]
            return [(s, e + 1 if e < len(text) and text[e] in marks else e)
                    for s, e, _ in decode(text, dev.probs[k], dev.shipped)]
        return spans
    return {marks: fn(marks) for marks in ("?", "!", "?!")}


def family_repeat(dev: Dev) -> dict:
    """Every other occurrence of a span of `words` words or fewer (and `least` characters or more) marked."""
    def fn(words, least):
        def spans(k):
            text = dev.arts[k][1]
            found = [(s, e) for s, e, _ in decode(text, dev.probs[k], dev.shipped)]
            out = set(found)
            for s, e in found:
                phrase = text[s:e]
                if len(phrase.split()) > words or len(phrase) < least:
                    continue
                for m in re.finditer(r"(?<!\w)" + re.escape(phrase) + r"(?!\w)", text):
                    if not any(m.start() < e2 and s2 < m.end() for s2, e2 in out):
                        out.add((m.start(), m.end()))
            return sorted(out)
        return spans
    return {(w, n): fn(w, n) for w in (1, 2, 3, 5) for n in (3, 6)}


def family_quoted(dev: Dev) -> dict:
    """The MiniLM share and threshold apart inside quotation marks and outside them."""
    def fn(wq, wp, thq, thp):
        def spans(k):
            q = dev.quoted[k]
            pc = np.array([x for _, x, _ in dev.probs[k]])
            pl = np.array([x for _, _, x in dev.probs[k]])
            w = np.where(q, wq, wp)
            p = w * pl + (1 - w) * pc + np.where(q, dev.shipped.threshold - thq, dev.shipped.threshold - thp)
            probs = [(t, 0.0, float(x)) for (t, _, _), x in zip(dev.probs[k], p)]
            return [(s, e) for s, e, _ in decode(dev.arts[k][1], probs, replace(dev.shipped, weight=1.0))]
        return spans
    return {key: fn(*key) for key in itertools.product((0.5, 0.6, 0.7), (0.5, 0.6, 0.7), (0.15, 0.2, 0.25),
                                                        (0.15, 0.2, 0.25))}


SI_FAMILIES = {"grid": family_grid, "trim": family_trim, "mean": family_mean, "short": family_short,
               "article": family_article, "sentence": family_sentence, "punct": family_punct,
               "repeat": family_repeat, "quoted": family_quoted}


def choose(tried: dict, base: tuple[dict, dict], reporting: set[str]) -> dict:
    """The choice of a family ({key: (figures, parts)}: the best on the tuning half; ties: the first tried)
    beside the shipped `base`: whether it holds (better on both halves) and on what share of the reporting
    half's resamples it is better."""
    key = max(tried, key=lambda k: tried[k][0]["tuning"]["F1"])
    fig, parts = tried[key]
    holds = all(fig[h]["F1"] > base[0][h]["F1"] for h in ("tuning", "reporting"))
    return {"tried": len(tried), "chosen (on the tuning half)": str(key),
            **{f"{h}{' (chosen in part on it)' if h == 'all' else ''}": fig[h] for h in fig},
            "gain": {h: round(fig[h]["F1"] - base[0][h]["F1"], 4) for h in ("tuning", "reporting")},
            "holds": holds, "reporting_resamples_won": resamples_won(sorted(reporting), parts, base[1])}


def tc_check(dev: Dev, log) -> dict:
    """The technique families on the development articles' gold spans."""
    folder = MODEL_DIR
    enc = TechniqueClassifier.load(folder / ENCODER_TECHNIQUES)
    feat = TechniqueClassifier.load(folder / "techniques.npz")
    assert feat.classes == enc.classes
    freq = Counter(dev.train_techniques)
    share = np.array([freq[c] for c in enc.classes], dtype=np.float64) / max(1, sum(freq.values()))
    rows = []  # (article, technique, start, end, P encoder, P features, key)
    for art, doc in zip(dev.arts, dev.docs):
        spans = [(s, e) for _, s, e in art[3]]
        dense = encoder_span_vectors(doc.text, encoding_of(doc, dev.model.minilm.encoder), spans)
        for (t, s, e), f, d in zip(art[3], span_features(doc, spans), dense):
            rows.append((art[0], t, s, e, enc.proba(f, d), feat.proba(f), norm_text(art[1][s:e])))
    gold = [(a, t, s, e) for a, t, s, e, *_ in rows]

    def figures(probs: list[np.ndarray]) -> tuple[dict, dict]:
        seen: Counter = Counter()
        pred = []
        for (a, _, s, e, *_), p in zip(rows, probs):
            k = seen[(a, s, e)]
            seen[(a, s, e)] += 1
            pred.append((a, enc.classes[np.argsort(-p)[min(k, len(p) - 1)]], s, e))
        parts = {a: np.zeros(4) for a in dev.gold}  # (right, spans, right, spans): TC's P and R are one
        for a in dev.gold:
            n = sum(g[0] == a for g in gold)
            right = tc_score([g for g in gold if g[0] == a], [q for q in pred if q[0] == a])["P"] * n
            parts[a] = np.array([right, n, right, n])
        return ({h: rounded(tc_score([g for g in gold if g[0] in ids], [q for q in pred if q[0] in ids]))
                 for h, ids in dev.halves.items()}, parts)

    def same_text(a: float) -> list[np.ndarray]:
        out = []
        for i, (art, *_, p, _, key) in enumerate(rows):
            mates = [r[4] for r in rows if r[0] == art and r[6] == key]
            out.append((1 - a) * p + a * np.mean(mates, axis=0))
        return out

    base = figures([r[4] for r in rows])
    families = {
        "ensemble": {a: figures([(1 - a) * r[4] + a * r[5] for r in rows]) for a in (0.1, 0.2, 0.3, 0.5)},
        "prior": {b: figures([r[4] * share ** b for r in rows]) for b in (-0.3, -0.2, -0.1, 0.1, 0.2)},
        "same-text": {a: figures(same_text(a)) for a in (0.3, 0.5, 1.0)},
    }
    log(f"TC: {len(rows)} gold spans")
    return {"shipped (the encoder path's classifier)": base[0],
            **{name: choose(tried, base, dev.halves["reporting"]) for name, tried in families.items()}}


def main() -> None:
    log = lambda m: print(m, file=sys.stderr)  # noqa: E731
    started = time.time()
    dev = Dev()
    log(f"probabilities of {len(dev.arts)} development articles in {time.time() - started:.0f} s")
    base = dev.si(lambda k: [(s, e) for s, e, _ in decode(dev.arts[k][1], dev.probs[k], dev.shipped)])
    si = {"shipped": {"decoding": f"weight {dev.shipped.weight}, threshold {dev.shipped.threshold}, gap "
                                  f"{dev.shipped.gap}, peak_min {dev.shipped.peak_min}", **base[0],
                      "share of its spans that overlap no gold span": missed_share(dev)}}
    for name, family in SI_FAMILIES.items():
        si[name] = choose({key: dev.si(fn) for key, fn in family(dev).items()}, base, dev.halves["reporting"])
        log(f"SI {name}: {si[name]['chosen (on the tuning half)']} tuning {si[name]['tuning']['F1']} reporting "
            f"{si[name]['reporting']['F1']} ({time.time() - started:.0f} s)")
    result = {"command": "python scripts/framing_decoding_check.py",
              "halves": {h: len(ids) for h, ids in dev.halves.items()},
              "SI": si, "TC": tc_check(dev, log), "seconds": round(time.time() - started, 1)}
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
