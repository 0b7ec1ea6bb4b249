"""The encoder event detector: does a sentence report an event, and of which PLOVER type, read from the
shared encoder's pass over the whole article (`newsprism.encoder`, the MiniLM the framing and tone heads
read), so the decision sees the sentence's words in their context, not only cue features.

A sentence's vector joins poolings of the encoder's last-layer states (the pass runs over windows of whole
lines of the article, so each state has read its neighbours), those of `POOLS` the training chose on the
tuning part: the mean over the sentence's wordpieces, and the states of the words that carry its event
(its root verb; its predicate, the clause a reporting verb reports, so "X was detained, officials said"
is read at "detained"; its PLOVER cue words; the predicate's subject). A sentence mean alone blurs the
event's word among the rest. Two small heads (scikit-learn, numpy at run time; no PyTorch): event or NONE
over the standardised vector and, where `stack` is set, the linear detector's logit (cross-fitted in training,
so the head learns how far to trust it): a logistic regression, and beside it, where training chose them
(`heads`), a seeded bag of one-hidden-layer perceptrons (`SeedBag`) and gradient-boosted trees over the same
input plus the linear detector's cue and clause features (`cue_vectorizer`), their logits averaged (the three
err on different sentences: non-linear heads alone ranked no better than the logistic one on tune, averaged
they ranked better); the averaged logit then mixed with the
linear detector's by the weight `mix` chosen on the tuning part (the head learns its trust in the linear score on
out-of-fold training scores; the mix corrects it on the news the tune part holds); and the PLOVER type over the
vector and the PLOVER snippet classifier's scores, its probabilities averaged with the linear detector's
typer where `blend` is set (the two err on different sentences). Trained and compared with the linear
detector by `newsprism.events.training`; the score is calibrated on the tuning split like the linear one's.
Where training fitted it (`sentence_stage`), a last stage reads the sentences the heads do not rule out with a
second model, MiniLM fine-tuned on the event sentences alone (`newsprism.events.sentence_model`), and averages
the two scores (`with_sentence_model`).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import StandardScaler
from spacy.tokens import Doc, Span, Token

from newsprism.events import classifier, cues, detector, sentence_model

MAX_ITER = 3000
DIM = 384  # the encoder's hidden size
POOLS = ("mean", "root", "predicate", "cue", "subject")  # the poolings a sentence vector can join, in this order
HEADS = ("logistic", "bag", "boost", "attend")  # the decision heads whose logits `raw_scores` can average
# The non-linear heads' settings, chosen on the tuning part by average precision beside the logistic head
# (heads over cached vectors, the same inputs as `training`): perceptrons of 32 hidden units, L2 penalty 1.0, early
# stopping on a seeded tenth, five seeds averaged (one seed, 128 units or penalties 0.01-10 ranked lower);
# trees of 15 leaves at learning rate 0.05 with early stopping (31 leaves at 0.1 lower; trees over the linear
# logit and cue features alone, without the vector, far lower).
BAG_SEEDS, BAG_HIDDEN, BAG_ALPHA = 5, 32, 1.0
BOOST = {"learning_rate": 0.05, "max_leaf_nodes": 15, "max_iter": 500, "l2_regularization": 1.0,
         "early_stopping": True, "validation_fraction": 0.1}
CUE_MIN_COUNT = 30  # a linear feature (not a word or verb lemma) enters the trees where this many training examples hold it


def pool_tokens(sent: Span, pool: str) -> list[Token]:
    """The words whose states make the `pool` of a sentence (empty for 'mean', the whole sentence); a pool
    with no word of its kind (no cue word, no subject) falls back to the predicate."""
    if pool == "root":
        return [sent.root]
    pred = detector.predicate(sent)
    if pool == "cue":
        found = [t for t in sent if cues.word_types(t.lemma_)]
    elif pool == "subject":
        found = [c for c in pred.children if c.dep_ in ("nsubj", "nsubjpass")]
    elif pool == "predicate":
        found = [pred]
    else:
        raise ValueError(f"unknown pooling {pool!r}; use one of {POOLS}")
    return found or [pred]


def sentence_vectors(doc: Doc, sents: list[Span], pools: tuple[str, ...] = ("mean",)) -> np.ndarray:
    """(len(sents), 384 * len(pools)) float32: each sentence's `pools` of encoder states joined (the mean
    state of the wordpieces of the sentence or of the pool's words; zeros where the sentence has none),
    from the Doc's one encoder pass (`doc._.encoding`, made here where no head made it yet)."""
    from newsprism.encoder.doc import encoding_of
    from newsprism.encoder.run import shared_encoder

    enc = encoding_of(doc, shared_encoder())
    out = np.zeros((len(sents), DIM * len(pools)), dtype=np.float32)
    for i, s in enumerate(sents):
        whole = enc.mean_state(s.start_char, s.end_char)
        if whole is None:
            continue
        for k, pool in enumerate(pools):
            v = None
            if pool != "mean":
                words = [enc.mean_state(t.idx, t.idx + len(t.text)) for t in pool_tokens(s, pool)]
                words = [w for w in words if w is not None]
                v = np.mean(words, axis=0) if words else None
            out[i, k * DIM:(k + 1) * DIM] = whole if v is None else v
    return out


def logit(p) -> np.ndarray:
    """log(p / (1 - p)), clipped away from 0 and 1."""
    q = np.clip(np.asarray(p, dtype=float), 1e-4, 1 - 1e-4)
    return np.log(q / (1 - q))


def mixed(head, linear_scores, mix: float) -> np.ndarray:
    """The probability whose logit is (1 - mix) * logit(head) + mix * logit(linear_scores); `head` as it is where
    `mix` is 0."""
    head = np.asarray(head, dtype=float)
    if not mix:
        return head
    return 1.0 / (1.0 + np.exp(-((1 - mix) * logit(head) + mix * logit(linear_scores))))


class SeedBag:
    """Perceptrons of one hidden layer, one per seed, their P(event) averaged: one seed's ranking swings with its
    initialisation and early-stopping split; the average is steadier. Weights stored as float32 (half the file)."""

    def __init__(self, seeds: int = BAG_SEEDS, hidden: int = BAG_HIDDEN, alpha: float = BAG_ALPHA, seed: int = 0) -> None:
        from sklearn.neural_network import MLPClassifier  # training only: a shipped bag unpickles its own

        self.members = [MLPClassifier((hidden,), alpha=alpha, early_stopping=True, max_iter=300, random_state=seed + k)
                        for k in range(seeds)]

    @property
    def classes_(self) -> np.ndarray:
        return self.members[0].classes_

    def fit(self, x: np.ndarray, y: list[bool], sample_weight: list[float]) -> "SeedBag":
        for m in self.members:
            m.fit(x, y, sample_weight=sample_weight)
            m.coefs_ = [c.astype(np.float32) for c in m.coefs_]
            m.intercepts_ = [c.astype(np.float32) for c in m.intercepts_]
            for fitting_only in ("_optimizer", "_best_coefs", "_best_intercepts"):  # the optimiser's state and a
                setattr(m, fitting_only, None)  # copy of the weights: three times the weights, unused to predict
        return self

    def predict_proba(self, x: np.ndarray) -> np.ndarray:
        return np.mean([m.predict_proba(x) for m in self.members], axis=0)


def cue_columns(feats: list[dict[str, float]], min_count: int = CUE_MIN_COUNT) -> "DictVectorizer":
    """A DictVectorizer of the linear detector's features that `min_count` or more of `feats` hold, word and verb
    lemmas left out (the encoder's vector reads the words): cues, clause shape, entities, quotation, length."""
    from sklearn.feature_extraction import DictVectorizer  # training only

    vec = DictVectorizer().fit(feats)
    held = np.asarray((vec.transform(feats) != 0).sum(axis=0)).ravel()
    return vec.restrict([h >= min_count and not name.startswith(("w=", "v="))
                         for h, name in zip(held, vec.get_feature_names_out())])


def averaged(probabilities: dict[str, np.ndarray], heads: tuple[str, ...]) -> np.ndarray:
    """The probability whose logit is the mean of the logits of `heads` (keys of `probabilities`); one head's
    probability as it is."""
    if len(heads) == 1:
        return np.asarray(probabilities[heads[0]], dtype=float)
    return 1.0 / (1.0 + np.exp(-np.mean([logit(probabilities[h]) for h in heads], axis=0)))


def snippet_scores(spans: list[Span], snippet_model) -> np.ndarray:
    """The PLOVER snippet classifier's score for each type, one row per span."""
    if not spans:
        return np.zeros((0, len(snippet_model.svm.classes_)))
    return np.atleast_2d(snippet_model.svm.decision_function(snippet_model._matrix(spans, fit=False)))


class EncoderEventDetector:
    """Sentence vectors (and the linear detector's logit) -> P(event); vectors and snippet scores -> type."""

    kind = "encoder"
    calibrator = None

    pools = ("mean",)  # the poolings of `sentence_vectors` the heads read
    blend = False  # whether the type's probabilities are averaged with the linear detector's typer's
    mix = 0.0  # the linear detector's share of the final logit (0: the stacked head's alone)
    heads = ("logistic",)  # the decision heads (`HEADS`) whose logits are averaged
    bag = None  # the perceptrons' head (`SeedBag`), where fitted
    attend = None  # the attention head over the sentence's wordpieces (`newsprism.events.attend`), where fitted
    type_source = "vector"  # the typer: "vector" (the logistic typer over the vector) or "attend" (the attention head's types)
    boost = None  # the trees' head, where fitted, with the cue columns they read beside the vector
    cue_vectorizer = None
    # The sentence model's stage (`newsprism.events.sentence_model`), where fitted on the tuning part: {"gate": the
    # calibrated score from which a sentence is read by it, "type_weight": its share of the type's probabilities}
    sentence_stage = None
    stage_calibrator = None  # maps the average of the two scores to a calibrated probability (fitted on tune)

    def __init__(self, C: float = 0.1, type_C: float = 0.3, stack: bool = True,
                 threshold: float = detector.DEFAULT_THRESHOLD, seed: int = 0,
                 pools: tuple[str, ...] = ("mean",), blend: bool = False, mix: float = 0.0) -> None:
        self.pools = tuple(pools)
        self.blend = blend
        self.mix = mix
        self.scaler = StandardScaler()
        self.model = LogisticRegression(C=C, max_iter=MAX_ITER, random_state=seed)
        self.typer = LogisticRegression(C=type_C, max_iter=MAX_ITER, random_state=seed)
        self.stack = stack
        self.threshold = threshold
        self.linear = None  # the linear detector whose logit is stacked (not stored: loaded beside this one)

    def __getstate__(self) -> dict:
        state = dict(self.__dict__)
        state["linear"] = None
        return state

    def matrix(self, vectors: np.ndarray, linear_scores: list[float] | None) -> np.ndarray:
        """The decision head's input: standardised vectors, and the linear detector's logit where stacked."""
        x = self.scaler.transform(vectors)
        return np.hstack([x, logit(linear_scores).reshape(-1, 1)]) if self.stack else x

    def fit_decision(self, vectors: np.ndarray, linear_scores: list[float] | None, is_event: list[bool],
                     weights: list[float]) -> "EncoderEventDetector":
        self.scaler.fit(vectors)
        self.model.fit(self.matrix(vectors, linear_scores), is_event, sample_weight=weights)
        return self

    def fit_partners(self, vectors: np.ndarray, linear_scores: list[float] | None, is_event: list[bool],
                     weights: list[float], feats: list[dict[str, float]], seed: int = 0) -> "EncoderEventDetector":
        """Fits the non-linear heads on the input of the fitted logistic one (`fit_decision` first): the bag
        of perceptrons, and the trees with the cue columns of `feats` (the linear detector's features of
        the same examples) beside it. `heads` says which of them `raw_scores` averages."""
        from sklearn.ensemble import HistGradientBoostingClassifier

        x = self.matrix(vectors, linear_scores)
        self.bag = SeedBag(seed=seed).fit(x, is_event, weights)
        self.cue_vectorizer = cue_columns(feats)
        self.boost = HistGradientBoostingClassifier(random_state=seed, **BOOST)
        self.boost.fit(self.boost_matrix(x, feats), is_event, sample_weight=weights)
        # The bin edges of every column serve binning the training data (and categorical columns, none here);
        # the trees predict from their own thresholds: most of the file, dropped.
        mapper = self.boost._bin_mapper
        mapper.bin_thresholds_ = [np.zeros(0) if not cat else t
                                  for t, cat in zip(mapper.bin_thresholds_, mapper.is_categorical_)]
        return self

    def boost_matrix(self, x: np.ndarray, feats: list[dict[str, float]]) -> np.ndarray:
        """The trees' input: the decision head's input and the cue columns of the linear features."""
        return np.hstack([x, self.cue_vectorizer.transform(feats).toarray()])

    def head_probabilities(self, vectors: np.ndarray, linear_scores: list[float] | None,
                           feats: list[dict[str, float]] | None = None, items: list | None = None) -> dict[str, np.ndarray]:
        """P(event) of each fitted decision head (`HEADS`), by name, before any averaging or mix (`items`: what
        the attention head reads of the sentences, `attend.sentence_items`, where it is one of the heads)."""
        x = self.matrix(vectors, linear_scores)
        out = {"logistic": self.model.predict_proba(x)[:, list(self.model.classes_).index(True)]}
        if self.bag is not None and "bag" in self.heads:
            out["bag"] = self.bag.predict_proba(x)[:, list(self.bag.classes_).index(True)]
        if self.boost is not None and "boost" in self.heads:
            if feats is None:
                raise ValueError("the trees' head reads the linear detector's features: pass feats")
            out["boost"] = self.boost.predict_proba(self.boost_matrix(x, feats))[:, list(self.boost.classes_).index(True)]
        if self.attend is not None and "attend" in self.heads:
            if items is None:
                raise ValueError("the attention head reads the sentences' wordpieces: pass items")
            out["attend"] = self.attend.event_probabilities(items)
        return out

    def fit_typer(self, vectors: np.ndarray, snippet: np.ndarray, types: list[str],
                  weights: list[float]) -> "EncoderEventDetector":
        self.typer.fit(np.hstack([self.scaler.transform(vectors), snippet]), types, sample_weight=weights)
        return self

    def raw_scores(self, vectors: np.ndarray, linear_scores: list[float] | None,
                   feats: list[dict[str, float]] | None = None, items: list | None = None) -> list[float]:
        """P(event) per sentence before calibration: the mean logit of the `heads` (`averaged`), mixed with the
        linear detector's raw score's by `mix` where the linear score is stacked (`feats`: the linear
        features of the sentences, read by the trees' head where it is one of the `heads`)."""
        if not len(vectors):
            return []
        head = averaged(self.head_probabilities(vectors, linear_scores, feats, items), self.heads)
        return [float(p) for p in mixed(head, linear_scores, self.mix if self.stack else 0.0)]

    def scores(self, vectors: np.ndarray, linear_scores: list[float] | None,
               feats: list[dict[str, float]] | None = None, items: list | None = None) -> list[float]:
        """P(event) per sentence: calibrated where a calibrator was fitted."""
        raw = self.raw_scores(vectors, linear_scores, feats, items)
        return [float(p) for p in self.calibrator(raw)] if self.calibrator is not None and raw else raw

    def type_probabilities(self, vectors: np.ndarray, snippet: np.ndarray, items: list | None = None) -> np.ndarray:
        """The typer's probability of each of `typer.classes_`, one row per sentence: the logistic typer's, or
        the attention head's where `type_source` says so (`items`: what it reads of the sentences)."""
        if self.type_source == "attend":
            return self.attend.type_probabilities(items, self.typer.classes_)
        return self.typer.predict_proba(np.hstack([self.scaler.transform(vectors), snippet]))

    def types(self, vectors: np.ndarray, snippet: np.ndarray, linear_probs: np.ndarray | None = None,
              items: list | None = None, sentence_probs: np.ndarray | None = None) -> list[str]:
        """The most likely PLOVER type of each sentence: by this typer's probabilities, averaged with the
        linear typer's (`linear_probs`, same classes) where given, then mixed with the sentence model's
        (`sentence_probs`, same classes; NaN rows where it did not read the sentence) by the stage's `type_weight`."""
        if not len(vectors):
            return []
        probs = self.type_probabilities(vectors, snippet, items)
        if linear_probs is not None:
            probs = (probs + linear_probs) / 2
        if sentence_probs is not None:
            read = ~np.isnan(sentence_probs[:, 0])
            w = self.sentence_stage["type_weight"]
            probs[read] = (1 - w) * probs[read] + w * sentence_probs[read]
        return [str(self.typer.classes_[k]) for k in probs.argmax(1)]

    def with_sentence_model(self, sents: list[Span], scores: list[float],
                            model_dir: Path) -> tuple[list[float], np.ndarray]:
        """The stage's scores of `sents` (the average of the heads' calibrated score and the sentence model's
        1 - P(NONE), calibrated, for sentences the heads score at least the gate; the heads' score alone,
        calibrated, below it), and the sentence model's type probabilities over `typer.classes_` (renormalised;
        NaN rows where it did not read the sentence)."""
        heads = np.asarray(scores, dtype=float)
        read = np.flatnonzero(heads >= self.sentence_stage["gate"])
        type_probs = np.full((len(sents), len(self.typer.classes_)), np.nan)
        if len(read):
            model = sentence_model.load(sentence_model.model_path(model_dir))
            probs = model.probabilities([sents[i].text for i in read])
            heads[read] = (heads[read] + 1 - probs[:, 0]) / 2
            column = {c: k for k, c in enumerate(model.classes)}
            mapped = np.array([probs[:, column[c]] if c in column else np.zeros(len(read)) for c in self.typer.classes_]).T
            type_probs[read] = mapped / np.maximum(mapped.sum(1, keepdims=True), 1e-9)
        return [float(p) for p in self.stage_calibrator(heads)], type_probs

    def linear_model(self, model_dir: Path):
        """The linear detector this one stacks or blends (set in training, else loaded beside it)."""
        return self.linear or detector.load(model_dir, "linear")

    def decide(self, doc: Doc, sents: list[Span], floor: float,
               model_dir: Path = detector.MODEL_DIR) -> list[tuple[float, str | None]]:
        """(score, PLOVER type) for each of `sents`, sentences of `doc`; the type only where the score
        reaches `floor` (None elsewhere)."""
        if not sents:
            return []
        vectors = sentence_vectors(doc, sents, self.pools)
        feats = None
        if self.stack or self.blend or "boost" in self.heads:
            quoted = detector.quoted_ranges(doc.text)
            feats = [detector.features(s, quoted, e) for s, e in zip(sents, detector.ents_by_sentence(doc, sents))]
        linear_scores = self.linear_model(model_dir).raw_scores(feats) if self.stack else None
        items = None
        if self.attend is not None and ("attend" in self.heads or self.type_source == "attend"):
            from newsprism.events.attend import sentence_items

            items = sentence_items(doc, sents)
        scores = self.scores(vectors, linear_scores, feats, items)
        sentence_probs = None
        if self.sentence_stage is not None:
            scores, sentence_probs = self.with_sentence_model(sents, scores, model_dir)
        keep = [i for i, sc in enumerate(scores) if sc >= floor]
        out: list[tuple[float, str | None]] = [(sc, None) for sc in scores]
        if not keep:
            return out
        snippet_model = classifier.load("plover", model_dir)
        spans = [sents[i] for i in keep]
        linear_probs = None
        if self.blend:
            linear_probs = self.linear_model(model_dir).type_probabilities(
                [feats[i] for i in keep], spans, snippet_model, self.typer.classes_)
        kinds = self.types(vectors[keep], snippet_scores(spans, snippet_model), linear_probs,
                           [items[i] for i in keep] if items is not None else None,
                           sentence_probs[keep] if sentence_probs is not None else None)
        for i, kind in zip(keep, kinds):
            out[i] = (scores[i], kind)
        return out
