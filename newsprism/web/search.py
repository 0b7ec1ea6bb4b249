"""Finding articles: full-text search by words (SQLite FTS5 or PostgreSQL full text) and filters by source,
date, actor, speaker and technique, over the store's tables.

SQLite: a contentless FTS5 index `fts_articles` (no copy of the text) with its id map `fts_articles_ids`,
created on first use from the stored articles and kept up to date by triggers on `articles`, so articles
ingested later by the command line are found too. PostgreSQL: `to_tsvector` over title and text, with a GIN
index created on first use. The store's own tables are never changed.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Select, and_, exists, func, literal_column, select, text, true
from sqlalchemy.exc import SQLAlchemyError

from newsprism.store import Store, StoreError
from newsprism.store.tables import articles, entities, framing, quotes

WORD = re.compile(r"\w+", re.UNICODE)
MAX_WORDS = 32  # words of a query that are searched; the rest are ignored

SQLITE_FTS = [
    "CREATE TABLE IF NOT EXISTS fts_articles_ids (rowid INTEGER PRIMARY KEY, id TEXT UNIQUE NOT NULL)",
    "CREATE VIRTUAL TABLE IF NOT EXISTS fts_articles USING fts5(title, text, content='', "
    "tokenize='unicode61 remove_diacritics 2')",
    "INSERT INTO fts_articles_ids(id) SELECT id FROM articles WHERE id NOT IN (SELECT id FROM fts_articles_ids)",
    "INSERT INTO fts_articles(rowid, title, text) SELECT m.rowid, coalesce(a.title, ''), a.text "
    "FROM articles a JOIN fts_articles_ids m ON m.id = a.id",
    """CREATE TRIGGER IF NOT EXISTS fts_articles_ai AFTER INSERT ON articles BEGIN
        INSERT INTO fts_articles_ids(id) VALUES (new.id);
        INSERT INTO fts_articles(rowid, title, text)
            SELECT rowid, coalesce(new.title, ''), new.text FROM fts_articles_ids WHERE id = new.id;
    END""",
    """CREATE TRIGGER IF NOT EXISTS fts_articles_ad AFTER DELETE ON articles BEGIN
        INSERT INTO fts_articles(fts_articles, rowid, title, text)
            SELECT 'delete', rowid, coalesce(old.title, ''), old.text FROM fts_articles_ids WHERE id = old.id;
        DELETE FROM fts_articles_ids WHERE id = old.id;
    END""",
]
PG_DOCUMENT = "to_tsvector('simple', coalesce(articles.title, '') || ' ' || articles.text)"
PG_INDEX = f"CREATE INDEX IF NOT EXISTS articles_fulltext ON articles USING gin (({PG_DOCUMENT}))"

_ready: set[str] = set()
_ready_lock = threading.Lock()


@dataclass
class Query:
    """What a user asks for: words, and filters that all must hold; empty fields do not filter."""

    q: str = ""
    source: str = ""
    date_from: str = ""
    date_to: str = ""
    actor: str = ""
    speaker: str = ""
    technique: str = ""
    limit: int = 50
    offset: int = 0

    def words(self) -> list[str]:
        """The searchable words of `q`: letters and digits only, so no query syntax reaches the database."""
        return WORD.findall(self.q)[:MAX_WORDS]


@dataclass
class Page:
    """One page of matching articles (id, title, published, source, url) and how many match in all."""

    total: int
    items: list[dict[str, Any]] = field(default_factory=list)


def ensure_index(store: Store) -> None:
    """Create the full-text index of this database once (a no-op when it is there already)."""
    with _ready_lock:
        if store.url in _ready:
            return
        backend = store.engine.dialect.name
        try:
            with store.engine.execution_options(writer=True).begin() as conn:
                if backend == "sqlite":
                    present = conn.scalar(text("SELECT 1 FROM sqlite_master WHERE name = 'fts_articles_ai'"))
                    if not present:
                        for statement in SQLITE_FTS:
                            conn.execute(text(statement))
                elif backend == "postgresql":
                    conn.execute(text(PG_INDEX))
        except SQLAlchemyError as err:
            raise StoreError(
                f"cannot build the full-text index of {store.url} (SQLite needs its FTS5 module): "
                f"{getattr(err, 'orig', err)}"
            ) from None
        _ready.add(store.url)


def _matching(backend: str, words: list[str]) -> tuple[Any, Any, Any]:
    """What to select from, a WHERE clause matching every word, and a term ranking the best matches first."""
    if backend == "sqlite":
        expression = " ".join('"' + w + '"' for w in words)
        hits = (
            select(literal_column("fts_articles_ids.id").label("id"), literal_column("fts_articles.rank").label("rank"))
            .select_from(text("fts_articles JOIN fts_articles_ids ON fts_articles_ids.rowid = fts_articles.rowid"))
            .where(text("fts_articles MATCH :fts").bindparams(fts=expression))
            .subquery("hits")
        )
        return articles.join(hits, hits.c.id == articles.c.id), true(), hits.c.rank.asc()
    document = literal_column(PG_DOCUMENT)
    tsquery = func.plainto_tsquery("simple", " ".join(words))
    return articles, document.op("@@")(tsquery), func.ts_rank(document, tsquery).desc()


def _filtered(store: Store, query: Query) -> tuple[Select, Any]:
    """The select of matching article rows and the ranking to order them by (None without words)."""
    source: Any = articles
    conditions: list[Any] = []
    rank = None
    words = query.words()
    if words:
        ensure_index(store)
        source, match, rank = _matching(store.engine.dialect.name, words)
        conditions.append(match)
    if query.source:
        conditions.append(articles.c.source == query.source)
    if query.date_from:
        conditions.append(articles.c.published >= query.date_from)
    if query.date_to:
        conditions.append(articles.c.published <= query.date_to)
    if query.actor:
        conditions.append(
            exists().where(entities.c.article_id == articles.c.id, func.lower(entities.c.name) == query.actor.lower())
        )
    if query.speaker:
        speaker = func.coalesce(quotes.c.speaker_name, quotes.c.speaker)
        conditions.append(exists().where(quotes.c.article_id == articles.c.id, speaker == query.speaker))
    if query.technique:
        conditions.append(exists().where(framing.c.article_id == articles.c.id, framing.c.technique == query.technique))
    columns = [articles.c.id, articles.c.title, articles.c.published, articles.c.source, articles.c.url]
    return select(*columns).select_from(source).where(and_(true(), *conditions)), rank


def search(store: Store, query: Query) -> Page:
    """The page of articles matching `query`: best matches first when words are given, else newest first."""
    stmt, rank = _filtered(store, query)
    if rank is not None:
        order = [rank, articles.c.id]
    else:
        order = [articles.c.published.desc().nulls_last(), articles.c.id]
    with store.engine.connect() as conn:
        total = conn.scalar(select(func.count()).select_from(stmt.subquery())) or 0
        rows = conn.execute(stmt.order_by(*order).limit(query.limit).offset(query.offset))
        return Page(total=total, items=[row._asdict() for row in rows])


def choices(store: Store) -> dict[str, list[str]]:
    """The sources and techniques stored, for the filter menus."""
    with store.engine.connect() as conn:
        named = articles.c.source.is_not(None)
        sources = conn.scalars(select(articles.c.source).where(named).distinct().order_by(articles.c.source))
        techniques = conn.scalars(select(framing.c.technique).distinct().order_by(framing.c.technique))
        return {"sources": list(sources), "techniques": list(techniques)}

