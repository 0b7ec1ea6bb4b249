"""Plain-text articles: optional `key value` header lines (date, title, source, url), a blank line, the body.

The header is metadata, not article text. The body keeps its characters as they are, only its surrounding
blank lines and spaces removed, so offsets into `Article.text` stay meaningful.
"""

from __future__ import annotations

import re
from typing import BinaryIO, Iterator

from newsprism.article import Article, Refusal
from newsprism.limits import current as current_limits
from newsprism.readers.dates import normalise_date
from newsprism.readers.decode import decode

KEYS = "date|title|source|url"
# `date 2018-04-06`, `date: 2018-04-06` or `Date: 2018-04-06`, spaces around allowed.
HEADER_LINE = re.compile(rf"[ \t]*(?:({KEYS}):?|(?i:({KEYS})):)[ \t]+(\S.*?)[ \t]*\r?")


def split_header(text: str) -> tuple[dict[str, str], str]:
    """The header fields and the rest of the text; no header (`{}`, whole text) unless a blank line ends it."""
    fields: dict[str, str] = {}
    position = 0
    for line in text.split("\n"):
        if not line.strip():
            if fields:
                return fields, text[position + len(line) + 1:]
            position += len(line) + 1  # blank lines before the header
            continue
        match = HEADER_LINE.fullmatch(line)
        if not match:
            break
        fields[(match[1] or match[2]).lower()] = match[3]
        position += len(line) + 1
    return {}, text


def article_from_text(text: str, origin: str) -> Article | Refusal:
    """The article in a decoded text file, or a refusal when it has no body."""
    fields, body = split_header(text)
    body = body.strip()
    if not body:
        return Refusal(origin, "no article text")
    return Article(
        text=body,
        title=fields.get("title"),
        published=normalise_date(fields.get("date")),
        source=fields.get("source"),
        url=fields.get("url"),
        origin=origin,
    )


def read_text(stream: BinaryIO, origin: str) -> Iterator[Article | Refusal]:
    """Read one plain-text article from `stream`; a file too big to hold the character limit is not read whole."""
    limit = current_limits().max_chars
    most = limit * 4 + 1024 if limit > 0 else -1  # UTF-8 takes at most 4 bytes a character; room for a header
    data = stream.read(most)
    if limit > 0 and len(data) == most and stream.read(1):
        yield Refusal(origin, f"file too long: over {most:,} bytes, more than an article of at most {limit:,} "
                              "characters can fill (--max-chars)")
        return
    text = decode(data)
    if text is None:
        yield Refusal(origin, "not text (binary data or unknown encoding)")
        return
    yield article_from_text(text, origin)
