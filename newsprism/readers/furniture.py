"""Page furniture left in an extracted article: share buttons, "Subscribe" and newsletter boxes, cookie
banners, "Story continues below advertisement", related-story rails, helpline boxes, section labels.

trafilatura keeps some of these lines on some sites; downstream they become quotes ("Story continues ..."
said by "Story"), actors and events. A line is dropped when it is short and made of such words, or when it
is a banner whatever its length ("We use cookies ..."); a line of the article itself is long, or is not
made of them. Measured on ../shared/data/html (`newsprism eval extraction`).

Cookie and consent banners are removed twice over: their elements, found by the class and id names consent
managers give them, go before the page is extracted (`drop_consent`), so a consent wall never becomes the
article; a banner line left (no telling markup) goes as a banner, in English, French, German, Spanish or Italian.
"""

from __future__ import annotations

import re

from lxml.html import HtmlElement

from newsprism import lexicons

# The phrases: newsprism/lexicons/furniture.json.
# Lines that are furniture whatever their length.
_LEXICON = lexicons.load("furniture")
BANNER = re.compile(r"^\W*(?:" + "|".join(_LEXICON["banner"] + _LEXICON["banner_consent"]) + ")", re.I)
# Class and id values of consent banners and walls ("didomi-popup", "sp_message_container_1", "cookie-bar").
CONSENT = re.compile(r"(?:^|[\s_-])(?:" + "|".join(_LEXICON["consent_markup"]) + ")", re.I)
# Words that make a short line furniture ("- Tweet this", "Loading Photo Gallery", "Sign up for our newsletter").
FURNITURE = re.compile(r"\b(?:" + "|".join(_LEXICON["short_line"]) + r")\b|©|(?-i:^\W*MORE [A-Z ]+$)", re.I)
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


def drop_consent(tree: HtmlElement) -> int:
    """Remove from a parsed page the elements that hold cookie or consent banners (by their class or id, as
    consent managers name them), in place; returns how many were removed. An element that holds the page's
    `article` or `main` is kept, as are `html` and `body`: sites mark those with a consent state too."""
    doomed = {el for el in tree.iter() if isinstance(el.tag, str) and el.tag not in ("html", "body")
              and CONSENT.search(f"{el.get('class') or ''} {el.get('id') or ''}")
              and next(el.iterdescendants("article", "main"), None) is None}
    removed = 0
    for el in list(doomed):
        if el.getparent() is not None and not any(a in doomed for a in el.iterancestors()):
            el.drop_tree()
            removed += 1
    return removed
