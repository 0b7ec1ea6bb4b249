"""JSON lines: one article per line, `{"id", "text", "title"?, "published"?, "source"?, "url"?}`.

The text is used exactly as given. A bad line becomes a refusal named `PATH:LINE` and the others go on.
"""

from __future__ import annotations

import codecs
import json
from typing import BinaryIO, Iterator

from newsprism.article import Article, Refusal
from newsprism.readers.dates import normalise_date
from newsprism.readers.decode import decode


def read_jsonl(stream: BinaryIO, origin: str) -> Iterator[Article | Refusal]:
    """Read every record of a JSON-lines stream."""
    records = 0
    for lineno, raw in enumerate(stream, 1):
        if lineno == 1:
            raw = raw.removeprefix(codecs.BOM_UTF8)
        if raw.strip():
            records += 1
            yield article_from_line(raw, f"{origin}:{lineno}")
    if not records:
        yield Refusal(origin, "no JSON lines")


def article_from_line(raw: bytes, origin: str) -> Article | Refusal:
    """The article in one JSON line, or a refusal saying what is wrong with it."""
    line = decode(raw)
    if line is None:
        return Refusal(origin, "not text (binary data or unknown encoding)")
    try:
        record = json.loads(line)
    except json.JSONDecodeError as err:
        return Refusal(origin, f"invalid JSON: {err.msg} (column {err.colno})")
    except RecursionError:
        return Refusal(origin, "invalid JSON: nested too deeply")
    if not isinstance(record, dict):
        return Refusal(origin, "not a JSON object")
    text = record.get("text")
    if not isinstance(text, str):
        return Refusal(origin, "no text field" if text is None else "text is not a string")
    if not text.strip():
        return Refusal(origin, "empty text")
    given_id = record.get("id")
    if isinstance(given_id, (dict, list, bool)):
        return Refusal(origin, "id is not a string or number")
    return Article(
        text=text,
        id="" if given_id is None else str(given_id),
        title=_string(record.get("title")),
        published=normalise_date(record.get("published")),
        source=_string(record.get("source")),
        url=_string(record.get("url")),
        origin=origin,
    )


def _string(value: object) -> str | None:
    """A metadata value as a non-blank string, else `None`."""
    return value.strip() if isinstance(value, str) and value.strip() else None
