"""The event detector: does a sentence report that an identifiable actor did one of the PLOVER actions,
and if so, which?

Two logistic regressions (event or NONE; the PLOVER type) over cheap features of the parsed sentence, no
vectors: its lemmas and verbs, the main verb and what hangs from it (subject, negation, modals, a
reported-speech verb and the clause it reports), the entity types present, the PLOVER cue words as
features (never a gate), how much of it lies in quotation marks, and its shape (length, figures, final
punctuation, capitals: captions, bylines and headlines look different from reported events). Trained by
`newsprism.events.training` on the hand-annotated news sentences of `annotations/events/` (most of them
NONE) with the PLOVER GSR and CASE 2021 snippets as extra examples; the probability of an event is the
event's `score`.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache
from pathlib import Path

import numpy as np
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from spacy.tokens import Doc, Span, Token

from newsprism import lexicons
from newsprism.doctext import text_of
from newsprism.events import classifier, cues
from newsprism.events.counts import sentence_counts

MODEL_DIR = Path(__file__).resolve().parents[1] / "models"
# Quotations skipped as reported speech: double marks, single marks only around 20 characters or more (the
# quotation-mark table's "event_detector" subset, newsprism/lexicons/quote_marks.json; the model was trained with it).
_MARKS = lexicons.load("quote_marks")["event_detector"]
QUOTED = re.compile("|".join([f"{re.escape(o)}[^{re.escape(c)}]*{re.escape(c)}" for o, c in _MARKS["double"].items()]
                             + [f"{re.escape(o)}[^{re.escape(c)}]{{20,}}{re.escape(c)}" for o, c in _MARKS["long_single"].items()]))
SPEECH = lexicons.words("reporting_verbs", "event_detector_speech")
MODALS = lexicons.words("event_cues", "modals")
ACTOR_ENTS = {"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"}
DEFAULT_THRESHOLD = 0.5  # P(event) from which a sentence is an event, unless training chose one on development
TITLE_CASE_SHARE = 0.6  # a sentence with more of its words capitalised than this is a headline or caption
MAX_ITER = 3000  # the logistic regressions' solver iterations: enough to converge on the training sentences
FINAL = ".?!:" + "".join(dict.fromkeys(_MARKS["double"].values()))  # sentence-final punctuation, closing double marks included


def quoted_ranges(text: str) -> list[tuple[int, int]]:
    """(start, end) of every stretch of `text` between quotation marks."""
    return [(m.start(), m.end()) for m in QUOTED.finditer(text)]


def quoted_share(sent: Span, quoted: list[tuple[int, int]]) -> float:
    """The share of the sentence's characters that lie between quotation marks."""
    lo, hi = sent.start_char, sent.end_char
    inside = sum(max(0, min(e, hi) - max(s, lo)) for s, e in quoted)
    return inside / max(1, hi - lo)


def _bucket(n: int, edges: tuple[int, ...]) -> str:
    return str(next((e for e in edges if n <= e), "more"))


def _clause_features(head: Token, prefix: str, feats: dict[str, float]) -> None:
    """Features of a clause's head verb: its lemma, subject kind, negation, modals, voice and tense."""
    feats[f"{prefix}={head.lemma_.lower()}"] = 1.0
    feats[f"{prefix}.pos={head.pos_}"] = 1.0
    feats[f"{prefix}.tag={head.tag_}"] = 1.0
    for c in head.children:
        dep = c.dep_
        if dep in ("nsubj", "nsubjpass", "csubj"):
            kind = c.ent_type_ or ("PRON:" + c.lower_ if c.pos_ == "PRON" else c.pos_)
            feats[f"{prefix}.{dep}={kind}"] = 1.0
            if c.pos_ == "NOUN":
                feats[f"{prefix}.subj_lemma={c.lemma_.lower()}"] = 1.0
        elif dep == "neg":
            feats[f"{prefix}.neg"] = 1.0
        elif dep in ("aux", "auxpass") and c.lower_ in MODALS:
            feats[f"{prefix}.modal={c.lower_}"] = 1.0
        elif dep == "auxpass":
            feats[f"{prefix}.passive"] = 1.0
        elif dep == "dobj":
            feats[f"{prefix}.dobj={c.lemma_.lower()}"] = 1.0
        elif dep == "agent":
            feats[f"{prefix}.agent"] = 1.0
        elif dep == "mark" and c.lower_ in ("if", "whether", "unless"):
            feats[f"{prefix}.conditional"] = 1.0


def predicate(sent: Span) -> Token:
    """The verb that carries the sentence's event: the root, or the clause it reports where the root is a
    reporting verb ("..., officials said" -> the reported verb)."""
    root = sent.root
    if root.lemma_.lower() in SPEECH:
        reported = [c for c in root.children if c.dep_ in ("ccomp", "xcomp")]
        if reported:
            return reported[0]
    return root


def ents_by_sentence(doc: Doc, sents: list[Span]) -> list[list[Span]]:
    """The named entities of each of `sents` (the Doc's sentences, in order), found in one pass over the Doc
    (`Span.ents` walks all of the Doc's entities at each call)."""
    starts = [s.start for s in sents]
    out: list[list[Span]] = [[] for _ in sents]
    for ent in doc.ents:
        i = bisect_right(starts, ent.start) - 1
        if i >= 0 and ent.end <= sents[i].end:
            out[i].append(ent)
    return out


def features(sent: Span, quoted: list[tuple[int, int]] | None = None,
             ents: list[Span] | None = None) -> dict[str, float]:
    """The detector's sparse features of one parsed sentence (`quoted`: the quotation ranges of its Doc;
    `ents`: its entities where already known)."""
    feats: dict[str, float] = {"bias": 1.0}
    words = [t for t in sent if not t.is_space]
    alpha = [t for t in words if t.is_alpha]
    for t in alpha:
        lemma = t.lemma_.lower()
        if not t.is_stop:
            feats[f"w={lemma}"] = 1.0
        if t.pos_ == "VERB":
            feats[f"v={lemma}"] = 1.0
    root = sent.root
    _clause_features(root, "root", feats)
    if root.lemma_.lower() in SPEECH:
        feats["speech"] = 1.0
        for c in root.children:
            if c.dep_ in ("ccomp", "xcomp"):
                _clause_features(c, "said", feats)
                for k, v in cues.cue_features(sent.doc[c.left_edge.i: c.right_edge.i + 1]).items():
                    feats[f"said.{k}"] = v
    for c in root.children:
        if c.dep_ in ("xcomp", "conj", "advcl") and c.pos_ == "VERB":
            feats[f"root.{c.dep_}={c.lemma_.lower()}"] = 1.0
    found = cues.cue_features(sent)
    feats.update(found)
    if not found:
        feats["nocue"] = 1.0
    for c in sentence_counts(sent):
        feats[f"count={c.kind}"] = 1.0
    ents = sent.ents if ents is None else ents
    for ent in ents:
        feats[f"ent={ent.label_}"] = 1.0
        if ent.label_ in ACTOR_ENTS and ent.root.dep_ in ("nsubj", "nsubjpass", "agent", "pobj", "dobj", "poss"):
            feats[f"ent.{ent.root.dep_}={ent.label_}"] = 1.0
    if not any(e.label_ in ACTOR_ENTS for e in ents):
        feats["no_actor_entity"] = 1.0
    share = quoted_share(sent, quoted or [])
    feats["quoted"] = share
    feats[f"quoted>{_bucket(int(share * 10), (0, 4, 9))}"] = 1.0
    text = sent.text.strip()
    feats[f"len<={_bucket(len(words), (5, 10, 20, 35, 60))}"] = 1.0
    last = text[-1:]
    feats["end=" + (last if last and last in FINAL else "other")] = 1.0
    if not any(t.pos_ in ("VERB", "AUX") for t in words):
        feats["no_verb"] = 1.0
    if alpha and sum(t.is_title or t.is_upper for t in alpha) / len(alpha) > TITLE_CASE_SHARE:
        feats["title_case"] = 1.0
    feats[f"numbers={_bucket(sum(t.like_num for t in words), (0, 1, 3))}"] = 1.0
    if "\n" in text:
        feats["newline"] = 1.0
    return feats


def snippet_features(spans: list[Span], snippet_model) -> list[dict[str, float]]:
    """The PLOVER snippet classifier's view of each span (`classifier.EventClassifier`, trained on the GSR
    with the cue lexicon): its score for each type and its answer, as features for the typer."""
    if not spans:
        return []
    rows = snippet_model.svm.decision_function(snippet_model._matrix(spans, fit=False))
    answers = snippet_model.predict(spans)
    return [{**{f"svm={c}": float(v) for c, v in zip(snippet_model.svm.classes_, row)}, f"svm_top={a}": 1.0}
            for row, a in zip(rows, answers)]


class EventDetector:
    """Sentence -> (probability that it reports an event, its PLOVER type): the features above into two
    logistic regressions, one deciding event or NONE, one choosing the type of a sentence that holds one
    (with the PLOVER snippet classifier's scores as further features)."""

    kind = "linear"
    calibrator = None  # a `calibration.Calibrator` fitted on the tuning split (None: raw probabilities)

    def __init__(self, C: float = 0.1, type_C: float = 3.0, threshold: float = DEFAULT_THRESHOLD,
                 seed: int = 0) -> None:
        self.vectorizer = DictVectorizer()
        self.type_vectorizer = DictVectorizer()
        self.model = LogisticRegression(C=C, max_iter=MAX_ITER, random_state=seed)
        self.typer = LogisticRegression(C=type_C, max_iter=MAX_ITER, random_state=seed)
        self.threshold = threshold  # the default minimum score, chosen on the development split

    def fit_decision(self, feats: list[dict[str, float]], is_event: list[bool],
                     weights: list[float]) -> "EventDetector":
        """Learns the features' vocabulary and the event-or-NONE decision from weighted examples."""
        self.model.fit(self.vectorizer.fit_transform(feats), is_event, sample_weight=weights)
        return self

    def fit_typer(self, feats: list[dict[str, float]], types: list[str], weights: list[float]) -> "EventDetector":
        """Learns the PLOVER type from weighted examples that hold an event (`features` merged with
        `snippet_features`)."""
        self.typer.fit(self.type_vectorizer.fit_transform(feats), types, sample_weight=weights)
        return self

    def raw_scores(self, feats: list[dict[str, float]]) -> list[float]:
        """The logistic regression's probability of an event per feature dict, before calibration."""
        if not feats:
            return []
        column = list(self.model.classes_).index(True)
        return [float(p) for p in self.model.predict_proba(self.vectorizer.transform(feats))[:, column]]

    def scores(self, feats: list[dict[str, float]]) -> list[float]:
        """The probability of an event per feature dict: calibrated where a calibrator was fitted."""
        raw = self.raw_scores(feats)
        return [float(p) for p in self.calibrator(raw)] if self.calibrator is not None and raw else raw

    def types(self, feats: list[dict[str, float]], spans: list[Span], snippet_model) -> list[str]:
        """The most likely PLOVER type of each span, from its features and the snippet classifier's view."""
        if not feats:
            return []
        merged = [{**f, **g} for f, g in zip(feats, snippet_features(spans, snippet_model))]
        return [str(t) for t in self.typer.predict(self.type_vectorizer.transform(merged))]

    def type_probabilities(self, feats: list[dict[str, float]], spans: list[Span], snippet_model,
                           classes) -> np.ndarray:
        """The typer's probability of each of `classes` (0 for a class it never saw), one row per span."""
        merged = [{**f, **g} for f, g in zip(feats, snippet_features(spans, snippet_model))]
        probs = self.typer.predict_proba(self.type_vectorizer.transform(merged))
        column = {c: k for k, c in enumerate(self.typer.classes_)}
        out = np.zeros((len(spans), len(classes)))
        for j, c in enumerate(classes):
            if c in column:
                out[:, j] = probs[:, column[c]]
        return out

    def decide(self, doc: Doc, sents: list[Span], floor: float,
               model_dir: Path = MODEL_DIR) -> list[tuple[float, str | None]]:
        """(score, PLOVER type) for each of `sents`, sentences of `doc`; the type only where the score
        reaches `floor` (None elsewhere), by the PLOVER classifier of `model_dir`."""
        quoted = quoted_ranges(text_of(doc))
        feats = [features(s, quoted, e) for s, e in zip(sents, ents_by_sentence(doc, sents))]
        scores = self.scores(feats)
        keep = [i for i, sc in enumerate(scores) if sc >= floor]
        kinds = self.types([feats[i] for i in keep], [sents[i] for i in keep], classifier.load("plover", model_dir))
        out: list[tuple[float, str | None]] = [(sc, None) for sc in scores]
        for i, kind in zip(keep, kinds):
            out[i] = (scores[i], kind)
        return out


def model_path(model_dir: Path = MODEL_DIR, kind: str = "linear") -> Path:
    """Where the trained detector of `kind` ('linear' or 'encoder') is stored."""
    return model_dir / ("events_detector.joblib" if kind == "linear" else f"events_detector_{kind}.joblib")


def record_path(model_dir: Path = MODEL_DIR) -> Path:
    """The model record: which detector is the default, and both detectors' figures (written by training)."""
    return model_dir / "events_detector.json"


def default_kind(model_dir: Path = MODEL_DIR) -> str:
    """The detector the record names as the default ('linear' where no record says otherwise)."""
    import json

    path = record_path(model_dir)
    return json.loads(path.read_text(encoding="utf-8")).get("default", "linear") if path.exists() else "linear"


@lru_cache(maxsize=4)
def load(model_dir: Path = MODEL_DIR, kind: str | None = None):
    """The trained detector of `kind` (None: the record's default), loaded once; None where it has not been
    trained. Both kinds answer `decide(doc, sents, floor, model_dir)` and carry their `threshold`."""
    import joblib

    path = model_path(model_dir, kind or default_kind(model_dir))
    return joblib.load(path) if path.exists() else None
