"""Web archives (WARC, via warcio): every HTML response record read as an HTML page.

A record's body is read (and, under a `Content-Encoding`, decompressed by warcio a block at a time) only up
to one byte over the HTML size limit, so a small compressed body cannot expand into memory; a record that
ends before its declared length (an archive cut short) is refused, not stored truncated.
"""

from __future__ import annotations

from typing import BinaryIO, Iterator

from warcio.archiveiterator import ArchiveIterator

from newsprism.article import Article, Refusal
from newsprism.limits import current as current_limits
from newsprism.readers.webpage import article_from_html

PAGE_RECORDS = ("response", "resource")
READ_CHUNK = 1 << 16


def read_warc(stream: BinaryIO, origin: str) -> Iterator[Article | Refusal]:
    """Read the HTML pages of a WARC; origins are `PATH#N`, N counting records from 1.

    A damaged archive yields the pages read before the damage, then a refusal (a `.warc.gz` arrives
    already decompressed: `read_stream` reports where compressed data broke off).
    """
    records = ArchiveIterator(stream)
    number = pages = 0
    while True:
        try:
            record = next(records, None)
            page = _page(record) if record is not None else None
            missing = _missing(record) if record is not None else 0
        # warcio raises assorted errors on malformed records (its own, AttributeError on a missing
        # WARC-Target-URI, ValueError on bad lengths); any of them ends the archive here.
        except Exception as err:  # noqa: BLE001
            yield Refusal(origin, f"WARC unreadable after record {number}: {err!r}")
            return
        if record is None:
            break
        number += 1
        if missing:
            yield Refusal(f"{origin}#{number}", f"WARC record cut short: {missing:,} bytes of it are missing")
            continue
        if page is not None:
            pages += 1
            data, url, charset = page
            yield article_from_html(data, f"{origin}#{number}", url=url, charset=charset)
    if not pages:
        yield Refusal(origin, "no HTML pages in the WARC")


def _page(record) -> tuple[bytes, str | None, str | None] | None:
    """(body, url, charset) of a successful HTML response record, else `None`."""
    if record.rec_type not in PAGE_RECORDS:
        return None
    headers = record.http_headers
    if headers is not None:
        status = headers.get_statuscode() or ""
        if not status.startswith("2"):
            return None
        content_type = headers.get_header("Content-Type") or ""
    else:
        content_type = record.rec_headers.get_header("Content-Type") or ""
    if "html" not in content_type.lower():
        return None
    charset = None
    for parameter in content_type.split(";")[1:]:
        key, _, value = parameter.partition("=")
        if key.strip().lower() == "charset":
            charset = value.strip().strip("\"'") or None
    url = record.rec_headers.get_header("WARC-Target-URI")
    limit = current_limits().max_html_bytes
    return record.content_stream().read(limit + 1 if limit > 0 else None), url, charset


def _missing(record) -> int:
    """How many bytes of the record's declared length the archive lacks (0 when whole), reading past the rest."""
    raw = record.raw_stream
    while raw.read(READ_CHUNK):
        pass
    return max(0, getattr(raw, "limit", 0))
