"""HTTP message bodies (as archived in WARC records) read with a bound on memory.

A body may be chunked (`Transfer-Encoding: chunked`) and compressed (`Content-Encoding: gzip` or `deflate`).
warcio's own readers hold a whole chunk, and decompress a whole chunk or block at once, so a few kilobytes
can expand to gigabytes before anyone can refuse them. Here the chunks are read a piece at a time and
decompressed with a cap on the output, so no more than `limit + 1` bytes of body are ever held; the caller
refuses a body that long by its size limit.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from typing import BinaryIO

PIECE = 1 << 16  # bytes read from the archive at a time
DECOMPRESSORS = {"gzip": 31, "x-gzip": 31, "deflate": 15}  # zlib wbits; deflate may also come without its header
IDENTITY = ("", "identity")


class BodyError(ValueError):
    """A body that cannot be decoded: an encoding newsprism does not read, or damaged compressed data."""


def read_body(raw: BinaryIO, limit: int, chunked: bool = False, encoding: str = "") -> bytes:
    """The decoded body from `raw`, at most `limit + 1` bytes of it (all when `limit` is 0 or less)."""
    encoding = encoding.strip().lower()
    if encoding not in IDENTITY and encoding not in DECOMPRESSORS:
        raise BodyError(f"Content-Encoding {encoding!r} is not read (only gzip and deflate)")
    pieces = _dechunked(raw) if chunked else iter(lambda: raw.read(PIECE), b"")
    most = limit + 1 if limit > 0 else None
    if encoding in IDENTITY:
        return _gather(pieces, most)
    return _decompressed(pieces, DECOMPRESSORS[encoding], most)


def _gather(pieces: Iterator[bytes], most: int | None) -> bytes:
    """The pieces joined, stopping once `most` bytes are there."""
    out = bytearray()
    for piece in pieces:
        out += piece
        if most is not None and len(out) >= most:
            return bytes(out[:most])
    return bytes(out)


def _decompressed(pieces: Iterator[bytes], wbits: int, most: int | None) -> bytes:
    """The pieces decompressed, never producing more than `most` bytes (raw deflate when the zlib header is absent)."""
    out = bytearray()
    engine = None
    for piece in pieces:
        if engine is None:
            engine = zlib.decompressobj(wbits if wbits != 15 or _zlib_header(piece) else -15)
        data = piece
        while data:
            room = 0 if most is None else most - len(out)
            try:
                out += engine.decompress(data, room)
            except zlib.error as err:
                raise BodyError(f"compressed body is damaged: {err}") from None
            if most is not None and len(out) >= most:
                return bytes(out)
            data = engine.unconsumed_tail
        if engine.eof:
            break
    return bytes(out)


def _zlib_header(data: bytes) -> bool:
    """True when `data` starts with a zlib header (deflate as HTTP says it should be sent), not raw deflate."""
    return len(data) >= 2 and data[0] & 0x0F == 8 and (data[0] << 8 | data[1]) % 31 == 0


def _dechunked(raw: BinaryIO) -> Iterator[bytes]:
    """The data of a chunked body, a piece at a time however large a chunk claims to be."""
    while True:
        header = raw.readline(1024)
        try:
            size = int(header.split(b";")[0].strip(), 16)
        except ValueError:
            raise BodyError(f"chunked body has a bad chunk header {header[:40]!r}") from None
        if size <= 0:
            return
        while size > 0:
            piece = raw.read(min(size, PIECE))
            if not piece:
                return  # cut short: the record check reports it
            size -= len(piece)
            yield piece
        raw.readline(1024)  # the CRLF after the chunk
