"""The list of feeds to watch: a text file (one URL a line, `#` comments and blank lines skipped) or an OPML
file (every `<outline xmlUrl="...">`, as feed readers export them)."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from lxml import etree

from newsprism.errors import FeedListError, InputNotFound

MAX_BYTES = 5_000_000  # a list of feeds is small; a bigger file is not one


def read_feed_list(path: str | Path) -> list[str]:
    """The feed URLs a list names, in order, each once; `FeedListError` naming the line or entry at fault."""
    path = Path(path)
    if not path.is_file():
        raise InputNotFound(f"{path} is not a file; give a list of feeds (one URL a line, or an OPML file)")
    data = path.read_bytes()[:MAX_BYTES + 1]
    if len(data) > MAX_BYTES:
        raise FeedListError(f"{path} is over {MAX_BYTES:,} bytes: not a list of feeds")
    if data.lstrip().startswith(b"<"):
        urls = _opml(data, path)
    else:
        urls = []
        for number, line in enumerate(data.decode("utf-8", "replace").splitlines(), 1):
            line = line.strip()
            if line and not line.startswith("#"):
                urls.append(_checked(line, f"{path}:{number}"))
    if not urls:
        raise FeedListError(f"{path} names no feed; write one feed URL a line (or give an OPML file)")
    return list(dict.fromkeys(urls))


def _opml(data: bytes, path: Path) -> list[str]:
    """The `xmlUrl` of every outline of an OPML document (no entities resolved, nothing fetched)."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as err:
        raise FeedListError(f"{path} is not OPML: {err}") from None
    return [_checked(o.get("xmlUrl").strip(), f"{path}: outline {o.get('text') or o.get('title') or ''}".strip())
            for o in root.iter("outline") if o.get("xmlUrl")]


def _checked(url: str, where: str) -> str:
    """`url` when it is an http(s) URL with a host, else `FeedListError` naming where it was written."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise FeedListError(f"{where}: {url!r} is not an http(s) URL of a feed")
    return url
