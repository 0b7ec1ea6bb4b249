"""`make bench`: the speed and memory of newsprism on real articles, next to spaCy's parse alone on the same texts.

For one corpus in one run it measures, first, the bar as a user meets it (`end_to_end`): the whole
`newsprism analyze --workers 1` command against a process that only loads spaCy and parses the same texts;
then, each in a fresh process so that start-up (loading the pipeline, starting workers) is counted and peak
memory is its own: the spaCy parse alone, the whole analysis with 1 and with 2 worker processes (the local
engine that `analyze` and `ingest` use), and the cost of each pipeline
component, timed over the same docs, then profiled (cProfile: the functions where newsprism's components
spend their time). It prints articles and words per second, peak resident memory (the process and its workers
together) and the machine it ran on, with its load average, since other work on the machine skews timings.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import platform
import pstats
import resource
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from newsprism.article import Article

CORPORA = ("polnear", "voa", "both")


def corpus(shared: Path, limit: int, which: str = "polnear") -> list[Article]:
    """PolNeAR texts (train, then dev) and/or the VOA stories, up to `limit` articles; the bundled samples
    when ../shared is absent."""
    arts: list[Article] = []
    if which in ("voa", "both"):
        voa = shared / "data" / "voa" / "voa_stories.jsonl"
        if voa.exists():
            for line in voa.open(encoding="utf-8"):
                rec = json.loads(line)
                arts.append(Article(text=rec["text"], id=str(rec["id"])))
    if which in ("polnear", "both"):
        for split in ("train", "dev"):
            folder = shared / "data" / "polnear" / split / "text"
            if folder.exists():
                for f in sorted(folder.glob("*.txt")):
                    outlet, published = (f.stem.split("_") + ["", ""])[:2]  # publisher_YYYY-MM-DD_slug
                    arts.append(Article(text=f.read_text(encoding="utf-8"), id=f.stem, source=outlet or None,
                                        published=published if len(published) == 10 else None))
    if not arts:
        samples = Path(__file__).parent / "samples"
        arts = [Article(text=f.read_text(encoding="utf-8"), id=f.stem) for f in sorted(samples.glob("*.txt"))]
    return arts[:limit]


def _tree_rss_mb(pid: int) -> float:
    """Resident memory of a process and all its descendants, in MB (Linux /proc; 0 elsewhere)."""
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        p = int(stat.parent.name)
        parents[p], rss[p] = int(fields[1]), int(fields[21])
    tree, grew = {pid}, True
    while grew:
        more = {p for p, pp in parents.items() if pp in tree} - tree
        tree |= more
        grew = bool(more)
    return sum(rss.get(p, 0) for p in tree) * os.sysconf("SC_PAGE_SIZE") / 1024**2


class PeakMemory:
    """Samples the resident memory of this process and its workers every 50 ms; `peak` is the highest sum."""

    def __init__(self) -> None:
        self.peak = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.wait(0.05):
            self.peak = max(self.peak, _tree_rss_mb(os.getpid()))

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, own_peak_mb())  # exact, catches what sampling missed


def own_peak_mb() -> float:
    """This process's own peak resident memory in MB: the kernel's high-water mark of its address space
    (`VmHWM`). Not `getrusage`'s `ru_maxrss`: a process started by fork and exec inherits the larger of its
    parent's peak there (a test runner's gigabytes), so it can say more than the process ever held."""
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # no /proc (not Linux): the nearest


def measure_parse(arts: list[Article], batch_size: int) -> dict[str, Any]:
    """spaCy alone: load the model and parse every text."""
    import spacy

    from newsprism.parse import SPACY_MODEL

    t0 = time.perf_counter()
    nlp = spacy.load(SPACY_MODEL)
    loaded = time.perf_counter()
    for _ in nlp.pipe((a.text for a in arts), batch_size=batch_size):
        pass
    return {"load_s": loaded - t0, "total_s": time.perf_counter() - t0}


def measure_analysis(arts: list[Article], batch_size: int, workers: int,
                     config: dict[str, dict] | None = None) -> dict[str, Any]:
    """The whole analysis on the local engine, loading included, as `newsprism analyze --workers N` runs it;
    `config` the pipeline's (`pipeline.settings`)."""
    from newsprism.engines import local

    t0 = time.perf_counter()
    n = sum(1 for _ in local.analyze(arts, workers=workers, batch_size=batch_size, config=config))
    assert n == len(arts)
    return {"total_s": time.perf_counter() - t0}


def measure_components(arts: list[Article], batch_size: int, top: int = 12, profiled: int = 100,
                       config: dict[str, dict] | None = None) -> dict[str, Any]:
    """Each pipeline component timed over the same docs, in pipeline order; then newsprism's components
    profiled over the first `profiled` docs (a separate pass, as profiling slows Python code down)."""
    from newsprism import limits, pipeline

    nlp = pipeline.load(config=config)
    docs = [pipeline.make_doc(nlp, a) for a in arts]
    costs: dict[str, float] = {}
    with limits.one_blas_thread():  # as the analysis runs: no spinning BLAS or OpenMP threads in the timings
        for name, proc in nlp.pipeline:
            t0 = time.perf_counter()
            docs = list(proc.pipe(docs, batch_size=batch_size)) if hasattr(proc, "pipe") else [proc(d) for d in docs]
            costs[name] = time.perf_counter() - t0
        profile = cProfile.Profile()
        profile.enable()
        for name, proc in nlp.pipeline:
            if name.startswith("newsprism_"):
                for doc in docs[:profiled]:
                    proc(doc)
        profile.disable()
    out = io.StringIO()
    pstats.Stats(profile, stream=out).sort_stats("tottime").print_stats(r"newsprism", top)
    lines = [ln for ln in out.getvalue().splitlines() if "newsprism" in ln and "/" in ln]
    return {"components": costs, "profile": lines, "profiled": min(profiled, len(docs))}


def measure_ingest(arts: list[Article], batch_size: int, workers: int) -> dict[str, Any]:
    """`newsprism ingest` into a fresh SQLite database, timing apart the corpus view's linking (actors
    across articles, stories, quotes to events) that each batch's transaction runs."""
    import tempfile

    from newsprism.engines.ingest import IngestStats, ingest
    from newsprism.store import Store, db, queries

    linking = 0.0
    link = db.link

    def timed(*args: Any) -> None:
        nonlocal linking
        t0 = time.perf_counter()
        link(*args)
        linking += time.perf_counter() - t0

    db.link = timed
    with tempfile.TemporaryDirectory() as tmp, Store(str(Path(tmp) / "bench.db")) as store:
        t0 = time.perf_counter()
        for _ in ingest(arts, store, IngestStats(), "local", workers, batch_size):
            pass
        total = time.perf_counter() - t0
        return {"total_s": total, "link_s": linking, "articles": len(arts), "stories": queries.count_stories(store),
                "actors": queries.count_actors(store), "events": store.count("events")}


PARSE_SCRIPT = """
import json, sys
from newsprism import notorch  # spaCy as newsprism loads it: thinc without PyTorch, as fair to the parse
import spacy
texts = [json.loads(line)["text"] for line in open(sys.argv[1], encoding="utf-8")]
nlp = spacy.load(sys.argv[2])
for _ in nlp.pipe(texts):
    pass
"""


def end_to_end(arts: list[Article]) -> dict[str, dict[str, float]]:
    """The bar as a user meets it: `newsprism analyze --workers 1 FILE.jsonl --format jsonl > /dev/null`, by
    default (the shared encoder on), with `--fast` and with the default's events by the linear detector
    (`--events-detector linear`: what the encoder heads cost beside it), each a fresh command with its start-up, against a
    fresh Python that only loads spaCy's model and runs `nlp.pipe` (its default batch size) over the same
    texts: wall-clock seconds and CPU seconds (user + system) of each whole process. On a shared machine the
    CPU seconds are the steadier measure; both are printed."""
    import tempfile

    from newsprism.parse import SPACY_MODEL

    newsprism = Path(sys.executable).with_name("newsprism")
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "articles.jsonl"
        data.write_text("".join(json.dumps({"id": a.id, "text": a.text}) + "\n" for a in arts), encoding="utf-8")
        analyze = [str(newsprism), "analyze", "--workers", "1", str(data), "--format", "jsonl"]
        runs = {
            "parse": [sys.executable, "-c", PARSE_SCRIPT, str(data), SPACY_MODEL],
            "analyze": analyze,
            "analyze --fast": [str(newsprism), "--fast", *analyze[1:]],
            "analyze --events-detector linear": [str(newsprism), "--events-detector", "linear", *analyze[1:]],
        }
        out = {}
        for name, cmd in runs.items():
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            t0 = time.perf_counter()
            subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
            wall = time.perf_counter() - t0
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
            out[name] = {"wall_s": wall, "cpu_s": cpu}
    return out


def end_to_end_lines(e2e: dict[str, dict[str, float]]) -> list[str]:
    """The end-to-end bar as printed: each analysis against the parse, wall clock and CPU."""
    parse = e2e["parse"]
    lines = [f"end to end, spaCy's load and nlp.pipe alone: {parse['wall_s']:.1f} s wall, {parse['cpu_s']:.1f} s CPU"]
    for name, what in (("analyze", "default (shared encoder: MiniLM framing, tone, events by the encoder heads)"),
                       ("analyze --fast", "--fast (no encoder)"),
                       ("analyze --events-detector linear", "the default but events by the linear detector")):
        if name not in e2e:
            continue
        r = e2e[name]
        bar = " (the bar: at most 2.2x)" if name == "analyze" else ""
        lines.append(f"end to end, `newsprism {name} --workers 1`, {what}: {r['wall_s']:.1f} s wall "
                     f"**{r['wall_s'] / parse['wall_s']:.2f}x** the parse, {r['cpu_s']:.1f} s CPU "
                     f"**{r['cpu_s'] / parse['cpu_s']:.2f}x**{bar}")
    return lines


def _child(args: argparse.Namespace) -> None:
    """Run one measurement in this process and print its figures as JSON."""
    from newsprism.pipeline import settings

    arts = corpus(args.shared, args.limit, args.corpus)
    config = settings(framing_tagger=args.framing_tagger, fast=args.fast)
    with PeakMemory() as mem:
        if args.measure == "parse":
            result = measure_parse(arts, args.batch_size)
        elif args.measure == "components":
            result = measure_components(arts, args.batch_size, config=config)
        elif args.measure == "ingest":
            result = measure_ingest(arts, args.batch_size, args.workers)
        else:
            result = measure_analysis(arts, args.batch_size, args.workers, config)
    result["peak_mb"] = mem.peak
    print(json.dumps(result))


def machine() -> str:
    """The CPU, cores, memory and Python of this machine, in one line."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        mem_kb = int(Path("/proc/meminfo").read_text().split()[1])
        mem = f"{mem_kb / 1024**2:.0f} GB RAM"
    except (OSError, ValueError, IndexError):
        mem = "RAM unknown"
    return f"{cpu}, {os.cpu_count()} cores, {mem}, {platform.system()} {platform.release()}, Python {platform.python_version()}"


def _run(args: argparse.Namespace, measure: str, workers: int = 1) -> dict[str, Any]:
    """One measurement in a fresh process."""
    cmd = [sys.executable, "-m", "newsprism.console.bench", "--measure", measure, "--workers", str(workers),
           "--shared", str(args.shared), "--limit", str(args.limit), "--corpus", args.corpus,
           "--batch-size", str(args.batch_size)] + (["--framing-tagger", args.framing_tagger] if args.framing_tagger else []) + (
           ["--fast"] if args.fast else [])
    done = subprocess.run(cmd, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"bench: {measure} failed:\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


BEGIN, END = "<!-- bench: start -->", "<!-- bench: end -->"


def write_report(path: Path, report: list[str], argv: list[str]) -> None:
    """Writes the report into `path` (BENCHMARKS.md) between the BEGIN and END markers, replacing the last
    report, so that the figures there are the ones this code printed."""
    text = Path(path).read_text(encoding="utf-8") if Path(path).exists() else f"{BEGIN}\n{END}\n"
    if BEGIN not in text or END not in text:
        text += f"\n{BEGIN}\n{END}\n"
    head, rest = text.split(BEGIN, 1)
    tail = rest.split(END, 1)[1]
    block = [f"Written by `python -m newsprism.console.bench {' '.join(argv)}` on {time.strftime('%d %b %Y %H:%M UTC', time.gmtime())}:",
             "", "```", *report, "```"]
    Path(path).write_text(head + BEGIN + "\n" + "\n".join(block) + "\n" + END + tail, encoding="utf-8")


def rate(n: int, words: int, seconds: float) -> str:
    """Seconds, articles per second and words per second."""
    return f"{seconds:7.1f} s {n / seconds:7.2f} articles/s {words / seconds:8.0f} words/s"


def arguments() -> argparse.Namespace:
    """The command line's options (and the hidden ones a measuring child process is started with)."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=Path("../shared"))
    ap.add_argument("--corpus", choices=CORPORA, default="polnear")
    ap.add_argument("--limit", type=int, default=500, help="articles (default 500)")
    ap.add_argument("--batch-size", type=int, default=16)
    ap.add_argument("--ingest-limit", type=int, default=2000,
                    help="articles ingested for the corpus view's row (default 2000, as many as there are)")
    ap.add_argument("--end-to-end", action="store_true", help="only the end-to-end bar (analyze vs. the parse)")
    ap.add_argument("--write", type=Path, help="also write the report into this file (BENCHMARKS.md) between its "
                    "bench markers, replacing the last one")
    ap.add_argument("--measure", choices=("parse", "analysis", "components", "ingest"), help=argparse.SUPPRESS)
    ap.add_argument("--workers", type=int, default=1, help=argparse.SUPPRESS)
    ap.add_argument("--framing-tagger", choices=("crf", "minilm"), default=os.environ.get("NEWSPRISM_FRAMING_TAGGER") or None,
                    help="the framing span tagger of the pipeline measured (default: $NEWSPRISM_FRAMING_TAGGER, else minilm)")
    ap.add_argument("--fast", action="store_true", help="measure the pipeline without the shared encoder (as --fast)")
    return ap.parse_args()


def main() -> None:
    """Run every measurement and print the report."""
    args = arguments()
    if args.measure:
        _child(args)
        return

    report: list[str] = []

    def out(line: str) -> None:
        """Prints a line of the report and keeps it for --write."""
        print(line, flush=True)
        report.append(line)

    arts = corpus(args.shared, args.limit, args.corpus)
    n, words = len(arts), sum(len(a.text.split()) for a in arts)
    out(f"machine: {machine()}")
    out(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    out(f"corpus: {n} articles ({args.corpus}), {words} words; batch size {args.batch_size}")
    out("each line: a fresh process, start-up included; peak = resident memory of the process and its workers")
    for line in end_to_end_lines(end_to_end(arts)):
        out(line)
    if not args.end_to_end:
        for line in measured_lines(args, n, words):
            out(line)
    out(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    if args.write:
        write_report(args.write, report, sys.argv[1:])


def measured_lines(args: argparse.Namespace, n: int, words: int) -> Iterator[str]:
    """The report's lines after the end-to-end bar, each measured in a fresh process as it is yielded: the
    parse alone, the analysis with 1 and 2 workers, each component's cost and profile, and ingest."""
    parse = _run(args, "parse")
    yield (f"spaCy parse alone     {rate(n, words, parse['total_s'])}  peak {parse['peak_mb']:5.0f} MB"
           f"  (model load {parse['load_s']:.1f} s)")
    for workers in (1, 2):
        whole = _run(args, "analysis", workers)
        yield (f"analysis, {workers} worker{'s' if workers > 1 else ' '}   {rate(n, words, whole['total_s'])}  "
               f"peak {whole['peak_mb']:5.0f} MB  ({whole['total_s'] / parse['total_s']:.2f}x the parse)")
    yield from component_lines(_run(args, "components"), n)
    ingest_args = argparse.Namespace(**{**vars(args), "limit": args.ingest_limit})
    stored = _run(ingest_args, "ingest", 2)
    n_ingest = stored["articles"]
    yield (f"ingest of {n_ingest} articles into SQLite, 2 workers, with the corpus view: {stored['total_s']:.1f} s, "
           f"of which linking {stored['link_s']:.1f} s ({1000 * stored['link_s'] / n_ingest:.1f} ms per article: "
           f"{stored['events']} events, {stored['stories']} stories of several articles, {stored['actors']} actors)"
           f"  peak {stored['peak_mb']:5.0f} MB")


def component_lines(comp: dict[str, Any], n: int) -> Iterator[str]:
    """Each component's share of the pipeline's time over the same docs, then cProfile's own-time table."""
    all_s = sum(comp["components"].values())
    spacy_s = sum(s for name, s in comp["components"].items() if not name.startswith("newsprism_"))
    yield f"cost of each component over the same {n} docs (all: {all_s:.1f} s, spaCy's: {spacy_s:.1f} s):"
    for name, sec in comp["components"].items():
        yield f"  {name:20s} {sec:7.2f} s  {100 * sec / all_s:5.1f}% of the pipeline"
    yield f"where newsprism's components spend their time (cProfile over {comp['profiled']} docs, own time):"
    yield "   ncalls  tottime  percall  cumtime  percall filename:lineno(function)"
    for line in comp["profile"]:
        yield f"  {line.strip()}"


if __name__ == "__main__":
    main()
