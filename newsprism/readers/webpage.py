"""HTML pages: the main text and metadata (title, date, site, url) extracted with trafilatura.

What a page may cost is checked before any parser sees it (size, nesting depth, attributes on one element:
libxml2's cost grows with the square of an element's attributes, a million took minutes), and the
extraction itself runs within the time budget (`--time-budget`).
"""

from __future__ import annotations

import re
from itertools import islice
from typing import BinaryIO, Iterator

import trafilatura
from trafilatura.utils import load_html

from newsprism.article import Article, Refusal
from newsprism.limits import OverBudget, current as current_limits, deadline
from newsprism.readers.dates import normalise_date
from newsprism.readers.decode import decode
from newsprism.readers.furniture import drop_consent, drop_furniture

# Elements that must be closed, so counting them estimates the depth lxml would build (unclosed <p> do not nest).
CONTAINER = re.compile(
    rb"<(/?)(?:div|span|section|article|main|aside|nav|header|footer|table|ul|ol|dl|blockquote|form|figure)\b[^>]*?(/?)>",
    re.I,
)
MAX_ATTRIBUTES = 1_000  # on one element; pages in ../shared/data/html have at most a few dozen
# A tag long enough to hold more than MAX_ATTRIBUTES attributes (each at least a letter and a space): only
# these are counted, so a page of ordinary tags costs one linear scan.
LONG_TAG = re.compile(rb"<[A-Za-z][^<>]{%d,}" % (2 * MAX_ATTRIBUTES))
ATTRIBUTE = re.compile(rb"""[^\s"'<>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'<>=`]+))?""")
META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w.:-]+)""", re.I)
CHARSET_SNIFF_BYTES = 4096
# trafilatura's precision mode, off: on ../shared/data/html (`newsprism eval extraction`) it left 29 furniture
# lines instead of 39 but lost 2.3 points of word recall and one page's text; `drop_furniture` does the rest.
FAVOR_PRECISION = False


def article_from_html(data: bytes, origin: str, url: str | None = None, charset: str | None = None) -> Article | Refusal:
    """The article in an HTML page, or a refusal when no main text is found.

    `charset` is the one a container declared (HTTP header); else the page's `<meta charset>` is used.
    trafilatura ends each block (paragraph, heading, list item) with one line break; the text keeps each block as a
    paragraph of its own, a blank line between, as articles given as text write them (the quote and actor rules
    read a paragraph's start: `eval actors --from-html` on the tune part's pages, speakers 0.9519 with one line
    break, 0.9643 with a blank line, 0.9695 on the pages' clean texts).
    A first text line equal to the title is dropped: the title is metadata, as in the text header; so are
    lines of page furniture, and cookie and consent banners go before extraction (`readers.furniture`): a
    page that is only a consent wall is refused, never read as an article.
    Pages over the size or nesting limits (`newsprism.limits`) are refused before any parser sees them.
    """
    problem = html_problem(data)
    if problem:
        return Refusal(origin, problem)
    if charset is None:
        declared = META_CHARSET.search(data[:CHARSET_SNIFF_BYTES])
        charset = declared[1].decode("ascii") if declared else None
    markup = decode(data, charset)
    if markup is None:
        return Refusal(origin, "not text (binary data or unknown encoding)")
    budget = current_limits().time_budget
    try:
        with deadline(budget):
            tree = load_html(markup)
            banners = drop_consent(tree) if tree is not None else 0
            document = trafilatura.bare_extraction(tree if tree is not None else markup, url=url, with_metadata=True,
                                                   include_comments=False, favor_precision=FAVOR_PRECISION)
    except OverBudget:
        return Refusal(origin, f"reading the HTML took over {budget:g} s (--time-budget)")
    text = drop_furniture((document.text or "").strip()) if document else ""
    title = (document.title or "").strip() if document else ""
    first_line, _, rest = text.partition("\n")
    if title and first_line.strip() == title:
        text = rest.strip()
    text = "\n\n".join(line.strip() for line in text.split("\n") if line.strip())  # a blank line between blocks
    if not text:
        if banners:
            return Refusal(origin, "no article text found in the HTML, only a cookie or consent banner (the page "
                                   "was saved before consent was given: save it again after accepting)")
        return Refusal(origin, "no article text found in the HTML")
    return Article(
        text=text,
        title=title or None,
        published=normalise_date(document.date),
        source=document.sitename or document.hostname or None,
        url=document.url or url,
        origin=origin,
    )


def html_problem(data: bytes) -> str | None:
    """Why a page is over the HTML limits (size, nesting depth), or `None` when it is within them."""
    limits = current_limits()
    if 0 < limits.max_html_bytes < len(data):
        return f"HTML too large: {len(data):,} bytes, the limit is {limits.max_html_bytes:,} (--max-html-bytes)"
    if limits.max_html_depth > 0 and nesting_depth(data) > limits.max_html_depth:
        return f"HTML nested too deeply: more than {limits.max_html_depth:,} levels (--max-html-depth)"
    if most_attributes(data) > MAX_ATTRIBUTES:
        return f"HTML element with more than {MAX_ATTRIBUTES:,} attributes (the most one element may have)"
    return None


def most_attributes(data: bytes) -> int:
    """The most attributes on one element of the markup (counted on the tags long enough to hold many, up to
    one over `MAX_ATTRIBUTES`)."""
    most = 0
    for tag in LONG_TAG.finditer(data):
        names = ATTRIBUTE.finditer(tag[0], 1)  # the element's name first, then its attributes
        most = max(most, sum(1 for _ in islice(names, MAX_ATTRIBUTES + 2)) - 1)
    return most


def nesting_depth(data: bytes) -> int:
    """The deepest nesting of container elements (`div`, `section`, ...) in the markup, counted from the tags."""
    depth = deepest = 0
    for match in CONTAINER.finditer(data):
        if match[2]:  # <div/>
            continue
        depth = max(0, depth - 1) if match[1] else depth + 1
        deepest = max(deepest, depth)
    return deepest


def read_html(stream: BinaryIO, origin: str) -> Iterator[Article | Refusal]:
    """Read one HTML page from `stream`, reading no more than one byte over the size limit."""
    limit = current_limits().max_html_bytes
    yield article_from_html(stream.read(limit + 1 if limit > 0 else -1), origin)
