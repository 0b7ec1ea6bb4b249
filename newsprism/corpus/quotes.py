"""Quotes set beside the events they speak of, within one article.

A quote joins an event when its words lie in the event's evidence sentence (the quote is the event's
report: "Police killed 12, officials said"; for a verbal event the quote is the event), or when its
speaker is the event's source and both lie in one paragraph (the accuser's own words beside "X accused Y").
"""

from __future__ import annotations

import bisect

from newsprism.schema import Analysis

IN_SENTENCE = "the quote lies in the event's sentence"
SAME_SPEAKER = "the speaker is the event's source, in the same paragraph"


def paragraph_starts(text: str) -> list[int]:
    """Where each paragraph of the text begins (a line break ends a paragraph)."""
    return [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]


def event_quotes(analysis: Analysis) -> list[tuple[int, int, str]]:
    """(event index, quote index, reason) for each quote joined to an event of the analysis."""
    starts = paragraph_starts(analysis.article.text)

    def paragraph(offset: int) -> int:
        return bisect.bisect_right(starts, offset)

    links = []
    for e, event in enumerate(analysis.events):
        ev = event.evidence
        source = event.source.entity if event.source else None
        for q, quote in enumerate(analysis.quotes):
            qs, qe = quote.content.start, quote.content.end
            if qs < ev.end and ev.start < qe:
                links.append((e, q, IN_SENTENCE))
            elif source and quote.speaker_entity == source and paragraph(qs) == paragraph(ev.start):
                links.append((e, q, SAME_SPEAKER))
    return links
