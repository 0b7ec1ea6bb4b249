"""The Ray engine: the pipeline on Ray Data actors, each loading it once; the caller stores the results.

Ray is started here for the run (`workers` CPUs, no dashboard) unless `address` names a running cluster
(`ray://host:10001`, `host:6379` or `auto`), whose nodes need newsprism installed. The stream of batches is
cut into windows of `WINDOW` articles; each window is one Ray Data dataset mapped by a pool of `workers`
actors, and its results come back to this process batch by batch, so the driver holds one window at most.
The analyses travel as JSON and are the same as the local engine's.
"""

from __future__ import annotations

import json
import logging
import os
import sys
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict
from itertools import chain, islice
from typing import Any

from newsprism.article import Article, Refusal
from newsprism.errors import RayUnavailable
from newsprism.schema import Analysis

WINDOW = 4096  # articles per Ray dataset
# Lines Ray's core prints on stderr as it starts, saying nothing to act on: the log level it read from
# RAY_BACKEND_LOG_LEVEL (set below so that its notices are not printed as errors).
NOISE = ("Set ray log level from environment variable",)


class Analyzer:
    """A Ray Data actor: loads the pipeline once, then turns each batch of article rows into analysis JSON."""

    def __init__(self, config: dict[str, dict] | None = None) -> None:
        """Load the pipeline with `config` (as `pipeline.load` takes it), once per actor."""
        from newsprism import pipeline

        self.pipeline = pipeline
        self.nlp = pipeline.shared(config)

    def __call__(self, rows: Any) -> Any:
        """A pyarrow table of `Article` fields in, a table with one `analysis` JSON string per row out."""
        import pyarrow as pa

        arts = [Article(**row) for row in rows.to_pylist()]
        done = self.pipeline.analyze(self.nlp, arts, batch_size=max(1, len(arts)))
        return pa.table({"analysis": [encode(a) for a in done]})


def encode(result: Analysis | Refusal) -> str:
    """One result as JSON for the trip to the driver; a refusal keeps its origin and reason."""
    if isinstance(result, Refusal):
        return json.dumps({"refused": {"origin": result.origin, "reason": result.reason}})
    return result.model_dump_json()


def decode(text: str) -> Analysis | Refusal:
    """The result that `encode` wrote."""
    if text.startswith('{"refused"'):
        return Refusal(**json.loads(text)["refused"])
    return Analysis.model_validate_json(text)


def _start(workers: int, address: str | None) -> bool:
    """Connect to the cluster at `address`, or start a local Ray with `workers` CPUs; True when started here."""
    try:
        import ray
    except ModuleNotFoundError:
        raise RayUnavailable('the ray engine needs Ray: pip install "newsprism[ray]"') from None
    if ray.is_initialized():
        return False
    os.environ.setdefault("RAY_BACKEND_LOG_LEVEL", "fatal")  # Ray's C++ core logs notices as errors
    quiet = {"include_dashboard": False, "log_to_driver": False, "logging_level": logging.ERROR}
    try:
        with _without_noise():
            if address:
                ray.init(address=address, **quiet)
            else:
                ray.init(num_cpus=workers, object_store_memory=256 * 1024**2, **quiet)
    except (ConnectionError, RuntimeError, ValueError, ray.exceptions.RayError) as err:  # AuthenticationError too
        raise RayUnavailable(f"cannot start or reach Ray{f' at {address}' if address else ''}: {err}; check "
                             "--ray-address, or use --engine local") from None
    ctx = ray.data.DataContext.get_current()
    ctx.enable_progress_bars = False
    ctx.print_on_execution_start = False
    logging.getLogger("ray.data").setLevel(logging.WARNING)
    logging.getLogger("ray.data._internal.progress").setLevel(logging.ERROR)  # "Progress bars disabled..."
    return True


@contextmanager
def _without_noise() -> Iterator[None]:
    """Run the block with this process's stderr (file descriptor 2, where Ray's C++ core writes) caught, then
    pass on every line caught but Ray's `NOISE`."""
    sys.stderr.flush()
    saved = os.dup(2)
    with tempfile.TemporaryFile() as caught:
        os.dup2(caught.fileno(), 2)
        try:
            yield
        finally:
            sys.stderr.flush()
            os.dup2(saved, 2)
            os.close(saved)
            caught.seek(0)
            for line in caught.read().decode("utf-8", "replace").splitlines(keepends=True):
                if not any(noise in line for noise in NOISE):
                    sys.stderr.write(line)


def analyze_batches(
    chunks: Iterable[list[Article]], workers: int | None = None, batch_size: int = 32, address: str | None = None,
    config: dict[str, dict] | None = None,
) -> Iterator[list[Analysis | Refusal]]:
    """Analyses the articles on `workers` Ray actors, each loading the pipeline with `config`, yielding lists
    of at most `batch_size` results (an analysis, or a refusal of an article the pipeline could not analyse).

    Within a window the order of the results is Ray's; every article comes back once.
    """
    workers = workers or os.cpu_count() or 1
    it = iter(chunks)
    head = list(islice(it, 1))
    if not head:
        return
    started = _start(workers, address)  # first: without Ray it raises `RayUnavailable`, saying how to get it
    import ray

    try:
        articles = (art for chunk in chain(head, it) for art in chunk)
        while window := list(islice(articles, WINDOW)):
            ds = ray.data.from_items([asdict(a) for a in window]).map_batches(
                Analyzer,
                fn_constructor_kwargs={"config": config or {}},
                batch_size=batch_size,
                batch_format="pyarrow",
                compute=ray.data.ActorPoolStrategy(size=workers),
                num_cpus=1,
            )
            del window
            for out in ds.iter_batches(batch_size=batch_size, batch_format="pyarrow"):
                yield [decode(s) for s in out.column("analysis").to_pylist()]
    finally:
        if started:
            ray.shutdown()
