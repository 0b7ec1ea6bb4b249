"""The command line as a user types it: global options on either side of the subcommand, no database made for
inputs that are not there, and `export` of every table, the corpus view's actors and stories included.
No spaCy model: the ingests here read nothing, the exports read hand-made analyses."""

from __future__ import annotations

import csv
import io
import json

import pytest
from typer.testing import CliRunner

from newsprism.console import cli
from newsprism.console.cli import app, hoist_global_options
from newsprism.store import Store
from newsprism.store.export import TABLES
from tests.corpus_fixtures import actor_corpus, protest_corpus


def run(*args: str):
    return CliRunner().invoke(app, list(args))


def group():
    import typer.main

    return typer.main.get_command(app)


@pytest.mark.parametrize("args, expected", [
    (["analyze", "--framing-tagger", "minilm", "a.txt"], ["--framing-tagger", "minilm", "analyze", "a.txt"]),
    (["analyze", "a.txt", "--framing-tagger=minilm", "--debug"], ["--framing-tagger=minilm", "--debug", "analyze", "a.txt"]),
    (["--max-chars", "9", "ingest", "x", "--db", "d", "--follow-links"], ["--max-chars", "9", "--follow-links", "ingest", "x", "--db", "d"]),
    (["eval", "quotes", "--time-budget", "3", "--data", "p"], ["--time-budget", "3", "eval", "quotes", "--data", "p"]),
    (["analyze", "--", "--debug"], ["analyze", "--", "--debug"]),  # after --, a file named --debug
    (["analyze", "--format", "jsonl", "a"], ["analyze", "--format", "jsonl", "a"]),
    (["--debug"], ["--debug"]),
])
def test_global_options_are_moved_before_the_subcommand(args, expected):
    assert hoist_global_options(group(), args) == expected


def test_a_global_option_after_the_subcommand_takes_effect():
    result = run("info", "--json", "--framing-tagger", "crf")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["framing_tagger"] == "crf"
    result = run("info", "--json", "--fast")
    assert json.loads(result.stdout)["fast"] is True and json.loads(result.stdout)["tone"].startswith("off")
    result = run("info", "--json")
    assert json.loads(result.stdout)["framing_tagger"] == "minilm"  # one invocation's option does not stay
    assert json.loads(result.stdout)["fast"] is False


def test_a_limit_after_the_subcommand_refuses_as_before_it(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSPRISM_MAX_CHARS", "1000000")  # restored afterwards: --max-chars sets it for the process
    path = tmp_path / "a.txt"
    path.write_text("Rain fell on Madrid on Thursday and the mayor spoke.", encoding="utf-8")
    result = run("analyze", str(path), "--max-chars", "5")
    assert result.exit_code == 1
    assert "52 characters, the limit is 5 (--max-chars)" in result.stderr.replace("\n", "")


def test_ingest_of_inputs_that_are_not_there_creates_no_database(tmp_path):
    db = tmp_path / "x.db"
    result = run("ingest", str(tmp_path / "missing"), "--db", str(db))
    assert result.exit_code == 1
    err = result.stderr.replace("\n", "")
    assert f"skipped {tmp_path / 'missing'}: No such file or directory" in err
    assert "no articles read, nothing stored" in err
    assert list(tmp_path.iterdir()) == []  # no database, no WAL, no folder
    (tmp_path / "empty").mkdir()
    result = run("ingest", str(tmp_path / "empty"), "--db", str(db))
    assert result.exit_code == 0 and not db.exists()


@pytest.mark.parametrize("command", ["summary", "export", "actors", "stories"])
def test_read_commands_on_a_missing_database_say_so_and_create_nothing(tmp_path, command):
    db = tmp_path / "sub" / "none.db"
    result = run(command, "--db", str(db))
    assert result.exit_code == 2, result.output
    assert f"no database at {db}" in result.stderr.replace("\n", "")
    assert list(tmp_path.iterdir()) == []


@pytest.fixture
def corpus_db(tmp_path):
    db = str(tmp_path / "corpus.db")
    with Store(db) as store:
        store.save(protest_corpus())
        store.save(actor_corpus())
    return db


def export(db: str, table: str, fmt: str) -> str:
    result = run("export", "--db", db, "--table", table, "--format", fmt)
    assert result.exit_code == 0, result.output
    return result.stdout


def test_export_help_lists_every_table_it_accepts():
    assert set(cli.EXPORT_TABLES) == set(TABLES)
    help_text = " ".join(run("export", "--help").stdout.replace("│", " ").split())
    for table in TABLES:
        assert table in help_text


def test_export_actors_as_csv_and_jsonl(corpus_db):
    lines = [json.loads(line) for line in export(corpus_db, "actors", "jsonl").splitlines()]
    us = next(a for a in lines if a["country"] == "USA" and a["type"] == "GPE")
    assert us["articles"] == 3 and {"US", "America"} <= set(us["names"])  # one actor, the names used
    rows = list(csv.DictReader(io.StringIO(export(corpus_db, "actors", "csv"))))
    assert [r["name"] for r in rows] == [a["name"] for a in lines]
    assert json.loads(next(r for r in rows if r["id"] == str(us["id"]))["names"]) == us["names"]


def test_export_stories_as_csv_and_jsonl(corpus_db):
    lines = [json.loads(line) for line in export(corpus_db, "stories", "jsonl").splitlines()]
    lagos = [r for r in lines if r["article_id"] in ("lagos-a", "lagos-b")]
    assert len(lagos) == 2 and lagos[0]["story_id"] == lagos[1]["story_id"]  # one story, two outlets
    assert lagos[0]["story_articles"] == 2
    assert {r["article_source"] for r in lagos} == {"Daily Wire Service", "Coast Herald"}
    assert any("same place" in " ".join(r["because"]) for r in lagos)
    assert {r["figures"]["fatalities"]["value"] for r in lagos} == {12, 15}
    assert "lagos-later" in {r["article_id"] for r in lines}  # a one-article story is a row too
    rows = list(csv.DictReader(io.StringIO(export(corpus_db, "stories", "csv"))))
    assert [(r["story_id"], r["article_id"]) for r in rows] == [(str(r["story_id"]), r["article_id"]) for r in lines]


def test_export_tone_and_an_unknown_table(corpus_db):
    assert export(corpus_db, "tone", "csv").splitlines()[0].startswith("article_id,article_title")
    result = run("export", "--db", corpus_db, "--table", "speakers")
    assert result.exit_code == 2
    assert "unknown table 'speakers'" in result.stderr and "actors, stories" in result.stderr
