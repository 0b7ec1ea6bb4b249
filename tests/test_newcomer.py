"""What a newcomer meets first: read commands that refuse a missing database, `serve` on a port in use, exports
that say which article a row is from, help in plain words, limit messages in one unit, the table's ACLED
column, and the summary that `make run` ends with."""

from __future__ import annotations

import csv
import io
import re
import socket
from dataclasses import replace

from typer.testing import CliRunner

from newsprism.console import render
from newsprism.console.cli import app
from newsprism.schema import Analysis
from newsprism.store import Store
from newsprism.store.overview import overview
from tests.test_postgres import pg_url, server  # noqa: F401  (fixtures)
from tests.test_store import make_analysis


def run(*args: str):
    return CliRunner().invoke(app, list(args))


def stored(tmp_path, *analyses: Analysis) -> str:
    db = str(tmp_path / "news.db")
    with Store(db) as store:
        store.save(list(analyses))
    return db


def test_read_commands_refuse_a_database_that_does_not_exist(tmp_path):
    missing = tmp_path / "nwes.db"
    for command in ("summary", "export"):
        result = run(command, "--db", str(missing))
        assert result.exit_code == 2, (command, result.output)
        assert f"no database at {missing}" in result.stderr.replace("\n", "")
        assert not missing.exists(), f"{command} created the database"


def test_serve_on_a_port_in_use_is_one_line(tmp_path):
    db = stored(tmp_path, make_analysis("a1"))
    with socket.create_server(("127.0.0.1", 0)) as taken:
        port = taken.getsockname()[1]
        result = run("serve", "--db", db, "--port", str(port))
    assert result.exit_code == 1
    assert "serving" not in result.output
    assert f"cannot listen on 127.0.0.1:{port}: Address already in use" in result.stderr
    assert "Errno" not in result.stderr and "Traceback" not in result.stderr


def test_exported_rows_name_their_article(tmp_path):
    db = stored(tmp_path, make_analysis("a1"), make_analysis("a2", city="Odesa"))
    for table in ("quotes", "events", "framing"):
        result = run("export", "--db", db, "--table", table)
        assert result.exit_code == 0, result.output
        rows = list(csv.DictReader(io.StringIO(result.stdout)))
        assert rows, table
        assert {r["article_title"] for r in rows} == {"Shelling in Kharkiv", "Shelling in Odesa"}
        assert {(r["article_source"], r["article_published"]) for r in rows} == {("Example News", "2024-05-02")}


def test_help_speaks_to_users_and_shows_no_bool():
    top = run("--help").stdout
    assert "parse arguments" not in top and "call the library" not in top
    assert "who is quoted saying what" in " ".join(top.split())
    for args in (["--help"], ["info", "--help"], ["analyze", "--help"]):
        assert "<bool>" not in run(*args).stdout, args
    assert "default: the number of cores" in " ".join(run("analyze", "--help").stdout.replace("│", " ").split())


def test_limit_messages_keep_bytes_and_characters_apart(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSPRISM_MAX_CHARS", "1")  # the option sets it for this process; restored after
    jsonl = tmp_path / "big.jsonl"
    jsonl.write_text('{"id": "x", "text": "' + "a" * 1_100_000 + '"}\n', encoding="utf-8")
    text = tmp_path / "big.txt"
    text.write_text("word " * 2000, encoding="utf-8")
    result = CliRunner().invoke(app, ["--max-chars", "1", "analyze", str(jsonl), str(text), "--workers", "1"])
    assert result.exit_code == 1
    lines = " ".join(result.stderr.split())
    assert "with --max-chars 1 (characters)" in lines
    assert "more than an article of at most 1 characters can fill (--max-chars)" in lines
    assert "the limit is" not in lines


def test_table_shows_the_acled_type():
    with render.out.capture() as captured:
        render.table(make_analysis("a1"))
    text = captured.get()
    assert "ACLED" in text and "Explosio" in text


def test_summary_teaches_a_newcomer(tmp_path):
    db = stored(tmp_path, make_analysis("a1"), make_analysis("a2", city="Odesa"),
                make_analysis("a3", speaker="Oleh Syniehubov"))
    with Store(db) as store:
        data = overview(store)
    assert data["counts"]["articles"] == 3
    assert data["speakers"][0] == ("Jane Doe", 2)
    assert data["actors"][0] == ("Jane Doe", "PERSON", 2, 4, ["the mayor"])
    assert data["events"] == [("ASSAULT", 3)]
    assert data["framing"] == [("Name_Calling,Labeling", 3)]
    assert data["conflicts"][0] == ("Shelling in Kharkiv", "killed", ["12", "about 15"])
    result = run("summary", "--db", db)
    assert result.exit_code == 0, result.output
    out = " ".join(result.stdout.split())
    for heading in ("Most quoted speakers", "Most frequent actors", "Events by type", "Framing techniques",
                    "Conflicting figures", f"newsprism serve --db {db}"):
        assert heading in out, heading


def test_summary_counts_actors_as_the_actors_command_does(tmp_path):
    from corpus_fixtures import actor_corpus

    db = stored(tmp_path, *actor_corpus())
    with Store(db) as store:
        data = overview(store, top=10)
    names = [name for name, *_ in data["actors"]]
    assert names.count("United States") == 1 and not {"US", "U.S.", "America"} & set(names), names
    us = next(row for row in data["actors"] if row[0] == "United States")
    assert us[2] == 3 and us[3] == 5  # three articles, every mention under each of its names
    assert us[4] == ["The US"]
    listed = run("actors", "--db", db)
    assert listed.exit_code == 0, listed.output
    assert listed.stdout.count("United States") == 1  # the same one actor the actors command lists


def web_client(tmp_path, analyses: list[Analysis]):
    from fastapi.testclient import TestClient

    from newsprism.web import create_app

    return TestClient(create_app(stored(tmp_path, *analyses)))


def from_outlet(article_id: str, source: str, **changes) -> Analysis:
    a = make_analysis(article_id)
    return a.model_copy(update={"article": a.article.model_copy(update={"source": source}), **changes})


def test_speakers_page_sums_the_outlets_beyond_the_columns(tmp_path):
    client = web_client(tmp_path, [from_outlet(f"a{i}", f"Outlet {i:02d}") for i in range(14)])
    page = client.get("/speakers").text
    assert "2 other outlets" in page and "Show all 14 outlets" in page
    row = page[page.index("speaker=Jane+Doe"):].split("</tr>", 1)[0]
    assert row.count('class="n">1<') == 12 and 'class="n">2<' in row  # 12 columns, then the 2 others summed
    every = client.get("/speakers", params={"outlets": 0}).text
    assert "other outlets" not in every and all(f"Outlet {i:02d}" in every for i in range(14))


def test_framing_page_counts_articles_over_a_score(tmp_path):
    from newsprism.schema import FramingSpan

    base = make_analysis("x").framing[0]
    long_one = [replace(base, technique="Loaded_Language", score=0.9) for _ in range(5)]
    weak = [replace(base, technique="Doubt", score=0.04)]
    client = web_client(tmp_path, [
        from_outlet("a1", "Wire", framing=long_one),
        from_outlet("a2", "Wire", framing=long_one[:1]),
        from_outlet("a3", "Wire", framing=weak),
    ])
    page = client.get("/framing", params={"voice": "all"}).text
    row = page[page.index(">Loaded Language<"):].split("</tr>", 1)[0]
    assert re.findall(r'class="n">(\d+)<', row) == ["2", "2"]  # two articles, not six spans
    assert ">Doubt<" not in page.split("Quoted:")[0].split("The techniques")[0]
    assert ">Doubt<" in client.get("/framing", params={"voice": "all", "min_score": 0}).text
    assert isinstance(long_one[0], FramingSpan)


def test_summary_reads_the_same_from_postgresql(tmp_path, pg_url):
    analyses = [make_analysis("a1"), make_analysis("a2", city="Odesa"), make_analysis("a3", speaker="Oleh Syniehubov")]
    with Store(pg_url) as pg, Store(str(tmp_path / "lite.db")) as lite:
        pg.save(analyses)
        lite.save(analyses)
        assert overview(pg) == overview(lite)
