"""Whose words a stretch of an article is: the author's own, or inside a quote, and then whose.

A stretch lies inside a quote when at least half of its characters fall within the quote's content; the
quote whose content covers most of it gives the speaker (`speaker_entity`, `speaker_name`). This is what
lets a reader tell "loaded language by the author" from "loaded language quoted from X".
"""

from __future__ import annotations

from collections.abc import Sequence

from newsprism.schema import Quote, Voice

AUTHOR = Voice(kind="author")


def voice_of(start: int, end: int, quotes: Sequence[Quote]) -> Voice:
    """The voice of characters start..end among the article's quotes."""
    best, covered = None, 0
    for q in quotes:
        overlap = min(end, q.content.end) - max(start, q.content.start)
        if overlap > covered:
            best, covered = q, overlap
    if best is None or 2 * covered < max(1, end - start):
        return AUTHOR
    return Voice(kind="quote", speaker_entity=best.speaker_entity, speaker_name=best.speaker_name)
