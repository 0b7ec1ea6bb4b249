"""The local engine: the pipeline over a stream of articles, in this process or in N worker processes.

Articles are read only as they are needed and analysed a batch at a time (`nlp.pipe`); each batch is handed
on as soon as it is done, in input order. With several workers at most two batches per worker are in flight,
so memory stays flat however long the stream. Each worker is a fresh (spawned) process that loads the
pipeline once (`pipeline.shared`, with the caller's config passed to it as an argument) and exits when its
parent dies, even by `kill -9`. Input that fits in one batch is analysed
in-process: starting workers would cost more than it saves.
"""

from __future__ import annotations

import gc
import os
import signal
import threading
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import chain, islice
from multiprocessing import connection, get_context, parent_process

from spacy.language import Language

from newsprism import pipeline
from newsprism.article import Article
from newsprism.pipeline import batches
from newsprism.schema import Analysis

_IN_FLIGHT_PER_WORKER = 2

_nlp: Language | None = None  # the worker process's pipeline, loaded once by `_start_worker`
_load_error: BaseException | None = None
_frozen = False  # whether `_freeze_loaded` has run in this process


def default_workers() -> int:
    """The number of cores, the default for `--workers`."""
    return os.cpu_count() or 1


def _exit_with_parent() -> None:
    """End this worker as soon as its parent process is gone, so a killed ingest leaves no orphans."""
    parent = parent_process()
    if parent is None:
        return

    def watch() -> None:
        connection.wait([parent.sentinel])
        os._exit(1)

    threading.Thread(target=watch, daemon=True, name="newsprism-parent-watch").start()


def _freeze_loaded() -> None:
    """Once per process, after its first batch: moves every object alive now out of the cyclic garbage
    collector's reach (`gc.freeze`). By then the pipeline and the tables its components load on first use
    (gazetteers, lexicons, models: some 300,000 objects) are in memory for good, and each full collection
    walked them all (about 0.2 s each, a few per hundred articles); objects made later are collected as
    before. Nothing analysed changes."""
    global _frozen
    if not _frozen:
        _frozen = True
        gc.freeze()


def _start_worker(config: dict[str, dict] | None = None) -> None:
    """Worker set-up: ignore Ctrl-C (the parent handles it), watch the parent, load the pipeline with `config`
    once."""
    global _nlp, _load_error
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _exit_with_parent()
    try:
        _nlp = pipeline.shared(config)
    except Exception as err:  # reported with the first batch rather than respawning workers forever
        _load_error = err


def _analyze_batch(batch: list[Article]) -> list[Analysis]:
    """One batch analysed in a worker, in order."""
    if _load_error is not None:
        raise _load_error
    assert _nlp is not None
    done = list(pipeline.analyze(_nlp, batch, batch_size=len(batch)))
    _freeze_loaded()
    return done


def analyze_batches(
    chunks: Iterable[list[Article]], workers: int | None = None, nlp: Language | None = None,
    config: dict[str, dict] | None = None,
) -> Iterator[list[Analysis]]:
    """Analyses each list of articles, yielding the analyses of each list in turn, in input order.

    `workers` processes (default: the number of cores), each loading the pipeline with `config` (as
    `pipeline.load` takes it); with 1, or when there is a single list, the work is done here with `nlp`
    (`pipeline.shared(config)` when not given: loaded once per process).
    """
    workers = workers or default_workers()
    it = iter(chunks)
    head = list(islice(it, 2))
    if not head:
        return
    if workers <= 1 or len(head) == 1:
        nlp = nlp or pipeline.shared(config)
        for chunk in chain(head, it):
            done = list(pipeline.analyze(nlp, chunk, batch_size=max(1, len(chunk))))
            _freeze_loaded()
            yield done
        return
    pool = ProcessPoolExecutor(workers, mp_context=get_context("spawn"), initializer=_start_worker,
                               initargs=(config,))
    in_flight: deque[Future[list[Analysis]]] = deque()
    try:
        for chunk in chain(head, it):
            in_flight.append(pool.submit(_analyze_batch, chunk))
            if len(in_flight) >= _IN_FLIGHT_PER_WORKER * workers:
                yield in_flight.popleft().result()
        while in_flight:
            yield in_flight.popleft().result()
    finally:
        pool.shutdown(wait=not in_flight, cancel_futures=True)


def analyze(
    articles: Iterable[Article], workers: int | None = None, batch_size: int = 16, nlp: Language | None = None,
    config: dict[str, dict] | None = None,
) -> Iterator[Analysis]:
    """Analyses a stream of articles in batches of `batch_size` on `workers` processes, yielding in input order;
    `config` is the pipeline's (`pipeline.load`)."""
    for done in analyze_batches(batches(articles, batch_size), workers, nlp, config):
        yield from done
