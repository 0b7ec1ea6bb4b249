"""Property tests (hypothesis): every reader takes any bytes without raising, and any text gives a valid
analysis whose spans lie within the text and equal their slice of it. Example counts are kept small so the
file runs in seconds; `fuzz/` holds the long coverage-guided runs (`make fuzz`)."""

from __future__ import annotations

import gzip
import io
import json
import os

import pytest
import spacy
from hypothesis import HealthCheck, given, settings, strategies as st

from newsprism.article import Article, Refusal
from newsprism.codepoints import clean
from newsprism.parse import _RUN, PIECE, RUN_CAP, pieces, tokenize
from newsprism.readers import read_stream

# NEWSPRISM_EXAMPLES=2000 for a longer search; no example database, so runs leave nothing in the tree.
EXAMPLES = int(os.environ.get("NEWSPRISM_EXAMPLES", "60"))
FAST = settings(max_examples=EXAMPLES, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
NAMES = ["a.txt", "a.html", "a.jsonl", "a.xml", "a.warc", "a.jsonl.gz", "stdin"]

WORDS = ["said", "told", "\"", "“", "”", "'", "he", "she", "they", "President", "Jane", "Smith", "Kenya",
         "the", "police", "of", "Paris", ",", ".", "\n", "\n\n", "according", "to", "—", "killed", "protest",
         "Ukraine", "Russian", "troops", "attacked", "on", "Monday", "12", "people", "(", ")", ":", "é", "\u200b"]
NEWSY = st.lists(st.sampled_from(WORDS), min_size=1, max_size=80).map(" ".join)
ANY_TEXT = st.one_of(NEWSY, st.text(min_size=1, max_size=400))
BLANK = spacy.blank("en")  # spaCy's English tokenizer rules alone (no statistical model)


def items(data: bytes, name: str) -> list[Article | Refusal]:
    """Everything a reader makes of `data` given as file `name`; it must never raise."""
    return list(read_stream(io.BytesIO(data), name, name="" if name == "stdin" else name))


def check_items(found: list[Article | Refusal]) -> None:
    """Only articles with text and refusals with an origin and a reason."""
    assert found, "an input always gives an article or a refusal"
    for item in found:
        if isinstance(item, Article):
            assert isinstance(item.text, str) and item.text.strip() and item.id
        else:
            assert isinstance(item, Refusal) and item.origin and item.reason


@FAST
@given(data=st.binary(max_size=3000), name=st.sampled_from(NAMES))
def test_every_reader_takes_any_bytes(data, name):
    check_items(items(data, name))


@FAST
@given(text=st.text(max_size=600), name=st.sampled_from(NAMES))
def test_every_reader_takes_any_text(text, name):
    check_items(items(text.encode("utf-8"), name))


@pytest.mark.slow  # random 'published' strings make dateparser load every language it knows (seconds)
@FAST
@given(text=st.text(min_size=1, max_size=500).filter(str.strip), extra=st.dictionaries(
    st.sampled_from(["id", "title", "published", "source", "url"]),
    st.one_of(st.none(), st.text(max_size=30), st.integers(), st.lists(st.integers(), max_size=2)), max_size=5))
def test_jsonl_keeps_text_exactly_and_gzip_changes_nothing(text, extra):
    line = (json.dumps({**extra, "text": text}) + "\n").encode("utf-8")
    plain, packed = items(line, "a.jsonl"), items(gzip.compress(line), "a.jsonl.gz")
    check_items(plain)
    assert [type(i) for i in plain] == [type(i) for i in packed]
    if isinstance(plain[0], Article):  # exactly, but for the NULs no database stores (newsprism.codepoints)
        assert plain[0].text == packed[0].text == clean(text)[0]


@FAST
@given(body=NEWSY.filter(str.strip), encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "latin-1", "utf-16"]))
def test_text_files_decode_in_any_common_encoding(body, encoding):
    try:
        data = body.encode(encoding)
    except UnicodeEncodeError:
        return
    [item] = items(data, "a.txt")
    assert isinstance(item, Article) and item.text == body.strip()


def spans(value, path="analysis"):
    """Every (path, start, end, text) in an analysis dump: any object with integer start and end and a text."""
    if isinstance(value, dict):
        if isinstance(value.get("start"), int) and isinstance(value.get("end"), int) and "text" in value:
            yield path, value["start"], value["end"], value["text"]
        for key, inner in value.items():
            if key != "article":
                yield from spans(inner, f"{path}.{key}")
    elif isinstance(value, list):
        for i, inner in enumerate(value):
            yield from spans(inner, f"{path}[{i}]")


@settings(max_examples=max(1, EXAMPLES * 2 // 3), deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(text=ANY_TEXT)
def test_any_text_gives_a_valid_analysis_with_true_offsets(nlp, text):
    from newsprism import pipeline
    from newsprism.schema import Analysis

    [out] = pipeline.analyze(nlp, [Article(text=text, origin="prop")])
    assert isinstance(out, Analysis), out  # a refusal here means a component raised on this text
    Analysis.model_validate_json(out.model_dump_json())
    text = clean(text)[0]  # NUL and lone surrogates become U+FFFD, one for one
    assert out.article.text == text
    for where, start, end, span_text in spans(out.model_dump()):
        assert 0 <= start <= end <= len(text), where
        assert text[start:end] == span_text, where


@pytest.mark.parametrize("text", ["\u200b", " \n ", "“”", "said said said", "'" * 50, "A" * 5000])
def test_edge_texts_analyse(nlp, text):
    from newsprism import pipeline
    from newsprism.schema import Analysis

    [out] = pipeline.analyze(nlp, [Article(text=text, origin="edge")])
    assert isinstance(out, Analysis), out


@FAST
@given(data=st.binary(max_size=300), declared=st.one_of(st.none(), st.text(max_size=12), st.sampled_from(
    ["utf-8", "latin-1", "rot13", "base64", "utf-8\x00", "shift_jis", "utf-16"])))
def test_decode_takes_any_declared_charset(data, declared):
    """Found by the fuzzer: a WARC's Content-Type charset with a NUL in it made `bytes.decode` raise."""
    from newsprism.readers.decode import decode

    text = decode(data, declared)
    assert text is None or isinstance(text, str)


# ---- the stages hostile input reached before newsprism's components (issue 25) -------------------------------

RUNS = st.builds(lambda char, n, text: text[:len(text) // 2] + char * n + text[len(text) // 2:],
                 st.sampled_from(["'", "-", "%", "x", "’", "."]), st.integers(0, 2_000), ANY_TEXT)


@FAST
@given(text=RUNS)
def test_a_text_cut_for_the_tokenizer_joins_back_with_no_run_over_the_cap(text):
    cut = list(pieces(text))
    assert "".join(cut) == text
    assert all(len(run) <= RUN_CAP for piece in cut for run in _RUN.findall(piece))


@FAST
@given(text=RUNS)
def test_the_linear_tokenizer_keeps_the_text_and_normal_text_gets_spacys_tokens(text):
    doc = tokenize(BLANK, text)
    assert doc.text == text
    if len(text) <= PIECE and all(len(run) <= RUN_CAP for run in _RUN.findall(text)):
        assert [t.text for t in doc] == [t.text for t in BLANK.make_doc(text)]


NUMBERS = st.one_of(st.integers(), st.floats(allow_nan=False), st.integers(4_000, 6_000).map(lambda n: "9" * n),
                    st.sampled_from(["1e999", "-1e999", "1" + "0" * 400, "0." + "1" * 5000]))


@FAST
@given(number=NUMBERS, field=st.sampled_from(["id", "text", "title", "published", "extra"]))
def test_a_jsonl_line_with_any_number_in_any_field_leaves_the_good_lines_read(number, field):
    bad = json.dumps({"id": "bad", "text": "A bad line."}).replace(f'"{field}"', f'"{field}_"')[:-1]
    bad += f', "{field}": {number}}}'
    good = [json.dumps({"id": f"g{k}", "text": f"Good line {k}."}) for k in range(2)]
    found = items("\n".join([good[0], bad, good[1]]).encode(), "a.jsonl")
    check_items(found)
    assert {a.id for a in found if isinstance(a, Article)} >= {"g0", "g1"}
