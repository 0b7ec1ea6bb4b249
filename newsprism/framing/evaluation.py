"""The library calls behind `newsprism framing` and `newsprism eval framing`: propaganda spans and techniques
of PTC-style articles in the SemEval-2020 Task 11 formats (offsets into the raw `articleID.txt` file), and
SI/TC scores against gold labels.

They parse with spaCy's own model (`newsprism.parse`, no newsprism components) and run the framing model
(`newsprism.framing.model`) as the `newsprism_framing` component does; `tagger` is the component's setting
of the same name ("crf", or "minilm" with `--framing-tagger minilm`).
"""

from __future__ import annotations

import json
import tempfile
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from newsprism.errors import FramingInputError
from newsprism.framing import ordinary
from newsprism.framing.model import MODEL_DIR, Decoding, FramingModel, shipped_model
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
from newsprism.framing.techniques import TECHNIQUES
from newsprism.framing.verifier import candidate_features
from newsprism.parse import load_parser
from newsprism.schema import FramingSpan

__all__ = [
    "FramingInputError",
    "classify_spans",
    "classify_template",
    "evaluate",
    "predict_spans",
    "spans_for_dir",
    "technique_counts",
]


@lru_cache(maxsize=1)
def _nlp() -> Language:
    """spaCy's own model (no newsprism components), loaded once, for the library calls below."""
    return load_parser()


def _docs(texts: Iterable[str]) -> Iterator[Doc]:
    """Parsed docs for texts, in order."""
    return _nlp().pipe(texts, batch_size=8)


def predict_spans(text: str, model_dir: str | None = None, tagger: str = "crf") -> list[tuple[int, int, float]]:
    """(start, end, score) of the propaganda spans in `text` (character offsets, text order)."""
    return shipped_model(model_dir, tagger).spans(next(_docs([text])))


def _check_spans(text: str, spans: list[tuple[int, int]], where: str) -> None:
    """Raises FramingInputError for a span outside the text or empty."""
    for s, e in spans:
        if not 0 <= s < e <= len(text):
            raise FramingInputError(
                f"span {s}-{e} of {where} is empty or outside its text of {len(text)} characters; "
                "offsets must count characters of the raw file"
            )


def classify_spans(text: str, spans: list[tuple[int, int]], model_dir: str | None = None,
                   tagger: str = "crf") -> list[str]:
    """The technique of each (start, end) span of `text`; a span listed twice gets its two best."""
    spans = [(int(s), int(e)) for s, e in spans]
    _check_spans(text, spans, "the input")
    if not spans:
        return []
    rows = [("-", "?", s, e) for s, e in spans]
    doc = next(_docs([text]))
    return [t for _, t, _, _ in _classify_rows({"-": Path()}, rows, shipped_model(model_dir, tagger), {"-": doc})]


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
        raise FramingInputError(f"no articleID.txt files in {folder} (nor in its articles/ folder); give the "
                                "folder of a PTC split")
    return files


def spans_for_dir(folder: Path, model_dir: str | None = None, tagger: str = "crf") -> Iterator[str]:
    """SI lines `id<TAB>start<TAB>end` for every `articleID.txt` in `folder`, offsets into the raw file."""
    files = _articles(folder)
    model = shipped_model(model_dir, tagger)
    for aid, doc in zip(files, _docs(read_raw(p) for p in files.values())):
        for s, e, _ in model.spans(doc):
            yield span_line(aid, s, e)


def classify_template(folder: Path, template: Path, model_dir: str | None = None,
                      tagger: str = "crf") -> Iterator[str]:
    """TC lines `id<TAB>technique<TAB>start<TAB>end`, one per template line (`id<TAB>?<TAB>start<TAB>end`),
    in template order; the k-th line of a repeated span gets that span's k-th best technique."""
    if not Path(template).is_file():
        raise FramingInputError(f"template {template} is not a file; give a file of id<TAB>?<TAB>start<TAB>end "
                                "lines")
    rows = read_techniques(Path(template))
    for aid, tech, s, e in _classify_rows(_articles(folder), rows, shipped_model(model_dir, tagger), {}):
        yield technique_line(aid, tech, s, e)


def _classify_rows(files: dict[str, Path], rows: list[tuple[str, str, int, int]], model: FramingModel,
                   docs: dict[str, Doc]) -> list[tuple[str, str, int, int]]:
    """(id, technique, start, end) for each template row, parsing the articles not already in `docs`."""
    groups = list(template_groups(rows))
    ids = list(dict.fromkeys(a for a, _, _, _ in groups))
    missing = [a for a in ids if a not in files]
    if missing:
        raise FramingInputError(f"the template names articles that are not files here: {missing[:5]}; give the "
                                "folder of the articles the template was made for")
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


@contextmanager
def recorded_dev_split(ptc: Path) -> Iterator[tuple[dict, Path]]:
    """The shipped model's record and, for the time of the `with`, a PTC-style folder of the development
    articles it names (links into `ptc`, PTC's train folder), as `evaluate` reads a split."""
    record = json.loads((MODEL_DIR / "meta.json").read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as tmp:
        split = Path(tmp)
        (split / "articles").mkdir()
        for aid in record["articles"]["dev_ids"]:
            (split / "articles" / f"article{aid}.txt").symlink_to(ptc / "articles" / f"article{aid}.txt")
        for labels in ("spans.labels", "techniques.labels"):
            (split / labels).symlink_to(ptc / labels)
        yield record, split


def evaluate(split_dir: Path, model_dir: str | None = None, tagger: str = "crf") -> dict:
    """SI and TC precision/recall/F1 (as `score_ptc.py`) of the model on a PTC folder with `spans.labels`
    and `techniques.labels` (or `articles/`); TC classifies the gold spans, each article parsed once. `spans`
    gives the figures of the ordinary-news set (`ordinary.figures`: share of spans right, spans per 1,000
    words) on PTC for comparison, for every span (PTC's base rate, what SI scores) and for those the
    pipeline would show on ordinary news."""
    split_dir = Path(split_dir)
    need = [split_dir / "spans.labels", split_dir / "techniques.labels"]
    if not all(p.is_file() for p in need):
        raise FramingInputError(f"{split_dir} needs spans.labels and techniques.labels; give the folder of a "
                                "labelled PTC split")
    files = _articles(split_dir)
    model = shipped_model(model_dir, tagger)
    gold_si = {a: v for a, v in read_spans(need[0]).items() if a in files}
    gold_tc = [r for r in read_techniques(need[1]) if r[0] in files]
    docs = dict(zip(files, _docs(read_raw(p) for p in files.values())))
    found = {a: model.spans_with_peaks(doc) for a, doc in docs.items()}
    pred_si = {a: [(s, e) for s, e, _, _ in spans] for a, (spans, _) in found.items()}
    cues = {a: ([(s, e, p, peak, len(docs[a].text[s:e].split())) for s, e, p, peak in spans], prior)
            for a, (spans, prior) in found.items()}
    if model.verifier is not None and model.settings.verifier:  # the rule reads the verifier's score
        cues = {a: (model.verifier.rescored(c, candidate_features(docs[a], c, prior)), prior)
                for a, (c, prior) in cues.items()}
    pred_tc = _classify_rows(files, gold_tc, model, docs)
    words = sum(len(doc.text.split()) for doc in docs.values())
    st = model.settings
    return {"articles": len(files), "SI": si_score(gold_si, pred_si), "TC": tc_score(gold_tc, pred_tc),
            "spans": {"all": ordinary.figures(gold_si, pred_si, words),
                      f"shown ({rule_text(st)})": ordinary.figures(gold_si, shown(cues, st), words)},
            "articles_shown": sum(prior >= st.doc_min for _, prior in found.values())}



def ordinary_candidates(texts: dict[str, str], model: FramingModel, features: bool = False) -> dict[str, dict]:
    """Per document of the ordinary-news set: `raw`, the spans the pipeline showed before page furniture
    was kept out and the ordinary-news rule applied (the tagger's, the actors' loaded labels and the events'
    loaded verbs, every line), `prose`, those of `candidate_cues` (prose lines only), each (start, end,
    P(span), peak, words; the span verifier's score in the peak's place where the tagger's rule reads it), and
    `prior`, the article's, and, asked for, `features`, each prose candidate's `candidate_features` (what the
    span verifier reads); parsed by spaCy and the actors, quotes and events components, as the pipeline does
    before framing."""
    from newsprism.framing.component import added_spans, candidate_cues

    out = {}
    for doc_id, doc in zip(texts, _pipeline_before_framing().pipe(texts.values(), batch_size=8)):
        raw, _ = model.spans_with_peaks(doc, lambda spans, doc=doc: added_spans(model, doc, spans))
        prose, prior = candidate_cues(model, doc, verify=not features)
        out[doc_id] = {"raw": raw, "prose": prose, "prior": prior}
        if features:  # read from the tagger's own cues (its peak), then the rule's score as candidate_cues gives it
            out[doc_id]["features"] = feats = candidate_features(doc, prose, prior)
            if model.verifier is not None and model.settings.verifier:
                out[doc_id]["prose"] = model.verifier.rescored(prose, feats)
    return out


def rule_text(st: Decoding) -> str:
    """The ordinary-news rule of `st` (`Decoding.shows`) in words ("verifier": the span verifier's score)."""
    return f"{'verifier' if st.verifier else 'peak'} >= {st.shown_min}, prior >= {st.doc_min}" + (f", words >= {st.min_words}" if st.min_words > 1 else "")


@lru_cache(maxsize=1)
def _pipeline_before_framing() -> Language:
    """spaCy with the actors, quotes and events components (what framing reads), loaded once."""
    from newsprism import pipeline

    return pipeline.load(components=["newsprism_actors", "newsprism_quotes", "newsprism_events"])


def shown(found: dict[str, tuple[list, float]], st: Decoding) -> dict[str, list[tuple[int, int]]]:
    """The spans shown per document of {id: (cues, prior)} (cues as `candidate_cues` gives them) under the
    decoding settings `st` (`Decoding.shows`)."""
    return {d: [(s, e) for s, e, _, peak, words in cues if st.shows(peak, prior, words)]
            for d, (cues, prior) in found.items()}


def ordinary_figures(oset: ordinary.OrdinarySet, ids: list[str], cands: dict[str, dict], st: Decoding) -> dict:
    """`before` (every candidate, page furniture included, no threshold) and `shown` (prose lines, the
    ordinary-news rule of `st`) figures (`ordinary.figures`) of the documents `ids`."""
    gold = {d: [(s, e) for s, e, _ in oset.gold[d]] for d in ids}
    words = oset.words(ids)
    return {"before": ordinary.figures(gold, {d: [(s, e) for s, e, _, _ in cands[d]["raw"]] for d in ids}, words),
            "shown": ordinary.figures(gold, shown({d: (cands[d]["prose"], cands[d]["prior"]) for d in ids}, st),
                                      words)}


def evaluate_ordinary(folder: Path | None = None, data: Path = Path("../shared/data"), model_dir: str | None = None,
                      tagger: str = "crf") -> dict:
    """Figures of `ordinary_figures` on the reporting half of the ordinary-news set: `before`, the spans
    the pipeline showed before (every candidate, page furniture included, no threshold), and `shown`, the
    spans shown now (prose lines only, the tagger's rule for ordinary news, chosen on the tuning half)."""
    model = shipped_model(model_dir, tagger)
    oset = ordinary.load(folder or ordinary.ANNOTATIONS, data)
    _, report = oset.halves()
    cands = ordinary_candidates({d: oset.texts[d] for d in report}, model)
    st = model.settings
    return {"split": f"reporting half ({len(report)} documents, seed {ordinary.SEED})",
            "shown_min": st.shown_min, "doc_min": st.doc_min, "min_words": st.min_words, "rule": rule_text(st), **ordinary_figures(oset, report, cands, st)}
