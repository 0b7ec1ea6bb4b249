"""Dates in any common written form to `YYYY-MM-DD`, the form `Article.published` carries.

The calendar date is kept as written (no time-zone conversion): "2025-03-14 23:30 -0500" is the 14th.
"""

from __future__ import annotations

import datetime as dt
import re

import dateparser

ISO_DATE = re.compile(r"\s*(\d{4})-(\d{2})-(\d{2})(?![\d])")
SETTINGS = {
    "REQUIRE_PARTS": ["year", "month", "day"],  # never invent a day or month
    "PARSERS": ["timestamp", "custom-formats", "absolute-time"],  # no "3 days ago"
}
MAX_LENGTH = 100  # longer strings are not dates, and dateparser is slow on them


def normalise_date(value: object) -> str | None:
    """`value` as `YYYY-MM-DD`, or `None` when it is missing or not a full date."""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if not isinstance(value, str) or not value.strip() or len(value) > MAX_LENGTH:
        return None
    match = ISO_DATE.match(value)
    if match:
        try:
            return dt.date(*map(int, match.groups())).isoformat()
        except ValueError:
            return None
    try:
        parsed = dateparser.parse(value, settings=SETTINGS)
    except (ValueError, TypeError, OverflowError):
        return None
    return parsed.date().isoformat() if parsed else None
