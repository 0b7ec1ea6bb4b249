"""Readers: turn files, folders and stdin into `Article`s, or `Refusal`s for inputs that cannot be read.

`read_paths` is the one entry point (`newsprism.read` calls it too). A file is read by the reader `kind`
names when given, else by the one its extension names (`.gz` is decompressed first, as a stream, each reader
reading no more than its limit), else by what its first bytes look like; a folder is walked in sorted order, hidden entries and files that are never articles
(documentation, databases) skipped, every other file read, so junk in a folder is named, not silently
passed over; `-` is stdin, always sniffed.
A folder may be untrusted, so a walk reads regular files only (a FIFO, socket or device is named and
skipped, never opened in a way that blocks) and follows a symbolic link only when it resolves inside the
folder given, unless `follow_links` (`--follow-links`, `NEWSPRISM_FOLLOW_LINKS=1`) allows any target.
Bad input never raises: it becomes a `Refusal(origin, reason)` and the batch goes on.
"""

from __future__ import annotations

import gzip
import io
import os
import stat
import sys
import zlib
from typing import BinaryIO, Callable, Iterable, Iterator, TextIO

from newsprism.article import Article, Refusal
from newsprism.errors import UnknownChoice
from newsprism.limits import current as current_limits, too_long
from newsprism.readers.detect import SNIFF_BYTES, format_by_name, is_gzip, sniff
from newsprism.readers.feed import read_feed
from newsprism.readers.jsonl import read_jsonl
from newsprism.readers.text import read_text
from newsprism.readers.warc import read_warc
from newsprism.readers.webpage import read_html

__all__ = ["Article", "KINDS", "Refusal", "read_paths", "read_file", "read_stream", "walk"]

Reader = Callable[[BinaryIO, str], Iterator[Article | Refusal]]
READERS: dict[str, Reader] = {
    "txt": read_text,
    "html": read_html,
    "jsonl": read_jsonl,
    "feed": read_feed,
    "warc": read_warc,
}
KINDS = tuple(READERS)  # what `kind` may name
STDIN_ORIGIN = "<stdin>"
# Files a folder walk passes over: documentation and databases (an ingest often writes its database there).
NOT_ARTICLES = (".md", ".rst", ".db", ".sqlite", ".sqlite3", "-wal", "-shm", "-journal")
FOLLOW_LINKS_ENV = "NEWSPRISM_FOLLOW_LINKS"
FILE_KINDS = {stat.S_IFIFO: "a FIFO", stat.S_IFSOCK: "a socket", stat.S_IFCHR: "a character device",
         stat.S_IFBLK: "a block device", stat.S_IFDIR: "a folder"}
OUTSIDE = "symbolic link leads outside the folder; not followed (--follow-links reads it)"


def read_paths(
    paths: Iterable[str], stdin: TextIO | BinaryIO | None = None, follow_links: bool | None = None,
    kind: str | None = None,
) -> Iterator[Article | Refusal]:
    """Every article (or refusal) in `paths`, in order: files, folders (walked) and `-` for stdin.

    `follow_links` (default: `$NEWSPRISM_FOLLOW_LINKS`) lets a folder walk follow links that leave the folder;
    `kind` (one of `KINDS`) reads every file with that reader instead of choosing by name or content.
    """
    check_kind(kind)
    if follow_links is None:
        follow_links = os.environ.get(FOLLOW_LINKS_ENV, "") not in ("", "0")
    for path in paths:
        if path == "-":
            yield from read_stream(_binary(stdin if stdin is not None else sys.stdin), STDIN_ORIGIN, kind=kind)
        elif os.path.isdir(path):
            within = None if follow_links else os.path.realpath(path)
            for file in walk(path, follow_links):
                if isinstance(file, Refusal):
                    yield file
                else:
                    yield from read_file(file, within=within, regular_only=True, kind=kind)
        else:
            yield from read_file(path, kind=kind)


def check_kind(kind: str | None) -> None:
    """`UnknownChoice` unless `kind` is `None` or one of `KINDS`."""
    if kind is not None and kind not in READERS:
        raise UnknownChoice(f"unknown kind of input {kind!r}; choose one of: {', '.join(KINDS)}")


def walk(folder: str, follow_links: bool = False) -> Iterator[str | Refusal]:
    """Files under `folder`, sorted; hidden ones, documentation and databases skipped.

    Linked folders are walked once each (no loops), and only when they resolve inside `folder` unless
    `follow_links`; a link that leaves it is a `Refusal`. Files are checked when read (`read_file`).
    """
    top = os.path.realpath(folder)
    seen = {top}
    for root, folders, files in os.walk(folder, followlinks=True):
        kept = []
        for name in sorted(folders):
            path = os.path.join(root, name)
            real = os.path.realpath(path)
            if name.startswith(".") or real in seen:
                continue
            if not follow_links and not _inside(real, top):
                yield Refusal(path, OUTSIDE)
                continue
            seen.add(real)
            kept.append(name)
        folders[:] = kept
        for name in sorted(files):
            if not name.startswith(".") and not name.lower().endswith(NOT_ARTICLES):
                yield os.path.join(root, name)


def read_file(path: str, within: str | None = None, regular_only: bool = False,
              kind: str | None = None) -> Iterator[Article | Refusal]:
    """Every article (or refusal) in one file.

    With `regular_only` (a folder walk) anything but a regular file is refused by its kind before it is
    opened, and the check is made again on the open file, so a file swapped for a FIFO cannot block the
    batch; with `within`, a file that resolves outside that folder (through a link) is refused.
    """
    try:
        stream = _open_regular(path, within) if regular_only else open(path, "rb")
    except OSError as err:
        yield Refusal(path, err.strerror or str(err))
        return
    if isinstance(stream, Refusal):
        yield stream
        return
    with stream:
        yield from read_stream(stream, path, name=path, kind=kind)


def _open_regular(path: str, within: str | None) -> BinaryIO | Refusal:
    """The file at `path` opened for reading if it is a regular file (inside `within` when given), else why not."""
    real = os.path.realpath(path)
    if within is not None and not _inside(real, within):
        return Refusal(path, OUTSIDE)
    kind = _kind(os.stat(real).st_mode)
    if kind:
        return Refusal(path, f"not a regular file ({kind})")
    fd = os.open(real, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0))
    kind = _kind(os.fstat(fd).st_mode)
    if kind:
        os.close(fd)
        return Refusal(path, f"not a regular file ({kind})")
    os.set_blocking(fd, True)
    return os.fdopen(fd, "rb")


def _kind(mode: int) -> str | None:
    """What a file is when it is not a regular file (`a FIFO`, ...), else `None`."""
    return None if stat.S_ISREG(mode) else FILE_KINDS.get(stat.S_IFMT(mode), "not a plain file")


def _inside(path: str, folder: str) -> bool:
    """True when the resolved `path` is `folder` or lies under it."""
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def read_stream(stream: BinaryIO, origin: str, name: str = "", kind: str | None = None) -> Iterator[Article | Refusal]:
    """Every article (or refusal) in a binary stream; `kind` picks the format, else `name` (a file name), else
    sniffing.

    Gzip is decompressed here for every format; compressed data that breaks off (truncated, corrupt)
    ends the input there: what was read is yielded, then a refusal naming the damage. An article longer
    than the character limit (`newsprism.limits`) is refused with its size.
    """
    check_kind(kind)
    guard = None
    try:
        head, stream = _peek(stream)
        if is_gzip(head):
            head = zlib.decompressobj(wbits=31).decompress(head, SNIFF_BYTES)
            guard = _Guarded(gzip.GzipFile(fileobj=stream, mode="rb"))
            stream = io.BufferedReader(guard)
        fmt = kind or format_by_name(name) or sniff(head)
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
