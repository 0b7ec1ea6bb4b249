"""The local engine: input order kept across worker processes, ingest that skips what is stored, and an ingest
killed with SIGKILL that finishes when run again, storing every article once."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from newsprism.article import Article
from newsprism.engines import local
from newsprism.engines.ingest import IngestStats, ingest
from newsprism.store import TABLES, Store
from newsprism.store.tables import DATA_TABLES

NAMES = ["Ann Lee", "Bo Chen", "Cy Diaz", "Dee Park", "Eli Ford", "Fay Wong", "Gus Hale", "Hal Ruiz"]


def articles(n: int) -> list[Article]:
    """`n` short distinct articles, each with one attributed quote."""
    return [
        Article(
            id=f"art{i:03d}",
            text=f'"The bridge on Route {i} stays closed until spring," {NAMES[i % len(NAMES)]} said on Monday. '
            f"Crews found {i + 2} cracks in the deck, the council said.",
        )
        for i in range(n)
    ]


def test_batches_are_lazy_and_cover_the_stream() -> None:
    consumed: list[int] = []

    def stream():
        for i in range(7):
            consumed.append(i)
            yield i

    chunks = local.batches(stream(), 3)
    assert next(chunks) == [0, 1, 2] and consumed == [0, 1, 2]
    assert list(chunks) == [[3, 4, 5], [6]]


def test_loaded_objects_are_frozen_once_after_the_first_batch(monkeypatch) -> None:
    """In-process analysis moves what is loaded out of the garbage collector's full passes after its first
    batch (`_freeze_loaded`), once per process, and every batch is still analysed in order."""
    frozen: list[int] = []
    done: list[str] = []

    def fake_analyze(nlp, chunk, batch_size):
        done.extend(a.id for a in chunk)
        frozen_before = len(frozen)
        return [(a.id, frozen_before) for a in chunk]

    monkeypatch.setattr(local, "_frozen", False)
    monkeypatch.setattr(local.gc, "freeze", lambda: frozen.append(1))
    monkeypatch.setattr(local.pipeline, "analyze", fake_analyze)
    chunks = [[Article(text="x", id=f"{b}-{k}") for k in range(2)] for b in range(3)]
    out = [row for batch in local.analyze_batches(chunks, workers=1, nlp=object()) for row in batch]
    assert [i for i, _ in out] == ["0-0", "0-1", "1-0", "1-1", "2-0", "2-1"] == done
    assert [f for _, f in out] == [0, 0, 1, 1, 1, 1]  # the first batch ran before the freeze, the rest after
    assert frozen == [1]


def test_two_workers_keep_input_order_and_match_one(nlp) -> None:
    arts = articles(10)
    here = list(local.analyze(arts, workers=1, batch_size=3, nlp=nlp))
    spread = list(local.analyze(arts, workers=2, batch_size=3))
    assert [a.article.id for a in spread] == [a.id for a in arts]
    assert spread == here
    assert all(a.quotes for a in here)


def test_ingest_skips_stored_and_repeated_articles(nlp, tmp_path: Path) -> None:
    arts = articles(5)
    with Store(str(tmp_path / "n.db")) as store:
        stats = IngestStats()
        assert sum(ingest(arts[:3] + arts[:1], store, stats, workers=1, batch_size=2)) == 3
        assert (stats.read, stats.stored, stats.skipped) == (4, 3, 1)
        stats = IngestStats()
        assert list(ingest(arts, store, stats, workers=1, batch_size=2)) == [1, 1]  # one batch was all stored
        assert (stats.read, stats.stored, stats.skipped) == (5, 2, 3)
        assert store.count("articles") == 5
        assert store.load("art004") == next(local.analyze(arts[4:], workers=1, nlp=nlp))


def test_unknown_engine_is_named(tmp_path: Path) -> None:
    with Store(str(tmp_path / "n.db")) as store, pytest.raises(ValueError, match="unknown engine 'spark'"):
        next(ingest(articles(1), store, IngestStats(), engine="spark"))


def _count(db: Path) -> int:
    """Articles stored so far, read the way another program would (0 before the tables exist)."""
    try:
        with sqlite3.connect(db, timeout=10) as con:
            return con.execute("SELECT count(*) FROM articles").fetchone()[0]
    except sqlite3.OperationalError:
        return 0


def _children(pid: int) -> list[int]:
    """The ids of a process's child processes (Linux /proc)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs Linux /proc to find worker processes")
def test_ingest_killed_with_sigkill_finishes_on_rerun(tmp_path: Path) -> None:
    total = 40
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("".join(json.dumps({"id": a.id, "text": a.text}) + "\n" for a in articles(total)))
    db = tmp_path / "news.db"
    cmd = [sys.executable, "-m", "newsprism.console.cli", "ingest", str(corpus), "--db", str(db), "--batch-size", "2"]
    proc = subprocess.Popen([*cmd, "--workers", "2"], stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 180
    while _count(db) < 6 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    workers = _children(proc.pid)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    killed_at = _count(db)
    assert 6 <= killed_at < total, f"the ingest was not killed midway ({killed_at} of {total} stored)"
    for pid in workers:  # the workers notice their parent died and exit
        for _ in range(200):
            if not Path(f"/proc/{pid}").exists() or "Z" in Path(f"/proc/{pid}/stat").read_text().split(")")[1][:3]:
                break
            time.sleep(0.05)
        else:
            pytest.fail(f"worker {pid} outlived its killed parent")

    for _ in range(2):
        done = subprocess.run([*cmd, "--workers", "1"], capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stderr
    assert f"stored 0 new articles in {db} ({total} already there)" in done.stderr

    with sqlite3.connect(db) as con:
        assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert con.execute("PRAGMA foreign_key_check").fetchall() == []
        assert con.execute("SELECT count(*), count(DISTINCT id) FROM articles").fetchone() == (total, total)
    with Store(str(db)) as store:
        for table in TABLES[1:]:  # the child rows of each stored analysis, each once
            keys = [tuple(r[c.name] for c in DATA_TABLES[table].primary_key.columns) for r in store.rows(table)]
            assert len(keys) == len(set(keys))
        assert store.count("quotes") == sum(len(store.load(a.id).quotes) for a in articles(total))
