"""Shared fixtures of the web tests: a database holding a plain article, a hostile one (markup in its title,
text, source and URL) and, when ../shared is present, the seed article; imported by the web test modules."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from newsprism import pipeline
from newsprism.article import Article
from newsprism.readers.text import article_from_text
from newsprism.store import Store

SEED = Path(__file__).resolve().parents[1].parent / "shared" / "examples" / "gaza-2018-04-06.txt"
TOKEN = "test-token-3f9a"

PLAIN = Article(
    text=(
        '"The shelling went on all night," said Jane Doe, the mayor of Kharkiv. '
        "Officials said 12 people were killed in Kharkiv on Thursday. "
        "Doe called the attackers terrorists and said the city would rebuild its market."
    ),
    title="Night of shelling in Kharkiv",
    published="2024-05-02",
    source="Example News",
    url="https://example.org/kharkiv",
)
HOSTILE = Article(
    text=(
        'The page showed <script>window.__pwned = 1</script> and <img src=x onerror="window.__pwned = 2"> '
        'in its comments. "We removed the code quickly," said Mark Stone, the site editor.'
    ),
    title='<script>window.__pwned = 3</script><img src=x onerror="window.__pwned = 4">',
    published="2023-11-30",
    source='<b onmouseover="window.__pwned = 5">Evil</b> Daily',
    url="javascript:window.__pwned = 6",
)


@dataclass
class WebDB:
    """The test database and the ids of its articles (`seed` is None when ../shared is absent)."""

    path: Path
    plain: str
    hostile: str
    seed: str | None


def seed_article() -> Article | None:
    """The seed article as `newsprism` reads it, with a source so outlet pages have something to show."""
    if not SEED.exists():
        return None
    article = article_from_text(SEED.read_text(encoding="utf-8"), str(SEED))
    assert isinstance(article, Article)
    article.source = "Tasnim"
    return article


@pytest.fixture(scope="session")
def web_db(nlp, tmp_path_factory) -> WebDB:
    """A SQLite database with the plain, hostile and (when present) seed articles analysed and stored."""
    seed = seed_article()
    articles = [PLAIN, HOSTILE] + ([seed] if seed else [])
    path = tmp_path_factory.mktemp("web") / "web.db"
    with Store(str(path)) as store:
        store.save(list(pipeline.analyze(nlp, articles)))
    return WebDB(path, PLAIN.id, HOSTILE.id, seed.id if seed else None)
