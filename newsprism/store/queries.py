"""Read-only queries of the corpus view: stories, their events and quotes, actors, their names, quotes and
events. Each reads by an indexed key (story id, actor id) or a page of a list, never a whole table into
memory; `newsprism.store.corpus_views` shapes the rows for the command line, the API and the pages."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Text, and_, func, or_, select, type_coerce

from newsprism.store.db import Store
from newsprism.store.tables import (
    actor_keys,
    actors,
    articles,
    entities,
    event_quotes,
    events,
    quotes,
    stories,
    story_events,
)

Row = dict[str, Any]
ARTICLE_COLUMNS = (articles.c.title, articles.c.source, articles.c.published, articles.c.url)


def count_stories(store: Store, min_articles: int = 2) -> int:
    """How many stories have events from at least `min_articles` articles."""
    with store.engine.connect() as conn:
        return conn.scalar(select(func.count()).select_from(stories).where(stories.c.articles >= min_articles)) or 0


def story_page(store: Store, min_articles: int = 2, limit: int = 50, offset: int = 0) -> list[Row]:
    """A page of stories told by at least `min_articles` articles, newest first."""
    query = (
        select(stories)
        .where(stories.c.articles >= min_articles)
        .order_by(stories.c.first_date.desc(), stories.c.id.desc())
        .limit(limit)
        .offset(offset)
    )
    with store.engine.connect() as conn:
        return [r._asdict() for r in conn.execute(query)]


def story(store: Store, story_id: int) -> Row | None:
    """One story's row, or None."""
    with store.engine.connect() as conn:
        row = conn.execute(select(stories).where(stories.c.id == story_id)).first()
    return row._asdict() if row else None


def story_event_rows(store: Store, story_ids: list[int]) -> list[Row]:
    """The events of these stories with their article's metadata and why each joined, by story, then
    publication date and article."""
    if not story_ids:
        return []
    se = story_events
    query = (
        select(se.c.story_id, se.c.article_id, se.c.idx, se.c.reason, se.c.actor_ids, se.c.source_actor_id,
               se.c.target_actor_id,
               *(c for c in events.c if c.name not in ("article_id", "idx")), *ARTICLE_COLUMNS)
        .join(events, and_(events.c.article_id == se.c.article_id, events.c.idx == se.c.idx))
        .join(articles, articles.c.id == se.c.article_id)
        .where(se.c.story_id.in_(story_ids))
        .order_by(se.c.story_id, articles.c.published.nulls_last(), se.c.article_id, se.c.idx)
    )
    with store.engine.connect() as conn:
        return [r._asdict() for r in conn.execute(query)]


def event_quote_rows(store: Store, keys: list[tuple[str, int]]) -> list[Row]:
    """The quotes joined to these events ((article id, event index) pairs), with the reason."""
    if not keys:
        return []
    eq = event_quotes
    wanted = eq.c.article_id.in_(sorted({a for a, _ in keys}))  # then the events, here: no deep OR for SQLite
    query = (
        select(eq.c.article_id, eq.c.event_idx, eq.c.quote_idx, eq.c.reason, quotes.c.kind, quotes.c.content,
               quotes.c.content_start, quotes.c.content_end, quotes.c.speaker, quotes.c.speaker_name)
        .join(quotes, and_(quotes.c.article_id == eq.c.article_id, quotes.c.idx == eq.c.quote_idx))
        .where(wanted)
        .order_by(eq.c.article_id, eq.c.event_idx, eq.c.quote_idx)
    )
    chosen = set(keys)
    with store.engine.connect() as conn:
        return [r._asdict() for r in conn.execute(query) if (r.article_id, r.event_idx) in chosen]


def count_actors(store: Store) -> int:
    """How many actors the corpus knows."""
    with store.engine.connect() as conn:
        return conn.scalar(select(func.count()).select_from(actors)) or 0


def actor_page(store: Store, limit: int = 100, offset: int = 0) -> list[Row]:
    """A page of actors, those named in the most articles first."""
    query = select(actors).order_by(actors.c.articles.desc(), actors.c.id).limit(limit).offset(offset)
    with store.engine.connect() as conn:
        return [r._asdict() for r in conn.execute(query)]


def actor(store: Store, actor_id: int) -> Row | None:
    """One actor's row with the keys that find it, or None."""
    with store.engine.connect() as conn:
        row = conn.execute(select(actors).where(actors.c.id == actor_id)).first()
        if row is None:
            return None
        keys = list(conn.scalars(select(actor_keys.c.key).where(actor_keys.c.actor_id == actor_id).order_by(actor_keys.c.key)))
    return {**row._asdict(), "keys": keys}


def actor_rows(store: Store, actor_ids: list[int]) -> dict[int, Row]:
    """The rows of these actors, by id."""
    if not actor_ids:
        return {}
    with store.engine.connect() as conn:
        return {r.id: r._asdict() for r in conn.execute(select(actors).where(actors.c.id.in_(sorted(set(actor_ids)))))}


def actor_names(store: Store, actor_ids: list[int]) -> list[tuple[int, str, int]]:
    """(actor id, a name articles gave it, in how many articles) for these actors, counted by the database."""
    if not actor_ids:
        return []
    n = func.count()
    query = (
        select(entities.c.actor_id, entities.c.name, n)
        .where(entities.c.actor_id.in_(actor_ids))
        .group_by(entities.c.actor_id, entities.c.name)
        .order_by(entities.c.actor_id, n.desc(), entities.c.name)
    )
    with store.engine.connect() as conn:
        return [tuple(r) for r in conn.execute(query)]


def actor_labels(store: Store, actor_ids: list[int]) -> list[tuple[int, str | None, list]]:
    """(actor id, outlet, labels) for each article that labels one of these actors (most articles label none)."""
    if not actor_ids:
        return []
    query = (
        select(entities.c.actor_id, articles.c.source, entities.c.labels)
        .join(articles, articles.c.id == entities.c.article_id)
        .where(entities.c.actor_id.in_(actor_ids), type_coerce(entities.c.labels, Text) != "[]")
    )
    with store.engine.connect() as conn:
        return [tuple(r) for r in conn.execute(query)]


def actor_entities(store: Store, actor_id: int, limit: int = 500) -> list[Row]:
    """The entities of one actor, one per article, with their mentions, labels and article, newest first."""
    query = (
        select(entities.c.article_id, entities.c.entity_id, entities.c.name, entities.c.mentions,
               entities.c.labels, *ARTICLE_COLUMNS)
        .join(articles, articles.c.id == entities.c.article_id)
        .where(entities.c.actor_id == actor_id)
        .order_by(articles.c.published.desc().nulls_last(), entities.c.article_id)
        .limit(limit)
    )
    with store.engine.connect() as conn:
        return [r._asdict() for r in conn.execute(query)]


def actor_quotes(store: Store, actor_id: int, limit: int = 500) -> list[Row]:
    """The quotes whose speaker is this actor, with their article."""
    query = (
        select(quotes.c.article_id, quotes.c.idx, quotes.c.kind, quotes.c.content, quotes.c.speaker,
               quotes.c.cue, *ARTICLE_COLUMNS)
        .join(entities, and_(entities.c.article_id == quotes.c.article_id,
                             entities.c.entity_id == quotes.c.speaker_entity))
        .join(articles, articles.c.id == quotes.c.article_id)
        .where(entities.c.actor_id == actor_id)
        .order_by(articles.c.published.desc().nulls_last(), quotes.c.article_id, quotes.c.idx)
        .limit(limit)
    )
    with store.engine.connect() as conn:
        return [r._asdict() for r in conn.execute(query)]


def actor_events(store: Store, actor_id: int, limit: int = 500) -> list[Row]:
    """The events this actor did or underwent (source or target), with their story and article."""
    se = story_events
    query = (
        select(se.c.story_id, se.c.source_actor_id, se.c.target_actor_id, events.c.article_id, events.c.idx,
               events.c.type, events.c.date, events.c.place, events.c.evidence, *ARTICLE_COLUMNS)
        .join(events, and_(events.c.article_id == se.c.article_id, events.c.idx == se.c.idx))
        .join(articles, articles.c.id == se.c.article_id)
        .where(or_(se.c.source_actor_id == actor_id, se.c.target_actor_id == actor_id))
        .order_by(events.c.date.desc().nulls_last(), events.c.article_id, events.c.idx)
        .limit(limit)
    )
    with store.engine.connect() as conn:
        return [r._asdict() for r in conn.execute(query)]


def entity_actors(store: Store, article_id: str) -> dict[str, int]:
    """The actor of each entity of one article ({entity id: actor id})."""
    query = select(entities.c.entity_id, entities.c.actor_id).where(
        entities.c.article_id == article_id, entities.c.actor_id.is_not(None)
    )
    with store.engine.connect() as conn:
        return {eid: actor for eid, actor in conn.execute(query)}
