"""Builds the spaCy `Language` with newsprism's components and runs it over batches of articles.

The order is the extraction order: spaCy's parse and NER, then `newsprism_actors` (entities, labels,
pronoun resolution), `newsprism_quotes` (who said what, speakers resolved through the actors), then the
later components (events, framing, tone), each reading what the earlier ones wrote on `doc._`.

Each component is a spaCy factory (`@Language.factory`, with what it assigns and requires and its settings
in `default_config`); its settings come from `load(config=...)`, never from the environment, so a worker
process gets them as an argument (`shared(config)`). The components write plain dataclasses
(`newsprism.schema`'s records) and spaCy spans on the `Doc`; `to_analysis` is the one place a `Doc` becomes
the `Analysis`.
"""

from __future__ import annotations

import importlib
import json
import time
from collections.abc import Iterable, Iterator
from functools import lru_cache
from itertools import islice

from spacy.language import Language
from spacy.tokens import Doc

from newsprism import limits
from newsprism.article import Article, Refusal
from newsprism.errors import UnknownChoice
from newsprism.events import DETECTORS as EVENTS_DETECTORS
from newsprism.framing import DEFAULT_TAGGER as DEFAULT_FRAMING_TAGGER, TAGGERS as FRAMING_TAGGERS
from newsprism.parse import load_parser, tokenize
from newsprism.readers import language
from newsprism.schema import Analysis, ArticleMeta

# (factory name, module that registers it), in pipeline order; importing the module registers the factory.
COMPONENTS = [
    ("newsprism_actors", "newsprism.actors.component"),
    ("newsprism_quotes", "newsprism.quotes.component"),
    ("newsprism_events", "newsprism.events.component"),
    ("newsprism_framing", "newsprism.framing.component"),
    ("newsprism_tone", "newsprism.tone.component"),
]

# Characters parsed at once: spaCy's parser holds about 1 GB per 100,000 characters of a batch while it runs.
CHARS_IN_FLIGHT = 100_000

for _name, _default in [
    ("published", None),  # the article's date, YYYY-MM-DD, set before the pipeline runs
    ("entities", None),
    ("quotes", None),
    ("events", None),
    ("framing", None),
    ("tone", None),
    ("actor_tone", None),
    ("figure_conflicts", None),
]:
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=_default)


def settings(framing_tagger: str | None = None, min_event_score: float | None = None,
             fast: bool = False, events_detector: str | None = None) -> dict[str, dict]:
    """The `config` for `load` that the command line's options ask for. By default the shared encoder runs
    once per article (framing spans by the MiniLM tagger with the CRF, tone towards each actor, the attribution
    tagger reading it); `fast` skips it (the CRF's framing spans, no tone, the linear events detector, the plain
    attribution tagger). `framing_tagger` "minilm" or "crf"
    overrides the framing tagger alone; `events_detector` "linear" or "encoder" the events detector alone (None: the
    model record's default, linear with `fast`); `min_event_score` the events' minimum score (None: the detector's
    threshold). Only the settings that differ from the components' defaults are in it."""
    config: dict[str, dict] = {}
    if framing_tagger is not None and framing_tagger not in FRAMING_TAGGERS:
        raise UnknownChoice(f"framing tagger {framing_tagger!r} is not one of: {', '.join(FRAMING_TAGGERS)}")
    if fast:
        config["newsprism_framing"] = {"tagger": "crf"}
        config["newsprism_tone"] = {"enabled": False}
        config["newsprism_events"] = {"detector": "linear"}
        config["newsprism_quotes"] = {"encoder": False}
    if framing_tagger is not None:
        config["newsprism_framing"] = {"tagger": framing_tagger}
    if events_detector is not None:
        if events_detector not in EVENTS_DETECTORS:
            raise UnknownChoice(f"events detector {events_detector!r} is not one of: {', '.join(EVENTS_DETECTORS)}")
        config.setdefault("newsprism_events", {})["detector"] = events_detector
    if min_event_score is not None:
        config.setdefault("newsprism_events", {})["min_score"] = float(min_event_score)
    return config


def encoder_runs(config: dict[str, dict] | None = None) -> dict[str, object]:
    """What a pipeline loaded with `config` runs of the shared encoder: `encoder` (whether it runs, for
    framing, tone, the events detector over the encoder or the attribution tagger reading it), `framing_tagger`
    and `tone` (whether tone is judged), from the components' defaults and `config`."""
    config = config or {}
    tagger = config.get("newsprism_framing", {}).get("tagger", DEFAULT_FRAMING_TAGGER)
    tone = bool(config.get("newsprism_tone", {}).get("enabled", True))
    from newsprism.events import detector

    events = config.get("newsprism_events", {}).get("detector") or detector.default_kind()
    from newsprism.quotes.model import ENCODER_MODEL, default_model

    quotes = config.get("newsprism_quotes", {})
    attribution = quotes.get("model", True) and default_model(quotes.get("encoder", True)) == ENCODER_MODEL
    return {"encoder": tagger == "minilm" or tone or events == "encoder" or attribution,
            "framing_tagger": tagger, "tone": tone}


def describe(config: dict[str, dict] | None = None) -> str:
    """One line saying what a pipeline loaded with `config` runs (for `newsprism info` and the web footer)."""
    runs = encoder_runs(config)
    if not runs["encoder"]:
        return "fast analysis: no encoder (framing spans by the CRF, no tone)"
    parts = [f"framing spans by {'MiniLM with the CRF' if runs['framing_tagger'] == 'minilm' else 'the CRF'}"]
    parts.append("tone towards actors" if runs["tone"] else "no tone")
    return f"shared encoder (all-MiniLM-L6-v2 int8) once per article: {', '.join(parts)}"


def load(components: Iterable[str] | None = None, config: dict[str, dict] | None = None) -> Language:
    """The spaCy pipeline with newsprism's components added after the parser and NER; `config` maps a
    component's factory name to its settings (`{"newsprism_quotes": {"definition": "attribution"}}`,
    `settings(...)` builds the command line's). A name that is not a newsprism component raises
    `errors.UnknownChoice` naming the components; a component's module that fails to import raises its error
    (no component is left out silently)."""
    known = [name for name, _ in COMPONENTS]
    wanted = list(components) if components is not None else known
    config = config or {}
    for name in [*wanted, *config]:
        if name not in known:
            raise UnknownChoice(f"unknown newsprism component {name!r}; the components are: {', '.join(known)}")
    nlp = load_parser()
    for factory, module in COMPONENTS:
        if factory in wanted:
            importlib.import_module(module)  # registers the factory
            nlp.add_pipe(factory, config=config.get(factory, {}))
    return nlp


def shared(config: dict[str, dict] | None = None) -> Language:
    """`load(config=config)`, the whole pipeline, loaded once per process and config (the engines' workers,
    the web analyser and `newsprism.engines.api` use it)."""
    return _shared(json.dumps(config or {}, sort_keys=True))


@lru_cache(maxsize=2)
def _shared(key: str) -> Language:
    """The pipeline for one config, as `shared` keys it (JSON)."""
    return load(config=json.loads(key))


def make_doc(nlp: Language, article: Article) -> Doc:
    """A tokenised `Doc` carrying the article's date, ready for `nlp.pipe` (`parse.tokenize`: linear cost)."""
    doc = tokenize(nlp, article.text)
    doc._.published = article.published
    return doc


def to_analysis(article: Article, doc: Doc | None, lang: str = language.ENGLISH) -> Analysis:
    """Collects what the components wrote on the `Doc` into one `Analysis`; with no `Doc` (a text not in
    English, not analysed) the article and its metadata alone."""
    meta = ArticleMeta(
        id=article.id,
        title=article.title,
        published=article.published,
        source=article.source,
        url=article.url,
        language=lang,
        text=article.text,
    )
    if doc is None:
        return Analysis(article=meta)
    return Analysis(
        article=meta,
        entities=doc._.entities or [],
        quotes=doc._.quotes or [],
        events=doc._.events or [],
        framing=doc._.framing or [],
        tone=doc._.tone or [],
        actor_tone=doc._.actor_tone or [],
        figure_conflicts=doc._.figure_conflicts or [],
    )


def analyze(nlp: Language, articles: Iterable[Article], batch_size: int = 16) -> Iterator[Analysis | Refusal]:
    """Analyses articles in batches, yielding one `Analysis` each, in input order; never raises for one article.

    Each article is tokenised within the time budget (`newsprism.limits`); spaCy's own components run over a
    batch with `nlp.pipe`; newsprism's components then run article by article, the elapsed time checked
    after each against the budget. A batch holds at most `batch_size` articles and `CHARS_IN_FLIGHT`
    characters (one longer article goes alone), and its Docs are dropped once analysed, so memory follows
    the characters in flight, not the number of articles. An article that makes a component raise, or runs
    over the budget, or over the character limit, is yielded as a `Refusal` naming it, and the rest go on.
    An article not in English (`readers.language`) is yielded with its language and metadata only, since
    the components are English ones.
    """
    budget = limits.current().time_budget
    own = [name for name in nlp.pipe_names if name.startswith("newsprism_")]
    pending: list[Article | Analysis | Refusal] = []  # in input order: articles to parse, results decided already
    ready = chars = 0
    for art in articles:
        reason = limits.too_long(art.text)
        if reason:
            pending.append(Refusal(art.origin or art.id, reason))
        elif (lang := language.detect(art.text)) != language.ENGLISH:
            pending.append(to_analysis(art, None, lang))
        else:
            if ready and (ready >= batch_size or chars + len(art.text) > CHARS_IN_FLIGHT):
                yield from _run(nlp, pending, own, budget)
                pending, ready, chars = [], 0, 0
            pending.append(art)
            ready, chars = ready + 1, chars + len(art.text)
    yield from _run(nlp, pending, own, budget)


def _run(nlp: Language, pending: list[Article | Analysis | Refusal], own: list[str],
         budget: float) -> Iterator[Analysis | Refusal]:
    """The results of `pending` in order: its articles tokenised, parsed together and finished one by one."""
    arts = [p for p in pending if isinstance(p, Article)]
    docs = [_tokenized(nlp, art, budget) for art in arts]
    parsed = iter(_parsed(nlp, [d for d in docs if isinstance(d, Doc)], own))
    results = iter([d if isinstance(d, Refusal) else _finish(nlp, art, next(parsed), own, budget)
                    for art, d in zip(arts, docs)])
    del docs, parsed
    for item in pending:
        yield next(results) if isinstance(item, Article) else item


def _tokenized(nlp: Language, art: Article, budget: float) -> Doc | Refusal:
    """The article's `Doc`, tokenised within the time budget, or the refusal saying it took too long."""
    origin = art.origin or art.id
    try:
        with limits.deadline(budget):
            return make_doc(nlp, art)
    except limits.OverBudget:
        return Refusal(origin, f"analysis stopped: it took over {budget:g} s (in the tokenizer; --time-budget)")
    except Exception as err:  # noqa: BLE001 - one article's failure must not end the batch
        return _failed(origin, "the tokenizer", err)


def batches(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    """The articles in lists of `size` (the last one shorter), read lazily."""
    it = iter(articles)
    while chunk := list(islice(it, max(1, size))):
        yield chunk


def _parsed(nlp: Language, docs: list[Doc], own: list[str]) -> list[Doc | Exception]:
    """spaCy's components run over the tokenised batch; if that fails, Doc by Doc, keeping each one's error."""
    try:
        return list(nlp.pipe(docs, batch_size=max(1, len(docs)), disable=own))
    except Exception:  # noqa: BLE001 - find the article at fault below
        pass
    out: list[Doc | Exception] = []
    for doc in docs:
        try:
            out.append(next(nlp.pipe([doc], disable=own)))
        except Exception as err:  # noqa: BLE001
            out.append(err)
    return out


def _finish(nlp: Language, art: Article, doc: Doc | Exception, own: list[str], budget: float) -> Analysis | Refusal:
    """newsprism's components over one parsed article, within the time budget, then its `Analysis`."""
    origin = art.origin or art.id
    start = time.monotonic()
    step = "spaCy"
    try:
        if isinstance(doc, Exception):
            raise doc
        # One BLAS thread (set before the clock starts: the first call finds the libraries); the deadline stops a
        # component mid-way where it can.
        with limits.one_blas_thread(), limits.deadline(budget):
            for step in own:
                doc = nlp.get_pipe(step)(doc)
                if budget > 0 and time.monotonic() - start > budget:
                    return Refusal(origin, f"analysis took over {budget:g} s (at {step}; --time-budget)")
        step = "the analysis"
        return to_analysis(art, doc)
    except limits.OverBudget:
        return Refusal(origin, f"analysis stopped: it took over {budget:g} s (in {step}; --time-budget)")
    except Exception as err:  # noqa: BLE001 - one article's failure must not end the batch
        return _failed(origin, step, err)


def _failed(origin: str, where: str, err: Exception) -> Refusal:
    """The refusal of one article whose analysis raised `err` in `where`: one line, the message cut at 200."""
    message = " ".join(str(err).split())[:200]
    return Refusal(origin, f"analysis failed in {where}: {type(err).__name__}: {message}")
