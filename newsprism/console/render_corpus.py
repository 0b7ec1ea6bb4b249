"""The corpus view in a terminal: each story with its versions in columns and the figures that disagree,
and the actors with the names articles gave them. Input text goes through `terminal.cell`/`escape`."""

from __future__ import annotations

from collections.abc import Iterable

from rich.console import Console
from rich.table import Table
from rich.text import Text

from newsprism.events.conflicts import EVENT_FIGURES
from newsprism.store.corpus_views import ActorSummary, Named, Story, Version, by_article
from newsprism.console.terminal import cell, escape


def _named(n: Named | None) -> str:
    if n is None:
        return "?"
    return n.words if not n.actor or n.actor == n.words else f"{n.words} [{n.actor}]"


def _figures(v: Version) -> str:
    return "; ".join(f"{EVENT_FIGURES[k]}: {c.text} ({c.qualifier})" for k, c in v.figures.items())


def story_table(story: Story, out: Console) -> None:
    """One story: a heading, its versions side by side, then the figures that disagree."""
    out.print(Text.assemble((f"Story {story.id}", "bold"),
                            f"  {story.first_date}..{story.last_date}  {story.articles} articles  ",
                            escape(", ".join(story.types))))
    table = Table("", show_lines=True)
    columns = by_article(story.versions)
    for column in columns:
        v = column[0]
        table.add_column(Text.assemble((escape(v.source or "(no source)"), "bold"), "\n",
                                       escape(f"{v.published or ''} {v.article_id}")))
    rows = [
        ("sentence", lambda v: v.sentence.text),
        ("type, date", lambda v: f"{v.type} {v.date or ''}"),
        ("who → whom", lambda v: f"{_named(v.who)} → {_named(v.whom)}"),
        ("actors named", lambda v: "; ".join(_named(a) for a in v.actors)),
        ("place", lambda v: v.place or ""),
        ("figures", _figures),
        ("quotes", lambda v: " | ".join(f"(the sentence, said by {q.speaker or '?'})" if q.in_sentence
                                        else q.content.text for q in v.quotes)),
        ("joined because", lambda v: "; ".join(v.because) or "(first of the story)"),
    ]
    for label, value in rows:  # an article with several events of the story: one paragraph each
        table.add_row(label, *(cell("\n\n".join(value(v) for v in column)) for column in columns))
    out.print(table)
    for conflict in story.conflicts:
        sides = " vs ".join(f"'{c.text}' ({c.qualifier}, {c.source or c.article_id})" for c in conflict.figures)
        out.print(Text.assemble(("Figures that disagree", "bold red"), f" ({conflict.about}): ", escape(sides)))


def actors_table(actors: Iterable[ActorSummary], out: Console) -> None:
    """The actors, one row each, with the names the articles used."""
    table = Table("id", "actor", "type", "country", "articles", "names used")
    for a in actors:
        table.add_row(str(a.id), cell(a.name), cell(a.type), cell(a.country), str(a.articles), cell("; ".join(a.names)))
    out.print(table)
