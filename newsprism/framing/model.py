"""The trained framing model: a CRF span tagger and a linear technique classifier, loaded from one folder.

The folder (by default `newsprism/models/framing/`) holds `spans.crfsuite` (python-crfsuite, B/I/O tags),
`lexicon.json` (word -> share of its training occurrences inside a propaganda span, and the decoding
threshold) and `techniques.npz` (the multinomial logistic regression: feature names, weights, biases,
classes). Prediction needs only python-crfsuite and numpy.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
import pycrfsuite
from spacy.tokens import Doc

from newsprism.framing.features import lemma_counts, sentence_features, span_features

MODEL_DIR = Path(__file__).resolve().parents[1] / "models" / "framing"
TRIM = " \n\t\r.,:;"


class ModelMissing(FileNotFoundError):
    """The framing model folder lacks a file; the message says how to make one."""


PAIRS = {"“": "”", "‘": "’", "«": "»"}


def _unbalanced(piece: str, ch: str) -> bool:
    """Whether quotation mark `ch` at an end of `piece` has no partner inside it."""
    if ch == '"':
        return piece.count('"') % 2 == 1
    if ch in PAIRS:
        return piece.count(ch) > piece.count(PAIRS[ch])
    opener = next((o for o, c in PAIRS.items() if c == ch), None)
    return opener is not None and piece.count(ch) > piece.count(opener)


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """The span without leading or trailing white space and . , : ; (the PTC v2 boundary rule), nor a
    quotation mark at either end whose partner lies outside the span."""
    while True:
        before = (start, end)
        while start < end and text[start] in TRIM:
            start += 1
        while end > start and text[end - 1] in TRIM:
            end -= 1
        if end > start and _unbalanced(text[start:end], text[end - 1]):
            end -= 1
        if end > start and _unbalanced(text[start:end], text[start]):
            start += 1
        if (start, end) == before:
            return start, end


@dataclass
class TechniqueClassifier:
    """Multinomial logistic regression over `span_features`, stored as plain arrays."""

    index: dict[str, int]
    weights: np.ndarray  # (features, classes)
    bias: np.ndarray  # (classes,)
    classes: list[str]

    def proba(self, feats: dict[str, float]) -> np.ndarray:
        """Class probabilities for one span's features."""
        z = self.bias.astype(np.float64).copy()
        for name, value in feats.items():
            j = self.index.get(name)
            if j is not None:
                z += value * self.weights[j]
        z -= z.max()
        e = np.exp(z)
        return e / e.sum()

    def save(self, path: Path) -> None:
        """Writes the arrays and names to one .npz file."""
        names = sorted(self.index, key=self.index.get)
        np.savez_compressed(
            path,
            names=np.array(names),
            weights=self.weights.astype(np.float32),
            bias=self.bias.astype(np.float32),
            classes=np.array(self.classes),
        )

    @classmethod
    def load(cls, path: Path) -> "TechniqueClassifier":
        """Reads what `save` wrote."""
        with np.load(path, allow_pickle=False) as z:
            names = [str(n) for n in z["names"]]
            return cls({n: i for i, n in enumerate(names)}, z["weights"], z["bias"], [str(c) for c in z["classes"]])


class FramingModel:
    """Finds propaganda spans in a parsed `Doc` and names their techniques."""

    def __init__(self, tagger_path: Path, lexicon: dict[str, float], prior: float, threshold: float,
                 classifier: TechniqueClassifier) -> None:
        self.tagger = pycrfsuite.Tagger()
        self.tagger.open(str(tagger_path))
        self.lexicon, self.prior, self.threshold = lexicon, prior, threshold
        self.classifier = classifier

    def spans(self, doc: Doc) -> list[tuple[int, int, float]]:
        """(start, end, score) of each span found: runs of tokens whose probability of lying in a span
        is at least the threshold, cut where the tagger starts a new span; score is the run's mean."""
        out = []
        counts = lemma_counts(doc)
        for toks, seq in sentence_features(doc, self.lexicon, self.prior, counts):
            if not toks:
                continue
            self.tagger.set(seq)
            p_in = [1.0 - self.tagger.marginal("O", i) for i in range(len(toks))]
            p_b = [self.tagger.marginal("B", i) for i in range(len(toks))]
            run: list[int] = []
            for i in range(len(toks) + 1):
                inside = i < len(toks) and p_in[i] >= self.threshold
                if run and (not inside or p_b[i] > 0.5 * p_in[i]):
                    s, e = trim(doc.text, toks[run[0]].idx, toks[run[-1]].idx + len(toks[run[-1]]))
                    if e > s:
                        out.append((s, e, round(sum(p_in[j] for j in run) / len(run), 4)))
                    run = []
                if inside:
                    run.append(i)
        return out

    def techniques(self, doc: Doc, spans: list[tuple[int, int]]) -> list[list[tuple[str, float]]]:
        """For each (start, end): all techniques with their probabilities, best first."""
        out = []
        for feats in span_features(doc, spans):
            p = self.classifier.proba(feats)
            order = np.argsort(-p)
            out.append([(self.classifier.classes[k], float(p[k])) for k in order])
        return out


def save_lexicon(path: Path, lexicon: dict[str, float], prior: float, threshold: float) -> None:
    """Writes the span lexicon and decoding settings as JSON."""
    path.write_text(json.dumps({"prior": prior, "threshold": threshold, "lexicon": lexicon},
                               ensure_ascii=False, sort_keys=True), encoding="utf-8")


def load_model(folder: Path | None = None) -> FramingModel:
    """The model stored in `folder` (default: the shipped one); raises `ModelMissing` with a hint."""
    folder = Path(folder) if folder else MODEL_DIR
    need = [folder / n for n in ("spans.crfsuite", "lexicon.json", "techniques.npz")]
    missing = [str(p) for p in need if not p.exists()]
    if missing:
        raise ModelMissing(
            f"[E-FRAMING-1] framing model files missing: {', '.join(missing)}. "
            "Train one with `newsprism train framing --data ../shared/data/ptc/train --out DIR`."
        )
    lex = json.loads(need[1].read_text(encoding="utf-8"))
    return FramingModel(need[0], lex["lexicon"], float(lex["prior"]), float(lex["threshold"]),
                        TechniqueClassifier.load(need[2]))


@lru_cache(maxsize=4)
def shipped_model(folder: str | None = None) -> FramingModel:
    """`load_model`, loaded once per process and folder."""
    return load_model(Path(folder) if folder else None)
