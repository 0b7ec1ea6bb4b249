"""Dates of events, resolved against the article's date: "On March 30" in an article of 2018-04-06 is
2018-03-30, "last Friday" the Friday before it, "the first day of the demonstrations" the day the text
gave for the demonstrations. Only day-precise dates are given; "last month" resolves to nothing.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
MONTHS = r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
                "nine": 9, "ten": 10, "a": 1}
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
            "eighth": 8, "ninth": 9, "tenth": 10}
DAY_OF = re.compile(r"\b(?:the\s+)?(?P<ord>\w+?)\s+day\s+of\s+(?:the\s+)?(?P<what>[a-z-]+)", re.IGNORECASE)
MONTH_DAY = re.compile(rf"\b(?:(?P<m1>{MONTHS})\.?\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?|(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m2>{MONTHS})\.?)(?:,?\s+(?P<y>\d{{4}}))?\b", re.IGNORECASE)
FUTURE_DAYS = 7  # a date without a year more than this after publication is last year's ('on Dec. 28' in January)
ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")


def to_date(value: str | None) -> date | None:
    """A `date` from 'YYYY-MM-DD' (longer strings cut to their first 10 characters), else None."""
    try:
        return datetime.strptime((value or "")[:10], "%Y-%m-%d").date()
    except ValueError:
        return None


def _month_day(m: re.Match, base: date | None) -> date | None:
    import dateparser

    month = m.group("m1") or m.group("m2")
    day = m.group("d1") or m.group("d2")
    year = m.group("y")
    if year is None and base is None:
        return None
    settings = {"PREFER_DATES_FROM": "past", "REQUIRE_PARTS": ["day", "month"]}
    if base is not None:
        settings["RELATIVE_BASE"] = datetime(base.year, base.month, base.day)
    parsed = dateparser.parse(f"{day} {month} {year or base.year}", languages=["en"], settings=settings)
    if parsed is None:
        return None
    d = parsed.date()
    if year is None and base is not None and d > base + timedelta(days=FUTURE_DAYS):
        d = d.replace(year=d.year - 1)  # a day months after the article is last year's
    return d


def resolve_date(text: str, published: str | None, future: bool = False) -> date | None:
    """The day a date expression names, counted from the article's date `published` (YYYY-MM-DD).

    `future` reads a bare weekday forwards ("will meet on Friday"); otherwise it is the latest such
    day on or before the article's date, and "last Friday" the latest one before it. A date outside the
    calendar's range ("99999999 days ago", "5 days ago" in an article of year 1) resolves to nothing.
    """
    try:
        return _resolve_date(text, published, future)
    except (OverflowError, ValueError):  # date arithmetic out of range, or more digits than int() reads
        return None


def _resolve_date(text: str, published: str | None, future: bool) -> date | None:
    """`resolve_date` without the guard against dates out of range."""
    base = to_date(published)
    t = text.lower().strip()
    if m := ISO.search(t):
        return to_date(m.group(0))
    if m := MONTH_DAY.search(t):
        return _month_day(m, base)
    if base is None:
        return None
    if re.search(r"\b(today|tonight|this (morning|afternoon|evening))\b", t):
        return base
    if re.search(r"\b(yesterday|last night)\b", t):
        return base - timedelta(days=1)
    if re.search(r"\btomorrow\b", t):
        return base + timedelta(days=1)
    if m := re.search(r"\b(\d+|" + "|".join(NUMBER_WORDS) + r")\s+(day|week)s?\s+(ago|earlier|before)\b", t):
        n = int(m.group(1)) if m.group(1).isdigit() else NUMBER_WORDS[m.group(1)]
        return base - timedelta(days=n * (7 if m.group(2) == "week" else 1))
    for i, name in enumerate(WEEKDAYS):
        if re.search(rf"\b{name}\b", t):
            back = (base.weekday() - i) % 7
            if re.search(rf"\b(next|coming)\s+{name}\b", t) or future:
                return base + timedelta(days=(i - base.weekday()) % 7 or 7)
            if re.search(rf"\b(last|past|previous)\s+{name}\b", t) and back == 0:
                back = 7
            return base - timedelta(days=back)
    return None


def day_of(text: str) -> tuple[int, str] | None:
    """(n, noun) for "the first day of the demonstrations" -> (1, 'demonstrations'), else None."""
    m = DAY_OF.search(text)
    if not m:
        return None
    word = m.group("ord").lower()
    n = ORDINALS.get(word) or (int(word[:-2]) if re.fullmatch(r"\d{1,4}(st|nd|rd|th)", word) else None)
    return (n, m.group("what").lower()) if n else None


def resolve_day_of(n: int, start: date) -> date | None:
    """The n-th day of something that began on `start` (the first day is `start` itself); None past year 9999."""
    try:
        return start + timedelta(days=n - 1)
    except OverflowError:
        return None
