"""HTML pages: the main text and metadata (title, date, site, url) extracted with trafilatura."""

from __future__ import annotations

import re
from typing import BinaryIO, Iterator

import trafilatura

from newsprism.article import Article, Refusal
from newsprism.readers.dates import normalise_date
from newsprism.readers.decode import decode

META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w.:-]+)""", re.I)
CHARSET_SNIFF_BYTES = 4096


def article_from_html(data: bytes, origin: str, url: str | None = None, charset: str | None = None) -> Article | Refusal:
    """The article in an HTML page, or a refusal when no main text is found.

    `charset` is the one a container declared (HTTP header); else the page's `<meta charset>` is used.
    A first text line equal to the title is dropped: the title is metadata, as in the text header.
    """
    if charset is None:
        declared = META_CHARSET.search(data[:CHARSET_SNIFF_BYTES])
        charset = declared[1].decode("ascii") if declared else None
    markup = decode(data, charset)
    if markup is None:
        return Refusal(origin, "not text (binary data or unknown encoding)")
    document = trafilatura.bare_extraction(markup, url=url, with_metadata=True, include_comments=False)
    text = (document.text or "").strip() if document else ""
    title = (document.title or "").strip() if document else ""
    first_line, _, rest = text.partition("\n")
    if title and first_line.strip() == title:
        text = rest.strip()
    if not text:
        return Refusal(origin, "no article text found in the HTML")
    return Article(
        text=text,
        title=title or None,
        published=normalise_date(document.date),
        source=document.sitename or document.hostname or None,
        url=document.url or url,
        origin=origin,
    )


def read_html(stream: BinaryIO, origin: str) -> Iterator[Article | Refusal]:
    """Read one HTML page from `stream`."""
    yield article_from_html(stream.read(), origin)
