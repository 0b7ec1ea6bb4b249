"""Rich tables for people reading in a terminal: one analysis, or a database summary."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from newsprism.schema import Analysis

out = Console()


def table(analysis: Analysis) -> None:
    """The article's actors and quotes, each quote with its speaker and cue."""
    art = analysis.article
    out.print(f"[bold]{art.title or art.id}[/bold]  {art.published or ''}  {art.source or ''}", highlight=False)
    actors = Table("actor", "type", "country", "mentions", "labels used", title="Actors", title_justify="left")
    for e in analysis.entities:
        actors.add_row(e.name, e.type, e.country or "", str(len(e.mentions)), "; ".join(sorted({l.text for l in e.labels})))
    out.print(actors)
    quotes = Table("speaker", "cue", "kind", "content", title="Quotes", title_justify="left", show_lines=True)
    for q in analysis.quotes:
        speaker = q.speaker_name or (q.speaker.text if q.speaker else "?")
        if q.speaker and q.speaker_name and q.speaker.text != q.speaker_name:
            speaker += f" ({q.speaker.text})"
        quotes.add_row(speaker, q.cue.text if q.cue else "", q.kind, q.content.text)
    out.print(quotes)
    if analysis.events:
        events = Table("type", "date", "who → whom", "place", "figures", "evidence", title="Events", title_justify="left")
        for e in analysis.events:
            figures = ", ".join(f"{name} {count(c)}" for name, c in
                                (("killed", e.fatalities), ("injured", e.injured), ("size", e.size)) if c)
            evidence = e.evidence.text if len(e.evidence.text) <= 60 else e.evidence.text[:57] + "..."
            events.add_row(e.type, e.date or "", f"{actor(e.source)} → {actor(e.target)}",
                           e.location.name if e.location else "", figures, evidence)
        out.print(events)
    for c in analysis.figure_conflicts:
        out.print(f"[bold]Conflicting figures[/bold] ({c.about}): " + " vs ".join(f"'{f.text}'" for f in c.figures),
                  highlight=False)
    if analysis.framing:
        framing = Table("technique", "score", "words", title="Framing", title_justify="left")
        for f in analysis.framing:
            framing.add_row(f.technique, f"{f.score:.2f}", f.text)
        out.print(framing)


def actor(a) -> str:
    return (a.name or a.text or "") if a is not None else ""


def count(c) -> str:
    if c is None:
        return ""
    return f"{c.value}" if c.qualifier == "exact" else f"{c.value} ({c.qualifier})"


def summary(data: dict, db: str) -> None:
    """Counts of what a database holds and the most quoted speakers."""
    out.print(f"[bold]newsprism database[/bold] {db}", highlight=False)
    counts = Table("table", "rows")
    for key, value in data.items():
        if isinstance(value, int):
            counts.add_row(key, str(value))
    out.print(counts)
    speakers = Table("speaker", "quotes", title="Quotes by speaker", title_justify="left")
    for name, n in data.get("speakers", [])[:15]:
        speakers.add_row(name or "(unresolved)", str(n))
    out.print(speakers)
