"""Labels that can harm the people named, given only on explicit words.

An event label is a claim about what someone did: "sexual violence" or "chemical weapons" wrongly put on a
hunter's shooting or a cyber attack defames whoever the event names as its source. So:

- an ACLED-style subtype that names sexual violence, chemical weapons, suicide bombing, abduction, mob
  violence or property destruction is given only when the sentence says so in words of its own
  (`event_cues.json` "acled_explicit"); the classifier's liking for it is not enough;
- an ACLED-style type never contradicts its PLOVER type: it is one of the types that fit it
  ("acled_for_plover"), else none;
- with doubt (the classifier does not claim any fitting subtype, or the one it prefers lacks its words),
  the coarser type ("acled_coarse": ATTACK for an ASSAULT), else none;
- an accident (a crash, a collision, a drowning) with no word of deliberate violence is no FIGHT or ASSAULT;
- a noun naming a happening or a matter ("the incident") is never an actor.
"""

from __future__ import annotations

import re
from functools import lru_cache

from newsprism import lexicons

EXPLICIT: dict[str, frozenset[str]] = lexicons.word_sets("event_cues", "acled_explicit")
COARSE: dict[str, str] = lexicons.table("event_cues", "acled_coarse")
FITS: dict[str, frozenset[str]] = lexicons.word_sets("event_cues", "acled_for_plover")
ACCIDENT = lexicons.words("event_cues", "accident_words")
VIOLENCE = lexicons.words("event_cues", "violence_words")
NON_ACTOR_NOUNS = lexicons.words("event_cues", "non_actor_nouns")
VIOLENT_TYPES = {"FIGHT", "ASSAULT"}
DOUBT = 0.0  # a classifier score below this for the preferred subtype: the classifier does not claim it


@lru_cache(maxsize=None)
def _pattern(words: frozenset[str]) -> re.Pattern:
    """One case-blind pattern matching any of `words` as whole words or phrases (hyphens and spaces alike)."""
    alts = sorted((re.escape(w).replace(r"\ ", r"[\s-]+").replace(r"\-", r"[\s-]+") for w in words),
                  key=len, reverse=True)
    return re.compile(rf"(?<![\w-])(?:{'|'.join(alts)})(?![\w-])", re.IGNORECASE)


def says(words: frozenset[str], text: str) -> bool:
    """True where `text` holds one of `words` (whole words or phrases)."""
    return bool(words) and _pattern(words).search(text) is not None


def explicit(acled: str, text: str) -> bool:
    """True where `acled` needs no words of its own, or `text` says them."""
    return acled not in EXPLICIT or says(EXPLICIT[acled], text)


def consistent(plover: str | None, acled: str | None) -> bool:
    """True where the ACLED-style type fits the PLOVER type (or is none)."""
    return acled is None or plover is not None and acled in FITS.get(plover, frozenset())


def choose_acled(plover: str, ranked: list[tuple[float, str]], text: str,
                 fits_of: dict[str, frozenset[str]] = FITS) -> str | None:
    """The ACLED-style type of a `plover` event in `text`, from the classifier's (score, type) pairs best
    first: the best one that fits the PLOVER type, when the classifier claims it (score at least DOUBT) and,
    for a harmful subtype, the sentence says it; otherwise the coarse type of the PLOVER type, else none."""
    fits = fits_of.get(plover)
    if not fits:
        return None
    coarse = COARSE.get(plover)
    best = next(((score, label) for score, label in ranked if label in fits), None)
    if best is None or best[0] < DOUBT or not explicit(best[1], text):
        return coarse if coarse in fits else None
    return best[1]


def is_accident(text: str) -> bool:
    """True where `text` tells of an accident (crash, collision, drowning) without a word of deliberate
    violence: such a sentence is no FIGHT or ASSAULT."""
    return says(ACCIDENT, text) and not says(VIOLENCE, text)


def accident_as_violence(plover: str | None, text: str) -> bool:
    """True where `plover` is FIGHT or ASSAULT and `text` is an accident: nobody acted, so no event at all
    (the annotation guide's rules 3 and 10: a crash is NONE even when people die)."""
    return plover in VIOLENT_TYPES and is_accident(text)


def names_no_actor(lemma: str) -> bool:
    """True for a noun that names a happening or matter ("incident"), never who acted."""
    return lemma.lower() in NON_ACTOR_NOUNS
