"""Reliability: bad inputs of every kind in one `newsprism ingest` run (the issue's bar), limits, exit codes,
no tracebacks, and a database that stays whole when a write fails."""

from __future__ import annotations

import gzip
import json
import os
import random
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from newsprism.article import Article, Refusal

GOOD_A = """date 2024-01-02
title Bridge

The mayor said the bridge would open in May. "We are ready," she told reporters in Paris.
"""
GOOD_B = "Officials in Kenya announced new rules on Tuesday. The minister said farmers would be paid.\n"
LATIN1 = "Le ministre a déclaré que la réforme était nécessaire, selon l'agence à Genève.\n"
JSONL_GOOD = [
    {"id": "line-1", "text": "Protesters gathered in Berlin on Monday, police said."},
    {"id": "line-2", "text": "The president of France visited Rome, officials said."},
]


ENTRY = Path(sys.executable).with_name("newsprism")  # the installed `newsprism` script, as a user runs it


def newsprism(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """The real command in a subprocess: the installed entry point, else `python -m newsprism.console.cli`."""
    command = [str(ENTRY)] if ENTRY.exists() else [sys.executable, "-m", "newsprism.console.cli"]
    return subprocess.run(
        [*command, *args],
        capture_output=True, text=True, timeout=300, env={**os.environ, **(env or {})},
    )


def make_bar_folder(folder: Path) -> None:
    """The inputs of the issue's bar: good files, a JSONL with two bad lines, junk, Latin-1, deep HTML, 14 MB, bad gzip."""
    folder.mkdir()
    (folder / "a.txt").write_text(GOOD_A, encoding="utf-8")
    (folder / "b.txt").write_text(GOOD_B, encoding="utf-8")
    lines = [json.dumps(r) for r in JSONL_GOOD] + ['{"id": "cut", "text": "this line breaks o', '{"id": "no-text", "title": "t"}']
    (folder / "lines.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "random.bin").write_bytes(random.Random(7).randbytes(200_000))
    (folder / "latin1.txt").write_bytes(LATIN1.encode("latin-1"))
    (folder / "deep.html").write_text("<html><body>" + "<div>" * 100_000 + "deep" + "</div>" * 100_000 + "</body></html>")
    paragraph = "The committee said the budget would rise next year, according to the ministry. " * 10 + "\n\n"
    (folder / "huge.txt").write_text(paragraph * (14_000_000 // len(paragraph) + 1), encoding="utf-8")
    records = "".join(json.dumps({"id": f"gz-{i}", "text": f"Story {i}: the mayor of Lyon said the tram would run."}) + "\n"
                      for i in range(60))
    packed = gzip.compress(records.encode("utf-8"))
    (folder / "broken.jsonl.gz").write_bytes(packed[: len(packed) // 2])


def stored(db: Path) -> dict[str, str]:
    """Article id -> text of every stored article."""
    with sqlite3.connect(db) as conn:
        return dict(conn.execute("SELECT id, text FROM articles"))


def integrity(db: Path) -> str:
    """SQLite's own verdict on the file."""
    with sqlite3.connect(db) as conn:
        return conn.execute("PRAGMA integrity_check").fetchone()[0]


def test_bar_one_ingest_over_every_kind_of_bad_input(tmp_path):
    folder = tmp_path / "inputs"
    make_bar_folder(folder)
    db = tmp_path / "bar.db"
    result = newsprism("ingest", str(folder), "--db", str(db), "--workers", "1")
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    skipped = [line for line in result.stderr.splitlines() if line.startswith("newsprism: skipped ")]
    named = " ".join(skipped)
    for bad in ["lines.jsonl:3", "lines.jsonl:4", "empty.txt", "random.bin", "broken.jsonl.gz"]:
        assert str(folder / bad) in named, (bad, result.stderr)
    for good in ["a.txt", "b.txt", "latin1.txt", "lines.jsonl:1", "lines.jsonl:2"]:
        assert f"{folder / good}:" not in named and f"{folder / good} " not in named, (good, result.stderr)
    for line in skipped:  # one line each: `newsprism: skipped PATH[:LINE]: REASON`
        origin, _, reason = line.removeprefix("newsprism: skipped ").rpartition(": ")
        assert origin.startswith(str(folder)) and reason
    texts = stored(db)
    assert {"line-1", "line-2"} <= texts.keys()
    assert LATIN1.strip() in texts.values()
    assert GOOD_B.strip() in texts.values()
    assert any(t.startswith("The mayor said the bridge") for t in texts.values())
    assert any(i.startswith("gz-") for i in texts), "what the broken gzip held before the damage is stored"
    # the deep HTML and the 14 MB file: stored or named
    assert str(folder / "deep.html") in named or any("deep" == t for t in texts.values())
    assert str(folder / "huge.txt") in named or any(len(t) > 1_000_000 for t in texts.values())
    assert integrity(db) == "ok"


def test_clean_batch_exits_0_and_usage_error_exits_2(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(GOOD_B, encoding="utf-8")
    assert newsprism("--max-chars", "5000", "ingest", str(good), "--db", str(tmp_path / "g.db"), "--workers", "1").returncode == 0
    usage = newsprism("ingest", "--no-such-option")
    assert usage.returncode == 2 and "Traceback" not in usage.stderr


def test_unexpected_error_is_one_line_and_debug_shows_the_traceback(tmp_path):
    empty = tmp_path / "no-corpus"
    empty.mkdir()
    args = ["train", "attribution", "--data", str(empty), "--out", str(tmp_path / "m.crfsuite")]
    result = newsprism(*args)  # an error raised deep in training, which the command does not catch itself
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert [line for line in result.stderr.splitlines() if line.strip()][-1].startswith("newsprism:")
    debug = newsprism("--debug", *args)
    assert debug.returncode == 1 and "Traceback" in debug.stderr


def test_database_that_cannot_be_opened_is_named(tmp_path):
    folder = tmp_path / "db-folder"
    folder.mkdir()
    bad_db = f"sqlite:///{folder}/missing/dir/x.db"  # SQLite cannot create the file
    result = newsprism("summary", "--db", bad_db)
    assert result.returncode == 1 and "Traceback" not in result.stderr  # a database error, as from every command
    assert result.stderr.startswith("newsprism: [E101] cannot open database")


def test_max_chars_refuses_long_articles_by_name_with_their_size(tmp_path):
    text = tmp_path / "long.txt"
    text.write_text("Word said. " * 200, encoding="utf-8")
    lines = tmp_path / "long.jsonl"
    lines.write_text(json.dumps({"id": "x", "text": "Word said. " * 200}) + "\n", encoding="utf-8")
    result = newsprism("--max-chars", "1000", "analyze", str(text), str(lines), "-f", "jsonl")
    assert result.returncode == 1 and result.stdout == ""
    assert f"skipped {lines}:1: article too long: 2,200 characters, the limit is 1,000" in result.stderr
    assert f"skipped {text}: article too long" in result.stderr


def test_html_limits_refuse_before_parsing(tmp_path, monkeypatch):
    from newsprism.readers import read_paths

    page = tmp_path / "nested.html"
    page.write_text("<html><body>" + "<div>" * 50 + "<p>Text.</p>" + "</div>" * 50 + "</body></html>")
    monkeypatch.setenv("NEWSPRISM_MAX_HTML_DEPTH", "20")
    [item] = read_paths([str(page)])
    assert isinstance(item, Refusal) and "nested too deeply" in item.reason
    monkeypatch.setenv("NEWSPRISM_MAX_HTML_DEPTH", "0")
    monkeypatch.setenv("NEWSPRISM_MAX_HTML_BYTES", "100")
    [item] = read_paths([str(page)])
    assert isinstance(item, Refusal) and "HTML too large" in item.reason


def test_a_component_that_raises_refuses_that_article_only(nlp, monkeypatch):
    from newsprism import pipeline

    real = nlp.get_pipe("newsprism_quotes")

    def flaky(doc):
        if "explode" in doc.text:
            raise RuntimeError("boom")
        return real(doc)

    monkeypatch.setattr(nlp, "get_pipe", lambda name, _get=nlp.get_pipe: flaky if name == "newsprism_quotes" else _get(name))
    arts = [Article(text="Ann Lee said the road was closed.", origin="one"),
            Article(text="Bo Chen said it would explode.", origin="two"),
            Article(text="Cy Diaz said the bridge was open.", origin="three")]
    out = list(pipeline.analyze(nlp, arts))
    assert [type(x).__name__ for x in out] == ["Analysis", "Refusal", "Analysis"]
    assert out[1].origin == "two" and "newsprism_quotes" in out[1].reason and "boom" in out[1].reason


def test_time_budget_refuses_slow_articles(nlp, monkeypatch):
    from newsprism import pipeline

    monkeypatch.setenv("NEWSPRISM_TIME_BUDGET", "0.000001")
    [out] = pipeline.analyze(nlp, [Article(text="Ann Lee said the road was closed.", origin="slow")])
    assert isinstance(out, Refusal) and out.origin == "slow" and "--time-budget" in out.reason


def test_failed_write_leaves_no_partial_batch_and_a_whole_database(tmp_path, analyze):
    from newsprism.store import Store, StoreError

    db = tmp_path / "fail.db"
    analysis = analyze("Mayor Jane Smith said the council would vote next week.")
    with Store(str(db)) as store:
        with sqlite3.connect(db) as conn:  # inject a failure after the articles row is written
            conn.execute("CREATE TRIGGER fail AFTER INSERT ON quotes BEGIN SELECT RAISE(ABORT, 'injected'); END")
        with pytest.raises(StoreError):
            store.save([analysis])
        assert store.count("articles") == 0
    assert integrity(db) == "ok"


def test_api_answers_hostile_requests_with_4xx_json(tmp_path, nlp):
    from fastapi.testclient import TestClient

    from newsprism.web import create_app

    client = TestClient(create_app(str(tmp_path / "api.db"), token="sekret", nlp=nlp, max_body=100_000),
                        raise_server_exceptions=False)
    auth = {"Authorization": "Bearer sekret", "Content-Type": "application/json"}
    requests = {
        "no token": dict(json={"text": "Police said so."}),
        "wrong token": dict(json={"text": "Police said so."}, headers={"Authorization": "Bearer nope"}),
        "bad JSON": dict(content=b"{not json", headers=auth),
        "nested 50,000 deep": dict(content=b"[" * 50_000 + b"]" * 50_000, headers=auth),
        "not UTF-8": dict(content=b'{"text": "\xff\xfe"}', headers=auth),
        "lone surrogate": dict(content=b'{"text": "Police said \\ud800."}', headers=auth),
        "oversized": dict(content=b"x" * 200_000, headers=auth),
    }
    for name, kwargs in requests.items():
        response = client.post("/api/articles", **kwargs)
        assert 400 <= response.status_code < 500, (name, response.status_code)
        assert response.headers["content-type"].startswith("application/json"), name
        assert response.json()["detail"], name
    assert client.post("/api/articles", json={"text": "Police said so.\x00"}, headers=auth).status_code == 201
