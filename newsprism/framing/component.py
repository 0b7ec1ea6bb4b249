"""The `newsprism_framing` component: marks spans that use one of the 14 propaganda techniques of the
Propaganda Techniques Corpus, each with a score.

Order of work: spaCy's parse (tok2vec, tags, lemmas, NER) -> the CRF span tagger (averaged with the MiniLM
tagger of the shared encoder when `tagger` is "minilm") proposes spans -> the actors' loaded labels and
the events' loaded verbs join them (`added_spans`) -> spans off prose lines (page furniture) go, and those not shown on ordinary news (a peak,
or the span verifier's score where the tagger's rule reads it, or an article prior below the thresholds chosen
for ordinary news, `Decoding.shows`) go (`candidate_spans`,
`framing_spans`) -> the technique classifier names each span ->
each span's voice from `doc._.quotes` -> `doc._.framing = [FramingSpan]` (`newsprism.schema` dataclasses),
best score first per span, and the same in spaCy's terms, `doc.spans["newsprism_framing"]`: each span labelled with its technique, widened to whole
tokens.

Settings (`pipeline.load(config={"newsprism_framing": {...}})`): `tagger`, "minilm" (default: the shared
encoder's span head averaged with the CRF) or "crf" (`--fast`, or `--framing-tagger crf`), `model_dir` (another model folder than the shipped one) and `shown_min` (the
peak a span needs to be shown, whatever the article's prior; default: the tagger's own rule for ordinary news,
`Decoding.shows`); the
model loads once, in the factory. The SemEval-2020 Task 11 file formats and scoring behind `newsprism framing` and
`newsprism eval framing` are in `newsprism.framing.evaluation`.
"""

from __future__ import annotations

import re
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import registry

from newsprism import native
from newsprism.doctext import text_of
from newsprism.framing import DEFAULT_TAGGER, minilm
from newsprism.framing.features import word_key
from newsprism.framing.model import ENCODER_TECHNIQUES, MODEL_DIR, FramingModel, shipped_model
from newsprism.framing.span_head import HEAD_FILE
from newsprism.framing.verifier import FILES as VERIFIER_FILES
from newsprism.framing.verifier import candidate_features
from newsprism.schema import FramingSpan
from newsprism.quotes.voice import voice_of
from newsprism.readers.furniture import is_furniture

__all__ = ["FramingComponent", "added_spans", "candidate_cues", "candidate_spans", "event_spans", "framing_spans",
           "label_spans", "prose"]

SPANS_KEY = "newsprism_framing"  # doc.spans[SPANS_KEY]: the framing spans, labelled with their technique

# A second technique is reported for a span when the classifier gives it at least this probability.
SECOND_TECHNIQUE_MIN = 0.3

for _name in ("framing", "entities", "quotes", "events"):  # what the component writes and reads
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


def framing_score(examples, **kwargs) -> dict:
    """The framing spans in `doc.spans["newsprism_framing"]` against the gold `Doc`s', each with its technique
    (`spans_newsprism_framing_p/r/f`, per technique in `spans_newsprism_framing_per_type`); token-exact, so
    stricter than the SemEval span score of `newsprism eval framing`, which credits partial overlap."""
    return native.span_scores(examples, SPANS_KEY, labeled=True, **kwargs)


@registry.scorers("newsprism.framing_scorer.v1")
def make_framing_scorer():
    """The framing scorer (`FramingComponent.score`): `framing_score`."""
    return framing_score


# The files of a framing model folder that `to_disk` carries (the MiniLM tagger's weights, and the encoder path's
# technique classifier where the model has one, only with it).
MODEL_FILES = ("spans.crfsuite", "lexicon.json", "techniques.npz", "meta.json")


class FramingComponent:
    """Writes `doc._.framing`, one `FramingSpan` per (span, technique) found, in text order, and
    `doc.spans["newsprism_framing"]`; `score` scores those for `nlp.evaluate`, `to_disk`/`from_disk` carry
    the model folder (`folder`, read with `tagger`)."""

    def __init__(self, model: FramingModel, shown_min: float | None = None, folder: Path = MODEL_DIR,
                 tagger: str = "crf", scorer=framing_score) -> None:
        self.model, self.shown_min = model, shown_min
        self.folder, self.tagger, self.scorer = Path(folder), tagger, scorer

    def __call__(self, doc: Doc) -> Doc:
        """Tags the doc's propaganda spans and names their techniques."""
        doc._.framing = framing_spans(self.model, doc, self.shown_min)
        spans = [doc.char_span(f.start, f.end, label=f.technique, alignment_mode="expand") for f in doc._.framing]
        doc.spans[SPANS_KEY] = [s for s in spans if s is not None]
        return doc

    def score(self, examples, **kwargs) -> dict:
        """The framing figures for `nlp.evaluate` (`framing_score`)."""
        return self.scorer(examples, **kwargs)

    def to_disk(self, path, *, exclude=tuple()) -> None:
        """Copies the model folder's files into `path` (the MiniLM tagger's weights, the encoder path's
        technique classifier and its span head when `tagger` is minilm; the tagger's span verifier, if any)."""
        names = [*MODEL_FILES, *([minilm.ONNX_FILE, ENCODER_TECHNIQUES, HEAD_FILE] if self.tagger == "minilm" else []),
                 VERIFIER_FILES[self.tagger]]
        optional = ("meta.json", ENCODER_TECHNIQUES, HEAD_FILE, VERIFIER_FILES[self.tagger])
        files = [self.folder / n for n in names if n not in optional or (self.folder / n).is_file()]
        native.save_files(path, files, {"tagger": self.tagger})

    def from_disk(self, path, *, exclude=tuple()) -> "FramingComponent":
        """Loads the model `to_disk` saved in `path`, in place of the one the factory loaded."""
        self.tagger = native.saved_settings(path).get("tagger", self.tagger)
        self.folder = Path(path)
        self.model = shipped_model(str(self.folder), self.tagger)
        return self


@Language.factory(
    "newsprism_framing",
    assigns=["doc._.framing", "doc.spans"],
    requires=["doc._.entities", "doc._.quotes", "doc._.events", "token.lemma", "token.tag"],
    default_config={"tagger": DEFAULT_TAGGER, "model_dir": None, "shown_min": None,
                    "scorer": {"@scorers": "newsprism.framing_scorer.v1"}},
    default_score_weights={"spans_newsprism_framing_f": 1.0, "spans_newsprism_framing_p": 0.0,
                           "spans_newsprism_framing_r": 0.0},
)
def make_framing(nlp: Language, name: str, tagger: str, model_dir: str | None,
                 shown_min: float | None, scorer=framing_score) -> FramingComponent:
    """The framing component, its model (and the MiniLM tagger when `tagger` is "minilm") loaded here, once;
    `shown_min` overrides the tagger's rule for ordinary news (0: every span the tagger finds)."""
    return FramingComponent(shipped_model(model_dir, tagger), shown_min, Path(model_dir) if model_dir else MODEL_DIR,
                            tagger, scorer)


# An actor's label is a framing span when one of its words lies inside PTC propaganda spans at least this
# share of the times it occurs in training (the lexicon; the prior is about 0.13), e.g. "the Zionist entity".
LABEL_MIN_SHARE = 0.4


def label_spans(model: FramingModel, doc: Doc, found: list[tuple[int, int, float]]) -> list[tuple[int, int, float]]:
    """The labels the actors component found for actors (`doc._.entities`), leading determiner left out,
    whose most loaded word reaches LABEL_MIN_SHARE and that overlap no span found already; score: that share."""
    out: list[tuple[int, int, float]] = []
    taken = list(found)
    for ent in doc._.entities or []:
        for lab in ent.labels:
            span = doc.char_span(lab.start, lab.end, alignment_mode="expand")
            if span is None:
                continue
            words = [t for t in span if t.is_alpha and not t.is_stop]
            share = max((model.lexicon.get(word_key(t), 0.0) for t in words), default=0.0)
            if share < LABEL_MIN_SHARE:
                continue
            start = span[1].idx if len(span) > 1 and span[0].pos_ == "DET" else span.start_char
            if any(s < span.end_char and start < e for s, e, _ in taken):
                continue
            taken.append((start, span.end_char, share))
            out.append((start, span.end_char, round(share, 4)))
    return out


def loaded_share(model: FramingModel, tok) -> float:
    """The lexicon's in-span share of a token's word, or of its lemma for a word training never saw
    ("martyring": "martyr"), or 0."""
    share = model.lexicon.get(word_key(tok))
    return share if share is not None else model.lexicon.get(tok.lemma_.lower(), 0.0)


def event_spans(model: FramingModel, doc: Doc, found: list[tuple[int, int, float]]) -> list[tuple[int, int, float]]:
    """The verbs that the events component's casualty and crowd figures (`doc._.events`) hang from ("martyring"
    in "martyring 18"), when the verb's word reaches LABEL_MIN_SHARE (`loaded_share`) and overlaps no span
    found already: the writer's word for what happened to those counted, as an actor's label is the writer's
    word for the actor; score: that share."""
    out: list[tuple[int, int, float]] = []
    taken = [(s, e) for s, e, _ in found]
    for event in doc._.events or []:
        for count in (event.fatalities, event.injured, event.size):
            span = doc.char_span(count.start, count.end, alignment_mode="expand") if count else None
            head = span.root.head if span is not None else None
            if head is None or head.pos_ != "VERB" or any(s < head.idx + len(head) and head.idx < e for s, e in taken):
                continue
            share = loaded_share(model, head)
            if share >= LABEL_MIN_SHARE:
                taken.append((head.idx, head.idx + len(head)))
                out.append((head.idx, head.idx + len(head), round(share, 4)))
    return out


# A line is prose (framing reads it) when it has at least this many words or ends a sentence; shorter lines
# without a closing mark are page furniture: headings, link rails, captions' credits, share buttons.
PROSE_MIN_WORDS = 8
SENTENCE_END = (".", "!", "?", '"', "\u201d", "\u2019", "'", ":", ";", ")")
# Furniture inside a line of prose, or a long line that is furniture: a link to another story set in the
# paragraph ("(RELATED: Forget ISIS ...)", "[READ MORE: ...]") and a photograph's caption with its agency's
# credit ("... Mandatory Credit: Jamie Rhodes-USA TODAY Sports").
INLINE_FURNITURE = re.compile(r"[(\[]\s*(?:related|read more|see also|more|watch|listen|also read)\s*:[^)\]\n]*[)\]]",
                              re.I)
CAPTION_LINE = re.compile(r"\bmandatory credit\b|\((?:AP|Reuters|AFP|Getty) Photo", re.I)


def prose(text: str, start: int, end: int) -> bool:
    """Whether characters start..end lie on one line of prose (`PROSE_MIN_WORDS`, `SENTENCE_END`), a line that is
    no page furniture (`newsprism.readers.furniture.is_furniture`, `CAPTION_LINE`) nor a heading in capitals
    ("WILL THEY BASH THE BILLIONAIRES?", "SCORES QUARANTINED"), and outside a link to another story set in it
    (`INLINE_FURNITURE`)."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line = text[line_start : len(text) if line_end < 0 else line_end]
    if is_furniture(line) or CAPTION_LINE.search(line) or heading(line):
        return False
    if any(m.start() < end - line_start and start - line_start < m.end() for m in INLINE_FURNITURE.finditer(line)):
        return False
    line = line.strip()
    return len(line.split()) >= PROSE_MIN_WORDS or line.endswith(SENTENCE_END)


def heading(line: str) -> bool:
    """Whether a line is a heading set in capitals: two words or more, and no small letter."""
    return len(line.split()) >= 2 and any(ch.isalpha() for ch in line) and not any(ch.islower() for ch in line)


def added_spans(model: FramingModel, doc: Doc, found: list[tuple[int, int, float]]) -> list[tuple[int, int, float]]:
    """The spans that join the tagger's: the actors' loaded labels (`label_spans`) and the events' loaded
    verbs (`event_spans`), none overlapping another."""
    labels = label_spans(model, doc, found)
    return labels + event_spans(model, doc, found + labels)


def candidate_spans(model: FramingModel, doc: Doc) -> tuple[list[tuple[int, int, float, float]], float]:
    """(spans, prior): (start, end, P(span), peak) of the spans the tagger finds and of the actors' loaded
    labels (`label_spans`), in text order, those off prose lines (page furniture) left out, and the article's
    prior; a span's peak and the prior decide whether it is shown (`Decoding.shows`)."""
    text = text_of(doc)
    found, prior = model.spans_with_peaks(doc, lambda spans: added_spans(model, doc, spans))
    return [f for f in found if prose(text, f[0], f[1])], prior


def span_words(text: str, start: int, end: int) -> int:
    """White-space words of text[start:end]."""
    return len(text[start:end].split())


def candidate_cues(model: FramingModel, doc: Doc, verify: bool = True
                   ) -> tuple[list[tuple[int, int, float, float, int]], float]:
    """(cues, prior): the candidate spans of `candidate_spans`, each (start, end, P(span), peak, words) with
    what the ordinary-news rule reads besides its peak (`Decoding.shows`), and the article's prior. Where the
    tagger's rule reads the span verifier (`Decoding.verifier`) and `verify`, the peak's place holds the
    verifier's score (`newsprism.framing.verifier`)."""
    cands, prior = candidate_spans(model, doc)
    text = text_of(doc)
    cues = [(s, e, p, peak, span_words(text, s, e)) for s, e, p, peak in cands]
    if verify and model.verifier is not None and model.settings.verifier:
        cues = model.verifier.rescored(cues, candidate_features(doc, cues, prior))
    return cues, prior


def framing_spans(model: FramingModel, doc: Doc, min_peak: float | None = None) -> list[FramingSpan]:
    """The candidate spans (`candidate_cues`) shown on ordinary news (`Decoding.shows`: the span's peak, or
    the span verifier's score where the tagger's rule reads it, reaches the tagger's `shown_min`, the article's prior its `doc_min`, and the span has the words the rule
    asks, all chosen on the tuning half of the ordinary-news set; `min_peak` given: every span whose
    peak reaches it, whatever the rest), each with its best technique (and a second one when likely enough)
    and its voice (the author's, or inside a quote: whose); score = P(span) x P(technique)."""
    cues, prior = candidate_cues(model, doc, verify=min_peak is None)
    if min_peak is None:
        found = [(s, e, p) for s, e, p, peak, words in cues if model.settings.shows(peak, prior, words)]
    else:
        found = [(s, e, p) for s, e, p, peak, _ in cues if peak >= min_peak]
    ranked = model.techniques(doc, [(s, e) for s, e, _ in found])
    out, text = [], text_of(doc)
    for (s, e, p_span), techs in zip(found, ranked):
        voice = voice_of(s, e, doc._.quotes or [], text)
        for k, (tech, p_tech) in enumerate(techs[:2]):
            if k == 0 or p_tech >= SECOND_TECHNIQUE_MIN:
                out.append(FramingSpan(technique=tech, start=s, end=e, text=text[s:e],
                                       score=round(p_span * p_tech, 4), voice=voice))
    return out
