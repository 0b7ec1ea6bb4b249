"""Turning an analysis into marked text: every span (quote, cue, speaker, actor, label, event, place, framing,
figure) becomes a `Mark`, and the article text is cut into `Segment`s at every mark boundary so that
overlapping and crossing spans can all be shown with flat `<mark>` elements.

Each segment carries the classes and item ids of the marks covering it; the page's side panel uses the same
ids, so selecting an item lights up exactly its characters.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from newsprism.framing.techniques import DESCRIPTIONS
from newsprism.schema import Analysis, Span

# The order in which a click on the text picks the item it shows first: the most specific reading wins.
KIND_ORDER = ("quote", "event", "framing", "figure", "label", "actor", "speaker", "cue", "place")


@dataclass(frozen=True)
class Mark:
    """One span of the text: which item it belongs to (`item`), what part it plays (`kind`), and a tooltip."""

    item: str
    kind: str
    start: int
    end: int
    title: str = ""


@dataclass
class Segment:
    """A stretch of text covered by the same marks; `kinds` and `items` are empty for unmarked text."""

    text: str
    kinds: list[str] = field(default_factory=list)
    items: list[str] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)


def technique_title(technique: str) -> str:
    """A technique's name and its plain description, for tooltips."""
    description = DESCRIPTIONS.get(technique)
    name = technique.replace("_", " ")
    return f"{name}: {description}" if description else name


def _span_mark(item: str, kind: str, span: Span | None, title: str = "") -> list[Mark]:
    """A mark for an optional span."""
    return [Mark(item, kind, span.start, span.end, title)] if span is not None else []


def analysis_marks(analysis: Analysis) -> list[Mark]:
    """Every span of an analysis as a mark, item ids `q<i>` quotes, `a<i>` actors, `v<i>` events,
    `f<i>` framing and `c<i>` figure conflicts (indexes into the analysis lists)."""
    marks: list[Mark] = []
    for i, q in enumerate(analysis.quotes):
        who = q.speaker_name or (q.speaker.text if q.speaker else "unknown speaker")
        marks += _span_mark(f"q{i}", "quote", q.content, f"{q.kind} quote: {who}")
        marks += _span_mark(f"q{i}", "cue", q.cue, "cue")
        marks += _span_mark(f"q{i}", "speaker", q.speaker, f"speaker: {who}")
    for i, e in enumerate(analysis.entities):
        for m in e.mentions:
            marks += _span_mark(f"a{i}", "actor", m, f"{e.type}: {e.name}")
        for lab in e.labels:
            marks += _span_mark(f"a{i}", "label", lab, f"label for {e.name}")
    for i, ev in enumerate(analysis.events):
        marks += _span_mark(f"v{i}", "event", ev.evidence, f"event: {ev.type}")
        loc = ev.location
        if loc is not None and loc.start is not None and loc.end is not None:
            marks.append(Mark(f"v{i}", "place", loc.start, loc.end, f"place: {loc.name}"))
    for i, f in enumerate(analysis.framing):
        whose = f"quoted from {f.voice.speaker_name or 'an unresolved speaker'}" if f.voice.kind == "quote" else "the author's words"
        marks.append(Mark(f"f{i}", "framing", f.start, f.end, f"{technique_title(f.technique)} ({whose})"))
    for i, c in enumerate(analysis.figure_conflicts):
        for fig in c.figures:
            marks.append(Mark(f"c{i}", "figure", fig.start, fig.end, f"conflicting figures about {c.about}"))
    return marks


def segments(text: str, marks: list[Mark]) -> list[Segment]:
    """The text cut at every mark boundary, each piece with the marks covering it; marks outside the text
    or empty are dropped, so bad offsets never break the page."""
    valid = [m for m in marks if 0 <= m.start < m.end <= len(text)]
    cuts = sorted({0, len(text), *(m.start for m in valid), *(m.end for m in valid)})
    starting: dict[int, list[Mark]] = {}
    for m in valid:
        starting.setdefault(m.start, []).append(m)
    active: list[Mark] = []
    out: list[Segment] = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        active = [m for m in active if m.end > a] + starting.get(a, [])
        kinds = sorted({m.kind for m in active}, key=KIND_ORDER.index)
        items = list(dict.fromkeys(m.item for m in sorted(active, key=lambda m: KIND_ORDER.index(m.kind))))
        titles = list(dict.fromkeys(m.title for m in active if m.title))
        out.append(Segment(text[a:b], kinds, items, titles))
    return out
