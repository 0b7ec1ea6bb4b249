"""Figure conflicts: where an article, or several articles about one event, give different figures for the
same thing, the figures are listed side by side with their sentences; none is picked.

Figures are "about the same thing" when they count the same kind (deaths, injuries, arrests, crowd or force
size; an unspecified harm such as "crimes against more than a dozen protesters" is set beside the death toll)
for the same place and time: their dates do not disagree, their places are the same or both unsaid (a
state's toll, the country's and the world's are different things: "worldwide", "nationwide" count as
places), and something ties them together: the same place, the same date, or sentences at most three
apart; sizes must count the same noun ("snipers"). Figures of one sentence are parts of one report and
never conflict with each other. A vague quantifier ("many", "dozens", "several") never conflicts with a
figure: it says too little to disagree; a sum of money or a rate is no figure of these kinds at all
(`counts.count_kind`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from newsprism.events.counts import is_vague
from newsprism.schema import Analysis, Count, FigureConflict, Span

# The comparison group of each count kind.
NEAR_SENTENCES = 3  # claims this many sentences apart in one article may be about the same event
GROUP = {"fatalities": "fatalities", "victims": "fatalities", "injured": "injured", "arrested": "arrested",
         "size": "size"}
ABOUT = {"fatalities": "people killed or harmed", "injured": "people injured", "arrested": "people arrested",
         "size": "size of a crowd or force"}
# The figures an event carries (its fields) and what each counts: across articles, and in a story's versions.
EVENT_FIGURES = {"fatalities": "people killed", "injured": "people injured", "size": "size of a crowd or force"}


@dataclass
class Claim:
    """One figure as reported: its kind, where and when its event happened (None: not said), its sentence."""

    kind: str
    count: Count
    sentence: Span
    date: str | None = None
    place: str | None = None
    origin: str | None = None  # the article id, when comparing articles
    index: int | None = None  # the sentence's number in its article
    noun: str | None = None  # what is counted ("sniper"), for sizes

    @property
    def vague(self) -> bool:
        """A vague quantifier ("many", "dozens"): never in a conflict."""
        return self.count.value is None or is_vague(self.count.text or "")


def compatible(a: Claim, b: Claim) -> bool:
    """True where two claims may be about the same event: no disagreement on date, place or counted noun,
    and a shared place, a shared date, or nearby sentences of one article."""
    if a.date and b.date and a.date != b.date:
        return False
    if (a.place or "").lower() != (b.place or "").lower():
        return False
    if GROUP[a.kind] == "size" and a.noun != b.noun:
        return False
    near = (a.origin == b.origin and a.index is not None and b.index is not None
            and abs(a.index - b.index) <= NEAR_SENTENCES)
    return bool(near or a.place and b.place or a.date and b.date)


def disagree(counts: Iterable[Count]) -> bool:
    """True where figures of one kind do not all say the same thing: value and qualifier ("more than a dozen"
    against "18"). A story's versions disagree by this rule too (`store.corpus_views`)."""
    return len({(c.value, c.qualifier) for c in counts}) > 1


def differ(a: Claim, b: Claim) -> bool:
    """True where two figures say different things (`disagree`)."""
    return disagree((a.count, b.count))


def find_conflicts(claims: Iterable[Claim]) -> list[FigureConflict]:
    """Conflicts among claims: per kind, each set of compatible claims from different sentences that differ
    (vague quantifiers left out)."""
    claims = [c for c in claims if c.kind in GROUP and not c.vague]
    out: list[FigureConflict] = []
    used: set[int] = set()
    for i, a in enumerate(claims):
        if i in used:
            continue
        group = [a]
        for j in range(i + 1, len(claims)):
            b = claims[j]
            if j in used or GROUP[b.kind] != GROUP[a.kind] or not all(compatible(b, c) for c in group):
                continue
            same_sentence = any(b.origin == c.origin and b.sentence.start == c.sentence.start for c in group)
            if not same_sentence and any(differ(b, c) for c in group):
                group.append(b)
                used.add(j)
        if len(group) < 2:
            continue
        used.add(i)
        where = next((c.place for c in group if c.place), None)
        when = next((c.date for c in group if c.date), None)
        about = ABOUT[GROUP[a.kind]] + (f" in {where}" if where else "") + (f" on {when}" if when else "")
        origins = sorted({c.origin for c in group if c.origin})
        if len(origins) > 1:
            about += " (articles " + ", ".join(origins) + ")"
        out.append(FigureConflict(about=about, figures=[c.count for c in group],
                                  sentences=[c.sentence for c in group]))
    return out


def across_articles(analyses: Iterable[Analysis]) -> list[FigureConflict]:
    """Conflicts between the events' figures of several analysed articles about the same event.

    Spans stay offsets into their own article, named in `about`.
    """
    claims = []
    for a in analyses:
        for ev in a.events:
            place = ev.location.name if ev.location else None
            for kind in EVENT_FIGURES:
                count = getattr(ev, kind)
                if count is not None:
                    claims.append(Claim(kind, count, ev.evidence, ev.date, place, a.article.id))
    return [c for c in find_conflicts(claims) if "(articles" in c.about]
