"""What a newcomer meets first: read commands that refuse a missing database, `serve` on a port in use, exports
that say which article a row is from, help in plain words, limit messages in one unit, the table's ACLED
column, and the summary that `make run` ends with."""

from __future__ import annotations

import csv
import io
import socket

from typer.testing import CliRunner

from newsprism import render
from newsprism.cli import app
from newsprism.schema import Analysis
from newsprism.store import Store
from newsprism.store.overview import overview
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


def test_limit_messages_keep_bytes_and_characters_apart(tmp_path):
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
