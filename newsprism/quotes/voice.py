"""Whose words a stretch of an article is: the author's own, or inside a quote, and then whose.

A stretch lies inside a quote when at least half of its characters fall within the quote's content; the
quote whose content covers most of it gives the speaker (`speaker_entity`, `speaker_name`). This is what
lets a reader tell "loaded language by the author" from "loaded language quoted from X".

Given the text, a stretch that lies earlier in the same sentence as a reported statement whose attribution
closes the sentence ("The nations and especially the zealous youths ... must force the enemy to retreat,
the Imam said.") is that speaker's too: the sentence is his statement, reported, even where the quote's
content was found to start later in it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from newsprism.schema import Quote, Voice

AUTHOR = Voice(kind="author")


SENTENCE_BREAK = re.compile(r"[.!?][\"\u201d\u2019']?\s|\n")


def reported_sentence(start: int, end: int, quotes: Sequence[Quote], text: str) -> Quote | None:
    """The quote whose attribution closes the sentence that holds start..end before the quote's content
    (content, then cue, with no sentence break between the stretch and the content), or None."""
    for q in quotes:
        if q.cue is None or q.content.end > q.cue.start or end > q.content.start:
            continue
        if not SENTENCE_BREAK.search(text, start, q.content.start):
            return q
    return None


def voice_of(start: int, end: int, quotes: Sequence[Quote], text: str | None = None) -> Voice:
    """The voice of characters start..end among the article's quotes (and, given the `text`, the
    reported sentences that hold them: `reported_sentence`)."""
    best, covered = None, 0
    for q in quotes:
        overlap = min(end, q.content.end) - max(start, q.content.start)
        if overlap > covered:
            best, covered = q, overlap
    if best is None or 2 * covered < max(1, end - start):
        best = reported_sentence(start, end, quotes, text) if text is not None else None
        if best is None:
            return AUTHOR
    return Voice(kind="quote", speaker_entity=best.speaker_entity, speaker_name=best.speaker_name)
