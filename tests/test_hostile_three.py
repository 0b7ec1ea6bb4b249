"""Hostile input, round three (issue 25): no good line lost to a bad one, every stage under the budget
(tokenizer and HTML reader included), memory bounded by characters in flight, readers never waiting for
writers, web parameters checked to the store's ranges, and each unclear message made clear.

The quick tests need neither spaCy's model nor a server; the slow ones (`-m slow`) run the pipeline, the
command line or PostgreSQL.
"""

from __future__ import annotations

import io
import json
import os
import resource
import sqlite3
import subprocess
import sys
import threading
import time
from multiprocessing import Pipe
from pathlib import Path

import pytest
import spacy
from fastapi.testclient import TestClient
from typer.testing import CliRunner

import newsprism
from newsprism import pipeline
from newsprism.article import Article, Refusal
from newsprism.errors import AnalysisRefused, InputNotFound, StoreError
from newsprism.events import dates
from newsprism.events.counts import MAX_FIGURE, find_figures, words_value
from newsprism.parse import PIECE, pieces, tokenize
from newsprism.readers import read_stream
from newsprism.readers.webpage import MAX_ATTRIBUTES, article_from_html
from newsprism.schema import Analysis, ArticleMeta
from newsprism.store import Store
from newsprism.store.db import reason
from newsprism.store.tables import MAX_INT
from tests.test_postgres import pg_url, server  # noqa: F401 - PostgreSQL fixtures (skip when none can start)

REPO = Path(__file__).resolve().parents[1]
NEWSPRISM = Path(sys.executable).with_name("newsprism")
SAMPLES = sorted((REPO / "newsprism" / "samples").glob("*.txt"))
HUGE = 2**70  # past 64 bits
SECURITY = ("content-security-policy", "x-content-type-options", "referrer-policy", "x-frame-options")


@pytest.fixture(scope="module")
def english() -> spacy.language.Language:
    """spaCy's English tokenizer without a model (the model's tokenizer has the same rules)."""
    return spacy.blank("en")


def stored(tmp_path: Path) -> Store:
    """A SQLite store holding one article (no model: the analysis is built by hand)."""
    store = Store(str(tmp_path / "web.db"))
    store.save([Analysis(article=ArticleMeta(id="s1", text="Stored text.", title="Stored"))])
    return store


# --- 1. a JSON line with a number past Python's digit limit ---------------------------------------------------


def test_a_json_number_past_the_digit_limit_costs_its_line_only() -> None:
    lines = [json.dumps({"id": "a", "text": "First good text."}),
             '{"id": "b", "text": "Bad line.", "n": ' + "9" * 5000 + "}",
             '{"id": ' + "7" * 4301 + ', "text": "Bad id."}',
             json.dumps({"id": "c", "text": "Last good text."})]
    found = list(read_stream(io.BytesIO("\n".join(lines).encode()), "in.jsonl", name="in.jsonl"))
    assert [f.id for f in found if isinstance(f, Article)] == ["a", "c"]
    refused = [f for f in found if isinstance(f, Refusal)]
    assert [r.origin for r in refused] == ["in.jsonl:2", "in.jsonl:3"]
    assert all("digits" in r.reason and "set_int_max_str_digits" not in r.reason for r in refused)


@pytest.mark.slow  # runs the command in a new process, with the model
def test_ingest_stores_the_lines_around_a_huge_number(tmp_path: Path) -> None:
    data = tmp_path / "in.jsonl"
    data.write_text("\n".join([json.dumps({"id": "a", "text": "The mayor of Kharkiv said the school will reopen."}),
                               '{"id": "b", "text": "x", "n": ' + "9" * 5000 + "}",
                               json.dumps({"id": "c", "text": "The minister said the bridge was repaired."})]))
    db = tmp_path / "n.db"
    done = subprocess.run([str(NEWSPRISM), "ingest", str(data), "--db", str(db), "--workers", "1"],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 1 and f"{data}:2" in done.stderr and "Traceback" not in done.stderr
    with Store(str(db), read_only=True) as store:
        assert {r["id"] for r in store.rows("articles")} == {"a", "c"}


# --- 2. a figure beyond float range ---------------------------------------------------------------------------


def test_a_figure_beyond_range_is_dropped_and_the_others_kept() -> None:
    text = "At least 1" + ",000" * 200 + " people died, 12 were hurt and " + "9" * 400 + " fled; 2" + ",000" * 6 + " left."
    found = find_figures(text)
    assert [(f.value, f.text) for f in found] == [(12, "12")]
    assert words_value("1.5 million") == 1_500_000 and words_value("999 billion billion") is None
    assert words_value(str(MAX_FIGURE)) == MAX_FIGURE and words_value(str(MAX_FIGURE + 1)) is None


def test_dates_out_of_the_calendar_resolve_to_nothing() -> None:
    assert dates.resolve_date("99999999999 days ago", "2018-04-06") is None
    assert dates.resolve_date("9" * 5000 + " days ago", "2018-04-06") is None
    assert dates.resolve_date("3 days ago", "0001-01-02") is None
    assert str(dates.resolve_date("3 days ago", "2018-04-06")) == "2018-04-03"
    assert dates.day_of("the 99999th day of the protest") is None
    assert dates.resolve_day_of(3, dates.to_date("9999-12-31")) is None


@pytest.mark.slow  # the spaCy model
def test_an_article_with_a_figure_beyond_range_is_analysed() -> None:
    text = ("Police killed 12 protesters in Lagos on Monday, officials said. Organisers said 1" + ",000" * 120
            + " people marched, and " + "9" * 400 + " more stayed home.")
    analysis = newsprism.analyze(text, published="2018-04-06")
    assert analysis.events, "the events component ran"
    counts = [c for e in analysis.events for c in (e.fatalities, e.injured, e.size) if c is not None]
    assert any(c.value == 12 for c in counts)  # the figure in range is read, the one beyond it dropped
    assert all(c.value is None or c.value <= MAX_FIGURE for c in counts)


# --- 3. the tokenizer and the HTML reader within the budget ---------------------------------------------------


def test_long_runs_of_punctuation_tokenise_in_linear_time(english) -> None:
    for char in ("'", "%", "=", "-", "—", "'s"):
        text = "He said " + char * (50_000 // len(char)) + " and left."
        started = time.monotonic()
        doc = tokenize(english, text)
        assert time.monotonic() - started < 10, char  # spaCy alone: minutes for apostrophes
        assert doc.text == text and doc[0].text == "He" and doc[-1].text == "."


def test_normal_text_gets_exactly_spacys_tokens(english) -> None:
    text = ("\n\n".join(p.read_text() for p in SAMPLES) * 4
            + "  double  spaces\t\ttabs \u00a0nbsp\u2003em\n \n https://example.com/" + "a" * 150 + " end. ")
    assert len(text) > PIECE
    whole, cut = english.make_doc(text), tokenize(english, text)
    assert [(t.text, t.whitespace_, t.norm_, t.idx) for t in whole] == [(t.text, t.whitespace_, t.norm_, t.idx) for t in cut]
    assert "".join(pieces(text)) == text


def test_pieces_join_to_the_text_and_stay_short() -> None:
    text = "a " * 20_000 + "'" * 3000 + " b" + "x" * 1000 + "\n" * 30_000
    parts = list(pieces(text))
    assert "".join(parts) == text
    assert max(len(p.strip()) for p in parts) <= PIECE + 1


def test_html_with_a_million_attributes_is_refused_within_seconds() -> None:
    body = "<article><p>" + "Officials said the school would reopen on Monday, the mayor told reporters. " * 20 + "</p></article>"
    many = (b"<html><body><div " + b" ".join(b"a%d=1" % i for i in range(1_000_000)) + b">x</div>"
            + body.encode() + b"</body></html>")
    started = time.monotonic()
    refused = article_from_html(many, "many.html")
    assert time.monotonic() - started < 20
    assert isinstance(refused, Refusal) and "attributes" in refused.reason and f"{MAX_ATTRIBUTES:,}" in refused.reason
    fewer = (b"<html><body><div " + b" ".join(b'data-x%d="a b"' % i for i in range(MAX_ATTRIBUTES - 10)) + b">x</div>"
             + body.encode() + b"</body></html>")
    assert isinstance(article_from_html(fewer, "fewer.html"), Article)
    inline = b'<html><body><img src="data:image/png;base64,' + b"A" * 300_000 + b'" alt="a b">' + body.encode() + b"</body></html>"
    assert isinstance(article_from_html(inline, "inline.html"), Article)  # one long attribute is not many


def test_the_html_reader_stops_at_the_time_budget(monkeypatch) -> None:
    import trafilatura

    def slow(*_args, **_kwargs):
        while True:
            time.sleep(0.01)

    monkeypatch.setattr(trafilatura, "bare_extraction", slow)
    monkeypatch.setenv("NEWSPRISM_TIME_BUDGET", "0.3")
    started = time.monotonic()
    refused = article_from_html(b"<html><body><p>Some text.</p></body></html>", "slow.html")
    assert isinstance(refused, Refusal) and "--time-budget" in refused.reason
    assert time.monotonic() - started < 5


def test_the_tokenizer_runs_within_the_time_budget(english, monkeypatch) -> None:
    def slow(_nlp, _text):
        while True:
            time.sleep(0.01)

    monkeypatch.setattr(pipeline, "tokenize", slow)
    monkeypatch.setenv("NEWSPRISM_TIME_BUDGET", "0.3")
    done = list(pipeline.analyze(english, [Article(text="A slow one.", id="slow"), Article(text="Next.", id="next")]))
    assert isinstance(done[0], Refusal) and "tokenizer" in done[0].reason and "--time-budget" in done[0].reason
    assert isinstance(done[1], Refusal)  # the stub stalls every article; each is stopped, none ends the batch


# --- 4. memory follows characters in flight, not articles per batch -------------------------------------------


def test_a_batch_parses_at_most_the_characters_in_flight(english, monkeypatch) -> None:
    sizes: list[int] = []
    real_pipe = english.pipe

    def pipe(docs, **kwargs):
        docs = list(docs)
        sizes.append(sum(len(d.text) for d in docs))
        return real_pipe(docs, **kwargs)

    monkeypatch.setattr(english, "pipe", pipe)
    monkeypatch.setattr(pipeline, "CHARS_IN_FLIGHT", 1000)
    texts = [f"Article {k} says something. " * (5 if k % 3 else 50) for k in range(12)]
    done = list(pipeline.analyze(english, [Article(text=t, id=str(k)) for k, t in enumerate(texts)], batch_size=32))
    assert [d.article.id for d in done] == [str(k) for k in range(12)]  # input order kept
    assert len(sizes) > 1 and all(size <= 1000 or size == max(len(t) for t in texts) for size in sizes)


# Articles of 100,000 characters in one batch: 8 in `make test` (before the fix, 8 in a batch of 32 took 2.7 GB);
# the bar, 32 of them, is `NEWSPRISM_LONG_ARTICLES=32 pytest -m slow tests/test_hostile_three.py -k long`
# (about 7 minutes on two cores).
LONG_ARTICLES = int(os.environ.get("NEWSPRISM_LONG_ARTICLES", "8"))


@pytest.mark.slow  # long articles through the model (minutes on two cores)
def test_a_batch_of_long_articles_stays_under_one_and_a_half_gb(tmp_path: Path) -> None:
    sample = "\n\n".join(p.read_text().split("\n\n", 1)[1] for p in SAMPLES)
    long = (sample * (100_000 // len(sample) + 1))[:100_000]
    data = tmp_path / "long.jsonl"
    lines = (json.dumps({"id": f"long-{k}", "text": f"{k}. {long}"[:100_000]}) + "\n" for k in range(LONG_ARTICLES))
    data.write_text("".join(lines))
    code = (
        "import sys; from newsprism.console.cli import main; sys.argv = ['newsprism', 'ingest', sys.argv[1], "
        "'--db', sys.argv[2], '--workers', '1', '--batch-size', '32']\n"
        "try:\n    main()\nexcept SystemExit as e:\n    code = e.code\nelse:\n    code = 0\n"
        "from newsprism.console.bench import own_peak_mb\n"
        "print('PEAK', int(own_peak_mb() * 2**20), file=sys.stderr); sys.exit(code)"
    )
    env = {**os.environ, "NEWSPRISM_TIME_BUDGET": "0"}
    done = subprocess.run([sys.executable, "-c", code, str(data), str(tmp_path / "n.db")], capture_output=True,
                          text=True, timeout=3000, env=env)
    assert done.returncode == 0, done.stderr[-2000:]
    peak = int(done.stderr.rsplit("PEAK", 1)[1].split()[0])
    print(f"peak memory, {LONG_ARTICLES} articles of 100,000 characters, one worker: {peak / 2**30:.2f} GB")
    assert peak < 1.5 * 2**30


# --- 5. readers never wait for a writer -----------------------------------------------------------------------


@pytest.fixture
def locked(tmp_path: Path):
    """A database with one article whose write lock another connection holds (an ingest mid-batch)."""
    store = stored(tmp_path)
    store.close()
    db = tmp_path / "web.db"
    writer = sqlite3.connect(db, isolation_level=None, check_same_thread=False)
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("INSERT INTO meta(key, value) VALUES ('held', 'by a writer')")
    yield db
    writer.rollback()
    writer.close()


def test_reads_do_not_wait_for_a_writer(locked: Path) -> None:
    started = time.monotonic()
    with Store(str(locked), read_only=True) as store:
        assert store.count("articles") == 1 and store.summary()["articles"] == 1
        assert [r["id"] for r in store.rows("articles")] == ["s1"]
        with pytest.raises(StoreError):
            store.save([Analysis(article=ArticleMeta(id="s2", text="x"))])  # read-only: never writes
    with Store(str(locked)) as store:  # as `serve` opens it: writable, but opening takes no lock
        assert store.count("articles") == 1
    assert time.monotonic() - started < 5


def test_read_commands_do_not_wait_for_a_writer(locked: Path) -> None:
    from newsprism.console.cli import app

    runner = CliRunner()
    started = time.monotonic()
    for args in (["export", "--table", "articles", "--format", "jsonl"], ["actors"], ["summary"], ["stories"]):
        done = runner.invoke(app, [*args, "--db", str(locked)])
        assert done.exit_code == 0, (args, done.output)
    assert "s1" in runner.invoke(app, ["export", "--table", "articles", "--db", str(locked)]).output
    assert time.monotonic() - started < 20


def test_a_busy_database_is_told_as_busy(tmp_path: Path, monkeypatch) -> None:
    db = tmp_path / "new.db"
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("CREATE TABLE other(x)")
    holder.execute("BEGIN IMMEDIATE")
    holder.execute("INSERT INTO other VALUES (1)")
    monkeypatch.setattr("newsprism.store.db._BUSY_SECONDS", 0.2)
    try:
        with pytest.raises(StoreError) as busy:
            Store(str(db))  # a new database to create: the one opening that needs the write lock
        assert "busy" in str(busy.value) and "permissions" not in str(busy.value)
    finally:
        holder.rollback()
        holder.close()


# --- 6. integers past 64 bits on web routes, security headers on every answer ---------------------------------


def test_integers_past_the_store_range_are_422_with_security_headers(tmp_path: Path) -> None:
    from newsprism.web import create_app

    client = TestClient(create_app(stored(tmp_path), token="t"))
    for path in (f"/api/articles?offset={HUGE}", f"/api/stories/{HUGE}", f"/api/actors/{HUGE}",
                 f"/api/stories?offset={HUGE}", f"/api/actors?offset={HUGE}", f"/stories/{HUGE}",
                 f"/actors/{HUGE}", f"/speakers?outlets={HUGE}", f"/api/stories/{MAX_INT + 1}",
                 f"/api/articles?offset={-HUGE}"):
        answer = client.get(path)
        assert answer.status_code == 422, (path, answer.status_code)
        assert all(h in answer.headers for h in SECURITY), path
    assert client.get(f"/api/stories/{MAX_INT}").status_code == 404


def test_an_unexpected_error_is_500_with_security_headers(tmp_path: Path, monkeypatch) -> None:
    from newsprism.store import queries
    from newsprism.web import create_app

    def broken(*_args):
        raise RuntimeError("a bug")

    monkeypatch.setattr(queries, "search_articles", broken)
    client = TestClient(create_app(stored(tmp_path), token="t"), raise_server_exceptions=False)
    for path in ("/api/articles", "/articles"):
        answer = client.get(path)
        assert answer.status_code == 500 and all(h in answer.headers for h in SECURITY), path
        assert "a bug" not in answer.text


# --- 7. POST /api/articles: dates normalised and checked as the command line does ---------------------------


def test_posted_dates_are_normalised_and_checked(tmp_path: Path) -> None:
    from newsprism.web.api import ArticleIn
    from newsprism.web import create_app

    assert ArticleIn(text="x", published="\u0662\u0660\u0661\u0668-\u0660\u0664-\u0660\u0666").published == "2018-04-06"
    assert ArticleIn(text="x", published="April 6, 2018").published == "2018-04-06"
    client = TestClient(create_app(stored(tmp_path), token="t"))
    for bad in ("2018-02-30", "0000-00-00", "9999-99-99", "yesterday-ish", "2018-13-01"):
        answer = client.post("/api/articles", json={"text": "Some text.", "published": bad},
                             headers={"Authorization": "Bearer t"})
        assert answer.status_code == 422 and "published" in answer.text, bad
    with Store(str(tmp_path / "web.db")) as store:
        assert store.count("articles") == 1  # nothing stored


# --- 8. forwarded headers trusted only from configured proxies -----------------------------------------------


def test_serve_trusts_forwarded_headers_only_when_told(tmp_path: Path, monkeypatch) -> None:
    import uvicorn

    from newsprism.console.cli import app

    stored(tmp_path).close()
    configs = []
    monkeypatch.setattr(uvicorn.Server, "run", lambda self, sockets=None: configs.append(self.config))
    runner = CliRunner()
    db = str(tmp_path / "web.db")
    assert runner.invoke(app, ["serve", "--db", db, "--port", "0"]).exit_code == 0
    assert runner.invoke(app, ["serve", "--db", db, "--port", "0", "--forwarded-allow-ips", "10.0.0.1"]).exit_code == 0
    assert configs[0].proxy_headers is False
    assert configs[1].proxy_headers is True and configs[1].forwarded_allow_ips == "10.0.0.1"


@pytest.mark.slow  # starts the server in a new process
def test_a_forged_forwarded_for_does_not_escape_the_rate_limit(tmp_path: Path) -> None:
    import socket
    import urllib.error
    import urllib.request

    stored(tmp_path).close()
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "NEWSPRISM_ANALYZE_RATE": "2"}
    server = subprocess.Popen([str(NEWSPRISM), "serve", "--db", str(tmp_path / "web.db"),
                               "--port", str(port)], env=env, stderr=subprocess.PIPE, text=True)
    try:
        url = f"http://127.0.0.1:{port}/api/analyze"
        statuses = []
        for k in range(4):
            for _ in range(100):
                try:
                    request = urllib.request.Request(url, data=b'{"text": " "}', method="POST", headers={
                        "Content-Type": "application/json", "X-Forwarded-For": f"203.0.113.{k}"})
                    statuses.append(urllib.request.urlopen(request, timeout=10).status)
                    break
                except urllib.error.HTTPError as err:
                    statuses.append(err.code)
                    break
                except OSError:
                    time.sleep(0.2)  # not listening yet
        assert statuses == [422, 422, 429, 429]
    finally:
        server.terminate()
        server.wait(30)


# --- 9. clear messages -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("given", [None, b"bytes", 3])
def test_analyze_of_what_is_no_text_raises_the_projects_error(given) -> None:
    with pytest.raises(AnalysisRefused) as refused:
        newsprism.analyze(given)
    assert type(given).__name__ in str(refused.value)


def test_a_repeated_id_in_one_post_is_reported(tmp_path: Path) -> None:
    from newsprism.web import create_app

    client = TestClient(create_app(stored(tmp_path), token="t"))
    answer = client.post("/api/articles", json=[{"id": "x", "text": "One."}, {"id": "y", "text": "Two."},
                                                {"id": "x", "text": "Three."}], headers={"Authorization": "Bearer t"})
    assert answer.status_code == 422 and "'x'" in answer.json()["detail"] and "0 and 2" in answer.json()["detail"]


def test_a_queued_analysis_that_runs_out_of_time_is_told_so(monkeypatch) -> None:
    from starlette.exceptions import HTTPException

    from newsprism.web.sandbox import ProcessAnalyzer

    monkeypatch.setenv("NEWSPRISM_TIME_BUDGET", "0.3")
    queued = ProcessAnalyzer(queue=2)
    queued._turn.acquire()  # another request is being analysed
    with pytest.raises(HTTPException) as waited:
        queued.analyze([Article(text="Queued.")])
    assert waited.value.status_code == 503 and "timed out" in waited.value.detail
    loading = ProcessAnalyzer()
    ours, _theirs = Pipe()  # a worker that never says it is ready
    monkeypatch.setattr(loading, "start", lambda: None)
    loading._conn = ours
    with pytest.raises(HTTPException) as waited:
        loading.analyze([Article(text="Waits for the load.")])
    assert "timed out" in waited.value.detail and "load" in waited.value.detail


def test_a_folder_as_db_is_told_as_a_folder(tmp_path: Path) -> None:
    from newsprism.console.cli import app

    done = CliRunner().invoke(app, ["summary", "--db", str(tmp_path)])
    assert done.exit_code == 2 and "is a folder" in done.output and "create one" not in done.output
    with pytest.raises(InputNotFound):
        from newsprism.console.cli import need_database

        need_database(str(tmp_path))


def test_an_unsupported_database_kind_says_so() -> None:
    with pytest.raises(StoreError) as refused:
        Store("mysql://user@localhost/news")
    assert "not supported" in str(refused.value) and "PostgreSQL" in str(refused.value)
    assert "MySQLdb" not in str(refused.value)


# --- 10. database errors in one short line; a dropped connection retried -------------------------------------


def test_a_database_error_is_one_short_line() -> None:
    class Psycopg(Exception):
        sqlstate = "57P01"

    class Wrapped(Exception):
        orig = Psycopg("terminating connection due to administrator command\n\tserver closed the connection\n")

    line = reason(Wrapped())
    assert line == ("terminating connection due to administrator command server closed the connection "
                    "(SQLSTATE 57P01)")
    assert len(reason(Exception("x" * 5000))) < 400


def test_a_failed_lookup_names_no_sql(tmp_path: Path) -> None:
    store = stored(tmp_path)
    raw = sqlite3.connect(tmp_path / "web.db")
    raw.execute("ALTER TABLE articles RENAME TO gone")
    raw.commit()
    raw.close()
    with pytest.raises(StoreError) as failed:
        store.known_ids([f"id-{k}" for k in range(32)])
    message = str(failed.value)
    assert message.startswith("[E101]") and "SELECT" not in message and "id-31" not in message and len(message) < 400


@pytest.mark.slow  # PostgreSQL
def test_known_ids_survives_a_dropped_connection(pg_url: str) -> None:  # noqa: F811 - the fixture
    from sqlalchemy import create_engine, text

    with Store(pg_url) as store:
        store.save([Analysis(article=ArticleMeta(id="pg-1", text="Stored text."))])
        assert store.known_ids(["pg-1", "pg-2"]) == {"pg-1"}  # a pooled connection now waits idle
        admin = create_engine(pg_url.replace("postgresql://", "postgresql+psycopg://", 1))
        with admin.begin() as conn:
            conn.execute(text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                              "WHERE pid <> pg_backend_pid() AND datname = current_database()"))
        admin.dispose()
        assert store.known_ids(["pg-1", "pg-2"]) == {"pg-1"}


@pytest.mark.slow  # starts Ray
@pytest.mark.skipif(__import__("importlib").util.find_spec("ray") is None, reason='Ray is not installed: pip install "newsprism[ray]"')
def test_a_ray_ingest_prints_none_of_rays_noise(tmp_path: Path) -> None:
    done = subprocess.run([str(NEWSPRISM), "ingest", str(REPO / "newsprism" / "samples"), "--db",
                           str(tmp_path / "ray.db"), "--engine", "ray", "--workers", "1"],
                          capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stderr.strip().splitlines() == [f"newsprism: stored {len(SAMPLES)} new articles in "
                                                f"{tmp_path / 'ray.db'} (0 already there)"]


# --- found while probing: components whose cost grew with the square of the quotes or names ------------------


@pytest.mark.slow  # the spaCy model
def test_an_article_of_many_quotes_on_one_line_is_analysed_within_the_budget() -> None:
    from newsprism.actors.component import furniture_line_at

    text = "".join(f'"We will rebuild school {k}," Smith said. ' for k in range(1500))  # one line: 1,500 quotes
    analysis = newsprism.analyze(text)  # was refused at the time budget (60 s), in newsprism_actors: raised then
    assert len(analysis.quotes) >= 1000 and analysis.quotes[0].speaker_name == "Smith"
    assert furniture_line_at.cache_info().hits > 1000  # one search for the line, not one per name


@pytest.mark.slow  # PostgreSQL
def test_reads_on_postgresql_do_not_wait_for_a_writer(pg_url: str) -> None:  # noqa: F811 - the fixture
    from sqlalchemy import create_engine, func, select

    Store(pg_url).close()
    writer = create_engine(pg_url.replace("postgresql://", "postgresql+psycopg://", 1))
    with writer.begin() as conn:
        conn.execute(select(func.pg_advisory_xact_lock(0x6E657773)))  # an ingest's batch holds the writers' lock
        started = time.monotonic()
        with Store(pg_url, read_only=True) as store:
            assert store.count("articles") == 0 and store.summary()["articles"] == 0
        with Store(pg_url) as store:  # as `serve` opens it
            assert store.count("articles") == 0
        assert time.monotonic() - started < 10
    writer.dispose()
    with Store(pg_url, read_only=True) as store, pytest.raises(StoreError):  # read-only transactions
        store.save([Analysis(article=ArticleMeta(id="ro", text="x"))])
