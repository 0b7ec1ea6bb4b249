"""The `newsprism` command: parse arguments, call the library, report refused inputs on stderr.

Exit status: 0 all done; 1 some inputs refused (the rest done); 2 usage error (Typer's own).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from enum import Enum
from pathlib import Path

import typer
from rich.console import Console

from newsprism import __version__
from newsprism.article import Article, Refusal

app = typer.Typer(add_completion=False, no_args_is_help=True, help=__doc__.splitlines()[0])
eval_app = typer.Typer(no_args_is_help=True, help="Score newsprism on research corpora with the shared scorers.")
train_app = typer.Typer(no_args_is_help=True, help="Train the models newsprism ships.")
app.add_typer(eval_app, name="eval")
app.add_typer(train_app, name="train")

err = Console(stderr=True)


class Format(str, Enum):
    json = "json"
    jsonl = "jsonl"
    table = "table"


class ExportFormat(str, Enum):
    csv = "csv"
    jsonl = "jsonl"


class Batch:
    """Reads inputs, reports each refusal as one line on stderr, and remembers whether any happened."""

    def __init__(self, paths: list[str]) -> None:
        self.paths = paths
        self.refused = 0

    def articles(self) -> Iterator[Article]:
        from newsprism.readers import read_paths

        for item in read_paths(self.paths, stdin=sys.stdin.buffer):
            if isinstance(item, Refusal):
                self.refuse(item.origin, item.reason)
            else:
                yield item

    def refuse(self, origin: str, reason: str) -> None:
        self.refused += 1
        err.print(f"newsprism: skipped {origin}: {reason}", markup=False, highlight=False, soft_wrap=True)

    def exit(self) -> None:
        raise typer.Exit(1 if self.refused else 0)


def progress(items: Iterator, label: str) -> Iterator:
    """A Rich progress display on a terminal; the items unchanged elsewhere."""
    if not err.is_terminal:
        yield from items
        return
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    with Progress(SpinnerColumn(), TextColumn("{task.description} {task.completed}"), TimeElapsedColumn(),
                  console=err, transient=True) as bar:
        task = bar.add_task(label, total=None)
        for item in items:
            yield item
            bar.advance(task)


@app.command()
def analyze(
    paths: list[str] = typer.Argument(..., help="Files, folders (walked) or - for stdin."),
    format: Format = typer.Option(Format.json, "--format", "-f", help="json: one object per article; jsonl: one per line; table: for reading."),
    batch_size: int = typer.Option(16, help="Articles per spaCy batch."),
) -> None:
    """Analyse articles and print what they claim and who says it."""
    from newsprism import pipeline, render

    batch = Batch(paths)
    nlp = pipeline.load()
    first = True
    for analysis in progress(pipeline.analyze(nlp, batch.articles(), batch_size), "analysed"):
        if format == Format.table:
            render.table(analysis)
        elif format == Format.jsonl:
            sys.stdout.write(analysis.model_dump_json() + "\n")
        else:
            if not first:
                sys.stdout.write("\n")
            sys.stdout.write(analysis.model_dump_json(indent=2) + "\n")
        first = False
    batch.exit()


@app.command()
def ingest(
    paths: list[str] = typer.Argument(..., help="Files, folders (walked) or - for stdin."),
    db: str = typer.Option("newsprism.db", help="SQLite file or database URL."),
    batch_size: int = typer.Option(32, help="Articles analysed and committed together."),
) -> None:
    """Analyse articles and store them; articles already stored are skipped."""
    from newsprism import pipeline
    from newsprism.store import Store

    batch = Batch(paths)
    store = Store(db)
    nlp = pipeline.load()
    stored = skipped = 0

    def fresh() -> Iterator[Article]:
        nonlocal skipped
        chunk: list[Article] = []
        for art in batch.articles():
            chunk.append(art)
            if len(chunk) >= batch_size:
                yield from new_only(chunk)
                chunk = []
        yield from new_only(chunk)

    def new_only(chunk: list[Article]) -> Iterator[Article]:
        nonlocal skipped
        known = store.known_ids(a.id for a in chunk)
        seen: set[str] = set()
        for art in chunk:
            if art.id in known or art.id in seen:
                skipped += 1
                continue
            seen.add(art.id)
            yield art

    pending = []
    for analysis in progress(pipeline.analyze(nlp, fresh(), batch_size), "stored"):
        pending.append(analysis)
        if len(pending) >= batch_size:
            stored += store.save(pending)
            pending = []
    stored += store.save(pending)
    store.close()
    err.print(f"newsprism: stored {stored} new articles in {db} ({skipped} already there)", highlight=False)
    batch.exit()


@app.command()
def summary(db: str = typer.Option("newsprism.db", help="SQLite file or database URL.")) -> None:
    """Print what a database holds: articles, quotes, and quotes by speaker."""
    from newsprism import render
    from newsprism.store import Store

    render.summary(Store(db).summary(), db)


@app.command()
def export(
    db: str = typer.Option("newsprism.db", help="SQLite file or database URL."),
    table: str = typer.Option("quotes", help="articles, entities, quotes, events, framing or figure_conflicts."),
    format: ExportFormat = typer.Option(ExportFormat.csv, "--format", "-f"),
    out: Path = typer.Option(None, "--out", "-o", help="Output file (default stdout)."),
) -> None:
    """Export one table for spreadsheets and pandas."""
    from newsprism.store import Store, export as export_table

    store = Store(db)
    try:
        if out is None:
            export_table(store, table, format.value, sys.stdout)
        else:
            with out.open("w", encoding="utf-8", newline="") as fh:
                export_table(store, table, format.value, fh)
    except ValueError as exc:
        err.print(f"newsprism: {exc}", markup=False)
        raise typer.Exit(2)


@app.command()
def info(as_json: bool = typer.Option(False, "--json", help="Print as JSON.")) -> None:
    """Print the version and the spaCy pipeline in use."""
    from newsprism.pipeline import COMPONENTS, SPACY_MODEL

    data = {"version": __version__, "spacy_model": SPACY_MODEL, "components": [name for name, _ in COMPONENTS]}
    if as_json:
        print(json.dumps(data))
    else:
        for key, value in data.items():
            print(f"{key}: {value}")


@eval_app.command("quotes")
def eval_quotes(
    data: Path = typer.Option(..., help="Gender Gap Tracker JSONL (id, text, quotes) or a PolNeAR split folder."),
    scorers: Path = typer.Option(Path("../shared/scorers"), help="Folder holding score_quotes.py."),
) -> None:
    """Quote F1 and speaker accuracy (score_quotes.py)."""
    from newsprism.evaluate import quotes

    raise typer.Exit(quotes.run(data, scorers)[0])


@eval_app.command("attribution")
def eval_attribution(
    data: Path = typer.Option(..., help="A PolNeAR split folder (text/, attributions/)."),
    scorers: Path = typer.Option(Path("../shared/scorers"), help="Folder holding score_polnear.py."),
) -> None:
    """Source, cue and content exact F1 on PolNeAR (score_polnear.py)."""
    from newsprism.evaluate import attribution

    raise typer.Exit(attribution.run(data, scorers)[0])


@train_app.command("attribution")
def train_attribution(
    data: Path = typer.Option(..., help="PolNeAR train folder."),
    out: Path = typer.Option(Path("newsprism/models/attribution.crfsuite"), help="Where to write the model."),
    seed: int = typer.Option(0),
) -> None:
    """Train the attribution tagger on PolNeAR train."""
    from newsprism.training import attribution

    print(json.dumps(attribution.train(data, out, seed=seed)))


def main() -> None:
    app()


if __name__ == "__main__":
    main()
