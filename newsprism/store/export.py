"""Exporting a stored table as CSV or JSON Lines, streamed, so a user can load it into pandas or a GIS tool.

The tables are those of the articles (`DATA_TABLES`: a row per article, entity, quote, event, framing span,
tone judgement, figure conflict) and two of the corpus view: `actors` (a row per actor across articles, with
the names and labels used for it) and `stories` (a row per event of a story, with its story's dates and the
reasons it was joined).

CSV cells that a spreadsheet would run as a formula (text starting with `=`, `+`, `-`, `@`, a tab or a
carriage return, or their full-width forms) get a leading `'`, as OWASP's CSV-injection advice says; the csv
module quotes cells holding commas, quotes or line breaks. JSON Lines stay exact: no program runs them.
"""

from __future__ import annotations

import csv
import json
from typing import Any, TextIO

from collections.abc import Callable, Iterator

from newsprism.errors import UnknownChoice
from newsprism.store import corpus_views as views
from newsprism.store.db import Store
from newsprism.store.tables import DATA_TABLES

FORMATS = ("csv", "jsonl")
ACTOR_COLUMNS = ["id", "name", "type", "country", "articles", "names", "labels_by_outlet"]
STORY_COLUMNS = ["story_id", "story_first_date", "story_last_date", "story_articles", "article_id",
                 "article_title", "article_source", "article_published", "article_url", "idx", "type", "date",
                 "place", "sentence", "who", "whom", "figures", "because"]
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def _cell(value: Any) -> Any:
    """A CSV cell: lists and dicts (the JSON columns) written as JSON text, text that a spreadsheet would read
    as a formula neutralised with a leading `'`, the rest as the csv module does."""
    if isinstance(value, (list, dict)):
        value = json.dumps(value, ensure_ascii=False)
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def actor_rows(store: Store) -> Iterator[dict[str, Any]]:
    """A row per actor across articles, most articles first: the names used for it, its labels per outlet."""
    for actor in views.all_actors(store):
        yield actor.model_dump(mode="json", include=set(ACTOR_COLUMNS))


def story_rows(store: Store) -> Iterator[dict[str, Any]]:
    """A row per event of every story (one-article stories too), newest story first: its article, the event's
    sentence, who did it to whom (the words used), its figures and why it joined the story."""
    for story in views.all_stories(store, min_articles=1):
        for v in story.versions:
            yield {
                "story_id": story.id, "story_first_date": story.first_date, "story_last_date": story.last_date,
                "story_articles": story.articles, "article_id": v.article_id, "article_title": v.title,
                "article_source": v.source, "article_published": v.published, "article_url": v.url,
                "idx": v.idx, "type": v.type, "date": v.date, "place": v.place, "sentence": v.sentence.text,
                "who": v.who.words if v.who else None, "whom": v.whom.words if v.whom else None,
                "figures": v.model_dump(mode="json", include={"figures"})["figures"],
                "because": v.because,
            }


CORPUS_TABLES: dict[str, tuple[list[str], Callable[[Store], Iterator[dict[str, Any]]]]] = {
    "actors": (ACTOR_COLUMNS, actor_rows),
    "stories": (STORY_COLUMNS, story_rows),
}
TABLES = (*DATA_TABLES, *CORPUS_TABLES)  # every table `export` writes


def export(store: Store, table: str, fmt: str, out: TextIO, include_analysis: bool = False) -> int:
    """Write every row of `table` (one of `TABLES`) to `out` as `fmt` (csv with a header row, or jsonl);
    returns rows written.

    `articles` leaves out the full analysis JSON unless `include_analysis` is set: it repeats every other table.
    The other tables of the articles carry their article's title, outlet and date (`article_title`,
    `article_source`, `article_published`) beside `article_id`, so a row reads on its own; so do `stories`'.
    """
    if fmt not in FORMATS:
        raise UnknownChoice(f"unknown export format {fmt!r}; choose one of: {', '.join(FORMATS)}")
    if table in CORPUS_TABLES:
        columns, read = CORPUS_TABLES[table]
        rows = read(store)
    elif table in DATA_TABLES:
        columns = store.columns(table, include_analysis, with_article=True)
        rows = store.rows(table, include_analysis, with_article=True)
    else:
        raise UnknownChoice(f"unknown table {table!r}; choose one of: {', '.join(TABLES)}")
    n = 0
    if fmt == "csv":
        writer = csv.writer(out)
        writer.writerow(columns)
        for row in rows:
            writer.writerow([_cell(row[c]) for c in columns])
            n += 1
    else:
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
            n += 1
    return n
