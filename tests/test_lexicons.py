"""The lexicons in newsprism/lexicons/: every file loads, no list repeats a word, no word sits in two lists
declared opposite, the quotation-mark table is consistent. Fast: no spaCy model."""

from __future__ import annotations

import itertools
import json
import tomllib
from collections import Counter
from importlib.resources import files
from pathlib import Path

import pytest

from newsprism import lexicons


def _lists(value, where):
    """Every list of strings inside a lexicon value, with where it sits."""
    if isinstance(value, list):
        if all(isinstance(v, str) for v in value):
            yield where, value
        for i, v in enumerate(value):
            yield from _lists(v, f"{where}[{i}]")
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from _lists(v, f"{where}.{k}")


def test_every_file_is_named_and_loads():
    on_disk = {p.name[: -len(".json")] for p in files("newsprism.lexicons").iterdir() if p.name.endswith(".json")}
    assert on_disk == set(lexicons.NAMES)
    for name in lexicons.NAMES:
        data = lexicons.raw(name)
        assert data["_about"].strip()
        notes = data["_why"]
        keys = [k for k in data if not k.startswith("_")]
        assert keys and set(keys) == set(notes), f"{name}: each list needs a one-line reason under _why"
        assert all(isinstance(v, str) and v.strip() and "\n" not in v for v in notes.values())
        assert set(lexicons.load(name)) == set(keys)


def test_packaged_in_the_wheel():
    project = tomllib.loads((Path(__file__).resolve().parents[1] / "pyproject.toml").read_text(encoding="utf-8"))
    assert "lexicons/*.json" in project["tool"]["setuptools"]["package-data"]["newsprism"]


@pytest.mark.parametrize("name", lexicons.NAMES)
def test_no_duplicates_within_a_list(name):
    for where, words in _lists(lexicons.raw(name), name):
        if where.endswith(".qualifiers") or ".qualifiers[" in where:
            continue  # [pattern, qualifier, offset] triples, not word lists
        repeated = [w for w, n in Counter(words).items() if n > 1]
        assert not repeated, f"{where} repeats {repeated}"


def test_no_duplicate_keys():
    for name in lexicons.NAMES:
        text = (files("newsprism.lexicons") / f"{name}.json").read_text(encoding="utf-8")

        def pairs_hook(pairs, name=name):
            keys = [k for k, _ in pairs]
            assert len(keys) == len(set(keys)), f"{name}: a key twice in one table: {keys}"
            return dict(pairs)

        json.loads(text, object_pairs_hook=pairs_hook)


def test_no_cue_word_names_opposite_event_types():
    cues = lexicons.load("event_cues")
    groups = cues["opposite_groups"]
    assert set(groups["cooperation"]).isdisjoint(groups["conflict"])
    assert set(groups["cooperation"]) | set(groups["conflict"]) == set(cues["plover_types"])
    assert set(cues["plover"]) == set(cues["plover_types"])
    for a, b in itertools.product(groups["cooperation"], groups["conflict"]):
        both = set(cues["plover"][a]) & set(cues["plover"][b])
        assert not both, f"{sorted(both)} cue both {a} and {b}"


def test_event_type_names_are_known():
    cues = lexicons.load("event_cues")
    plover = set(cues["plover_types"])
    assert set(cues["cooperative"]) <= plover and set(cues["conflictual"]) <= plover
    assert set(cues["cooperative"]).isdisjoint(cues["conflictual"])
    assert set(cues["acled_for_plover"]) <= plover
    assert set().union(*cues["acled_for_plover"].values()) <= set(cues["acled"])
    assert all(" " not in w or len(w.split()) == 2 for ws in cues["plover"].values() for w in ws)


def test_opposite_reporting_lists():
    verbs = lexicons.load("reporting_verbs")
    # a verb of speech is not also a cue of holding a view, except the plans and agreements that are both
    # a statement ('vowed that ...') and an intention ('vowed to ...'), which `plan` lists
    assert set(verbs["statement"]) & set(verbs["not_speech"]) <= set(verbs["plan"])
    assert set(verbs["reporting_extra"]).isdisjoint(verbs["speech"]), "reporting_extra adds to speech"
    assert set(verbs["clause_only"]) <= set(verbs["speech"])


def test_gendered_words_agree():
    roles = lexicons.load("roles")
    assert set(roles["pronoun_gender"].values()) == {"m", "f"} == set(roles["gendered"].values())
    assert set(roles["pronoun_gender"]) == set(roles["personal_pronouns"])
    assert set(roles["back_pointing"]) <= set(roles["state_nouns"])


def test_quote_pairs_are_consistent():
    pairs = lexicons.QUOTE_PAIRS
    assert pairs and all(len(o) == 1 and len(c) == 1 for o, c in pairs.items())
    marks = set(lexicons.QUOTE_MARKS)
    assert marks == set(pairs) | set(pairs.values()) and len(marks) == len(lexicons.QUOTE_MARKS)
    # curly and angled marks have a closing mark of their own; only straight marks and the Swedish ” close
    # themselves, and a closing mark never closes with something else
    assert {o for o, c in pairs.items() if o == c} == {'"', "'", "”"}
    for o, c in pairs.items():
        assert c not in pairs or pairs[c] in (c, "”"), f"{o}{c}: its closing mark opens something else"
    assert pairs["“"] == "”" and pairs["‘"] == "’" and pairs["«"] == "»" and pairs["„"] == "“"
    sub = lexicons.load("quote_marks")
    tagger = sub["attribution_tagger"]
    assert set(tagger["open"]) <= set(pairs) and set(tagger["toggle"]) <= {o for o, c in pairs.items() if o == c}
    assert set(tagger["close"]) <= set(pairs.values())
    assert set(tagger["open"]).isdisjoint(tagger["close"])
    assert set(sub["framing_crf"]["double"]) | set(sub["framing_crf"]["single"]) <= marks
    for table in sub["event_detector"].values():
        assert all(pairs[o] == c for o, c in table.items())
    gold = sub["quote_gold"]
    assert set(gold["open"]) <= set(pairs) and set(gold["close"]) <= set(pairs.values())
    assert all(pairs[o] in gold["close"] for o in gold["open"])
