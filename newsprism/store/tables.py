"""The database schema: one table per list in an `Analysis`, each row keyed by its article.

Only portable column types are used (JSON is kept as text), so the same schema serves SQLite and PostgreSQL.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import (
    Column,
    Float,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)
from sqlalchemy.types import TypeDecorator

SCHEMA_VERSION = 1
# The largest value an Integer column holds in every back end (PostgreSQL's INTEGER is 32-bit): the web checks
# ids and offsets against it, so a larger number is a 422, never a database error.
MAX_INT = 2**31 - 1


class JSONText(TypeDecorator):
    """JSON stored as plain text, so any database can hold it; Python lists and dicts go in and come out."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Any) -> str | None:
        """Encode a Python value as JSON text (non-ASCII kept readable)."""
        return None if value is None else json.dumps(value, ensure_ascii=False)

    def process_result_value(self, value: str | None, dialect: Any) -> Any:
        """Decode JSON text back into Python."""
        return None if value is None else json.loads(value)


metadata = MetaData()


def _article_id() -> Column:
    """The column that keys a row to its article; indexed, and removed with the article."""
    return Column(
        "article_id", String, ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True, index=True
    )


articles = Table(
    "articles",
    metadata,
    Column("id", String, primary_key=True),
    Column("title", Text),
    Column("published", String),
    Column("source", Text),
    Column("url", Text),
    Column("language", String),
    Column("text", Text, nullable=False),
    Column("analysis", Text, nullable=False),
    Column("ingested_at", String, nullable=False),
)

entities = Table(
    "entities",
    metadata,
    _article_id(),
    Column("entity_id", String, primary_key=True),
    Column("name", Text),
    Column("type", String),
    Column("country", String),
    Column("country_source", String),  # "name", "text", "known" or "article" (a default): see schema.Entity
    Column("mentions", JSONText),
    Column("labels", JSONText),
    Column("actor_id", Integer, ForeignKey("actors.id"), index=True),  # the actor across articles (corpus/)
)

quotes = Table(
    "quotes",
    metadata,
    _article_id(),
    Column("idx", Integer, primary_key=True, autoincrement=False),
    Column("kind", String),
    Column("content", Text),
    Column("content_start", Integer),
    Column("content_end", Integer),
    Column("cue", Text),
    Column("cue_start", Integer),
    Column("cue_end", Integer),
    Column("speaker", Text),
    Column("speaker_start", Integer),
    Column("speaker_end", Integer),
    Column("speaker_entity", String),
    Column("speaker_name", Text),
)

events = Table(
    "events",
    metadata,
    _article_id(),
    Column("idx", Integer, primary_key=True, autoincrement=False),
    Column("date", String),
    Column("date_text", Text),
    Column("type", String),
    Column("mode", String),
    Column("acled_type", String),
    Column("source_actor", Text),
    Column("source_country", String),
    Column("target_actor", Text),
    Column("target_country", String),
    Column("place", Text),
    Column("country", String),
    Column("lat", Float),
    Column("lon", Float),
    Column("fatalities", Integer),
    Column("fatalities_qualifier", String),
    Column("injured", Integer),
    Column("injured_qualifier", String),
    Column("size", Integer),
    Column("evidence", Text),
    Column("evidence_start", Integer),
    Column("evidence_end", Integer),
    Column("score", Float),
)

framing = Table(
    "framing",
    metadata,
    _article_id(),
    Column("idx", Integer, primary_key=True, autoincrement=False),
    Column("technique", String),
    Column("start", Integer),
    Column("end", Integer),
    Column("text", Text),
    Column("score", Float),
    Column("voice", String),  # author or quote (NULL: stored before voices were told apart)
    Column("speaker_entity", String),  # the quote's speaker, an entity of the article
    Column("speaker_name", Text),
)

# Tone towards an actor: one row per judged mention (newsprism.tone.component).
tone = Table(
    "tone",
    metadata,
    _article_id(),
    Column("idx", Integer, primary_key=True, autoincrement=False),
    Column("entity_id", String, index=True),
    Column("mention_start", Integer),
    Column("mention_end", Integer),
    Column("mention_text", Text),
    Column("polarity", Integer),
    Column("score", Float),
    Column("voice", String),
    Column("speaker_entity", String),
    Column("speaker_name", Text),
)

figure_conflicts = Table(
    "figure_conflicts",
    metadata,
    _article_id(),
    Column("idx", Integer, primary_key=True, autoincrement=False),
    Column("about", Text),
    Column("figures", JSONText),
)

# The corpus view (newsprism/corpus/), kept current as articles are stored: actors across articles, the keys
# that find them, stories of events across articles, and quotes joined to events.
actors = Table(
    "actors",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("name", Text, nullable=False),
    Column("type", String),
    Column("country", String),
    Column("articles", Integer, nullable=False, index=True),
)

actor_keys = Table(
    "actor_keys",
    metadata,
    Column("key", String, primary_key=True),
    Column("actor_id", Integer, ForeignKey("actors.id"), primary_key=True, index=True),
)

stories = Table(
    "stories",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("first_date", String, nullable=False, index=True),
    Column("last_date", String, nullable=False),
    Column("articles", Integer, nullable=False, index=True),
)

story_events = Table(
    "story_events",
    metadata,
    _article_id(),
    Column("idx", Integer, primary_key=True, autoincrement=False),
    Column("story_id", Integer, ForeignKey("stories.id"), index=True),
    Column("date", String, index=True),
    Column("type", String),
    Column("place", Text),
    Column("country", String),
    Column("source_actor_id", Integer, index=True),
    Column("target_actor_id", Integer, index=True),
    Column("actor_ids", JSONText),
    Column("reason", JSONText),
)

event_quotes = Table(
    "event_quotes",
    metadata,
    _article_id(),
    Column("event_idx", Integer, primary_key=True, autoincrement=False),
    Column("quote_idx", Integer, primary_key=True, autoincrement=False),
    Column("reason", Text),
)

# `newsprism watch` (newsprism/watch/): each feed's HTTP validators and backoff, and every item taken from a
# feed, by each key that names it (its guid and its link), so no item is fetched twice, across runs.
watch_feeds = Table(
    "watch_feeds",
    metadata,
    Column("url", String, primary_key=True),
    Column("etag", Text),
    Column("last_modified", Text),
    Column("checked_at", String),  # when it was last asked for, ISO 8601 UTC
    Column("failures", Integer, nullable=False, default=0),  # errors in a row; backoff grows with them
    Column("retry_at", String),  # no request before this time (backoff after errors), ISO 8601 UTC
    Column("last_error", Text),
)

watch_items = Table(
    "watch_items",
    metadata,
    Column("key", String, primary_key=True),  # "guid:..." or "url:..."
    Column("feed_url", String, nullable=False, index=True),
    Column("article_id", String),  # the article stored for it (NULL: none, e.g. refused)
    Column("seen_at", String, nullable=False),
)

meta = Table(
    "meta",
    metadata,
    Column("key", String, primary_key=True),
    Column("value", Text, nullable=False),
)

# The tables a user may count and export, in the order they are written.
DATA_TABLES: dict[str, Table] = {
    t.name: t for t in (articles, entities, quotes, events, framing, tone, figure_conflicts)
}

# The full-text index of `articles` (revision 0006): SQLite's FTS5 table `fts_articles`, its shadow tables and
# its id map, PostgreSQL's expression index `articles_fulltext`. Made by the migration in SQL that no `Table`
# describes, so comparing this metadata with a database (autogenerate) leaves them out.
FULLTEXT_TABLES = "fts_articles"  # the prefix of every SQLite full-text table
FULLTEXT_INDEX = "articles_fulltext"


def described(name: str | None, type_: str, parent_names: dict[str, Any]) -> bool:
    """Whether a database object is one this metadata describes, for Alembic's `include_name`: everything
    but the full-text index's objects."""
    if type_ == "table" and name is not None and name.startswith(FULLTEXT_TABLES):
        return False
    return not (type_ == "index" and name == FULLTEXT_INDEX)
