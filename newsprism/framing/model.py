"""The trained framing model: span taggers and a linear technique classifier, loaded from one folder.

The folder (by default `newsprism/models/framing/`) holds `spans.crfsuite` (python-crfsuite, B/I/O tags),
`lexicon.json` (word -> share of its training occurrences inside a propaganda span, and the decoding
settings) and `techniques.npz` (the multinomial logistic regression: feature names, weights, biases,
classes); this needs only python-crfsuite and numpy. Asked for (the framing component's `tagger`
setting, "minilm", which `--framing-tagger minilm` sets), the fine-tuned MiniLM tagger of `spans-minilm.onnx`
(`newsprism.framing.minilm`, onnxruntime, no PyTorch) is averaged with the CRF per token, under its own
decoding settings.
"""

from __future__ import annotations

import json
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
import pycrfsuite
from spacy.tokens import Doc

from newsprism import lexicons
from newsprism.doctext import text_of
from newsprism.encoder.doc import encoding_of, token_states_of
from newsprism.errors import EncoderMissing, FramingModelMissing
from newsprism.framing import minilm
from newsprism.framing.features import encoder_span_vectors, lemma_counts, sentence_features, span_features
from newsprism.framing.span_head import HEAD_FILE, SpanHead
from newsprism.framing.verifier import FILES as VERIFIER_FILES
from newsprism.framing.verifier import Verifier

MODEL_DIR = Path(__file__).resolve().parents[1] / "models" / "framing"
TRIM = " \n\t\r.,:;"
# The technique classifier of the encoder path (span features and the encoder's span vectors), when trained.
ENCODER_TECHNIQUES = "techniques-encoder.npz"


# Quotation marks with a distinct closing mark (newsprism/lexicons/quote_marks.json); the straight " is counted
# apart, and a mark that closes itself (' or ”) has no partner to look for.
PAIRS = {o: c for o, c in lexicons.QUOTE_PAIRS.items() if o != c}


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
    """Multinomial logistic regression over `span_features`, stored as plain arrays; the encoder's
    (`techniques-encoder.npz`) also reads the shared encoder's span vectors (`encoder_span_vectors`),
    standardised by `dense_mean` and `dense_scale`, with their own weights: one classifier over both."""

    index: dict[str, int]
    weights: np.ndarray  # (features, classes)
    bias: np.ndarray  # (classes,)
    classes: list[str]
    dense_weights: np.ndarray | None = None  # (encoder span vector, classes)
    dense_mean: np.ndarray | None = None
    dense_scale: np.ndarray | None = None

    @property
    def reads_encoder(self) -> bool:
        """Whether the classifier reads the encoder's span vectors too."""
        return self.dense_weights is not None

    def proba(self, feats: dict[str, float], dense: np.ndarray | None = None) -> np.ndarray:
        """Class probabilities for one span's features (and, for a classifier that reads them, its encoder
        span vector)."""
        z = self.bias.astype(np.float64).copy()
        for name, value in feats.items():
            j = self.index.get(name)
            if j is not None:
                z += value * self.weights[j]
        if self.dense_weights is not None and dense is not None:
            z += ((dense.astype(np.float64) - self.dense_mean) / self.dense_scale) @ self.dense_weights
        z -= z.max()
        e = np.exp(z)
        return e / e.sum()

    def save(self, path: Path) -> None:
        """Writes the arrays and names to one .npz file."""
        names = sorted(self.index, key=self.index.get)
        dense = ({"dense_weights": self.dense_weights.astype(np.float32), "dense_mean": self.dense_mean.astype(np.float32),
                  "dense_scale": self.dense_scale.astype(np.float32)} if self.reads_encoder else {})
        np.savez_compressed(
            path,
            names=np.array(names),
            weights=self.weights.astype(np.float32),
            bias=self.bias.astype(np.float32),
            classes=np.array(self.classes),
            **dense,
        )

    @classmethod
    def load(cls, path: Path) -> "TechniqueClassifier":
        """Reads what `save` wrote."""
        with np.load(path, allow_pickle=False) as z:
            names = [str(n) for n in z["names"]]
            dense = ([z[k].astype(np.float64) for k in ("dense_weights", "dense_mean", "dense_scale")]
                     if "dense_weights" in z.files else [None, None, None])
            return cls({n: i for i, n in enumerate(names)}, z["weights"], z["bias"], [str(c) for c in z["classes"]],
                       *dense)


@dataclass
class Decoding:
    """How token probabilities become spans: the MiniLM share of each token's probability (0: CRF alone),
    the threshold a token must reach, how many tokens below it a span may bridge, and the shortest span
    kept (characters), chosen on PTC's development split by `newsprism train framing`; and the base-rate
    adjustment for ordinary news (PTC's articles were chosen for their propaganda, about 15 spans per 1,000
    words; most news holds a fifth of that), chosen on the tuning half of the ordinary-news set by `newsprism
    train framing --ordinary`: `shown_min`, the peak a span needs to be shown, `doc_min`, the article's
    prior (`FramingModel.prior`: its mean probability of lying in a span) below which none of its spans is,
    and, where the tuning half's cross-validation chose the richer rule, `min_words`, the fewest words a span
    of the tagger's needs (an actor's label or an event's verb, added with a peak of 1, passed its own bar); and
    `verifier`, whether the rule reads the span verifier's score in the peak's place."""

    weight: float = 0.0
    threshold: float = 0.15
    gap: int = 0
    min_chars: int = 0
    shown_min: float = 0.0
    doc_min: float = 0.0
    min_words: int = 1
    # The encoder path with a span head (`newsprism.framing.span_head`, `newsprism train framing --span-head`):
    # the head's share of the encoder's probability (the rest the encoder's own span head's), and the peak a
    # run of tokens over `threshold` needs to be a span at all (0: none), both chosen on the tuning half.
    head: float = 0.0
    peak_min: float = 0.0
    # Where the tuning half's cross-validation chose it (`newsprism.framing.verifier`): the rule reads the
    # verifier's score of a span in its peak's place (`shown_min` is then the score a span needs).
    verifier: bool = False

    def mix(self, p_crf: float, p_lm: float) -> float:
        """A token's probability of lying in a span: MiniLM's share `weight`, the CRF's the rest."""
        return self.weight * p_lm + (1.0 - self.weight) * p_crf

    def shows(self, peak: float, prior: float, words: int = 1) -> bool:
        """Whether a span of this `peak` and this many `words`, in an article of this `prior`, is shown on
        ordinary news."""
        return peak >= self.shown_min and prior >= self.doc_min and (words >= self.min_words or peak >= 1.0)


class FramingModel:
    """Finds propaganda spans in a parsed `Doc` and names their techniques."""

    def __init__(self, tagger_path: Path, lexicon: dict[str, float], prior: float, decoding: dict[str, Decoding],
                 classifier: TechniqueClassifier | None, minilm_tagger: "minilm.MiniLMTagger | None" = None,
                 encoder_classifier: TechniqueClassifier | None = None, head: SpanHead | None = None,
                 verifier: Verifier | None = None) -> None:
        self.tagger = pycrfsuite.Tagger()
        self.tagger.open(str(tagger_path))
        self.lexicon, self.prior, self.decoding = lexicon, prior, decoding
        self.classifier = classifier
        self.minilm = minilm_tagger
        self.encoder_classifier = encoder_classifier
        self.head = head
        self.verifier = verifier  # the span verifier of the taggers in use, where their rule reads it

    @property
    def settings(self) -> Decoding:
        """The decoding settings of the taggers in use."""
        return self.decoding["minilm" if self.minilm else "crf"]

    def token_probs(self, doc: Doc) -> list[tuple[object, float, float]]:
        """(token, P(inside) by the CRF, mean P(inside) by the MiniLM tagger over its characters, or 0
        without one) per non-space token in sentence order; with a span head whose share (`Decoding.head`) is
        above 0, the MiniLM figure is the head's share of its probability and the encoder's own head's the rest."""
        char_probs = (encoding_of(doc, self.minilm.encoder).char_probs(len(text_of(doc)))
                      if self.minilm is not None else None)
        seqs = [(toks, seq) for toks, seq in sentence_features(doc, self.lexicon, self.prior, lemma_counts(doc)) if toks]
        every = [tok for toks, _ in seqs for tok in toks]
        p_lm = token_means(char_probs, every) if char_probs is not None else [0.0] * len(every)
        share = self.settings.head if self.minilm is not None and self.head is not None else 0.0
        if share > 0:
            p_head = self.head_probs(doc, every)
            p_lm = ((1.0 - share) * np.asarray(p_lm, dtype=np.float32) + share * p_head).tolist()
        p_lm = iter(p_lm)
        out = []
        for toks, seq in seqs:
            self.tagger.set(seq)
            for i, tok in enumerate(toks):
                out.append((tok, 1.0 - self.tagger.marginal("O", i), next(p_lm)))
        return out

    def head_probs(self, doc: Doc, toks: list) -> np.ndarray:
        """The span head's P(inside) for `toks` (the doc's non-space tokens in text order), from the states of
        the encoder's pass over the doc (`newsprism.encoder.doc.token_states_of`)."""
        return self.head.probs(token_states_of(doc, self.minilm.encoder)[[t.i for t in toks]])

    def spans(self, doc: Doc) -> list[tuple[int, int, float]]:
        """(start, end, score) of each span the taggers in use find in the doc."""
        return decode(text_of(doc), self.token_probs(doc), self.settings)

    def spans_with_peaks(self, doc: Doc, extra: Callable[[list], list[tuple[int, int, float]]] = lambda _: []
                         ) -> tuple[list[tuple[int, int, float, float]], float]:
        """(spans, prior): (start, end, score, peak) of each span the taggers find, and of the spans
        `extra(found)` adds (the component's actors' labels), in text order, with the article's `prior`;
        `peak` is the highest probability of a token of the span (`peak`), and 1 for an added span (it
        passed its own bar, which is not the tagger's)."""
        probs = self.token_probs(doc)
        found = decode(text_of(doc), probs, self.settings)
        peak = self.peaks(probs)
        spans = sorted([(s, e, p, peak(s, e)) for s, e, p in found] + [(s, e, p, 1.0) for s, e, p in extra(found)])
        return spans, self.prior_of(probs)

    def peaks(self, probs: list[tuple[object, float, float]]) -> Callable[[int, int], float]:
        """`peak(start, end)`: the highest probability of lying in a span of a token within start..end (from
        `token_probs`, tokens in text order), as the taggers in use mix it (`Decoding.mix`): where both taggers
        run, a span both find likely was right on the ordinary-news tuning half more often than one MiniLM
        alone was sure of (the record's `ordinary` tables, `newsprism train framing --ordinary`)."""
        st = self.settings
        starts = [tok.idx for tok, _, _ in probs]
        mixed = [st.mix(pc, pl) for _, pc, pl in probs]
        return lambda start, end: round(max(mixed[bisect_left(starts, start) : bisect_left(starts, end)],
                                            default=0.0), 4)

    def prior_of(self, probs: list[tuple[object, float, float]]) -> float:
        """The article's prior: the mean probability of its tokens of lying in a span (`Decoding.mix`), how
        propaganda-like the taggers find the whole text (high on PTC's articles, low on most news)."""
        st = self.settings
        return round(sum(st.mix(pc, pl) for _, pc, pl in probs) / max(1, len(probs)), 4)

    def techniques(self, doc: Doc, spans: list[tuple[int, int]]) -> list[list[tuple[str, float]]]:
        """For each (start, end): all techniques with their probabilities, best first. Where the encoder runs
        and the model has one, the classifier of `techniques-encoder.npz` reads the span features and the
        encoder's span vectors from the same pass (`encoder_span_vectors`); else that of `techniques.npz`, the
        span features alone."""
        clf, dense = self.classifier, None
        if self.minilm is not None and self.encoder_classifier is not None:
            clf = self.encoder_classifier
            dense = encoder_span_vectors(text_of(doc), encoding_of(doc, self.minilm.encoder), spans)
        out = []
        for k, feats in enumerate(span_features(doc, spans)):
            p = clf.proba(feats, None if dense is None else dense[k])
            order = np.argsort(-p)
            out.append([(self.classifier.classes[k], float(p[k])) for k in order])
        return out


# Parts of speech a span does not end on (PTC spans rarely close on "the", "of", "and" or a comma), nor start on.
NOT_LAST = {"DET", "ADP", "CCONJ", "SCONJ", "PART", "PUNCT"}
NOT_FIRST = {"CCONJ", "PUNCT"}


def decode(text: str, probs: list[tuple[object, float, float]], st: Decoding) -> list[tuple[int, int, float]]:
    """Spans from `FramingModel.token_probs`: runs of tokens whose probability of lying in a span
    (MiniLM's share `weight`, the CRF's the rest) reaches the threshold, bridging up to `gap` tokens below
    it but never a line break, where one of its tokens reaches `peak_min`, without function words or
    punctuation at the end (nor a conjunction or punctuation at the start), trimmed and at least `min_chars`
    long; the score is the run's mean."""
    runs: list[list[tuple[object, float]]] = []
    below = 0
    for tok, p_crf, p_lm in probs:
        p = st.mix(p_crf, p_lm)
        if p < st.threshold:
            below += 1
            continue
        last = runs[-1][-1][0] if runs else None
        if last is not None and below <= st.gap and "\n" not in text[last.idx + len(last.text) : tok.idx]:
            runs[-1].append((tok, p))
        else:
            runs.append([(tok, p)])
        below = 0
    out = []
    for run in runs:
        if max(p for _, p in run) < st.peak_min:
            continue
        while run and run[-1][0].pos_ in NOT_LAST:
            run = run[:-1]
        while run and run[0][0].pos_ in NOT_FIRST:
            run = run[1:]
        if not run:
            continue
        s, e = trim(text, run[0][0].idx, run[-1][0].idx + len(run[-1][0].text))
        if e - s >= max(1, st.min_chars):
            out.append((s, e, round(sum(p for _, p in run) / len(run), 4)))
    return out


def save_lexicon(path: Path, lexicon: dict[str, float], prior: float, decoding: dict[str, Decoding]) -> None:
    """Writes the span lexicon and decoding settings as JSON."""
    path.write_text(json.dumps({"prior": prior, "decoding": {k: asdict(v) for k, v in decoding.items()},
                                "lexicon": lexicon}, ensure_ascii=False, sort_keys=True), encoding="utf-8")


def load_model(folder: Path | None = None, use_minilm: bool = False) -> FramingModel:
    """The model stored in `folder` (default: the shipped one), with its MiniLM tagger when `use_minilm`;
    raises `FramingModelMissing` (a file) or `EncoderMissing` (the extra) with a hint."""
    folder = Path(folder) if folder else MODEL_DIR
    need = [folder / n for n in ("spans.crfsuite", "lexicon.json", "techniques.npz")]
    missing = [str(p) for p in need if not p.exists()]
    if missing:
        raise FramingModelMissing(
            f"framing model files missing: {', '.join(missing)}. "
            "Train one with `newsprism train framing --data ../shared/data/ptc/train --out DIR`."
        )
    lex = json.loads(need[1].read_text(encoding="utf-8"))
    decoding = {k: Decoding(**v) for k, v in lex["decoding"].items()}
    weights = folder / minilm.ONNX_FILE
    if use_minilm and not minilm.available():
        raise EncoderMissing("the MiniLM framing tagger needs onnxruntime, tokenizers and the "
                             "packaged all-MiniLM-L6-v2: make setup")
    if use_minilm and not (weights.exists() and "minilm" in decoding):
        raise FramingModelMissing(f"no MiniLM tagger in {folder}: train one with "
                                  "`newsprism train framing --data ../shared/data/ptc/train --out DIR --minilm`")
    tagger = minilm.MiniLMTagger(weights) if use_minilm else None
    stacked, head = folder / ENCODER_TECHNIQUES, folder / HEAD_FILE
    name = "minilm" if use_minilm else "crf"
    verifier = folder / VERIFIER_FILES[name]
    if decoding[name].verifier and not verifier.exists():
        raise FramingModelMissing(f"{verifier} is missing, which the {name} tagger's ordinary-news rule reads: "
                                  "choose the rule again with `newsprism train framing --out DIR --ordinary "
                                  "annotations/framing`")
    return FramingModel(need[0], lex["lexicon"], float(lex["prior"]), decoding, TechniqueClassifier.load(need[2]),
                        tagger, TechniqueClassifier.load(stacked) if use_minilm and stacked.exists() else None,
                        SpanHead.load(head) if use_minilm and head.exists() else None,
                        Verifier.load(verifier) if decoding[name].verifier else None)


def shipped_model(folder: str | None = None, tagger: str = "crf") -> FramingModel:
    """`load_model`, loaded once per process, folder and span tagger ("crf", or "minilm": the CRF averaged
    with the MiniLM tagger)."""
    if tagger not in ("crf", "minilm"):
        raise ValueError(f"the framing tagger is 'crf' or 'minilm', not {tagger!r}")
    return _cached_model(str(folder) if folder else None, tagger)


@lru_cache(maxsize=4)
def _cached_model(folder: str | None, tagger: str) -> FramingModel:
    """`load_model` for one folder and tagger choice."""
    return load_model(Path(folder) if folder else None, tagger == "minilm")


def token_means(char_probs: np.ndarray, toks: list) -> list[float]:
    """The mean of `char_probs` over each token's characters, for a doc's tokens at once: tokens of one
    length are gathered into rows and summed together (each row as numpy sums one slice: the same float32
    figures as a slice's `mean`, at a fifth of the cost of a slice and mean per token)."""
    starts = np.array([t.idx for t in toks], dtype=np.int64)
    lengths = np.array([len(t.text) for t in toks], dtype=np.int64)
    out = np.empty(len(toks), dtype=np.float32)
    for length in np.unique(lengths).tolist():
        sel = np.flatnonzero(lengths == length)
        out[sel] = char_probs[starts[sel, None] + np.arange(length)].sum(axis=1) / np.float32(length)
    return out.tolist()
