"""Which reader fits an input: by file extension first, else by sniffing its first bytes."""

from __future__ import annotations

import re

GZIP_MAGIC = b"\x1f\x8b"
SNIFF_BYTES = 8192
EXTENSIONS = {
    ".txt": "txt",
    ".text": "txt",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".rss": "feed",
    ".atom": "feed",
    ".xml": "feed",
    ".warc": "warc",
}
HTML_START = re.compile(rb"\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)[\s>]", re.I | re.S)
FEED_ROOT = re.compile(rb"<(?:rss|feed|rdf:rdf)[\s>]", re.I)
HTML_TAG = re.compile(rb"<(?:head|body|title|p|div|article|meta)[\s>]", re.I)


def format_by_name(name: str) -> str | None:
    """The format named by a file's extension (`.gz` looked through), or `None` when unknown."""
    lower = name.lower().removesuffix(".gz")
    for extension, fmt in EXTENSIONS.items():
        if lower.endswith(extension):
            return fmt
    return None


def is_gzip(head: bytes) -> bool:
    """True when the bytes start a gzip stream."""
    return head.startswith(GZIP_MAGIC)


def sniff(head: bytes) -> str:
    """The format that the first bytes of an (uncompressed) input look like; plain text when nothing else fits.

    JSON lines if the first non-blank character is `{`; a WARC by its version line; a feed by an
    `<rss>`/`<feed>`/`<rdf:RDF>` root; HTML by a doctype, `<html>` or common tags near the top.
    """
    start = head.removeprefix(b"\xef\xbb\xbf").lstrip()
    if start.startswith(b"{"):
        return "jsonl"
    if start.startswith(b"WARC/"):
        return "warc"
    if HTML_START.match(start):
        return "html"
    if start.startswith(b"<") and FEED_ROOT.search(start[:SNIFF_BYTES]):
        return "feed"
    if start.startswith(b"<") and HTML_TAG.search(start[:SNIFF_BYTES]):
        return "html"
    return "txt"
