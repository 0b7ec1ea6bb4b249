"""Full-text search of the articles' title and text, owned by the schema instead of built by the web at
first use.

SQLite: a contentless FTS5 index `fts_articles` (no second copy of the text) with its id map
`fts_articles_ids`, filled from the stored articles and kept up to date by triggers on `articles`, so
articles saved later by any writer are found. A database whose index an older web server already built keeps
it as it is. A SQLite without the FTS5 module gets no index and every other table as usual; searching by
words then says so (`store.queries.search_articles`).

PostgreSQL: a GIN index over `to_tsvector('simple', title || ' ' || text)`, the expression the search uses.

Note for later revisions: a batch (copy and move) rebuild of `articles` on SQLite drops its triggers; such
a revision has to create `fts_articles_ai` and `fts_articles_ad` again.

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

from alembic import op
from sqlalchemy.exc import OperationalError

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

SQLITE_CREATE = [
    "CREATE TABLE fts_articles_ids (rowid INTEGER PRIMARY KEY, id TEXT UNIQUE NOT NULL)",
    "CREATE VIRTUAL TABLE fts_articles USING fts5(title, text, content='', "
    "tokenize='unicode61 remove_diacritics 2')",
    "INSERT INTO fts_articles_ids(id) SELECT id FROM articles ORDER BY id",
    "INSERT INTO fts_articles(rowid, title, text) SELECT m.rowid, coalesce(a.title, ''), a.text "
    "FROM articles a JOIN fts_articles_ids m ON m.id = a.id",
    """CREATE TRIGGER fts_articles_ai AFTER INSERT ON articles BEGIN
        INSERT INTO fts_articles_ids(id) VALUES (new.id);
        INSERT INTO fts_articles(rowid, title, text)
            SELECT rowid, coalesce(new.title, ''), new.text FROM fts_articles_ids WHERE id = new.id;
    END""",
    """CREATE TRIGGER fts_articles_ad AFTER DELETE ON articles BEGIN
        INSERT INTO fts_articles(fts_articles, rowid, title, text)
            SELECT 'delete', rowid, coalesce(old.title, ''), old.text FROM fts_articles_ids WHERE id = old.id;
        DELETE FROM fts_articles_ids WHERE id = old.id;
    END""",
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS fts_articles_ai",
    "DROP TRIGGER IF EXISTS fts_articles_ad",
    "DROP TABLE IF EXISTS fts_articles",
    "DROP TABLE IF EXISTS fts_articles_ids",
]
SQLITE_OBJECTS = {"fts_articles", "fts_articles_ids", "fts_articles_ai", "fts_articles_ad"}
PG_DOCUMENT = "to_tsvector('simple', coalesce(articles.title, '') || ' ' || articles.text)"


def _has_fts5() -> bool:
    """Whether this SQLite can make FTS5 tables (a probe in the connection's temporary schema)."""
    bind = op.get_bind()
    try:
        bind.exec_driver_sql("CREATE VIRTUAL TABLE temp.newsprism_fts5_probe USING fts5(x)")
    except OperationalError:
        return False
    bind.exec_driver_sql("DROP TABLE temp.newsprism_fts5_probe")
    return True


def upgrade() -> None:
    """Create the full-text index of `articles` and fill it with the articles stored so far."""
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        op.execute(f"CREATE INDEX IF NOT EXISTS articles_fulltext ON articles USING gin (({PG_DOCUMENT}))")
        return
    if bind.dialect.name != "sqlite":
        return
    present = set(bind.exec_driver_sql("SELECT name FROM sqlite_master").scalars())
    if SQLITE_OBJECTS <= present:  # built by an older web server at first search, kept up to date since
        return
    if not _has_fts5():
        return
    for statement in SQLITE_DROP + SQLITE_CREATE:  # a partial leftover is built again from scratch
        bind.exec_driver_sql(statement)


def downgrade() -> None:
    """Drop the full-text index."""
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        op.execute("DROP INDEX IF EXISTS articles_fulltext")
    elif bind.dialect.name == "sqlite":
        for statement in SQLITE_DROP:
            bind.exec_driver_sql(statement)
