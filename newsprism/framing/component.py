"""The `newsprism_framing` component: marks spans that use one of the 14 propaganda techniques of the
Propaganda Techniques Corpus, each with a score, and the library calls behind `newsprism framing` and
`newsprism eval framing` (SemEval-2020 Task 11 formats, offsets into the raw `articleID.txt` file).

Order of work: spaCy's parse (tok2vec, tags, lemmas, NER) -> the CRF span tagger (averaged with the MiniLM
tagger of the shared encoder under `--framing-tagger minilm`) proposes spans -> the actors' loaded labels
join them (`label_spans`) -> the technique classifier names each span -> each span's voice from
`doc._.quotes` -> `doc._.framing = [FramingSpan]`, best score first per span.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from newsprism.doctext import text_of
from newsprism.framing.features import word_key
from newsprism.framing.model import FramingModel, shipped_model
from newsprism.framing.semeval import (
    article_files,
    read_raw,
    read_spans,
    read_techniques,
    si_score,
    span_line,
    tc_score,
    technique_line,
    template_groups,
)
from newsprism.framing.techniques import DESCRIPTIONS, TECHNIQUES
from newsprism.pipeline import SPACY_MODEL
from newsprism.schema import FramingSpan
from newsprism.voice import voice_of

__all__ = [
    "DESCRIPTIONS",
    "TECHNIQUES",
    "FramingComponent",
    "FramingInputError",
    "classify_spans",
    "classify_template",
    "evaluate",
    "predict_spans",
    "spans_for_dir",
    "technique_counts",
]

# A second technique is reported for a span when the classifier gives it at least this probability.
SECOND_TECHNIQUE_MIN = 0.3

if not Doc.has_extension("framing"):
    Doc.set_extension("framing", default=None)


class FramingInputError(ValueError):
    """Input to the framing commands that cannot be used (missing article, bad offsets); says what to fix."""


class FramingComponent:
    """Writes `doc._.framing`: one `FramingSpan` per (span, technique) found, in text order."""

    def __init__(self, model_dir: str | None = None) -> None:
        self.model = shipped_model(model_dir)

    def __call__(self, doc: Doc) -> Doc:
        """Tags the doc's propaganda spans and names their techniques."""
        doc._.framing = framing_spans(self.model, doc)
        return doc


@Language.factory("newsprism_framing", default_config={"model_dir": None})
def make_framing(nlp: Language, name: str, model_dir: str | None) -> FramingComponent:
    """The framing component; `model_dir` overrides the shipped model folder."""
    return FramingComponent(model_dir)


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


@lru_cache(maxsize=1)
def _nlp() -> Language:
    """spaCy's pipeline (no newsprism components), loaded once, for the library calls below."""
    return spacy.load(SPACY_MODEL)


def _docs(texts: Iterable[str]) -> Iterator[Doc]:
    """Parsed docs for texts, in order."""
    return _nlp().pipe(texts, batch_size=8)


def predict_spans(text: str, model_dir: str | None = None) -> list[tuple[int, int, float]]:
    """(start, end, score) of the propaganda spans in `text` (character offsets, text order)."""
    return shipped_model(model_dir).spans(next(_docs([text])))


def _check_spans(text: str, spans: list[tuple[int, int]], where: str) -> None:
    """Raises FramingInputError for a span outside the text or empty."""
    for s, e in spans:
        if not 0 <= s < e <= len(text):
            raise FramingInputError(
                f"[E-FRAMING-4] span {s}-{e} of {where} is empty or outside its text of {len(text)} characters; "
                "offsets must count characters of the raw file"
            )


def classify_spans(text: str, spans: list[tuple[int, int]], model_dir: str | None = None) -> list[str]:
    """The technique of each (start, end) span of `text`; a span listed twice gets its two best."""
    spans = [(int(s), int(e)) for s, e in spans]
    _check_spans(text, spans, "the input")
    if not spans:
        return []
    rows = [("-", "?", s, e) for s, e in spans]
    doc = next(_docs([text]))
    return [t for _, t, _, _ in _classify_rows({"-": Path()}, rows, shipped_model(model_dir), {"-": doc})]


def technique_counts(framing: Iterable[FramingSpan | dict]) -> dict[str, int]:
    """How many spans of each technique, every one of the 14 listed (0 when absent), in TECHNIQUES order;
    a technique outside the list is counted under its own name after them."""
    counts = Counter(f["technique"] if isinstance(f, dict) else f.technique for f in framing)
    out = {t: counts.pop(t, 0) for t in TECHNIQUES}
    out.update(sorted(counts.items()))
    return out


def _articles(folder: Path) -> dict[str, Path]:
    """The PTC articles of a folder, or FramingInputError when there are none."""
    files = article_files(Path(folder))
    if not files:
        raise FramingInputError(f"[E-FRAMING-2] no articleID.txt files in {folder} (nor in its articles/ folder)")
    return files


def spans_for_dir(folder: Path, model_dir: str | None = None) -> Iterator[str]:
    """SI lines `id<TAB>start<TAB>end` for every `articleID.txt` in `folder`, offsets into the raw file."""
    files = _articles(folder)
    model = shipped_model(model_dir)
    for aid, doc in zip(files, _docs(read_raw(p) for p in files.values())):
        for s, e, _ in model.spans(doc):
            yield span_line(aid, s, e)


def classify_template(folder: Path, template: Path, model_dir: str | None = None) -> Iterator[str]:
    """TC lines `id<TAB>technique<TAB>start<TAB>end`, one per template line (`id<TAB>?<TAB>start<TAB>end`),
    in template order; the k-th line of a repeated span gets that span's k-th best technique."""
    if not Path(template).is_file():
        raise FramingInputError(f"[E-FRAMING-5] template {template} is not a file")
    rows = read_techniques(Path(template))
    for aid, tech, s, e in _classify_rows(_articles(folder), rows, shipped_model(model_dir), {}):
        yield technique_line(aid, tech, s, e)


def _classify_rows(files: dict[str, Path], rows: list[tuple[str, str, int, int]], model: FramingModel,
                   docs: dict[str, Doc]) -> list[tuple[str, str, int, int]]:
    """(id, technique, start, end) for each template row, parsing the articles not already in `docs`."""
    groups = list(template_groups(rows))
    ids = list(dict.fromkeys(a for a, _, _, _ in groups))
    missing = [a for a in ids if a not in files]
    if missing:
        raise FramingInputError(f"[E-FRAMING-6] the template names articles that are not files here: {missing[:5]}")
    todo = [a for a in ids if a not in docs]
    texts = {a: read_raw(files[a]) for a in todo}
    for aid in todo:
        _check_spans(texts[aid], [(s, e) for a, s, e, _ in groups if a == aid], f"article {aid}")
    docs.update(zip(todo, _docs(texts[a] for a in todo)))
    choice: dict[tuple[str, int, int, int], str] = {}
    for aid in ids:
        mine = [(s, e, k) for a, s, e, k in groups if a == aid]
        for (s, e, k), techs in zip(mine, model.techniques(docs[aid], [(s, e) for s, e, _ in mine])):
            choice[(aid, s, e, k)] = techs[min(k, len(techs) - 1)][0]
    return [(a, choice[(a, s, e, k)], s, e) for a, s, e, k in groups]


def evaluate(split_dir: Path, model_dir: str | None = None) -> dict:
    """SI and TC precision/recall/F1 (as `score_ptc.py`) of the model on a PTC folder with `spans.labels`
    and `techniques.labels` (or `articles/`); TC classifies the gold spans, each article parsed once."""
    split_dir = Path(split_dir)
    need = [split_dir / "spans.labels", split_dir / "techniques.labels"]
    if not all(p.is_file() for p in need):
        raise FramingInputError(f"[E-FRAMING-7] {split_dir} needs spans.labels and techniques.labels")
    files = _articles(split_dir)
    model = shipped_model(model_dir)
    gold_si = {a: v for a, v in read_spans(need[0]).items() if a in files}
    gold_tc = [r for r in read_techniques(need[1]) if r[0] in files]
    docs = dict(zip(files, _docs(read_raw(p) for p in files.values())))
    pred_si = {a: [(s, e) for s, e, _ in model.spans(doc)] for a, doc in docs.items()}
    pred_tc = _classify_rows(files, gold_tc, model, docs)
    return {"articles": len(files), "SI": si_score(gold_si, pred_si), "TC": tc_score(gold_tc, pred_tc)}
