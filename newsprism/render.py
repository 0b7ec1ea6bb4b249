"""Rich tables for people reading in a terminal: one analysis, or a database summary.

Everything that came from input goes through `terminal.cell`, so escape sequences and Rich markup in a
title or a quote are shown, never run or parsed.
"""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

from newsprism.schema import Analysis
from newsprism.terminal import cell, escape

out = Console()


def table(analysis: Analysis) -> None:
    """The article's actors and quotes, each quote with its speaker and cue."""
    art = analysis.article
    out.print(Text.assemble((escape(art.title or art.id), "bold"), f"  {art.published or ''}  ", escape(art.source or "")))
    actors = Table("actor", "type", "country", "mentions", "labels used", title="Actors", title_justify="left")
    for e in analysis.entities:
        actors.add_row(cell(e.name), cell(e.type), cell(e.country), str(len(e.mentions)),
                       cell("; ".join(sorted({l.text for l in e.labels}))))
    out.print(actors)
    quotes = Table("speaker", "cue", "kind", "content", title="Quotes", title_justify="left", show_lines=True)
    for q in analysis.quotes:
        speaker = q.speaker_name or (q.speaker.text if q.speaker else "?")
        if q.speaker and q.speaker_name and q.speaker.text != q.speaker_name:
            speaker += f" ({q.speaker.text})"
        quotes.add_row(cell(speaker), cell(q.cue.text if q.cue else ""), q.kind, cell(q.content.text))
    out.print(quotes)
    if analysis.events:
        events = Table("type", "date", "who → whom", "place", "figures", "evidence", title="Events", title_justify="left")
        for e in analysis.events:
            figures = ", ".join(f"{name} {count(c)}" for name, c in
                                (("killed", e.fatalities), ("injured", e.injured), ("size", e.size)) if c)
            evidence = e.evidence.text if len(e.evidence.text) <= 60 else e.evidence.text[:57] + "..."
            events.add_row(e.type, e.date or "", cell(f"{actor(e.source)} → {actor(e.target)}"),
                           cell(e.location.name if e.location else ""), cell(figures), cell(evidence))
        out.print(events)
    for c in analysis.figure_conflicts:
        out.print(Text.assemble(("Conflicting figures", "bold"),
                                escape(f" ({c.about}): " + " vs ".join(f"'{f.text}'" for f in c.figures))))
    if analysis.framing:
        framing = Table("technique", "score", "words", title="Framing", title_justify="left")
        for f in analysis.framing:
            framing.add_row(f.technique, f"{f.score:.2f}", cell(f.text))
        out.print(framing)


def actor(a) -> str:
    return (a.name or a.text or "") if a is not None else ""


def count(c) -> str:
    if c is None:
        return ""
    return f"{c.value}" if c.qualifier == "exact" else f"{c.value} ({c.qualifier})"


def summary(data: dict, db: str) -> None:
    """Counts of what a database holds and the most quoted speakers."""
    out.print(Text.assemble(("newsprism database", "bold"), " ", escape(db)))
    counts = Table("table", "rows")
    for key, value in data.items():
        if isinstance(value, int):
            counts.add_row(key, str(value))
    out.print(counts)
    speakers = Table("speaker", "quotes", title="Quotes by speaker", title_justify="left")
    for name, n in data.get("speakers", [])[:15]:
        speakers.add_row(cell(name or "(unresolved)"), str(n))
    out.print(speakers)
