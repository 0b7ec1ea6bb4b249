"""The corpus view on PostgreSQL: the same actors, stories and disagreements as on SQLite, linked at ingest
and after a migration (slow: starts PostgreSQL through scripts/postgres.sh, or skips saying why)."""

from __future__ import annotations

from pathlib import Path

import pytest
from corpus_fixtures import actor_corpus, protest_corpus
from test_postgres import pg_url, server  # noqa: F401  (fixtures)

from newsprism.store import corpus_views as views
from newsprism.store import Store

pytestmark = pytest.mark.slow


def test_same_corpus_view_as_sqlite(pg_url: str, tmp_path: Path) -> None:  # noqa: F811
    corpus = protest_corpus() + actor_corpus()
    with Store(pg_url) as pg, Store(str(tmp_path / "n.db")) as lite:
        for store in (pg, lite):
            store.save(corpus[:3])
            store.save(corpus[3:])  # a second ingest links to what the first stored
        assert views.stories(pg, min_articles=1) == views.stories(lite, min_articles=1)
        assert list(views.all_actors(pg)) == list(views.all_actors(lite))
        (story,) = views.stories(pg)
        assert [c.text for c in story.conflicts[0].figures] == ["12", "At least 15"]
        us = next(a for a in views.all_actors(pg) if a.name == "United States")
        assert views.actor_detail(pg, us.id) == views.actor_detail(lite, us.id)
        assert us.articles == 3
