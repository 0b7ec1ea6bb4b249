"""Exporting a stored table as CSV or JSON Lines, streamed, so a user can load it into pandas or a GIS tool.

CSV cells that a spreadsheet would run as a formula (text starting with `=`, `+`, `-`, `@`, a tab or a
carriage return, or their full-width forms) get a leading `'`, as OWASP's CSV-injection advice says; the csv
module quotes cells holding commas, quotes or line breaks. JSON Lines stay exact: no program runs them.
"""

from __future__ import annotations

import csv
import json
from typing import Any, TextIO

from newsprism.errors import UnknownChoice
from newsprism.store.db import Store

FORMATS = ("csv", "jsonl")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def _cell(value: Any) -> Any:
    """A CSV cell: lists and dicts (the JSON columns) written as JSON text, text that a spreadsheet would read
    as a formula neutralised with a leading `'`, the rest as the csv module does."""
    if isinstance(value, (list, dict)):
        value = json.dumps(value, ensure_ascii=False)
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def export(store: Store, table: str, fmt: str, out: TextIO, include_analysis: bool = False) -> int:
    """Write every row of `table` to `out` as `fmt` (csv with a header row, or jsonl); returns rows written.

    `articles` leaves out the full analysis JSON unless `include_analysis` is set: it repeats every other table.
    The other tables carry their article's title, outlet and date (`article_title`, `article_source`,
    `article_published`) beside `article_id`, so a row reads on its own.
    """
    if fmt not in FORMATS:
        raise UnknownChoice(f"unknown export format {fmt!r}; choose one of: {', '.join(FORMATS)}")
    columns = store.columns(table, include_analysis, with_article=True)  # checks the table name first
    n = 0
    if fmt == "csv":
        writer = csv.writer(out)
        writer.writerow(columns)
        for row in store.rows(table, include_analysis, with_article=True):
            writer.writerow([_cell(row[c]) for c in columns])
            n += 1
    else:
        for row in store.rows(table, include_analysis, with_article=True):
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
            n += 1
    return n
