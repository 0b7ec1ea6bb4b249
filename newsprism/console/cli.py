"""The `newsprism` command: parse arguments, call the library, report refused inputs on stderr.

Exit status: 0 all done; 1 some inputs refused (the rest done), or a data, model or database error
(`newsprism.errors.DataError`); 2 a usage or input error (Typer's own, or `newsprism.errors.InputError`).
Commands do not catch newsprism's errors themselves: `ErrorGroup` reports each as `newsprism: [CODE] message`
and `EXIT_STATUS` gives its exit status, the same from every command.
"""

from __future__ import annotations

import importlib.util
import errno
import itertools
import json
import os
import socket
import sys
from collections.abc import Callable, Iterator
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer
from rich.console import Console

from newsprism import __version__
from newsprism.article import Article, Refusal
from newsprism.errors import CannotListen, DatabaseNotFound, DataError, InputError, InputNotFound, NewsprismError
from newsprism.console.terminal import escape
from newsprism.events import DETECTORS as EVENTS_DETECTORS
from newsprism.framing import TAGGERS as FRAMING_TAGGERS

if TYPE_CHECKING:
    from newsprism.schema import Analysis


def _type_column(self: typer.core.TyperOption, ctx: Any) -> str | None:
    """No `<bool>` beside a flag in `--help`: the flag alone says it is on or off."""
    return None if self.is_flag else _option_type(self, ctx)


_option_type = typer.core.TyperOption.display_type_rich
typer.core.TyperOption.display_type_rich = _type_column


EXIT_STATUS: dict[type[Exception], int] = {InputError: 2, DataError: 1}
"""The one place an error becomes an exit status, by its branch of `newsprism.errors` (every class there is
under one): 2 usage or input, 1 data, model or database. Any other exception is unexpected: 1."""


def exit_status(exc: BaseException) -> int:
    """The exit status of the command line that `exc` ended (`EXIT_STATUS`, or 1)."""
    return next((EXIT_STATUS[cls] for cls in type(exc).__mro__ if cls in EXIT_STATUS), 1)


def debugging() -> bool:
    """Whether --debug (or NEWSPRISM_DEBUG=1) asks for tracebacks."""
    return os.environ.get("NEWSPRISM_DEBUG", "") not in ("", "0") or "--debug" in sys.argv


class ErrorGroup(typer.core.TyperGroup):
    """The top-level command group: an error of `newsprism.errors`, from any command, is one line on stderr,
    `newsprism: [CODE] message`, and the exit status `EXIT_STATUS` gives it; a traceback only with --debug."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        """Parse the command line, global options taken after the subcommand too (`analyze --debug FILE`)."""
        return super().parse_args(ctx, hoist_global_options(self, args))

    def invoke(self, ctx: Any) -> Any:
        """Run the command, reporting a `NewsprismError` (Typer's usage errors pass through: status 2)."""
        try:
            return super().invoke(ctx)
        except NewsprismError as exc:
            if debugging():
                raise
            say(f"newsprism: {escape(str(exc))}")
            raise typer.Exit(exit_status(exc)) from None


def hoist_global_options(group: Any, args: list[str]) -> list[str]:
    """`args` with the group's own options (the global ones) that come after the subcommand moved before it,
    values and all, so they may be written on either side; nothing after `--` moves."""
    takes_value = {opt: not param.is_flag for param in group.params for opt in param.opts + param.secondary_opts}
    start = 0  # the subcommand's position: the first word that is neither a global option nor its value
    while start < len(args) and args[start].startswith("-") and args[start] != "--":
        name = args[start].split("=", 1)[0]
        start += 2 if takes_value.get(name) and "=" not in args[start] else 1
    if start >= len(args):
        return args
    moved, rest, i = [], [], start + 1
    while i < len(args):
        word = args[i]
        if word == "--":
            rest += args[i:]
            break
        name = word.split("=", 1)[0]
        if name in takes_value:
            width = 2 if takes_value[name] and "=" not in word else 1
            moved += args[i:i + width]
            i += width
        else:
            rest.append(word)
            i += 1
    return args[:start] + moved + [args[start]] + rest


class SafeTyper(typer.Typer):
    """The top-level app: an unexpected error is one line on stderr and exit status 1, never a traceback,
    unless `--debug` (or NEWSPRISM_DEBUG=1) asks for it. The `newsprism` entry point calls the app itself."""

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        """Run the command line, turning an unexpected exception into `newsprism: error: ...`."""
        try:
            return super().__call__(*args, **kwargs)
        except Exception as exc:  # noqa: BLE001 - the last line of defence
            if debugging():
                raise
            message = escape(" ".join(str(exc).split()) or type(exc).__name__)
            err.print(f"newsprism: error: {message} (run with --debug for the traceback)", markup=False,
                      highlight=False, soft_wrap=True)
            sys.exit(exit_status(exc))


HELP = ("Turn news articles into evidence a reader can check: who is quoted saying what, which actors appear and "
        "the words used for them, what happened (events, figures) and how it is framed.")
app = SafeTyper(add_completion=False, no_args_is_help=True, help=HELP, pretty_exceptions_enable=False, cls=ErrorGroup)
eval_app = typer.Typer(no_args_is_help=True, help="Score newsprism on research corpora with the shared scorers.")
train_app = typer.Typer(no_args_is_help=True, help="Train the models newsprism ships.")
events_app = typer.Typer(no_args_is_help=True, help="Event coding of short texts (PLOVER, CASE 2021).")
framing_app = typer.Typer(no_args_is_help=True, help="Propaganda techniques in the SemEval-2020 Task 11 formats.")
app.add_typer(framing_app, name="framing")
app.add_typer(eval_app, name="eval")
app.add_typer(train_app, name="train")
app.add_typer(events_app, name="events")
tone_app = typer.Typer(no_args_is_help=True, help="Tone towards a mentioned actor, sentence by sentence (NewsMTSC format).")
app.add_typer(tone_app, name="tone")

err = Console(stderr=True)


# The tables `export` writes (`newsprism.store.export.TABLES`, checked by the tests), named here so that --help
# needs no database module.
EXPORT_TABLES = ("articles", "entities", "quotes", "events", "framing", "tone", "figure_conflicts", "actors", "stories")


class Format(str, Enum):
    json = "json"
    jsonl = "jsonl"
    table = "table"


class Engine(str, Enum):
    local = "local"
    ray = "ray"


class Scheme(str, Enum):
    plover = "plover"
    case2021 = "case2021"


class EventsPart(str, Enum):
    report = "report"
    tune = "tune"


FramingTagger = Enum("FramingTagger", {name: name for name in FRAMING_TAGGERS}, type=str)  # framing's taggers
EventsDetector = Enum("EventsDetector", {name: name for name in EVENTS_DETECTORS}, type=str)  # events' detectors


class CorpusFormat(str, Enum):
    table = "table"
    jsonl = "jsonl"


class ExportFormat(str, Enum):
    csv = "csv"
    jsonl = "jsonl"


class Batch:
    """Reads inputs, reports each refusal (and each repair) as one line on stderr, names escaped, and
    remembers whether any refusal happened."""

    def __init__(self, paths: list[str]) -> None:
        self.paths = paths
        self.refused = 0

    def articles(self) -> Iterator[Article]:
        from newsprism.readers import read_paths

        for item in read_paths(self.paths, stdin=sys.stdin.buffer):
            if isinstance(item, Refusal):
                self.refuse(item.origin, item.reason)
            else:
                for note in item.notes:
                    say(f"newsprism: note {escape(item.origin or item.id)}: {escape(note)}")
                yield item

    def refuse(self, origin: str, reason: str) -> None:
        self.refused += 1
        say(f"newsprism: skipped {escape(origin)}: {escape(reason)}")

    def unanalysed(self, analysis: Analysis) -> None:
        """Names an article kept with its metadata only, its language not English; not a failure."""
        say(f"newsprism: not analysed {escape(analysis.article.id)}: language {escape(analysis.article.language)}")

    def exit(self) -> None:
        raise typer.Exit(1 if self.refused else 0)


def say(line: str) -> None:
    """One line on stderr, printed as it is (the caller escapes what came from input)."""
    err.print(line, markup=False, highlight=False, soft_wrap=True)


def progress(items: Iterator, label: str, size: Callable[[Any], int] = lambda _: 1) -> Iterator:
    """A Rich progress display on a terminal, counting `size(item)` per item; the items unchanged elsewhere."""
    if not err.is_terminal:
        yield from items
        return
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    with Progress(SpinnerColumn(), TextColumn("{task.description} {task.completed}"), TimeElapsedColumn(),
                  console=err, transient=True) as bar:
        task = bar.add_task(label, total=None)
        for item in items:
            yield item
            bar.advance(task, size(item))


def check_workers(workers: int | None) -> int:
    """The `--workers` value, the number of cores when not given."""
    from newsprism.engines.local import default_workers

    return workers or default_workers()


@app.command()
def analyze(
    paths: list[str] = typer.Argument(..., help="Files, folders (walked) or - for stdin."),
    format: Format = typer.Option(Format.json, "--format", "-f", help="json: one object per article; jsonl: one per line; table: for reading."),
    batch_size: int = typer.Option(16, min=1, help="Articles per spaCy batch."),
    workers: int = typer.Option(None, min=1, help="Processes, each loading the pipeline once (default: the number of cores)."),
    min_event_score: float = typer.Option(None, min=0.0, max=1.0, envvar="NEWSPRISM_MIN_EVENT_SCORE", help="Report only events the detector scores at least this (0..1); lower finds more, less surely (default: the threshold chosen for precision)."),
) -> None:
    """Analyse articles and print what they claim and who says it, in input order, as each batch is done."""
    from newsprism.console import render
    from newsprism.engines import local

    batch = Batch(paths)
    first = True
    config = pipeline_config(min_event_score)
    analyses = local.analyze(batch.articles(), check_workers(workers), batch_size, config=config)
    for analysis in progress(analyses, "analysed"):
        if isinstance(analysis, Refusal):  # the pipeline refused it (a component failed, or over a limit)
            batch.refuse(analysis.origin, analysis.reason)
            continue
        if analysis.article.language != "en":
            batch.unanalysed(analysis)
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
    db: str = typer.Option("newsprism.db", help="SQLite file or database URL (sqlite:///..., postgresql://...)."),
    batch_size: int = typer.Option(32, min=1, help="Articles analysed and committed together."),
    workers: int = typer.Option(None, min=1, help="Processes or Ray actors, each loading the pipeline once (default: the number of cores)."),
    engine: Engine = typer.Option(Engine.local, help="local: processes on this machine; ray: Ray Data actors."),
    ray_address: str = typer.Option(None, help="A running Ray cluster (e.g. ray://head:10001; default: start Ray here)."),
    story_days: int = typer.Option(3, min=0, help="Most days between two events of one story (stories across outlets)."),
) -> None:
    """Analyse articles and store them, a batch per transaction; articles already stored are skipped, so an
    interrupted ingest run again finishes the rest. Each batch links its actors and events to the corpus
    (actors across articles, stories across outlets)."""
    from newsprism.engines.ingest import IngestStats, ingest as run_ingest
    from newsprism.store import Store

    batch = Batch(paths)
    workers = check_workers(workers)
    stats = IngestStats()
    articles = first_read(batch.articles())
    if articles is None:  # nothing to store: no database is created for inputs that are not there
        say(f"newsprism: no articles read, nothing stored in {escape(db)}")
        batch.exit()
    with Store(db) as store:
        store.story_days = story_days
        added = run_ingest(articles, store, stats, engine.value, workers, batch_size, ray_address,
                           on_refusal=lambda r: batch.refuse(r.origin, r.reason), on_unanalysed=batch.unanalysed,
                           config=pipeline_config())
        for _ in progress(added, "stored", size=lambda n: n):
            pass
    say(f"newsprism: stored {stats.stored} new articles in {escape(db)} ({stats.skipped} already there)")
    batch.exit()


@app.command()
def watch(
    feeds: Path = typer.Argument(..., help="A list of feeds: a text file of URLs (one a line, # comments) or an OPML file."),
    db: str = typer.Option("newsprism.db", help="SQLite file or database URL (sqlite:///..., postgresql://...)."),
    every: str = typer.Option("15m", help="Time between the starts of two rounds: 90s, 15m, 2h, or seconds."),
    once: bool = typer.Option(False, "--once", help="One round, then exit (for cron); exit status 1 when a feed failed or an item was refused."),
    delay: float = typer.Option(1.0, min=0.0, help="Seconds between two requests to one host (longer when its robots.txt asks)."),
    timeout: float = typer.Option(20.0, min=0.1, help="Seconds to wait for an answer."),
    workers: int = typer.Option(1, min=1, help="Processes analysing the new items, each loading the pipeline once."),
    batch_size: int = typer.Option(32, min=1, help="Articles analysed and committed together."),
) -> None:
    """Watch feeds: fetch them every --every, take each new item once (its full page when the feed gives a
    summary only), analyse and store it; one line per round. Politely: conditional requests (ETag,
    Last-Modified), a delay per host and backoff on errors, robots.txt respected. The state is kept in the
    database, so a watch stopped or killed goes on where it was."""
    import time

    from newsprism.engines.ingest import IngestStats, ingest as run_ingest
    from newsprism.store import Store
    from newsprism.watch.feeds import read_feed_list
    from newsprism.watch.fetch import Fetcher
    from newsprism.watch.rounds import Watcher

    seconds = duration(every)
    urls = read_feed_list(feeds)  # before the database opens: a missing list creates nothing
    config = pipeline_config()
    problems = 0

    def store_articles(articles: list[Article]) -> list[Refusal]:
        refused: list[Refusal] = []

        def refuse(r: Refusal) -> None:
            refused.append(r)
            say(f"newsprism: skipped {escape(r.origin)}: {escape(r.reason)}")

        for _ in run_ingest(iter(articles), store, IngestStats(), "local", workers, batch_size, on_refusal=refuse,
                            config=config):
            pass
        return refused

    with Store(db) as store, Fetcher(delay=delay, timeout=timeout) as fetcher:
        watcher = Watcher(store, fetcher, store_articles, lambda line: say(escape(line)))
        number, between = 0, False
        try:
            while True:
                number, between = number + 1, False
                started, asked = time.monotonic(), fetcher.requests
                stats = watcher.round(progress(iter(urls), f"round {number}: feeds"))
                problems += stats.failed + stats.refused
                say(f"newsprism: round {number}: {stats.line()}; {fetcher.requests - asked} requests in "
                    f"{time.monotonic() - started:.1f} s")
                if once:
                    break
                between = True
                time.sleep(max(0.0, seconds - (time.monotonic() - started)))
        except KeyboardInterrupt:
            when = f"after round {number}" if between else f"during round {number}; run it again to go on"
            say(f"newsprism: watch stopped {when}")
            raise typer.Exit(130) from None
    raise typer.Exit(1 if once and problems else 0)


def duration(text: str) -> float:
    """Seconds in `90s`, `15m`, `2h`, `1d` or a bare number of seconds; `UnknownChoice` (E003) otherwise."""
    from newsprism.errors import UnknownChoice

    units = {"s": 1, "m": 60, "h": 3600, "d": 86400}
    value, unit = (text[:-1], text[-1].lower()) if text[-1:].lower() in units else (text, "s")
    try:
        seconds = float(value) * units[unit]
    except ValueError:
        raise UnknownChoice(f"--every {text!r} is not a duration; write 90s, 15m, 2h or 1d") from None
    if seconds <= 0:
        raise UnknownChoice(f"--every {text!r} is not a duration above zero; write 90s, 15m, 2h or 1d")
    return seconds


@app.command()
def stories(
    db: str = typer.Option("newsprism.db", help="SQLite file or database URL."),
    format: CorpusFormat = typer.Option(CorpusFormat.table, "--format", "-f", help="table: for reading; jsonl: one story per line."),
    min_articles: int = typer.Option(2, min=1, help="Show stories told by at least this many articles."),
    story_days: int = typer.Option(None, min=0, help="Group the stored events again first, with at most this many days between two events of one story (ingest groups with 3, or its --story-days)."),
) -> None:
    """Print the stories of a database: events of several articles about one happening, each article's
    version side by side, the figures that disagree, and why the events were joined."""
    from rich.console import Console

    from newsprism.console import render_corpus as corpus_render
    from newsprism.store import corpus_views as views

    with open_store(db, read_only=story_days is None) as store:
        if story_days is not None:
            store.regroup_stories(story_days)
        console = Console()
        for story in views.all_stories(store, min_articles):
            if format == CorpusFormat.jsonl:
                sys.stdout.write(story.model_dump_json() + "\n")
            else:
                corpus_render.story_table(story, console)


@app.command()
def actors(
    db: str = typer.Option("newsprism.db", help="SQLite file or database URL."),
    format: CorpusFormat = typer.Option(CorpusFormat.table, "--format", "-f", help="table: for reading; jsonl: one actor per line."),
) -> None:
    """Print the actors across articles (id, name, type, country, articles, names used), most articles first."""
    from rich.console import Console

    from newsprism.console import render_corpus as corpus_render
    from newsprism.store import corpus_views as views

    with open_store(db) as store:
        if format == CorpusFormat.jsonl:
            for actor in views.all_actors(store):
                sys.stdout.write(actor.model_dump_json() + "\n")
        else:
            corpus_render.actors_table(views.all_actors(store), Console())


def first_read(items: Iterator[Article]) -> Iterator[Article] | None:
    """The articles, read up to the first one before anything else happens; `None` when there is none."""
    first = next(items, None)
    return None if first is None else itertools.chain([first], items)


def need_database(db: str) -> None:
    """`DatabaseNotFound` for a SQLite file that is not there: the commands that read one never create it;
    `InputNotFound` for a folder given as the file."""
    if "://" not in db and Path(db).is_dir():
        raise InputNotFound(f"--db {db} is a folder, not a database file; give the SQLite file's path, such as "
                            f"{Path(db) / 'newsprism.db'}")
    if "://" not in db and not Path(db).is_file():
        raise DatabaseNotFound(f"no database at {db}; create one with: newsprism ingest FILES --db {db}")


def open_store(db: str, read_only: bool = True):
    """The store at `db`: `DatabaseNotFound` (exit status 2) when the SQLite file is not there, `StoreError`
    (exit status 1) when the database cannot be opened. `read_only` (the read commands): read through a
    read-only connection, which never waits for an ingest writing to the same database."""
    from newsprism.store import Store

    need_database(db)
    return Store(db, read_only=read_only)


@app.command()
def summary(db: str = typer.Option("newsprism.db", help="SQLite file or database URL.")) -> None:
    """Print what a database holds: the most quoted speakers, the most frequent actors and the labels used for
    them, events by type, framing techniques, conflicting figures, and the command to browse it."""
    from newsprism.console import render
    from newsprism.store.overview import overview

    with open_store(db) as store:
        render.summary(overview(store), db)


@app.command()
def export(
    db: str = typer.Option("newsprism.db", help="SQLite file or database URL."),
    table: str = typer.Option("quotes", help=f"One of: {', '.join(EXPORT_TABLES)} (actors and stories: the corpus view, a row per actor and per event of a story)."),
    format: ExportFormat = typer.Option(ExportFormat.csv, "--format", "-f", help="csv: for spreadsheets; jsonl: one row per line."),
    out: Path = typer.Option(None, "--out", "-o", help="Output file (default stdout)."),
) -> None:
    """Export one table for spreadsheets and pandas: the articles' tables, or the corpus view's actors and stories."""
    from newsprism.store import export as export_table

    store = open_store(db)
    if out is None:
        export_table(store, table, format.value, sys.stdout)
    else:
        with out.open("w", encoding="utf-8", newline="") as fh:
            export_table(store, table, format.value, fh)


@app.command()
def migrate(db: str = typer.Option("newsprism.db", help="SQLite file or database URL.")) -> None:
    """Bring a database to this release's schema (opening one for ingest does this too) and print its version."""
    from newsprism.store import SCHEMA_VERSION, Store

    Store(db).close()
    print(f"{db}: schema version {SCHEMA_VERSION}")


@app.command()
def info(as_json: bool = typer.Option(False, "--json", help="Print as JSON.")) -> None:
    """Print the version, the spaCy pipeline, and what the analysis runs with these options: whether the
    shared encoder runs (off with --fast), the framing span tagger and whether tone is judged."""
    from newsprism.parse import SPACY_MODEL
    from newsprism.pipeline import COMPONENTS, describe, encoder_runs

    config = pipeline_config()
    runs = encoder_runs(config)
    data = {"version": __version__, "spacy_model": SPACY_MODEL, "components": [name for name, _ in COMPONENTS],
            "fast": bool(PIPELINE_OPTIONS.get("fast")), "framing_tagger": runs["framing_tagger"],
            "encoder": "all-MiniLM-L6-v2 int8 (onnxruntime)" if runs["encoder"] else "off (--fast)",
            "tone": "on" if runs["tone"] else "off (--fast)", "analysis": describe(config)}
    if as_json:
        print(json.dumps(data))
    else:
        for key, value in data.items():
            print(f"{key}: {value}")


@app.command()
def schema() -> None:
    """Print the JSON Schema of the analysis (what analyze prints, the API serves and the database stores)."""
    from newsprism.engines.api import analysis_schema

    print(json.dumps(analysis_schema(), indent=2))


@eval_app.command("quotes")
def eval_quotes(
    data: Path = typer.Option(..., help="Gender Gap Tracker JSONL (id, text, quotes) or a PolNeAR split folder."),
    scorers: Path = typer.Option(Path("../shared/scorers"), help="Folder holding score_quotes.py."),
    holdout: bool = typer.Option(False, "--holdout", help="DATA is PolNeAR's folder: score the attribution tagger's held-out tenth of train, which no rule was tuned on (the rules were tuned on dev)."),
) -> None:
    """Quote F1 and speaker accuracy (score_quotes.py)."""
    from newsprism.quotes import evaluation as quotes

    raise typer.Exit(quotes.run(data, scorers, holdout)[0])


@eval_app.command("extraction")
def eval_extraction(
    data: Path = typer.Option(Path("../shared/data/html"), help="Folder with pages/NAME.html and text/NAME.txt."),
) -> None:
    """HTML extraction: word precision/recall/F1, furniture lines left, language detected (one JSON line)."""
    from newsprism.readers import evaluation as extraction

    if not (data / "pages").is_dir():
        raise InputNotFound(f"{data} has no pages/ folder; give --data a folder with pages/NAME.html and "
                            "text/NAME.txt")
    extraction.run(data)


@eval_app.command("attribution")
def eval_attribution(
    data: Path = typer.Option(..., help="A PolNeAR split folder (text/, attributions/)."),
    scorers: Path = typer.Option(Path("../shared/scorers"), help="Folder holding score_polnear.py."),
    record: bool = typer.Option(False, "--record", help="Write the figures into the record of the shipped tagger that ran "
                                "(newsprism/models/attribution-encoder.json, or with --fast attribution.json; "
                                "scores.component_dev, and the bare tagger's scores.dev) when DATA is its dev split."),
    holdout: bool = typer.Option(False, "--holdout", help="DATA is PolNeAR's folder: score the attribution tagger's held-out tenth of train, which no rule was tuned on (the rules were tuned on dev)."),
) -> None:
    """Source, cue and content exact F1 on PolNeAR (score_polnear.py); with --fast, of the plain tagger."""
    from newsprism.quotes import attribution_evaluation as attribution

    if record and data.resolve().name != "dev":
        raise typer.BadParameter(f"{data} is not a PolNeAR dev split: the record holds the dev figures", param_hint="--record")
    fast = bool(PIPELINE_OPTIONS.get("fast"))
    code, figures = attribution.run(data, scorers, holdout, fast=fast)
    if record and code == 0:
        from newsprism.quotes.model import default_model, load_model
        from newsprism.quotes.training import evaluate

        bare = evaluate(load_model(default_model(encoder=not fast)), data)  # the bare CRF, as its record keeps it
        say(f"newsprism: recorded in {attribution.write_record(data, figures, fast, bare)}")
    raise typer.Exit(code)


@eval_app.command("actors")
def eval_actors(
    data: Path = typer.Option(Path("../shared/data"), help="The shared data folder holding aeb/, html/, voa/ and ptc/ (the pages the labels name)."),
    labels: Path = typer.Option(Path("annotations/who/labels.tsv"), help="The TUNE part's labels: the rules are developed looking at it (ids and offsets; guide: annotations/who/GUIDE.md)."),
    report: Path = typer.Option(Path("annotations/who/report.tsv"), help="The REPORT part's labels: looked at only to report."),
    part: str = typer.Option("both", help="The part measured: tune, report or both."),
    second_pass: Path = typer.Option(Path("annotations/who/second-pass.tsv"), help="A blind second pass over some pages of the tune and the report part, for --agreement."),
    agreement: bool = typer.Option(False, "--agreement", help="Print the agreement of the second pass with the first labels on its pages instead (no analysis)."),
    write: bool = typer.Option(False, "--write", help="Also write the figures to figures.json (or agreement.json) beside the labels."),
    from_html: bool = typer.Option(False, "--from-html", help="Read the pages that have their HTML (aeb, html) from it, as a user's page is read, the labels moved onto that text: quotes the extraction loses count as not found (--write: to figures-from-html.json)."),
    errors: bool = typer.Option(False, "--errors", help="Also print each wrong speaker (part, page, kind of mention, gold and predicted speakers, the sentence), each sentence wrongly found as a quote ('no quote') or missed ('quote missed') and each wrong actor country ('country') on stderr: for reading the tune part's errors, never the report part's."),
) -> None:
    """Quotes by sentence, speaker accuracy by kind of mention, and actors' countries on hand-annotated real
    pages, for the tune and the report part: the figures as one JSON line on stdout, the table by kind on stderr."""
    from newsprism.actors import evaluation as actors_eval

    if part not in ("tune", "report", "both"):
        raise typer.BadParameter(f"{part!r} is not a part: tune, report or both", param_hint="--part")
    parts = {name: path for name, path in (("tune", labels), ("report", report)) if part in (name, "both")}
    needs = [*(parts.values() if not agreement else (labels, report, second_pass)), data / "aeb" / "ground-truth.json", data / "html" / "text"]
    for need in needs:
        if not need.exists():
            raise InputNotFound(f"{need} not found; give --data the shared data folder and --labels/--report/--second-pass the labels files")
    if agreement:
        figures = actors_eval.agreement(data, [labels, report], second_pass)
        out = labels.parent / "agreement.json"
    else:
        wrong: dict[str, list[dict]] | None = {} if errors else None
        figures = actors_eval.run(data, parts, wrong, from_html)
        if wrong:
            say(actors_eval.error_lines(wrong))
        say(actors_eval.kind_table(figures))
        out = labels.parent / ("figures-from-html.json" if from_html else "figures.json")
    print(json.dumps(figures))
    if write:
        out.write_text(json.dumps(figures, indent=1) + "\n", encoding="utf-8")
        say(f"newsprism: written to {out}")


@train_app.command("attribution")
def train_attribution(
    data: Path = typer.Option(..., help="PolNeAR's folder (train/ and dev/) or a split folder."),
    out: Path | None = typer.Option(None, help="Where to write the model (default newsprism/models/attribution.crfsuite, "
                                    "with --encoder attribution-encoder.crfsuite)."),
    seed: int = typer.Option(0, help="Random seed: the same seed and data give the same model."),
    cache: Path | None = typer.Option(None, help="A folder to keep spaCy's parses of the articles in (and with --encoder the encoder's states), so that a second run skips them."),
    encoder: bool = typer.Option(False, "--encoder", help="Train the tagger that also reads the shared encoder's pass (an encoder head's role probabilities per token), the one the default analysis runs; without it, the plain tagger --fast runs."),
) -> None:
    """Train the attribution tagger on PolNeAR train, its c1 chosen on dev (see docs/models.md)."""
    from newsprism.quotes import training as attribution

    if encoder and importlib.util.find_spec("torch") is None:
        raise typer.BadParameter("--encoder fits the tagger's encoder head with PyTorch: the train extra, make setup-train")

    if out is None:
        out = Path("newsprism/models") / ("attribution-encoder.crfsuite" if encoder else "attribution.crfsuite")
    print(json.dumps(attribution.train(data, out, seed=seed, cache_dir=cache, encoder=encoder)))


@app.command()
def serve(
    db: str = typer.Option("newsprism.db", help="SQLite file or database URL."),
    host: str = typer.Option("127.0.0.1", help="Address to listen on (0.0.0.0 for every interface)."),
    port: int = typer.Option(8000, help="Port to listen on."),
    forwarded_allow_ips: str = typer.Option(None, help="Addresses of the reverse proxies (comma-separated, or *) whose X-Forwarded-For and X-Forwarded-Proto headers are trusted, e.g. for the analysis rate limit; default: none, the client is the connection's address."),
) -> None:
    """Serve the web pages and the REST API (/api); writes need Authorization: Bearer $NEWSPRISM_TOKEN."""
    import uvicorn

    from newsprism.web import create_app

    need_database(db)
    web = create_app(db, config=pipeline_config())
    sock = listen(host, port)
    err.print(f"newsprism: serving {db} on http://{host}:{port}/ (API schema: /api/openapi.json)", highlight=False)
    trusted = forwarded_allow_ips.strip() if forwarded_allow_ips else ""
    config = uvicorn.Config(web, log_level="warning", proxy_headers=bool(trusted), forwarded_allow_ips=trusted or None)
    uvicorn.Server(config).run(sockets=[sock])


def listen(host: str, port: int) -> socket.socket:
    """A socket listening on host:port, taken before the server starts so that a port in use is one clear line."""
    try:
        family = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0][0]
        return socket.create_server((host, port), family=family)
    except OSError as exc:
        reason = os.strerror(exc.errno) if exc.errno else str(exc)
        hint = "; is another server using it? choose another with --port" if exc.errno == errno.EADDRINUSE else ""
        raise CannotListen(f"cannot listen on {host}:{port}: {reason}{hint}") from None


@tone_app.command("classify")
def tone_classify(
    path: Path = typer.Argument(..., help="NewsMTSC-style JSON lines: id, sentence, from, to."),
) -> None:
    """Print {"id": ..., "polarity": -1|0|1} per line: the tone of the sentence towards the mention from..to.
    A line that cannot be read is named on stderr and skipped (exit status 1)."""
    from newsprism.tone.data import read_checked
    from newsprism.tone.model import shipped_model

    if not path.is_file():
        raise InputNotFound(f"{path} is not a file; give a file of JSON lines (id, sentence, from, to)")
    items, problems = read_checked(path)
    for n, why in problems:
        err.print(f"newsprism: skipped {path}:{n}: {why}", markup=False, soft_wrap=True)
    model = shipped_model()
    for (rid, *_), (polarity, score) in zip(items, model.classify([i[1:] for i in items])):
        print(json.dumps({"id": rid, "polarity": polarity, "score": score}, ensure_ascii=False))
    if problems:
        raise typer.Exit(1)


@framing_app.command("spans")
def framing_spans(folder: Path = typer.Argument(..., help="A folder of PTC-style articleID.txt files.")) -> None:
    """Print id<TAB>start<TAB>end for each propaganda span (offsets into the raw files)."""
    from newsprism.framing.evaluation import spans_for_dir

    framing_lines(lambda: spans_for_dir(folder, tagger=framing_tagger()))


@framing_app.command("classify")
def framing_classify(
    folder: Path = typer.Argument(..., help="A folder of PTC-style articleID.txt files."),
    template: Path = typer.Argument(..., help="Lines id<TAB>?<TAB>start<TAB>end to fill."),
) -> None:
    """Fill the technique of each template line: id<TAB>technique<TAB>start<TAB>end."""
    from newsprism.framing.evaluation import classify_template

    framing_lines(lambda: classify_template(folder, template, tagger=framing_tagger()))


def framing_lines(lines: Callable[[], Iterator[str]]) -> None:
    """Prints the lines (a bad folder or template is a `FramingInputError`, a missing model a
    `FramingModelMissing`: `ErrorGroup` reports either)."""
    for line in lines():
        print(line)


@eval_app.command("framing")
def eval_framing(
    data: Path = typer.Option(..., help="A PTC split: articles/, spans.labels, techniques.labels."),
    ordinary: Path = typer.Option(Path("annotations/framing"), help="The ordinary-news set (documents.tsv, "
                                  "labels.tsv); its reporting half is scored when the folder exists."),
    shared_data: Path = typer.Option(Path("../shared/data"), help="The shared data folder the ordinary-news "
                                     "set's ids point into (aeb/, html/)."),
) -> None:
    """Span identification (SI) and technique classification (TC) F1 on a PTC split (score_ptc.py logic), and
    on the ordinary-news set's reporting half: precision of the spans shown and spans per 1,000 words."""
    from newsprism.framing.evaluation import evaluate, evaluate_ordinary

    report = evaluate(data, tagger=framing_tagger())
    if ordinary.is_dir():
        report["ordinary_news"] = evaluate_ordinary(ordinary, shared_data, tagger=framing_tagger())
    print(json.dumps(report, indent=2))


@train_app.command("framing")
def train_framing(
    data: Path = typer.Option(None, help="PTC train folder (articles/, spans.labels, techniques.labels); "
                              "needed unless --ordinary (where the span verifier is fitted on it; default: "
                              "SHARED_DATA/ptc/train)."),
    out: Path = typer.Option(Path("newsprism/models/framing"), help="Folder for the model."),
    seed: int = typer.Option(0, help="Random seed: the same seed and data give the same model."),
    minilm: bool = typer.Option(False, "--minilm", help="Also fine-tune the MiniLM tagger (train extra)."),
    retune: bool = typer.Option(False, "--retune", help="Only choose the decoding settings of the model in OUT "
                                "again on its recorded development split."),
    ordinary: Path = typer.Option(None, help="Only choose each tagger's rule for ordinary news (its family by "
                                  "cross-validation, the tagger's peak or the span verifier's score, then doc_min, "
                                  "shown_min and min_words) on the tuning half of this ordinary-news set "
                                  "(annotations/framing), fitting the span verifier on the PTC training articles."),
    shared_data: Path = typer.Option(Path("../shared/data"), help="The shared data folder the ordinary-news "
                                     "set's ids point into (aeb/, html/)."),
    techniques_encoder: bool = typer.Option(False, "--techniques-encoder", help="Only fit the encoder path's "
                                            "technique classifier (span features and the encoder's span vectors) "
                                            "of the model in OUT on its recorded training articles."),
    span_head: bool = typer.Option(False, "--span-head", help="Only fit the encoder path's span head over "
                                   "neighbouring tokens' encoder states (train extra) of the model in OUT on its "
                                   "recorded training articles, choosing its decoding on the tuning half."),
) -> None:
    """Train the framing model (span taggers and technique classifier), keeping a dev split apart."""
    from newsprism.framing.training import retune as retune_decoding
    from newsprism.framing.training import train, train_encoder_techniques, tune_ordinary

    log = lambda m: print(m, file=sys.stderr)  # noqa: E731
    if ordinary is not None:
        result = tune_ordinary(out, ordinary, shared_data, ptc=data, log=log)
        print(json.dumps({k: result[k]["reporting"]["shown"] for k in ("crf", "minilm") if k in result}))
        return
    if data is None:
        raise typer.BadParameter("--data (the PTC train folder) is needed to train or --retune")
    if retune:
        print(json.dumps(retune_decoding(data, out, log=log)["dev"]))
        return
    if techniques_encoder:
        print(json.dumps(train_encoder_techniques(data, out, log=log)["TC"]))
        return
    if span_head:
        if importlib.util.find_spec("torch") is None:
            raise typer.BadParameter("--span-head needs the train extra: make setup-train")
        from newsprism.framing.training import train_span_head

        print(json.dumps(train_span_head(data, out, log=log)["SI (chosen on the tuning half)"]))
        return
    if minilm and importlib.util.find_spec("torch") is None:
        raise typer.BadParameter("--minilm needs the train extra: pip install -e '.[train]'")
    print(json.dumps(train(data, out, seed=seed, with_minilm=minilm, log=log)))


@train_app.command("tone")
def train_tone(
    data: Path = typer.Option(Path("../shared/data/newsmtsc"), help="NewsMTSC folder (train.jsonl, dev-mt.jsonl, dev-rw.jsonl)."),
    out: Path = typer.Option(Path("newsprism/models/tone"), help="Folder for the tone head."),
    seed: int = typer.Option(0, help="Random seed: the same seed and data give the same head."),
) -> None:
    """Train the tone head over the shared encoder on NewsMTSC train (train extra); dev-rw and dev-mt reported."""
    from newsprism.tone.training import train

    if importlib.util.find_spec("torch") is None:
        raise typer.BadParameter("training the tone head needs the train extra: make setup-train")
    print(json.dumps(train(data, out, seed=seed, log=lambda m: print(m, file=sys.stderr))["dev"]))


@events_app.command("classify")
def events_classify(
    tsv: Path = typer.Argument(..., help="id<TAB>text lines with a header row."),
    scheme: Scheme = typer.Option(Scheme.plover, help="plover: 18 PLOVER types; case2021: the 30 CASE 2021 types."),
) -> None:
    """Print id<TAB>label for each snippet."""
    from newsprism.events.data import classify_snippets

    if not tsv.is_file():
        raise InputNotFound(f"{tsv} is not a file; give a file of id<TAB>text lines with a header row")
    print("id\tlabel")
    for ident, label in classify_snippets(tsv, scheme.value):
        print(f"{ident}\t{label}")


@eval_app.command("tone")
def eval_tone(
    data: Path = typer.Option(Path("../shared/data/newsmtsc"), help="NewsMTSC folder (dev-rw.jsonl, dev-mt.jsonl)."),
) -> None:
    """Tone head's macro F1 and accuracy on NewsMTSC dev-rw and dev-mt (the head's settings were chosen comparing
    heads on both): one JSON line."""
    from newsprism.tone.evaluation import DEV_SPLITS, evaluate
    from newsprism.tone.model import shipped_model

    for split in DEV_SPLITS:
        if not (data / f"{split}.jsonl").is_file():
            raise InputNotFound(f"{data / f'{split}.jsonl'} not found; give --data the NewsMTSC folder")
    print(json.dumps(evaluate(shipped_model(), data)))


@eval_app.command("events")
def eval_events(
    shared: Path = typer.Option(Path("../shared"), help="The shared folder (data/plover, data/case2021)."),
    data: Path = typer.Option(None, help="The annotated event sentences (sentences.tsv, labels-*.tsv) [default: annotations/events]."),
    folds: int = typer.Option(5, min=2, help="Cross-validation folds."),
    part: EventsPart = typer.Option(EventsPart.report, help="The annotated part measured: report (nothing was chosen on it) or tune (settings, calibration and threshold were chosen on it)."),
    detector: EventsDetector = typer.Option(None, help="The detector measured: linear or encoder [default: the one the model record names]."),
) -> None:
    """Detection P/R/F1 by sentence, typed F1, a reliability table of the event score (with its expected
    calibration error), the share of events found with a place and how often their source and target are right on
    the annotated report part, next to PLOVER macro F1 and CASE 2021 weighted F1
    (in-sample and cross-validated on the shared halves). The reliability table goes to stderr, the figures
    to stdout as JSON."""
    from newsprism.events import annotation, calibration
    from newsprism.events.evaluation import evaluate, evaluate_annotated, event_fields

    folder = data or annotation.ANNOTATIONS
    if not (folder / "sentences.tsv").exists():
        raise typer.BadParameter(f"{folder} holds no sentences.tsv", param_hint="--data")
    annotated = evaluate_annotated(folder, shared, part.value, detector.value if detector else None)
    cal = annotated["calibration"]
    print(calibration.table(cal["table"], cal["ece"], f"Reliability of the {annotated['detector']} detector's "
                            f"event score on the {part.value} part ({annotated['detection']['sentences']} "
                            "sentences):"), file=sys.stderr)
    fields = event_fields(folder, shared, part.value, annotated["detector"])
    report = {"annotated": annotated, "places": fields["places"], "actors": fields["actors"], **evaluate(shared, folds=folds)}
    print(json.dumps(report, indent=2))


@train_app.command("events")
def train_events(
    shared: Path = typer.Option(Path("../shared"), help="The shared folder (data/plover, data/case2021)."),
    out: Path = typer.Option(Path("newsprism/models"), help="Folder for the event classifiers."),
    seed: int = typer.Option(0, help="Random seed: the same seed and data give the same model."),
    data: Path = typer.Option(None, help="The annotated event sentences (sentences.tsv, labels-*.tsv) [default: annotations/events]."),
    retune: bool = typer.Option(False, "--retune", help="Only fit the shipped detectors' score calibration and choose their thresholds again on the tune part, and measure them again (no training)."),
    detectors_only: bool = typer.Option(False, "--detectors-only", help="Train only the two detectors and their typers; the PLOVER and CASE 2021 snippet classifiers are kept as they are."),
    record_only: bool = typer.Option(False, "--record-only", help="Only measure the shipped detectors again on the tune and report parts as the events component decides now, and rewrite their record and note (no fitting: the models' files stay as they are)."),
    finetune: bool = typer.Option(False, "--finetune", help="Only fine-tune the events sentence model (MiniLM on the annotated train sentences; about 45 minutes on two cores, needs the train extra), then fit the encoder detector's stage over it and the calibrations again as --retune does."),
) -> None:
    """Train the event detectors and typers, linear and over the shared encoder (annotated train sentences
    plus the GSR and CASE 2021 snippets; settings, calibration and threshold chosen on the tune part, both
    measured on the report part, the better on tune kept as default) and the PLOVER and CASE 2021 snippet
    classifiers (seeded)."""
    from newsprism.events import annotation
    from newsprism.events.training import retune as retune_detectors
    from newsprism.events.training import train

    if finetune:
        from newsprism.events.finetune import train_sentence_model

        print(json.dumps(train_sentence_model(out, data or annotation.ANNOTATIONS, shared, seed, log=lambda line: typer.echo(line, err=True)), indent=2))
    if retune or finetune:
        print(json.dumps(retune_detectors(shared, out, data or annotation.ANNOTATIONS, seed), indent=2))
        return
    if record_only:
        from newsprism.events.training import remeasure

        print(json.dumps(remeasure(shared, out, data or annotation.ANNOTATIONS), indent=2))
        return
    if detectors_only:
        from newsprism.events.training import train_detectors_only

        print(json.dumps(train_detectors_only(shared, out, data or annotation.ANNOTATIONS, seed), indent=2))
        return
    print(json.dumps(train(shared, out, seed=seed, annotations=data or annotation.ANNOTATIONS), indent=2))


@app.callback()
def options(
    debug: bool = typer.Option(False, "--debug", envvar="NEWSPRISM_DEBUG", help="Show the traceback of an unexpected error."),
    max_chars: int = typer.Option(None, min=0, help="Longest article analysed, in characters; longer ones are refused (default 1,000,000; 0: no limit)."),
    max_html_bytes: int = typer.Option(None, min=0, help="Largest HTML page read, in bytes (default 20,000,000)."),
    max_html_depth: int = typer.Option(None, min=0, help="Deepest nesting of HTML elements read (default 1,000)."),
    time_budget: float = typer.Option(None, min=0, help="Seconds per article for newsprism's components; slower articles are refused (default 60)."),
    fast: bool = typer.Option(False, "--fast", envvar="NEWSPRISM_FAST", help="Skip the shared encoder: framing spans by the CRF alone, no tone, events by the linear detector, for bulk runs that need quotes, actors and events (default: the encoder runs once per article)."),
    framing_tagger: FramingTagger = typer.Option(None, envvar="NEWSPRISM_FRAMING_TAGGER", help="Framing span tagger: minilm (default: the shared encoder's span head averaged with the CRF) or crf (the default with --fast)."),
    events_detector: EventsDetector = typer.Option(None, envvar="NEWSPRISM_EVENTS_DETECTOR", help="Events detector: encoder (default: heads over the shared encoder, as the model record names) or linear (the default with --fast)."),
    follow_links: bool = typer.Option(False, "--follow-links", envvar="NEWSPRISM_FOLLOW_LINKS", help="Let folder walks follow symbolic links that lead outside the folder given (default: such links are refused)."),
) -> None:
    """Global options: the limits on what one input may cost (see newsprism.limits), --fast (no encoder),
    the framing tagger, the events detector and --debug."""
    import os

    from newsprism import limits

    limits.configure(max_chars=max_chars, max_html_bytes=max_html_bytes, max_html_depth=max_html_depth,
                     time_budget=time_budget)
    if debug:
        os.environ["NEWSPRISM_DEBUG"] = "1"
    PIPELINE_OPTIONS.clear()  # one invocation's options (the app may run several times in one process)
    if framing_tagger is not None:
        PIPELINE_OPTIONS["framing_tagger"] = framing_tagger.value
    if events_detector is not None:
        PIPELINE_OPTIONS["events_detector"] = events_detector.value
    if fast:
        PIPELINE_OPTIONS["fast"] = True
    if follow_links:
        os.environ["NEWSPRISM_FOLLOW_LINKS"] = "1"  # read by newsprism.readers.read_paths


# The global options that configure the pipeline (`--fast`, `--framing-tagger`, `--events-detector`), set by `options` for this
# invocation; they reach the pipeline, and its worker processes, as `pipeline.load`'s config (`pipeline_config`).
PIPELINE_OPTIONS: dict[str, str | bool] = {}


def framing_tagger() -> str:
    """The framing span tagger this invocation asked for: minilm (default), crf with --fast, or what
    --framing-tagger says."""
    from newsprism.pipeline import encoder_runs

    return str(encoder_runs(pipeline_config())["framing_tagger"])


def pipeline_config(min_event_score: float | None = None) -> dict[str, dict]:
    """The config for `pipeline.load` (`pipeline.settings`) from the global options and `min_event_score`."""
    from newsprism.pipeline import settings

    return settings(framing_tagger=PIPELINE_OPTIONS.get("framing_tagger"), min_event_score=min_event_score,
                    fast=bool(PIPELINE_OPTIONS.get("fast")), events_detector=PIPELINE_OPTIONS.get("events_detector"))


def main() -> None:
    """Run the command line (see `SafeTyper` for how unexpected errors are reported)."""
    app()


if __name__ == "__main__":
    main()
