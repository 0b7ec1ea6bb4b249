"""Page furniture left in an extracted article: share buttons, "Subscribe" and newsletter boxes, cookie
banners, "Story continues below advertisement", related-story rails, helpline boxes, section labels.

trafilatura keeps some of these lines on some sites; downstream they become quotes ("Story continues ..."
said by "Story"), actors and events. A line is dropped when it is short and made of such words, or when it
is a banner whatever its length ("We use cookies ..."); a line of the article itself is long, or is not
made of them. Measured on ../shared/data/html (`newsprism eval extraction`).
"""

from __future__ import annotations

import re

# Lines that are furniture whatever their length.
BANNER = re.compile(
    r"^\W*(?:we use cookies|this (?:site|website) uses cookies|by (?:continuing|using) (?:to use )?this (?:site|website)"
    r"|story continues below|article continues below|continue reading below|advertisement\W*$|sponsored content"
    r"|skip to (?:main )?content|back to top)",
    re.I,
)
# Words that make a short line furniture ("- Tweet this", "Loading Photo Gallery", "Sign up for our newsletter").
FURNITURE = re.compile(
    r"\b(?:(?:tweet|share|link|digg|email|e-mail|print|pin) (?:this|it|on \w+)|reprints?|loading|photo gallery"
    r"|subscribe|newsletter|sign up|log ?in|register now|cookies?|advertisement|full (?:article|coverage|story)"
    r"|related (?:stories|articles|coverage|content|links)|read more|click here|follow us|contact us"
    r"|all rights reserved|copyright|getty images|image (?:caption|credit)|most (?:popular|read|viewed)"
    r"|you may also like|recommended for you|trending now|watch (?:the )?video|more from|comments? \(\d+\)"
    r"|helpline|lifeline|crisis line|if you or someone you know)\b|©|(?-i:^\W*MORE [A-Z ]+$)",
    re.I,
)
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
