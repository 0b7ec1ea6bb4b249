"""Exporting a stored table as CSV or JSON Lines, streamed, so a user can load it into pandas or a GIS tool."""

from __future__ import annotations

import csv
import json
from typing import Any, TextIO

from newsprism.store.db import Store

FORMATS = ("csv", "jsonl")


def _cell(value: Any) -> Any:
    """A CSV cell: lists and dicts (the JSON columns) written as JSON text, the rest as the csv module does."""
    return json.dumps(value, ensure_ascii=False) if isinstance(value, (list, dict)) else value


def export(store: Store, table: str, fmt: str, out: TextIO, include_analysis: bool = False) -> int:
    """Write every row of `table` to `out` as `fmt` (csv with a header row, or jsonl); returns rows written.

    `articles` leaves out the full analysis JSON unless `include_analysis` is set: it repeats every other table.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; choose one of: {', '.join(FORMATS)}")
    columns = store.columns(table, include_analysis)  # checks the table name before anything is written
    n = 0
    if fmt == "csv":
        writer = csv.writer(out)
        writer.writerow(columns)
        for row in store.rows(table, include_analysis):
            writer.writerow([_cell(row[c]) for c in columns])
            n += 1
    else:
        for row in store.rows(table, include_analysis):
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
            n += 1
    return n
