"""The store on a real PostgreSQL server: the same schema (Alembic), the same rows as SQLite, all-or-nothing
batches, concurrent writers storing each article once, and `newsprism ingest --db postgresql://...`.

The server is `$NEWSPRISM_TEST_POSTGRES` (a URL) when set, else one that `scripts/postgres.sh` installs if
needed and starts on localhost for this session; the tests skip, saying why, when neither can be had.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import threading
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, event, text
from typer.testing import CliRunner

from newsprism.console.cli import app
from newsprism.store import TABLES, Store, StoreError
from newsprism.store.db import database_url
from newsprism.store.tables import FULLTEXT_INDEX, described, metadata
from tests.test_migrations import EARLIER, check_upgrade_from
from tests.test_store import head_revision, make_analysis

REPO = Path(__file__).resolve().parents[1]
SCRIPT = REPO / "scripts" / "postgres.sh"


def _free_port() -> int:
    """A TCP port nobody listens on now."""
    with socket.socket() as s:
        s.bind(("localhost", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def server() -> Iterator[str]:
    """The URL of a PostgreSQL database to create test databases from."""
    given = os.environ.get("NEWSPRISM_TEST_POSTGRES")
    if given:
        yield given
        return
    datadir = tempfile.mkdtemp(prefix="newsprism-pg-")
    try:
        started = subprocess.run([str(SCRIPT), datadir, str(_free_port())], capture_output=True, text=True, timeout=600)
    except (OSError, subprocess.TimeoutExpired) as err:
        shutil.rmtree(datadir, ignore_errors=True)
        pytest.skip(f"cannot run {SCRIPT.name}: {err}")
    if started.returncode != 0:
        shutil.rmtree(datadir, ignore_errors=True)
        pytest.skip(f"no PostgreSQL server: {started.stderr.strip().splitlines()[-1:] or started.returncode}")
    try:
        yield started.stdout.strip()
    finally:
        subprocess.run([str(SCRIPT), "stop", datadir], capture_output=True, timeout=120)
        shutil.rmtree(datadir, ignore_errors=True)


@pytest.fixture
def pg_url(server: str) -> Iterator[str]:
    """A fresh, empty database on the server for one test, dropped after it."""
    name = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(database_url(server), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield database_url(server).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def test_schema_is_the_migrated_one_and_matches_the_tables(pg_url: str) -> None:
    with Store(pg_url) as store, store.engine.connect() as conn:
        assert store.engine.dialect.name == "postgresql" and store.engine.driver == "psycopg"
        assert MigrationContext.configure(conn).get_current_revision() == head_revision()
        assert compare_metadata(MigrationContext.configure(conn, opts={"include_name": described}), metadata) == []
        index = conn.execute(text("SELECT indexdef FROM pg_indexes WHERE indexname = :n"), {"n": FULLTEXT_INDEX})
        assert "gin" in index.scalar_one()  # the full-text index comes with the schema (revision 0006)
        assert conn.execute(text("SELECT value FROM meta WHERE key = 'schema_version'")).scalar() == "1"
    Store(pg_url).close()  # opening again migrates nothing and succeeds


def test_same_rows_as_sqlite(pg_url: str, tmp_path: Path) -> None:
    analyses = [make_analysis("a1"), make_analysis("a2", speaker="Oleh Syniehubov", city="Odesa")]
    with Store(pg_url) as pg, Store(str(tmp_path / "n.db")) as lite:
        assert pg.save(analyses + analyses[:1]) == lite.save(analyses) == 2
        assert pg.save(analyses) == 0
        for table in TABLES:  # the same rows, but for the time each store took them in
            assert [{**r, "ingested_at": None} for r in pg.rows(table, include_analysis=True)] == [
                {**r, "ingested_at": None} for r in lite.rows(table, include_analysis=True)
            ]
        assert pg.load("a2") == analyses[1]
        assert pg.summary() == lite.summary()
        assert pg.known_ids(["a1", "zz"]) == {"a1"}


def test_failing_batch_leaves_nothing_half_stored(pg_url: str) -> None:
    with Store(pg_url) as store:
        store.save([make_analysis("a1")])

        def fail_on_events(conn, cursor, statement, parameters, context, executemany) -> None:
            if statement.startswith("INSERT INTO events"):
                raise RuntimeError("disk on fire")

        event.listen(store.engine, "before_cursor_execute", fail_on_events)
        with pytest.raises(RuntimeError, match="disk on fire"):
            store.save([make_analysis("a2")])
        event.remove(store.engine, "before_cursor_execute", fail_on_events)
        assert {t: store.count(t) for t in TABLES} == {
            "articles": 1, "entities": 2, "quotes": 2, "events": 1, "framing": 1, "figure_conflicts": 1, "tone": 1,
        }


def test_concurrent_writers_store_each_article_once(pg_url: str) -> None:
    ids = [f"a{i}" for i in range(12)]
    added: list[int] = []

    def write(order: list[str]) -> None:
        with Store(pg_url) as store:
            for i in range(0, len(order), 3):
                added.append(store.save([make_analysis(a) for a in order[i : i + 3]]))

    threads = [threading.Thread(target=write, args=(order,)) for order in (ids, ids[::-1], ids[3:] + ids[:3])]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sum(added) == len(ids)
    with Store(pg_url) as store:
        assert store.count("articles") == len(ids) and store.count("quotes") == 2 * len(ids)


def test_bad_postgres_url_is_a_store_error(server: str) -> None:
    url = database_url(server).set(database="no_such_database").render_as_string(hide_password=False)
    with pytest.raises(StoreError, match="cannot open database"):
        Store(url)


def test_cli_ingest_to_postgres_matches_sqlite(pg_url: str, tmp_path: Path) -> None:
    samples = str(REPO / "newsprism" / "samples")
    runner = CliRunner()
    for _ in range(2):
        done = runner.invoke(app, ["ingest", samples, "--db", pg_url, "--workers", "1"])
        assert done.exit_code == 0, done.output
    assert "stored 0 new articles" in done.stderr and "(4 already there)" in done.stderr
    lite = tmp_path / "n.db"
    assert runner.invoke(app, ["ingest", samples, "--db", str(lite), "--workers", "1"]).exit_code == 0
    with Store(pg_url) as pg, Store(str(lite)) as sq:
        assert pg.count("articles") == 4
        for table in TABLES:
            strip = lambda rows: [{k: v for k, v in r.items() if k != "ingested_at"} for r in rows]  # noqa: E731
            assert strip(pg.rows(table)) == strip(sq.rows(table))


@pytest.mark.parametrize("revision", EARLIER)
def test_postgres_migrates_up_from(revision: str, pg_url: str) -> None:
    """As on SQLite (`tests/test_migrations.py`): taken back to each earlier revision with its articles, the
    database migrates to the head on open, schema, articles, rows and corpus view whole."""
    check_upgrade_from(pg_url, revision)
