"""Web archives (WARC, via warcio): every HTML response record read as an HTML page.

Memory and time stay bounded however the archive is built: a record's body is de-chunked and decompressed
by `readers.body` a piece at a time, only up to one byte over the HTML size limit (warcio's own readers
would expand a whole chunk at once); the headers between two records may take at most `HEADER_BYTES`
(warcio reads a header line by joining pieces, so one endless line would take hours). A record that ends
before its declared length (an archive cut short) is refused, not stored truncated.
"""

from __future__ import annotations

import io
from typing import BinaryIO, Iterator

from warcio.archiveiterator import ArchiveIterator

from newsprism.article import Article, Refusal
from newsprism.limits import current as current_limits
from newsprism.readers.body import BodyError, read_body
from newsprism.readers.webpage import article_from_html

PAGE_RECORDS = ("response", "resource")
READ_CHUNK = 1 << 16
HEADER_BYTES = 4 << 20  # read between the end of one record and the start of the next one's body


class HeadersTooLong(ValueError):
    """More than `HEADER_BYTES` were read looking for a record's headers."""


class _HeaderWindow(io.RawIOBase):
    """The archive as warcio reads it, counting the bytes read since `open()`: past `HEADER_BYTES`, it stops."""

    def __init__(self, stream: BinaryIO) -> None:
        self._stream = stream
        self._counting = True
        self._read = 0

    def readable(self) -> bool:
        return True

    def open(self) -> None:
        """Start counting: warcio now looks for the next record's headers."""
        self._counting, self._read = True, 0

    def close_window(self) -> None:
        """Stop counting: a record's body is being read, a piece at a time."""
        self._counting = False

    def readinto(self, buffer) -> int:
        """Fill `buffer` from the archive; `HeadersTooLong` once headers have taken too many bytes."""
        data = self._stream.read(len(buffer))
        if self._counting:
            self._read += len(data)
            if self._read > HEADER_BYTES:
                raise HeadersTooLong(f"record headers longer than {HEADER_BYTES:,} bytes")
        buffer[:len(data)] = data
        return len(data)


def read_warc(stream: BinaryIO, origin: str) -> Iterator[Article | Refusal]:
    """Read the HTML pages of a WARC; origins are `PATH#N`, N counting records from 1.

    A damaged archive yields the pages read before the damage, then a refusal (a `.warc.gz` arrives
    already decompressed: `read_stream` reports where compressed data broke off).
    """
    window = _HeaderWindow(stream)
    records = ArchiveIterator(io.BufferedReader(window, READ_CHUNK))
    number = pages = 0
    while True:
        try:
            window.open()
            record = next(records, None)
            window.close_window()
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
        if isinstance(page, str):
            yield Refusal(f"{origin}#{number}", page)
        elif page is not None:
            pages += 1
            data, url, charset = page
            yield article_from_html(data, f"{origin}#{number}", url=url, charset=charset)
    if not pages:
        yield Refusal(origin, "no HTML pages in the WARC")


def _page(record) -> tuple[bytes, str | None, str | None] | str | None:
    """(body, url, charset) of a successful HTML response record, `None` for other records, or why its body
    cannot be read."""
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
    if headers is None:
        return read_body(record.raw_stream, limit), url, charset
    chunked = (headers.get_header("Transfer-Encoding") or "").strip().lower() == "chunked"
    try:
        body = read_body(record.raw_stream, limit, chunked, headers.get_header("Content-Encoding") or "")
    except BodyError as err:
        return str(err)
    return body, url, charset


def _missing(record) -> int:
    """How many bytes of the record's declared length the archive lacks (0 when whole), reading past the rest."""
    raw = record.raw_stream
    while raw.read(READ_CHUNK):
        pass
    return max(0, getattr(raw, "limit", 0))
