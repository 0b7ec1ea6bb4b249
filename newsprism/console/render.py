"""Rich tables for people reading in a terminal: one analysis, or a database summary.

Everything that came from input goes through `terminal.cell`, so escape sequences and Rich markup in a
title or a quote are shown, never run or parsed.
"""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

from newsprism.schema import Analysis
from newsprism.console.terminal import cell, escape

out = Console()


def table(analysis: Analysis) -> None:
    """The article's actors and quotes (each with its speaker and cue), events, framing (whose words) and
    tone towards actors."""
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
        events = Table("type", "ACLED", "date", "who → whom", "place", "figures", "evidence", title="Events",
                       title_justify="left")
        for e in analysis.events:
            figures = ", ".join(f"{name} {count(c)}" for name, c in
                                (("killed", e.fatalities), ("injured", e.injured), ("size", e.size)) if c)
            evidence = e.evidence.text if len(e.evidence.text) <= 60 else e.evidence.text[:57] + "..."
            events.add_row(e.type, e.acled_type or "", e.date or "", cell(f"{actor(e.source)} → {actor(e.target)}"),
                           cell(e.location.name if e.location else ""), cell(figures), cell(evidence))
        out.print(events)
    for c in analysis.figure_conflicts:
        out.print(Text.assemble(("Conflicting figures", "bold"),
                                escape(f" ({c.about}): " + " vs ".join(f"'{f.text}'" for f in c.figures))))
    if analysis.framing:
        framing = Table("technique", "score", "whose words", "words", title="Framing", title_justify="left")
        for f in analysis.framing:
            whose = f"quoted: {f.voice.speaker_name or '?'}" if f.voice.kind == "quote" else "author"
            framing.add_row(f.technique, f"{f.score:.2f}", cell(whose), cell(f.text))
        out.print(framing)
    if analysis.actor_tone:
        tone = Table("actor", "mentions", "neg / neu / pos", "mean", "author's words", title="Tone towards actors",
                     title_justify="left")
        for t in analysis.actor_tone:
            own = f"{t.author_mean:+.2f}" if t.author_mean is not None else "(all quoted)"
            tone.add_row(cell(t.name), str(t.mentions), f"{t.negative} / {t.neutral} / {t.positive}", f"{t.mean:+.2f}", own)
        out.print(tone)


def actor(a) -> str:
    return (a.name or a.text or "") if a is not None else ""


def count(c) -> str:
    if c is None:
        return ""
    return f"{c.value}" if c.qualifier == "exact" else f"{c.value} ({c.qualifier})"


def summary(data: dict, db: str) -> None:
    """What a database holds, for a newcomer (see `newsprism.store.overview`), and the command to browse it."""
    counts = data["counts"]
    out.print(Text.assemble(("newsprism database", "bold"), " ", escape(db), ": ",
                            ", ".join(f"{n:,} {name}" for name, n in counts.items())))
    lists = [
        ("Most quoted speakers", ("speaker", "quotes"), data["speakers"]),
        ("Most frequent actors, with the words used for them", ("actor", "type", "articles", "mentions", "labels used"),
         [(name, kind, k, m, "; ".join(labels)) for name, kind, k, m, labels in data["actors"]]),
        ("Events by type", ("PLOVER type", "events"), data["events"]),
        ("Framing techniques", ("technique", "spans"), data["framing"]),
        ("Conflicting figures", ("article", "about", "figures"),
         [(title, about, " vs ".join(figures)) for title, about, figures in data["conflicts"]]),
    ]
    for title, columns, rows in lists:
        if not rows:
            continue
        table = Table(*columns, title=title, title_justify="left")
        for row in rows:
            table.add_row(*(cell(str(value)) for value in row))
        out.print(table)
    out.print(Text.assemble("Browse it: ", (f"newsprism serve --db {escape(db)}", "bold"),
                            "   then open http://127.0.0.1:8000/"))
