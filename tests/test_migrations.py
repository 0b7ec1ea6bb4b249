"""Alembic migrations up from each earlier revision: a database holding articles, taken back to revision R
(Alembic's downgrade, which keeps what R's tables hold), is opened by `Store`, which migrates it to the head;
then its schema is the head's (`compare_metadata` finds nothing), every article reads back as it was stored,
no row of R's data tables is lost, the corpus view is linked, and a new article is stored and found.

On SQLite here; on PostgreSQL the same check runs from `tests/test_postgres.py` (slow, `scripts/postgres.sh`)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect, text

from newsprism.store import Store
from newsprism.store.db import _alembic, database_url
from tests.test_store import head_revision, make_analysis

MIGRATIONS = Path(__file__).resolve().parents[1] / "newsprism" / "store" / "migrations"


def revisions() -> list[str]:
    """Every revision this newsprism ships, oldest first."""
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return [s.revision for s in reversed(list(ScriptDirectory.from_config(config).walk_revisions()))]


EARLIER = revisions()[:-1]


def check_upgrade_from(url: str, revision: str) -> None:
    """The check of the module docstring, on the database at `url` (empty), from `revision`."""
    from alembic import command
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    from newsprism.store.queries import ArticleQuery, search_articles
    from newsprism.store.tables import described, metadata

    stored = [make_analysis("a1"), make_analysis("a2", speaker="Olena Shevchenko", city="Odesa")]
    with Store(url) as store:
        store.save(stored)
    engine = create_engine(database_url(url))
    with engine.begin() as conn:
        command.downgrade(_alembic(conn), revision)
    with engine.connect() as conn:
        assert MigrationContext.configure(conn).get_current_revision() == revision
        kept = [t for t in metadata.tables if t != "meta" and inspect(conn).has_table(t)]  # R's tables
        counts = {t: conn.execute(text(f"SELECT count(*) FROM {t}")).scalar_one() for t in kept}
    assert "articles" in kept and counts["articles"] == 2
    with Store(url) as store:  # opening migrates to the head
        for analysis in stored:
            assert store.load(analysis.article.id) == analysis
        with store.engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"include_name": described})
            assert context.get_current_revision() == head_revision()
            assert compare_metadata(context, metadata) == []
            for table, n in counts.items():
                assert conn.execute(text(f"SELECT count(*) FROM {table}")).scalar_one() == n, (revision, table)
        assert store.save([make_analysis("a3", city="Kyiv")]) == 1
        assert [i["id"] for i in search_articles(store, ArticleQuery(q="kyiv")).items] == ["a3"]
        assert sorted(i["id"] for i in search_articles(store, ArticleQuery(q="odesa")).items) == ["a2"]
        with store.engine.connect() as conn:  # the corpus view is linked, the stored articles' included
            linked = conn.execute(text("SELECT count(*) FROM entities WHERE actor_id IS NOT NULL")).scalar_one()
            assert linked == conn.execute(text("SELECT count(*) FROM entities")).scalar_one() > 0
            assert conn.execute(text("SELECT count(*) FROM story_events")).scalar_one() == 3  # an event each
    engine.dispose()


def test_every_earlier_revision_is_checked():
    assert EARLIER and EARLIER[0] == "0001" and head_revision() not in EARLIER


@pytest.mark.parametrize("revision", EARLIER)
def test_sqlite_migrates_up_from(revision: str, tmp_path: Path) -> None:
    check_upgrade_from(str(tmp_path / "news.db"), revision)
