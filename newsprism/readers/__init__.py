"""Readers: turn files, folders and stdin into `Article`s, or `Refusal`s for inputs that cannot be read.

`read_paths` is the one entry point. A file is read by the reader its extension names (`.gz` is
decompressed first), else by what its first bytes look like; a folder is walked in sorted order, hidden
entries and files that are never articles (documentation, databases) skipped, every other file read, so
junk in a folder is named, not silently passed over; `-` is stdin, always sniffed.
Bad input never raises: it becomes a `Refusal(origin, reason)` and the batch goes on.
"""

from __future__ import annotations

import gzip
import io
import os
import sys
import zlib
from typing import BinaryIO, Callable, Iterable, Iterator, TextIO

from newsprism.article import Article, Refusal
from newsprism.limits import current as current_limits, too_long
from newsprism.readers.detect import SNIFF_BYTES, format_by_name, is_gzip, sniff
from newsprism.readers.feed import read_feed
from newsprism.readers.jsonl import read_jsonl
from newsprism.readers.text import read_text
from newsprism.readers.warc import read_warc
from newsprism.readers.webpage import read_html

__all__ = ["Article", "Refusal", "read_paths", "read_file", "read_stream", "walk"]

Reader = Callable[[BinaryIO, str], Iterator[Article | Refusal]]
READERS: dict[str, Reader] = {
    "txt": read_text,
    "html": read_html,
    "jsonl": read_jsonl,
    "feed": read_feed,
    "warc": read_warc,
}
STDIN_ORIGIN = "<stdin>"
# Files a folder walk passes over: documentation and databases (an ingest often writes its database there).
NOT_ARTICLES = (".md", ".rst", ".db", ".sqlite", ".sqlite3", "-wal", "-shm", "-journal")


def read_paths(paths: Iterable[str], stdin: TextIO | BinaryIO | None = None) -> Iterator[Article | Refusal]:
    """Every article (or refusal) in `paths`, in order: files, folders (walked) and `-` for stdin."""
    for path in paths:
        if path == "-":
            yield from read_stream(_binary(stdin if stdin is not None else sys.stdin), STDIN_ORIGIN)
        elif os.path.isdir(path):
            for file in walk(path):
                yield from read_file(file)
        else:
            yield from read_file(path)


def walk(folder: str) -> Iterator[str]:
    """Files under `folder`, sorted; hidden ones, documentation and databases skipped."""
    for root, folders, files in os.walk(folder):
        folders[:] = sorted(name for name in folders if not name.startswith("."))
        for name in sorted(files):
            if not name.startswith(".") and not name.lower().endswith(NOT_ARTICLES):
                yield os.path.join(root, name)


def read_file(path: str) -> Iterator[Article | Refusal]:
    """Every article (or refusal) in one file."""
    try:
        stream = open(path, "rb")
    except OSError as err:
        yield Refusal(path, err.strerror or str(err))
        return
    with stream:
        yield from read_stream(stream, path, name=path)


def read_stream(stream: BinaryIO, origin: str, name: str = "") -> Iterator[Article | Refusal]:
    """Every article (or refusal) in a binary stream; `name` (a file name) picks the format, else sniffing.

    Gzip is decompressed here for every format; compressed data that breaks off (truncated, corrupt)
    ends the input there: what was read is yielded, then a refusal naming the damage. An article longer
    than the character limit (`newsprism.limits`) is refused with its size.
    """
    guard = None
    try:
        head, stream = _peek(stream)
        if is_gzip(head):
            head = zlib.decompressobj(wbits=31).decompress(head, SNIFF_BYTES)
            guard = _Guarded(gzip.GzipFile(fileobj=stream, mode="rb"))
            stream = io.BufferedReader(guard)
        fmt = format_by_name(name) or sniff(head)
        limits = current_limits()
        for item in READERS[fmt](stream, origin):
            reason = too_long(item.text, limits) if isinstance(item, Article) else None
            yield Refusal(item.origin, reason) if reason else item
    except (OSError, EOFError, zlib.error) as err:
        yield Refusal(origin, f"unreadable: {err}")
        return
    if guard is not None and guard.error is not None:
        yield Refusal(origin, f"compressed data broke off: {guard.error}")


def _binary(stdin: TextIO | BinaryIO) -> BinaryIO:
    """A binary stream for stdin given as text or bytes (its buffer when it has one)."""
    if hasattr(stdin, "buffer"):
        return stdin.buffer
    if isinstance(stdin.read(0), str):
        return io.BytesIO(stdin.read().encode("utf-8"))
    return stdin


def _peek(stream: BinaryIO) -> tuple[bytes, BinaryIO]:
    """The first bytes of `stream`, and a stream that still starts at them (works on pipes: no seeking)."""
    head = stream.read(SNIFF_BYTES)
    return head, io.BufferedReader(_Rejoined(head, stream))


class _Rejoined(io.RawIOBase):
    """A read-only stream giving `head` and then the rest of `rest`: bytes read for sniffing, put back."""

    def __init__(self, head: bytes, rest: BinaryIO) -> None:
        self._head = memoryview(head)
        self._rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        """Fill `buffer` from the head while it lasts, then from the rest."""
        if self._head:
            count = min(len(buffer), len(self._head))
            buffer[:count] = self._head[:count]
            self._head = self._head[count:]
            return count
        data = self._rest.read(len(buffer))
        buffer[:len(data)] = data
        return len(data)


class _Guarded(io.RawIOBase):
    """A read-only view of a gzip stream that ends, instead of raising, where the data breaks off.

    The error is kept in `error`, so the reader above can yield what came before and the caller can
    then refuse the rest. Reading one chunk at a time (`read1`) loses nothing before the break.
    """

    def __init__(self, inner: gzip.GzipFile) -> None:
        self._inner = inner
        self.error: Exception | None = None

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        """Fill `buffer` with the next decompressed bytes; 0 at the end or at the break."""
        if self.error is not None:
            return 0
        try:
            data = self._inner.read1(len(buffer))
        except (OSError, EOFError, zlib.error) as err:
            self.error = err
            return 0
        buffer[:len(data)] = data
        return len(data)
