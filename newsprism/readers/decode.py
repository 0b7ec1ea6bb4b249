"""Bytes to text: UTF-8 first (with byte-order marks), then a declared charset, then detection.

Legacy news files are mostly Windows-1252/Latin-1, but charset-normalizer often prefers a Baltic or
Central European code page for short Western text; so Windows-1252 wins whenever it reads as cleanly
(by charset-normalizer's own mess measure, within a tolerance) as the detected guess, and always for a few bytes, where
detection is a guess; EBCDIC code pages are never chosen. Data that decodes to many
control characters is binary junk and gives `None`, so the caller can refuse it instead of analysing noise.
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes
from charset_normalizer.md import mess_ratio

BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE, whose mark is its prefix
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Labels that browsers (WHATWG) read as Windows-1252, whose 0x80-0x9F are letters, not C1 controls.
WINDOWS_1252_ALIASES = {"latin1", "latin-1", "iso-8859-1", "iso8859-1", "iso_8859-1", "l1", "ascii", "us-ascii"}
MESS_SAMPLE = 100_000  # characters of a Windows-1252 reading that are judged
SHORT = 32  # bytes; below this detection is a guess (b"\x93" reads as EBCDIC), so Windows-1252 is taken
# How much messier than the guess the Windows-1252 reading may be and still win: isolated accented letters
# ("café é") cost it a little; text in another script read as Windows-1252 scores above 1.
TOLERANCE = 0.1
EBCDIC = {"cp037", "cp273", "cp424", "cp500", "cp875", "cp1026", "cp1140"}  # mainframe code pages: never news files
# Python codecs that a page may name but that are not character sets: they turn escapes into any code point
# (lone surrogates included), read `+...-` runs as UTF-7 (the old XSS trick), or are platform-specific.
NOT_CHARSETS = {
    "unicode_escape", "raw_unicode_escape", "unicode_internal", "utf_7", "idna", "punycode", "undefined",
    "charmap", "mbcs", "oem", "palmos", "cp65001",
}
CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f\ufffd]")


def decode(data: bytes, declared: str | None = None) -> str | None:
    """Decode `data` to text, or `None` when it is binary or no encoding fits.

    `declared` is a charset named by the container (HTTP header, HTML meta); valid UTF-8 wins over it,
    since mislabelled UTF-8 pages are common and random legacy bytes are almost never valid UTF-8.
    """
    text = _decode_with_bom(data)
    if text is None:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = _decode_declared(data, declared) or _decode_detected(data)
    if text is None or looks_binary(text):
        return None
    return text


def looks_binary(text: str) -> bool:
    """True when more than 1% of the characters are control or replacement characters."""
    bad = sum(1 for _ in CONTROL.finditer(text))
    return bad > len(text) / 100


def _decode_with_bom(data: bytes) -> str | None:
    """Text after a byte-order mark, decoded by it; `None` when there is no mark or it lies."""
    for bom, codec in BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(codec)
            except UnicodeDecodeError:
                return None
    return None


def _decode_declared(data: bytes, declared: str | None) -> str | None:
    """Text decoded with the declared charset, if it names a known codec that fits."""
    if not declared:
        return None
    name = declared.strip().lower()
    name = "cp1252" if name in WINDOWS_1252_ALIASES else name
    try:
        codec = codecs.lookup(name)
        if codec.name.replace("-", "_") in NOT_CHARSETS or EBCDIC & {codec.name}:
            return None
        return data.decode(codec.name)
    except (LookupError, ValueError):  # unknown codec, bytes that do not fit, a name with a NUL in it
        return None


def _decode_detected(data: bytes) -> str | None:
    """Text in Windows-1252 when that reads as cleanly as charset-normalizer's best guess, else in that guess."""
    has_nul = b"\x00" in data
    candidates = [
        match for match in from_bytes(data)
        if (has_nul or not match.encoding.startswith(("utf_16", "utf_32"))) and match.encoding not in EBCDIC
    ]
    best = candidates[0] if candidates else None
    try:
        western = data.decode("cp1252")
    except UnicodeDecodeError:
        western = None
    if western is not None and (best is None or len(data) < SHORT or mess_ratio(western[:MESS_SAMPLE], 1.0) <= best.chaos + TOLERANCE):
        return western
    return str(best) if best else None
