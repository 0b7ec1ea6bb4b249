"""What one input may cost: the limits on article size, HTML size and depth, and analysis time, in one place.

Each limit has a default here and can be changed by an environment variable (`NEWSPRISM_MAX_CHARS`,
`NEWSPRISM_MAX_HTML_BYTES`, `NEWSPRISM_MAX_HTML_DEPTH`, `NEWSPRISM_TIME_BUDGET`) or by the command line's
global options, which set those variables; environment variables reach the worker processes that the
engines spawn, so every process applies the same limits. An input over a limit is refused by name with
its size, never analysed half-way or allowed to crash spaCy (whose own length limit is 1,000,000 characters).
"""

from __future__ import annotations

import os
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, fields
from functools import lru_cache

# Defaults: spaCy's parser needs about 1 GB per 100,000 characters at once, so a million is the most it takes.
MAX_CHARS = 1_000_000
MAX_HTML_BYTES = 20_000_000
MAX_HTML_DEPTH = 1_000  # nested container elements; libxml2 itself gives up at 256 without its "huge" option
TIME_BUDGET = 60.0  # seconds per article for newsprism's own components; stopped past it (see `deadline`)

ENV = {
    "max_chars": "NEWSPRISM_MAX_CHARS",
    "max_html_bytes": "NEWSPRISM_MAX_HTML_BYTES",
    "max_html_depth": "NEWSPRISM_MAX_HTML_DEPTH",
    "time_budget": "NEWSPRISM_TIME_BUDGET",
}


@dataclass(frozen=True)
class Limits:
    """The limits in force; 0 (or less) switches a limit off."""

    max_chars: int = MAX_CHARS
    max_html_bytes: int = MAX_HTML_BYTES
    max_html_depth: int = MAX_HTML_DEPTH
    time_budget: float = TIME_BUDGET


def current() -> Limits:
    """The limits in force: the defaults, overridden by the environment variables that are set and valid."""
    values: dict[str, float | int] = {}
    for field in fields(Limits):
        raw = os.environ.get(ENV[field.name], "").strip()
        if not raw:
            continue
        kind = float if field.type in (float, "float") else int
        try:
            values[field.name] = kind(raw)
        except ValueError:
            continue  # a malformed value keeps the default rather than failing every article
    return Limits(**values)


def configure(**values: float | int | None) -> None:
    """Set limits for this process and the processes it starts (`None` leaves a limit as it is)."""
    for name, value in values.items():
        if name not in ENV:
            raise ValueError(f"unknown limit {name!r}; known: {', '.join(ENV)}")
        if value is not None:
            os.environ[ENV[name]] = str(value)


class OverBudget(BaseException):
    """Raised inside a component that ran past the time budget. A `BaseException`, like `KeyboardInterrupt`,
    so that a component's own `except Exception` cannot swallow it."""


@contextmanager
def deadline(seconds: float) -> Iterator[None]:
    """Stop the code in the block with `OverBudget` once `seconds` have passed (0 or less: never).

    A timer signal does it, which Python delivers to the main thread only, between bytecodes; so it works in
    the command line and its worker processes, and elsewhere (a server's request threads) the block runs
    unbounded: the server runs analyses in a worker process that it kills instead (`web.sandbox`).
    """
    if seconds <= 0 or not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(_signum: int, _frame: object) -> None:
        raise OverBudget()

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def too_long(text: str, limits: Limits | None = None) -> str | None:
    """The refusal reason when `text` is over the character limit, else `None`."""
    limit = (limits or current()).max_chars
    if limit > 0 and len(text) > limit:
        return f"article too long: {len(text):,} characters, the limit is {limit:,} (--max-chars)"
    return None


@lru_cache(maxsize=1)
def _blas():
    """threadpoolctl's view of the BLAS numpy loaded and of scikit-learn's OpenMP runtime, made once (finding the
    libraries takes a while)."""
    import sklearn  # noqa: F401  (loads its OpenMP runtime, so that the view holds it)
    from threadpoolctl import ThreadpoolController

    return ThreadpoolController()


def one_blas_thread():
    """A context in which numpy's matrix products and scikit-learn's OpenMP loops (the events encoder detector's
    gradient-boosted trees) run on one thread, as the encoder runs on one onnxruntime thread: the pipeline's
    parallelism is its worker processes. The heads' products are small: on a busy machine, BLAS's threads waiting
    for a core cost a hundred times the product (56 ms against 0.3 ms for 40x768 by 768x64 on two loaded cores), and
    on an idle one the second thread's spinning cost CPU without saving time (300 articles: the default analysis
    took 2.46x the parse's CPU against 2.05x its wall-clock). The same for OpenMP: the trees' prediction for one
    article's 30 sentences took 51 ms of CPU on two OpenMP threads on two loaded cores, 1.2 ms on one."""
    return _blas().limit(limits=1, user_api=None)


@contextmanager
def torch_threads(n: int) -> Iterator[None]:
    """A context in which PyTorch computes on `n` threads (training: one thread gives the same sums in the same
    order on any machine, so a seed gives the same model), its former thread count restored after, whatever
    happens. PyTorch is imported here, only when a trainer enters it."""
    import torch

    threads = torch.get_num_threads()
    torch.set_num_threads(n)
    try:
        yield
    finally:
        torch.set_num_threads(threads)
