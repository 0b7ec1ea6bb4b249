"""newsprism: turn news articles into checkable evidence: quotes, actors, events and framing.

The Python API, loaded on first use so that `import newsprism` stays quick:

    import newsprism
    articles = newsprism.read("page.html")                                    # `Article`s, as the CLI reads them
    analysis = newsprism.analyze(articles[0])                                 # an `Analysis`
    analysis = newsprism.analyze(text, published="2018-04-06", title="...")   # text or HTML
    for a in newsprism.analyze_many(texts, workers=2): ...                   # in input order
    with newsprism.open_store("news.db") as store: store.save([analysis])
    nlp = newsprism.load()                                                    # the spaCy pipeline
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

from newsprism import notorch  # noqa: E402 - before anything imports spaCy

notorch.install()

# Public name -> the module that defines it.
_API = {
    "read": "newsprism.engines.api",
    "analyze": "newsprism.engines.api",
    "analyze_many": "newsprism.engines.api",
    "open_store": "newsprism.engines.api",
    "load": "newsprism.engines.api",
    "analysis_schema": "newsprism.engines.api",
    "AnalysisRefused": "newsprism.errors",
    "NewsprismError": "newsprism.errors",
    "Analysis": "newsprism.schema",
    "Article": "newsprism.article",
    "Refusal": "newsprism.article",
    "Store": "newsprism.store",
}
__all__ = ["__version__", *_API]

if TYPE_CHECKING:
    from newsprism.engines.api import analysis_schema, analyze, analyze_many, load, open_store, read
    from newsprism.errors import AnalysisRefused, NewsprismError
    from newsprism.article import Article, Refusal
    from newsprism.schema import Analysis
    from newsprism.store import Store


def __getattr__(name: str) -> Any:
    """Import an API name from its module the first time it is used."""
    if name not in _API:
        raise AttributeError(f"module 'newsprism' has no attribute {name!r}")
    value = getattr(import_module(_API[name]), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    """The API names beside the module's own."""
    return sorted({*globals(), *_API})
