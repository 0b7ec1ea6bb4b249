"""Analysis of text sent to the server, in a worker process that can be stopped, behind a small queue.

A request's text is untrusted: spaCy may take minutes over it, and the time budget inside the pipeline is
only checked between components. So the server never analyses in its own process: one spawned worker
loads the pipeline and analyses one request at a time; a request waits at most until its deadline (the
time budget per article, counted from its arrival, queue included), and a worker still busy then is killed
and a fresh one started, so the next request is not held up by the last. At most `queue` requests wait
beside the one running; more are refused at once (503 with Retry-After), so analysis never ties up the
threads that serve pages and reads. A worker is replaced after `RECYCLE` requests, so its memory stays flat.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable
from functools import partial
from multiprocessing import connection, get_context, parent_process
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess

from spacy.language import Language
from starlette.exceptions import HTTPException

from newsprism import limits, pipeline
from newsprism.article import Article, Refusal
from newsprism.errors import AnalyzerUnavailable
from newsprism.schema import Analysis

QUEUE = 2  # requests that may wait while one is analysed
RECYCLE = 500  # requests a worker serves before a fresh one replaces it (spaCy's string store only grows)
STARTUP = 120.0  # seconds a worker may take to load the pipeline when the time budget is off
RETRY_AFTER = "10"  # seconds a refused client is told to wait


class Busy(HTTPException):
    """Every place in the queue is taken: 503, try again shortly."""

    def __init__(self) -> None:
        super().__init__(503, "the analyser is busy with other requests; try again shortly",
                         {"Retry-After": RETRY_AFTER})


class WaitedTooLong(HTTPException):
    """The deadline passed before the analysis could start (queued behind others, or the worker still
    loading): 503, a timeout the client may retry, not a fault of its article."""

    def __init__(self, seconds: float, why: str) -> None:
        super().__init__(503, f"analysis timed out: its time budget of {seconds:g} s (--time-budget) ran out while "
                         f"it waited {why}; try again shortly", {"Retry-After": RETRY_AFTER})


class TooSlow(HTTPException):
    """The analysis ran past its deadline and was stopped: 422, like any article the pipeline refuses."""

    def __init__(self, seconds: float) -> None:
        super().__init__(422, f"analysis stopped: it took over {seconds:g} s (the time budget, --time-budget)")


def _worker(conn: Connection, load: Callable[[], Language]) -> None:
    """The worker process: load the pipeline, say so, then analyse each list of articles sent until told to stop."""
    parent = parent_process()
    if parent is not None:  # end with the server, even when it is killed
        threading.Thread(target=lambda: (connection.wait([parent.sentinel]), os._exit(1)), daemon=True).start()
    try:
        nlp = load()
    except Exception as err:  # noqa: BLE001 - reported to the server, which keeps serving stored analyses
        conn.send(("error", f"{type(err).__name__}: {err}"))
        return
    conn.send(("ready", None))
    while True:
        try:
            articles = conn.recv()
        except EOFError:
            return
        conn.send(("done", list(pipeline.analyze(nlp, articles, batch_size=max(1, len(articles))))))


class ProcessAnalyzer:
    """Analyses articles in a worker process with a hard deadline; the same interface as the in-process one."""

    def __init__(self, queue: int = QUEUE, load: Callable[[], Language] | None = None,
                 config: dict[str, dict] | None = None) -> None:
        """`queue`: how many requests may wait while one is analysed, more are refused with 503; `load` makes
        the pipeline in the worker (a module-level function, as it is sent to a spawned process; default:
        `pipeline.shared` with `config`, the pipeline's settings as `pipeline.load` takes them)."""
        self._load = load if load is not None else partial(pipeline.shared, config or {})
        self._slots = threading.BoundedSemaphore(queue + 1)
        self._turn = threading.Lock()  # held by the request whose articles the worker has
        self._guard = threading.Lock()  # guards starting and stopping the worker
        self._process: BaseProcess | None = None
        self._conn: Connection | None = None
        self._ready = False
        self._served = 0
        self._failure: str | None = None

    def start(self) -> None:
        """Start the worker now (the server does at start-up), so the first request does not wait for spaCy."""
        with self._guard:
            if self._process is None or not self._process.is_alive():
                self._kill()  # a worker that died between requests (killed for memory, say): close its pipe
                self._spawn()

    def stop(self) -> None:
        """Stop the worker (at server shutdown, or when it ran past a deadline)."""
        with self._guard:
            self._kill()

    def analyze(self, articles: list[Article]) -> list[Analysis]:
        """The analyses of these articles, in order, within the time budget per article counted from now.

        503 when the queue is full or the pipeline cannot load; 422 naming the article the pipeline refused,
        or saying that the analysis ran past its deadline and was stopped.
        """
        budget = limits.current().time_budget
        seconds = budget * max(1, len(articles)) if budget > 0 else None
        deadline = time.monotonic() + seconds if seconds else None
        if not self._slots.acquire(blocking=False):
            raise Busy()
        try:
            if not self._turn.acquire(timeout=_left(deadline) if deadline else -1):
                raise WaitedTooLong(seconds or 0, "for the analyses ahead of it")
            try:
                done = self._run(articles, deadline, seconds)
            finally:
                self._turn.release()
        finally:
            self._slots.release()
        for item in done:
            if isinstance(item, Refusal):
                raise HTTPException(422, f"article {item.origin} refused: {item.reason}")
        return done

    def _run(self, articles: list[Article], deadline: float | None, seconds: float | None) -> list:
        """Send the articles to a ready worker and wait for the answer until the deadline; kill the worker past it."""
        if self._failure:
            raise AnalyzerUnavailable(self._failure)
        self.start()
        conn = self._conn
        assert conn is not None
        try:
            if not self._ready:
                self._await_ready(conn, deadline, seconds)
            conn.send(articles)
            if not conn.poll(_left(deadline) if deadline else None):
                self._restart()
                raise TooSlow(seconds or 0)
            _, result = conn.recv()
        except (EOFError, OSError, BrokenPipeError):  # the worker died (killed for memory, say)
            self._restart()
            raise HTTPException(503, "the analysis worker stopped unexpectedly; try again") from None
        self._served += 1
        if self._served >= RECYCLE:
            self._restart()
        return result

    def _await_ready(self, conn: Connection, deadline: float | None, seconds: float | None) -> None:
        """Wait for the worker to load the pipeline; 503 if it cannot, or if the deadline passes first."""
        if not conn.poll(_left(deadline) if deadline else STARTUP):
            if deadline:
                raise WaitedTooLong(seconds or 0, "for the analyser to load")
            raise HTTPException(503, "the analyser is still loading; try again shortly", {"Retry-After": RETRY_AFTER})
        kind, message = conn.recv()
        if kind == "error":
            self._failure = (f"the newsprism pipeline could not be loaded: {message}; install the models "
                             "(make setup) and restart the server")
            raise AnalyzerUnavailable(self._failure)
        self._ready = True

    def _restart(self) -> None:
        """Kill the worker and start a fresh one, which loads the pipeline while no request waits for it."""
        with self._guard:
            self._kill()
            self._spawn()

    def _spawn(self) -> None:
        """A new worker process (spawned: no copy of the server's threads or sockets)."""
        ours, theirs = get_context("spawn").Pipe()
        process = get_context("spawn").Process(target=_worker, args=(theirs, self._load), daemon=True,
                                               name="newsprism-analyzer")
        process.start()
        theirs.close()
        self._process, self._conn, self._ready, self._served = process, ours, False, 0

    def _kill(self) -> None:
        """End the worker at once, if there is one."""
        if self._process is not None:
            self._process.kill()
            self._process.join(5)
        if self._conn is not None:
            self._conn.close()
        self._process, self._conn, self._ready = None, None, False


def _left(deadline: float) -> float:
    """Seconds until `deadline`, never negative."""
    return max(0.0, deadline - time.monotonic())

