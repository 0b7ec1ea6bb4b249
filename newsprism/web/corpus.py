"""What a whole database says: who is quoted by which outlet, the events stored, and the framing techniques
per outlet and per month. The store counts (`newsprism.store.queries`); here the counts are shaped for the
corpus pages and their charts (actors and stories across articles: `newsprism.store.corpus_views`)."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Any

from newsprism import gazetteer
from newsprism.events import places
from newsprism.framing.techniques import MIN_FRAMING_SCORE
from newsprism.store import Store, queries

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
    others = {r: row_totals[r] - sum(cells.get((r, c), 0) for c in columns) for r in rows}
    return Pivot(rows, columns, cells, dict(row_totals), others, len(column_totals))


def speakers(store: Store, top: int = 50, outlets: int | None = OUTLET_COLUMNS) -> Pivot:
    """Quotes by speaker (the resolved name, else the words used) and outlet, `outlets` of them as columns
    (None: every outlet)."""
    return pivot(queries.speaker_source_counts(store), top, outlets)


def event_rows(store: Store, limit: int = 500, min_score: float = 0.0) -> list[dict[str, Any]]:
    """The stored events scored at least `min_score`, oldest first, each with its article's title and source."""
    return queries.event_list(store, limit, min_score)


def _series(counts: list[tuple[str, str, int]]) -> dict[str, dict[str, int]]:
    """{series: {x: n}} from (series, x, n) counts, for a timeline."""
    series: dict[str, dict[str, int]] = defaultdict(dict)
    for name, x, n in counts:
        series[name][x] = n
    return dict(series)


def events_by_date(store: Store, min_score: float = 0.0) -> dict[str, dict[str, int]]:
    """Events scored at least `min_score` per type and date ({type: {YYYY-MM-DD: n}}), for the timeline."""
    return _series(queries.event_date_counts(store, min_score))


def map_points(store: Store, min_score: float = 0.0) -> tuple[list[dict[str, Any]], list[tuple[str, int]]]:
    """Where the events scored at least `min_score` go on the map, and the places it cannot show.

    Each point is grouped by place and type with its count `n`; `where` is "place" for a town or city (the
    coordinates stored with the event, else the gazetteer's for its place name) or "country" for an event
    that names a country and nothing finer (`gazetteer.country_point`). The places left are (name, events)
    for names neither the event nor the gazetteer gives coordinates or a country to."""
    points: dict[tuple, dict[str, Any]] = {}
    unplaced: Counter[str] = Counter()
    for row in queries.located_event_counts(store, min_score):
        lat, lon, where, country = row["lat"], row["lon"], "place", row["country"]
        if lat is None or lon is None:
            found = places.lookup(row["place"]) if row["place"] else None
            if found and found.lat is not None and found.lon is not None:
                lat, lon, country = found.lat, found.lon, country or found.country
            else:
                country = country or (found.country if found else None)
                point = gazetteer.country_point(country)
                if point is None:
                    unplaced[row["place"] or country or "?"] += row["n"]
                    continue
                (lat, lon), where = point, "country"
        name = row["place"] if where == "place" or row["place"] else gazetteer.country_name(country)
        key = (round(lat, 3), round(lon, 3), row["type"], where, name)
        if key in points:
            points[key]["n"] += row["n"]
        else:
            points[key] = {"place": name, "country": country, "lat": lat, "lon": lon, "type": row["type"],
                           "n": row["n"], "where": where}
    return list(points.values()), sorted(unplaced.items(), key=lambda kv: (-kv[1], kv[0]))


def located_events(store: Store, min_score: float = 0.0) -> list[dict[str, Any]]:
    """The map's points for the events scored at least `min_score` (`map_points`)."""
    return map_points(store, min_score)[0]


def techniques_by_source(store: Store, voice: str = "all", min_score: float = MIN_FRAMING_SCORE) -> Pivot:
    """Articles using each framing technique, by outlet: an article counts once however many spans it has
    (so one long article does not outweigh the rest), and only spans scored `min_score` or more count;
    `voice` author or quote keeps the spans in that voice only."""
    return pivot(queries.technique_source_counts(store, voice, min_score), top_rows=20)


def techniques_by_speaker(store: Store, min_score: float = MIN_FRAMING_SCORE) -> Pivot:
    """Framing spans scored `min_score` or more inside quotes, by technique and the quote's speaker (who the
    loaded words belong to)."""
    return pivot(queries.technique_speaker_counts(store, min_score), top_rows=20)


def techniques_by_month(
    store: Store, voice: str = "all", min_score: float = MIN_FRAMING_SCORE
) -> dict[str, dict[str, int]]:
    """Articles using each framing technique per month of publication ({technique: {YYYY-MM: n}}), counting
    spans scored `min_score` or more, in `voice` (author, quote) or all."""
    return _series(queries.technique_month_counts(store, voice, min_score))
