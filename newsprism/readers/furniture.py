"""Page furniture left in an extracted article: share buttons, "Subscribe" and newsletter boxes, cookie
banners, "Story continues below advertisement", related-story rails, helpline boxes, section labels.

trafilatura keeps some of these lines on some sites; downstream they become quotes ("Story continues ..."
said by "Story"), actors and events. A line is dropped when it is short and made of such words, or when it
is a banner whatever its length ("We use cookies ..."); a line of the article itself is long, or is not
made of them. Measured on ../shared/data/html (`newsprism eval extraction`).
"""

from __future__ import annotations

import re

from newsprism import lexicons

# The phrases: newsprism/lexicons/furniture.json.
# Lines that are furniture whatever their length.
BANNER = re.compile(r"^\W*(?:" + "|".join(lexicons.load("furniture")["banner"]) + ")", re.I)
# Words that make a short line furniture ("- Tweet this", "Loading Photo Gallery", "Sign up for our newsletter").
FURNITURE = re.compile(r"\b(?:" + "|".join(lexicons.load("furniture")["short_line"]) + r")\b|©|(?-i:^\W*MORE [A-Z ]+$)", re.I)
SHORT_WORDS = 14  # a furniture line is at most this long; an article's sentences are mostly longer
LABEL_WORDS = 3  # a line of 2 or 3 words in capitals, no full stop, is a section label ("MORE POLITICS")


def is_furniture(line: str) -> bool:
    """Whether one line of extracted text is page furniture rather than the article's own text."""
    words = line.split()
    if not words:
        return False
    if BANNER.search(line):
        return True
    if len(words) <= SHORT_WORDS and FURNITURE.search(line):
        return True
    letters = [ch for ch in line if ch.isalpha()]
    return 2 <= len(words) <= LABEL_WORDS and bool(letters) and all(ch.isupper() for ch in letters) and not line.rstrip().endswith(".")


def drop_furniture(text: str) -> str:
    """The text without its furniture lines (the other lines exactly as they were)."""
    return "\n".join(line for line in text.split("\n") if not is_furniture(line))
