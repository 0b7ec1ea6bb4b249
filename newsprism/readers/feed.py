"""RSS and Atom feeds (feedparser): one article per entry, its HTML content turned into plain text.

A feed is parsed whole, so it is read only up to the HTML size limit (`--max-html-bytes`): a small
`.rss.gz` that expands to gigabytes is refused after that many bytes, not held in memory.
"""

from __future__ import annotations

import io
import re
from typing import BinaryIO, Iterator

import feedparser
import lxml.html
from lxml import etree

from newsprism.article import Article, Refusal
from newsprism.limits import current as current_limits
from newsprism.readers.dates import normalise_date

BLOCK_TAGS = (
    "p", "div", "br", "li", "blockquote", "pre", "tr", "table", "section", "article",
    "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "dl", "dt", "dd", "figure", "figcaption", "hr",
)
SPACES = re.compile(r"[^\S\n]+")
NUMERIC_REF = re.compile(rb"&#(?:[xX]([0-9a-fA-F]{1,16})|([0-9]{1,20}));")
NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")  # characters lxml refuses


def read_feed(stream: BinaryIO, origin: str) -> Iterator[Article | Refusal]:
    """Read every entry of an RSS or Atom feed; origins are `PATH#N`, N counting entries from 1."""
    limit = current_limits().max_html_bytes
    data = stream.read(limit + 1 if limit > 0 else -1)
    if 0 < limit < len(data):
        yield Refusal(origin, f"feed too large: over the limit of {limit:,} bytes (--max-html-bytes)")
        return
    parsed = parse(data)
    if isinstance(parsed, str):
        yield Refusal(origin, parsed)
        return
    if not parsed.entries:
        problem = parsed.get("bozo_exception")
        yield Refusal(origin, f"no feed entries{f' ({problem})' if problem else ''}")
        return
    source = parsed.feed.get("title") or None
    for number, entry in enumerate(parsed.entries, 1):
        yield entry_article(entry, source, f"{origin}#{number}")


def parse(data: bytes) -> feedparser.FeedParserDict | str:
    """The feed in `data` parsed by feedparser, or why it cannot be. A character reference to no character
    (`&#55296;`, a lone surrogate, or past U+10FFFF), which feedparser would fail on, reads as U+FFFD first."""
    try:
        return feedparser.parse(io.BytesIO(NUMERIC_REF.sub(_valid_ref, data)))
    except (ValueError, UnicodeError, OverflowError) as err:  # feedparser's own failures on odd markup
        return f"unreadable feed: {type(err).__name__}: {err}"


def _valid_ref(match: re.Match[bytes]) -> bytes:
    """A numeric character reference as it is, or `&#xFFFD;` when it names no character XML allows."""
    try:
        code = int(match[1], 16) if match[1] is not None else int(match[2])
    except ValueError:
        return b"&#xFFFD;"
    return match[0] if code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else b"&#xFFFD;"


def entry_article(entry: dict, source: str | None, where: str) -> Article | Refusal:
    """The article of one parsed entry (id: its guid, else its link), or a refusal when it has no text."""
    text = entry_text(entry)
    if not text:
        return Refusal(where, "feed entry without text")
    return Article(
        text=text,
        id=entry_key(entry) or "",
        title=entry.get("title") or None,
        published=normalise_date(entry.get("published") or entry.get("updated")),
        source=source,
        url=entry.get("link") or None,
        origin=where,
    )


def entry_key(entry: dict) -> str | None:
    """What identifies an entry across reads of its feed: its guid (`id`), else its link."""
    return entry.get("id") or entry.get("link") or None


def summary_only(entry: dict) -> bool:
    """True when an entry carries no content of its own, only a summary (RSS `description`, Atom `summary`),
    so its full text is on its page."""
    return not any((c.get("value") or "").strip() for c in entry.get("content") or [])


def entry_text(entry: dict) -> str:
    """The plain text of an entry: its first content, else its summary."""
    detail = entry["content"][0] if entry.get("content") else entry.get("summary_detail")
    if not detail or not detail.get("value"):
        return ""
    if "html" in (detail.get("type") or "html"):
        return html_to_text(detail["value"])
    return detail["value"].strip()


def html_to_text(markup: str) -> str:
    """Plain text of an HTML fragment: one line per block element, spaces collapsed, scripts dropped."""
    try:
        root = lxml.html.fragment_fromstring(NOT_XML.sub("", markup), create_parent="div")
    except (etree.ParserError, ValueError):  # nothing to parse
        return ""
    for element in list(root.iter("script", "style")):
        element.drop_tree()
    for element in root.iter(*BLOCK_TAGS):
        element.tail = "\n" + (element.tail or "")
    lines = (SPACES.sub(" ", line).strip() for line in root.text_content().split("\n"))
    return "\n".join(line for line in lines if line)
