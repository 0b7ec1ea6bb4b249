"""The `newsprism_framing` component: marks spans that use one of the 14 propaganda techniques of the
Propaganda Techniques Corpus, each with a score.

Order of work: spaCy's parse (tok2vec, tags, lemmas, NER) -> the CRF span tagger (averaged with the MiniLM
tagger of the shared encoder when `tagger` is "minilm") proposes spans -> the actors' loaded labels join
them (`label_spans`) -> the technique classifier names each span -> each span's voice from `doc._.quotes`
-> `doc._.framing = [FramingSpan]` (`newsprism.schema` dataclasses), best score first per span, and the same
in spaCy's terms, `doc.spans["newsprism_framing"]`: each span labelled with its technique, widened to whole
tokens.

Settings (`pipeline.load(config={"newsprism_framing": {...}})`): `tagger`, "crf" (default) or "minilm"
(`--framing-tagger minilm`), and `model_dir` (another model folder than the shipped one); the model loads
once, in the factory. The SemEval-2020 Task 11 file formats and scoring behind `newsprism framing` and
`newsprism eval framing` are in `newsprism.framing.evaluation`.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from newsprism.doctext import text_of
from newsprism.framing.features import word_key
from newsprism.framing.model import FramingModel, shipped_model
from newsprism.schema import FramingSpan
from newsprism.voice import voice_of

__all__ = ["FramingComponent", "framing_spans", "label_spans"]

SPANS_KEY = "newsprism_framing"  # doc.spans[SPANS_KEY]: the framing spans, labelled with their technique

# A second technique is reported for a span when the classifier gives it at least this probability.
SECOND_TECHNIQUE_MIN = 0.3

for _name in ("framing", "entities", "quotes"):  # what the component writes and reads
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


class FramingComponent:
    """Writes `doc._.framing`, one `FramingSpan` per (span, technique) found, in text order, and
    `doc.spans["newsprism_framing"]`."""

    def __init__(self, model: FramingModel) -> None:
        self.model = model

    def __call__(self, doc: Doc) -> Doc:
        """Tags the doc's propaganda spans and names their techniques."""
        doc._.framing = framing_spans(self.model, doc)
        spans = [doc.char_span(f.start, f.end, label=f.technique, alignment_mode="expand") for f in doc._.framing]
        doc.spans[SPANS_KEY] = [s for s in spans if s is not None]
        return doc


@Language.factory(
    "newsprism_framing",
    assigns=["doc._.framing", "doc.spans"],
    requires=["doc._.entities", "doc._.quotes", "token.lemma", "token.tag"],
    default_config={"tagger": "crf", "model_dir": None},
)
def make_framing(nlp: Language, name: str, tagger: str, model_dir: str | None) -> FramingComponent:
    """The framing component, its model (and the MiniLM tagger when `tagger` is "minilm") loaded here, once."""
    return FramingComponent(shipped_model(model_dir, tagger))


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


def framing_spans(model: FramingModel, doc: Doc) -> list[FramingSpan]:
    """The spans the model finds in a parsed doc, and the loaded labels of actors (`label_spans`), each with
    its best technique (and a second one when likely enough) and its voice (the author's, or inside a quote:
    whose); score = P(span) x P(technique)."""
    found = model.spans(doc)
    found = sorted(found + label_spans(model, doc, found))
    ranked = model.techniques(doc, [(s, e) for s, e, _ in found])
    out, text = [], text_of(doc)
    for (s, e, p_span), techs in zip(found, ranked):
        voice = voice_of(s, e, doc._.quotes or [])
        for k, (tech, p_tech) in enumerate(techs[:2]):
            if k == 0 or p_tech >= SECOND_TECHNIQUE_MIN:
                out.append(FramingSpan(technique=tech, start=s, end=e, text=text[s:e],
                                       score=round(p_span * p_tech, 4), voice=voice))
    return out


