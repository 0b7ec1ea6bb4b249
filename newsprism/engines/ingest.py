"""Ingest: articles analysed and stored a batch at a time, on the local engine or on Ray.

Each batch is read, stripped of the articles the database holds already, analysed, and saved in one
transaction, so an ingest killed at any point (even `kill -9`) leaves whole batches or nothing of them, and
the same command run again skips what is stored and finishes the rest. Nothing is kept per article beyond
the batches in flight, so memory does not grow with the corpus.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from newsprism.article import Article, Refusal
from newsprism.engines.local import analyze_batches
from newsprism.errors import StoreError, UnknownChoice
from newsprism.pipeline import batches
from newsprism.schema import Analysis
from newsprism.store import Store

ENGINES = ("local", "ray")


@dataclass
class IngestStats:
    """What an ingest did so far: articles read, newly stored and refused by the pipeline; the rest were
    stored already."""

    read: int = 0
    stored: int = 0
    refused: int = 0

    @property
    def skipped(self) -> int:
        """Articles read but neither stored nor refused by this run: the database had them, or they repeated
        an earlier one."""
        return self.read - self.stored - self.refused


def _fresh(articles: Iterable[Article], store: Store, batch_size: int, stats: IngestStats) -> Iterator[list[Article]]:
    """The articles in batches, leaving out those stored already and repeats within a batch."""
    for chunk in batches(articles, batch_size):
        stats.read += len(chunk)
        known = store.known_ids(a.id for a in chunk)
        new: dict[str, Article] = {}
        for art in chunk:
            if art.id not in known:
                new.setdefault(art.id, art)
        if new:
            yield list(new.values())


def ingest(
    articles: Iterable[Article],
    store: Store,
    stats: IngestStats,
    engine: str = "local",
    workers: int | None = None,
    batch_size: int = 32,
    address: str | None = None,
    on_refusal: Callable[[Refusal], None] | None = None,
    on_unanalysed: Callable[[Analysis], None] | None = None,
    config: dict[str, dict] | None = None,
) -> Iterator[int]:
    """Analyses and stores the articles the store lacks, yielding how many each committed batch added.

    `engine` is "local" (`workers` processes) or "ray" (`workers` Ray actors, on a Ray started here or on
    the cluster at `address`); `stats` is updated as it goes. A repeat of an article still in flight is
    analysed twice but stored once (`Store.save` skips it). An article the pipeline refuses goes to
    `on_refusal` and the batch goes on without it; one stored but not analysed (not in English) goes to
    `on_unanalysed`. `config` is the pipeline's (`pipeline.load`), sent to every worker.
    """
    if engine not in ENGINES:
        raise UnknownChoice(f"unknown engine {engine!r}; choose one of: {', '.join(ENGINES)}")
    todo = _fresh(articles, store, batch_size, stats)
    if engine == "ray":
        from newsprism.engines import raydata

        done = raydata.analyze_batches(todo, workers, batch_size, address, config=config)
    else:
        done = analyze_batches(todo, workers, config=config)
    for results in done:
        for r in results:
            if isinstance(r, Refusal):
                stats.refused += 1
                if on_refusal is not None:
                    on_refusal(r)
            elif not isinstance(r, Refusal) and r.article.language != "en" and on_unanalysed is not None:
                on_unanalysed(r)
        added = _save(store, [r for r in results if not isinstance(r, Refusal)], stats, on_refusal)
        stats.stored += added
        yield added


def _save(store: Store, analyses: list[Analysis], stats: IngestStats,
          on_refusal: Callable[[Refusal], None] | None) -> int:
    """Store a batch; if the database refuses it, store its articles one by one and refuse the ones it will not
    take, so one bad record never costs the others. When it takes none of them, the database itself is the
    problem (gone, full, locked) and its error goes up."""
    try:
        return store.save(analyses)
    except StoreError as batch_error:
        if len(analyses) < 2:
            raise
        added, failed = 0, []
        for analysis in analyses:
            try:
                added += store.save([analysis])
            except StoreError as err:
                failed.append(Refusal(analysis.article.id, f"not stored: {err}"))
        if len(failed) == len(analyses):
            raise batch_error
        for refusal in failed:
            stats.refused += 1
            if on_refusal is not None:
                on_refusal(refusal)
        return added
