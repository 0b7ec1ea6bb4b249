"""What a whole database says: who is quoted by which outlet, the events stored, and the framing techniques
per outlet and per month. Read-only queries over the store's tables, shaped for the corpus pages and their
charts (actors and stories across articles: `newsprism.store.corpus_views`)."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, or_, select

from newsprism.store import Store
from newsprism.store.tables import articles, events, framing, quotes

UNKNOWN_SOURCE = "(no source)"
MIN_FRAMING_SCORE = 0.2  # framing spans scored lower are left out of the corpus pages (the score is 0 to 1)
OUTLET_COLUMNS = 12  # outlets shown as columns by default; the rest are summed in `others`


@dataclass
class Pivot:
    """Counts of `rows` by `columns` (say speakers by outlet), rows ordered by their total, largest first."""

    rows: list[str]
    columns: list[str]
    cells: dict[tuple[str, str], int]
    totals: dict[str, int]
    others: dict[str, int]  # per row, the counts of the columns left out
    all_columns: int  # how many columns there are, shown or not


def pivot(counts: list[tuple[str, str, int]], top_rows: int, top_columns: int | None = OUTLET_COLUMNS) -> Pivot:
    """A `Pivot` of the `top_rows` rows and the `top_columns` columns (None: all) with the most counts; what
    the other columns hold is summed per row in `others`, so each row still adds up to its total."""
    row_totals: Counter[str] = Counter()
    column_totals: Counter[str] = Counter()
    cells: dict[tuple[str, str], int] = {}
    for row, column, n in counts:
        row_totals[row] += n
        column_totals[column] += n
        cells[(row, column)] = cells.get((row, column), 0) + n
    rows = [r for r, _ in sorted(row_totals.items(), key=lambda kv: (-kv[1], kv[0]))[:top_rows]]
    columns = [c for c, _ in sorted(column_totals.items(), key=lambda kv: (-kv[1], kv[0]))[:top_columns]]
    shown = set(columns)
    others = {r: sum(n for (row, c), n in cells.items() if row == r and c not in shown) for r in rows}
    return Pivot(rows, columns, cells, dict(row_totals), others, len(column_totals))


def speakers(store: Store, top: int = 50, outlets: int | None = OUTLET_COLUMNS) -> Pivot:
    """Quotes by speaker (the resolved name, else the words used) and outlet, `outlets` of them as columns
    (None: every outlet)."""
    speaker = func.coalesce(quotes.c.speaker_name, quotes.c.speaker)
    source = func.coalesce(articles.c.source, UNKNOWN_SOURCE)
    query = (
        select(speaker, source, func.count())
        .select_from(quotes.join(articles, articles.c.id == quotes.c.article_id))
        .where(speaker.is_not(None))
        .group_by(speaker, source)
    )
    with store.engine.connect() as conn:
        return pivot([tuple(r) for r in conn.execute(query)], top, outlets)


def scored(min_score: float):
    """The condition on events scored at least `min_score` (events stored without a score always pass)."""
    return or_(events.c.score.is_(None), events.c.score >= min_score)


def event_rows(store: Store, limit: int = 500, min_score: float = 0.0) -> list[dict[str, Any]]:
    """The stored events scored at least `min_score`, oldest first, each with its article's title and source."""
    query = (
        select(events, articles.c.title, articles.c.source)
        .select_from(events.join(articles, articles.c.id == events.c.article_id))
        .where(scored(min_score))
        .order_by(events.c.date.nulls_last(), events.c.article_id, events.c.idx)
        .limit(limit)
    )
    with store.engine.connect() as conn:
        return [row._asdict() for row in conn.execute(query)]


def events_by_date(store: Store, min_score: float = 0.0) -> dict[str, dict[str, int]]:
    """Events scored at least `min_score` per type and date ({type: {YYYY-MM-DD: n}}), for the timeline."""
    query = select(events.c.type, events.c.date, func.count()).where(
        events.c.date.is_not(None), scored(min_score)).group_by(
        events.c.type, events.c.date
    )
    series: dict[str, dict[str, int]] = defaultdict(dict)
    with store.engine.connect() as conn:
        for kind, date, n in conn.execute(query):
            series[kind][date] = n
    return dict(series)


def located_events(store: Store, min_score: float = 0.0) -> list[dict[str, Any]]:
    """Events scored at least `min_score` with coordinates, grouped by place and type with their count."""
    query = (
        select(events.c.place, events.c.country, events.c.lat, events.c.lon, events.c.type, func.count().label("n"))
        .where(events.c.lat.is_not(None), events.c.lon.is_not(None), scored(min_score))
        .group_by(events.c.place, events.c.country, events.c.lat, events.c.lon, events.c.type)
    )
    with store.engine.connect() as conn:
        return [row._asdict() for row in conn.execute(query)]


def techniques_by_source(store: Store, voice: str = "all", min_score: float = MIN_FRAMING_SCORE) -> Pivot:
    """Articles using each framing technique, by outlet: an article counts once however many spans it has
    (so one long article does not outweigh the rest), and only spans scored `min_score` or more count;
    `voice` author or quote keeps the spans in that voice only."""
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
        return pivot([tuple(r) for r in conn.execute(query)], top_rows=20)


def techniques_by_speaker(store: Store, min_score: float = MIN_FRAMING_SCORE) -> Pivot:
    """Framing spans scored `min_score` or more inside quotes, by technique and the quote's speaker (who the
    loaded words belong to)."""
    speaker = func.coalesce(framing.c.speaker_name, "(unresolved speaker)")
    query = (
        select(framing.c.technique, speaker, func.count())
        .where(framing.c.voice == "quote", framing.c.score >= min_score)
        .group_by(framing.c.technique, speaker)
    )
    with store.engine.connect() as conn:
        return pivot([tuple(r) for r in conn.execute(query)], top_rows=20)


def techniques_by_month(
    store: Store, voice: str = "all", min_score: float = MIN_FRAMING_SCORE
) -> dict[str, dict[str, int]]:
    """Articles using each framing technique per month of publication ({technique: {YYYY-MM: n}}), counting
    spans scored `min_score` or more, in `voice` (author, quote) or all."""
    month = func.substr(articles.c.published, 1, 7)
    query = (
        select(framing.c.technique, month, func.count(func.distinct(framing.c.article_id)))
        .select_from(framing.join(articles, articles.c.id == framing.c.article_id))
        .where(articles.c.published.is_not(None), framing.c.score >= min_score)
        .group_by(framing.c.technique, month)
    )
    if voice != "all":
        query = query.where(framing.c.voice == voice)
    series: dict[str, dict[str, int]] = defaultdict(dict)
    with store.engine.connect() as conn:
        for technique, when, n in conn.execute(query):
            series[technique][when] = n
    return dict(series)
