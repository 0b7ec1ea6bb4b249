"""Read-only queries the command line, the API and the pages run. The corpus view: stories, their events and
quotes, actors, their names, quotes and events, each read by an indexed key (story id, actor id) or a page of
a list, never a whole table into memory (`newsprism.store.corpus_views` shapes the rows). Finding articles:
full-text search by words and filters (`search_articles`). What a whole database says: quotes by speaker and
outlet, the events, framing techniques by outlet, speaker and month (aggregates, counted by the database).

The full-text index is part of the schema (revision 0006): SQLite's FTS5 table `fts_articles` with its id map
`fts_articles_ids`, PostgreSQL's GIN index over `PG_DOCUMENT`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, Select, Text, and_, exists, func, literal_column, or_, select, text, true, type_coerce

from newsprism.errors import StoreError
from newsprism.store.db import Store
from newsprism.store.tables import (  # noqa: F401 - MAX_INT: the web checks ids and offsets against it
    MAX_INT,
    actor_keys,
    actors,
    articles,
    entities,
    event_quotes,
    events,
    framing,
    quotes,
    stories,
    story_events,
)

Row = dict[str, Any]
UNKNOWN_SOURCE = "(no source)"  # the outlet of articles stored without one, in counts by outlet
UNRESOLVED_SPEAKER = "(unresolved speaker)"
WORD = re.compile(r"\w+", re.UNICODE)
MAX_WORDS = 32  # words of a query that are searched; the rest are ignored
PG_DOCUMENT = "to_tsvector('simple', coalesce(articles.title, '') || ' ' || articles.text)"  # as indexed by 0006
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


# Finding articles


@dataclass
class ArticleQuery:
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
class ArticlePage:
    """One page of matching articles (id, title, published, source, url) and how many match in all."""

    total: int
    items: list[Row] = field(default_factory=list)


def _check_fulltext(store: Store, conn: Connection) -> None:
    """A StoreError unless this SQLite database has its full-text index (migrated without FTS5, it has none)."""
    if conn.dialect.name != "sqlite":
        return
    if not conn.scalar(text("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'fts_articles'")):
        raise StoreError(
            f"cannot search the words of {store.url}: it has no full-text index (SQLite needs its FTS5 module, "
            "which the SQLite that created or upgraded this database lacked); filters without words still work"
        )


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


def _filtered(backend: str, query: ArticleQuery) -> tuple[Select, Any]:
    """The select of matching article rows and the ranking to order them by (None without words)."""
    source: Any = articles
    conditions: list[Any] = []
    rank = None
    words = query.words()
    if words:
        source, match, rank = _matching(backend, words)
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
    columns = [articles.c.id, articles.c.title, articles.c.published, articles.c.source, articles.c.url,
               articles.c.language]
    return select(*columns).select_from(source).where(and_(true(), *conditions)), rank


def search_articles(store: Store, query: ArticleQuery) -> ArticlePage:
    """The page of articles matching `query`: best matches first when words are given, else newest first."""
    stmt, rank = _filtered(store.engine.dialect.name, query)
    if rank is not None:
        order = [rank, articles.c.id]
    else:
        order = [articles.c.published.desc().nulls_last(), articles.c.id]
    with store.engine.connect() as conn:
        if rank is not None:
            _check_fulltext(store, conn)
        total = conn.scalar(select(func.count()).select_from(stmt.subquery())) or 0
        rows = conn.execute(stmt.order_by(*order).limit(query.limit).offset(query.offset))
        return ArticlePage(total=total, items=[row._asdict() for row in rows])


def search_choices(store: Store) -> dict[str, list[str]]:
    """The sources and techniques stored, for the filter menus."""
    with store.engine.connect() as conn:
        named = articles.c.source.is_not(None)
        sources = conn.scalars(select(articles.c.source).where(named).distinct().order_by(articles.c.source))
        techniques = conn.scalars(select(framing.c.technique).distinct().order_by(framing.c.technique))
        return {"sources": list(sources), "techniques": list(techniques)}


# What a whole database says


def speaker_source_counts(store: Store) -> list[tuple[str, str, int]]:
    """(speaker, outlet, quotes) for every speaker (the resolved name, else the words used) and outlet."""
    speaker = func.coalesce(quotes.c.speaker_name, quotes.c.speaker)
    source = func.coalesce(articles.c.source, UNKNOWN_SOURCE)
    query = (
        select(speaker, source, func.count())
        .select_from(quotes.join(articles, articles.c.id == quotes.c.article_id))
        .where(speaker.is_not(None))
        .group_by(speaker, source)
    )
    with store.engine.connect() as conn:
        return [tuple(r) for r in conn.execute(query)]


def _scored(min_score: float) -> Any:
    """The condition on events scored at least `min_score` (events stored without a score always pass)."""
    return or_(events.c.score.is_(None), events.c.score >= min_score)


def event_list(store: Store, limit: int = 500, min_score: float = 0.0) -> list[Row]:
    """The stored events scored at least `min_score`, oldest first, each with its article's title and source."""
    query = (
        select(events, articles.c.title, articles.c.source)
        .select_from(events.join(articles, articles.c.id == events.c.article_id))
        .where(_scored(min_score))
        .order_by(events.c.date.nulls_last(), events.c.article_id, events.c.idx)
        .limit(limit)
    )
    with store.engine.connect() as conn:
        return [row._asdict() for row in conn.execute(query)]


def event_date_counts(store: Store, min_score: float = 0.0) -> list[tuple[str, str, int]]:
    """(type, YYYY-MM-DD, events) for the dated events scored at least `min_score`."""
    query = (
        select(events.c.type, events.c.date, func.count())
        .where(events.c.date.is_not(None), _scored(min_score))
        .group_by(events.c.type, events.c.date)
    )
    with store.engine.connect() as conn:
        return [tuple(r) for r in conn.execute(query)]


def located_event_counts(store: Store, min_score: float = 0.0) -> list[Row]:
    """Events scored at least `min_score` with a place: coordinates, a place name or a country, grouped by
    place and type with their count `n` (the web map finds coordinates for names through the gazetteer)."""
    located = or_(and_(events.c.lat.is_not(None), events.c.lon.is_not(None)), events.c.place.is_not(None),
                  events.c.country.is_not(None))
    query = (
        select(events.c.place, events.c.country, events.c.lat, events.c.lon, events.c.type, func.count().label("n"))
        .where(located, _scored(min_score))
        .group_by(events.c.place, events.c.country, events.c.lat, events.c.lon, events.c.type)
    )
    with store.engine.connect() as conn:
        return [row._asdict() for row in conn.execute(query)]


def technique_source_counts(store: Store, voice: str, min_score: float) -> list[tuple[str, str, int]]:
    """(technique, outlet, articles): an article counts once however many spans it has, only spans scored
    `min_score` or more count, and `voice` author or quote keeps the spans in that voice only (all: every one)."""
    source = func.coalesce(articles.c.source, UNKNOWN_SOURCE)
    query = (
        select(framing.c.technique, source, func.count(func.distinct(framing.c.article_id)))
        .select_from(framing.join(articles, articles.c.id == framing.c.article_id))
        .where(framing.c.score >= min_score)
        .group_by(framing.c.technique, source)
    )
    if voice != "all":
        query = query.where(framing.c.voice == voice)
    with store.engine.connect() as conn:
        return [tuple(r) for r in conn.execute(query)]


def technique_speaker_counts(store: Store, min_score: float) -> list[tuple[str, str, int]]:
    """(technique, quote's speaker, spans) for the framing spans inside quotes scored `min_score` or more."""
    speaker = func.coalesce(framing.c.speaker_name, UNRESOLVED_SPEAKER)
    query = (
        select(framing.c.technique, speaker, func.count())
        .where(framing.c.voice == "quote", framing.c.score >= min_score)
        .group_by(framing.c.technique, speaker)
    )
    with store.engine.connect() as conn:
        return [tuple(r) for r in conn.execute(query)]


def technique_month_counts(store: Store, voice: str, min_score: float) -> list[tuple[str, str, int]]:
    """(technique, YYYY-MM of publication, articles) counting spans scored `min_score` or more, in `voice`
    (author, quote) or all."""
    month = func.substr(articles.c.published, 1, 7)
    query = (
        select(framing.c.technique, month, func.count(func.distinct(framing.c.article_id)))
        .select_from(framing.join(articles, articles.c.id == framing.c.article_id))
        .where(articles.c.published.is_not(None), framing.c.score >= min_score)
        .group_by(framing.c.technique, month)
    )
    if voice != "all":
        query = query.where(framing.c.voice == voice)
    with store.engine.connect() as conn:
        return [tuple(r) for r in conn.execute(query)]
