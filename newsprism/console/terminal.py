"""Text from input made safe to print on a terminal.

A file name or a title may hold escape sequences (that recolour, move the cursor or retitle the window),
a newline or carriage return (that forge a line of output), bidirectional overrides (that reorder what is
shown) or Rich markup (`[/b]`, which makes Rich fail). `escape` shows each such character as a visible
Python-style escape (`\\x1b`, `\\n`, `\\u202e`); `cell` wraps the result as Rich `Text`, which markup never parses.
"""

from __future__ import annotations

import re

from rich.text import Text

# C0 and C1 controls, DEL, bidirectional controls, line and paragraph separators, and lone surrogates
# (file names that are not UTF-8 arrive with them).
UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
UNSAFE_BUT_NEWLINE = re.compile(UNSAFE.pattern.replace("\x00-\x1f", "\x00-\x09\x0b-\x1f"))


def _visible(match: re.Match[str]) -> str:
    """A character as the escape that names it: `\\n`, `\\x1b`, `\\u202e`."""
    char = match[0]
    named = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
    if char in named:
        return named[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def escape(value: object, keep_newlines: bool = False) -> str:
    """`value` as text with every unsafe character shown as an escape; newlines kept when asked (table cells)."""
    pattern = UNSAFE_BUT_NEWLINE if keep_newlines else UNSAFE
    return pattern.sub(_visible, str(value))


def cell(value: object) -> Text:
    """A table cell or line for Rich: escaped, newlines kept, never read as markup or highlighted."""
    return Text(escape("" if value is None else value, keep_newlines=True))
