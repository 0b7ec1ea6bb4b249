"""Characters that no output can hold, replaced where text enters newsprism.

A lone surrogate (U+D800-U+DFFF, which JSON's `"\\udfff"` and some codecs produce) cannot be encoded as
UTF-8, so it breaks hashing, JSON output and every database; a NUL is refused by PostgreSQL in text and
JSON. Each is replaced by U+FFFD, one character for one, so offsets into the text stay exact and every
engine and output format stores the same article.
"""

from __future__ import annotations

import re

REPLACEMENT = "\ufffd"
UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


def clean(value: str) -> tuple[str, int]:
    """`value` with lone surrogates and NULs replaced by U+FFFD, and how many were replaced."""
    return UNSTORABLE.subn(REPLACEMENT, value)


def describe(count: int, field: str) -> str:
    """The note telling a user that characters of a field were replaced."""
    plural = "s" if count != 1 else ""
    return f"{count:,} unencodable character{plural} (lone surrogate or NUL) in the {field} replaced by U+FFFD"
