"""The seed article against its hand annotation (skipped where ../shared is absent), and the quote
evaluation's gold. The figures of every evaluation are gated in `tests/eval_gate.py` against
`tests/baselines.json`."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conftest import SEED, SHARED, needs_shared
from newsprism.quotes import evaluation as quotes

SCORERS = SHARED / "scorers"


@pytest.mark.slow
@needs_shared(SEED)
def test_seed_article_meets_its_hand_annotation(tmp_path):
    out = subprocess.run([sys.executable, "-m", "newsprism.console.cli", "analyze", str(SEED), "--format", "json"],
                         capture_output=True, text=True, check=True).stdout
    check = subprocess.run([sys.executable, str(SCORERS / "check_seed.py"), str(SEED.with_suffix(".gold.json")),
                            "meta", "entities", "quotes"], input=out, capture_output=True, text=True)
    assert check.returncode == 0, check.stdout
    assert json.loads(out)["article"]["published"] == "2018-04-06"


def test_quote_gold_is_every_polnear_attribution_with_content(tmp_path):
    """No word list chooses the quote gold (the system's quotes would agree with it by construction): beliefs
    and findings stay in; the direct subset is what the text itself puts in quotation marks."""
    text = 'Polls show he leads. "We will win," Smith said. Jones believes the race is close.'
    split = tmp_path / "dev"
    (split / "text").mkdir(parents=True)
    (split / "attributions").mkdir()
    (split / "text" / "a.txt").write_text(text, encoding="utf-8")
    relations = [("Polls", "show", "he leads"), ("Smith", "said", "We will win"),
                 ("Jones", "believes", "the race is close")]
    lines, k = [], 0
    for n, roles in enumerate(relations, 1):
        ids = []
        for role, words in zip(("Source", "Cue", "Content"), roles):
            k += 1
            lines.append(f"T{k}\t{role} {text.index(words)} {text.index(words) + len(words)}\t{words}")
            ids.append(f"T{k}")
        lines.append(f"E{n}\tAttribution:{ids[1]} Source:{ids[0]} Cue:{ids[1]} Content:{ids[2]}")
    (split / "attributions" / "a_x.ann").write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert quotes.ggt_from_polnear(split, tmp_path / "all.jsonl") == 3
    gold = json.loads((tmp_path / "all.jsonl").read_text(encoding="utf-8"))["quotes"]
    assert [q["quote"] for q in gold] == ["he leads", "We will win", "the race is close"]
    assert quotes.ggt_from_polnear(split, tmp_path / "direct.jsonl", direct=True) == 1
    assert json.loads((tmp_path / "direct.jsonl").read_text(encoding="utf-8"))["quotes"] == [
        {"quote": "We will win", "speaker": "Smith"}]


# --- eval actors: speakers and countries on annotated real pages; PolNeAR's held-out tenth ------------------

def test_actors_evaluation_scores_sentences_speakers_by_kind_and_countries():
    from newsprism.actors import evaluation as who

    text = 'Ann Lee spoke. "We will rebuild the town," she said. Tom Hill left. Paris is in France.'
    texts = {"p": text}
    quotes_gold = [{"page": "p", "start": text.index("We will"), "end": text.index("We will") + 7,
                    "speaker": [(0, 7)], "kind": "pronoun"},
                   {"page": "p", "start": text.index("Tom Hill"), "end": text.index("Tom Hill") + 8,
                    "speaker": [(text.index("Tom Hill"), text.index("Tom Hill") + 8)], "kind": "name"}]
    actors_gold = [{"page": "p", "start": 0, "end": 7, "country": "USA"},
                   {"page": "p", "start": text.index("Tom"), "end": text.index("Tom") + 8, "country": None}]
    content = {"start": text.index("We will"), "end": text.index(',"')}
    analysis = {"quotes": [{"content": content, "speaker_name": "Lee", "speaker_entity": "E1"}],
                "entities": [{"id": "E1", "name": "Ann Lee", "country": "GBR", "mentions": [{"start": 0, "end": 7}]},
                             {"id": "E2", "name": "Tom Hill", "country": None,
                              "mentions": [{"start": text.index("Tom"), "end": text.index("Tom") + 8}]}]}
    r = who.score(texts, {"p": analysis}, quotes_gold, actors_gold)
    assert r["quotes_by_sentence"] == {"precision": 1.0, "recall": 0.5, "f1": 0.6667}
    wrong: list[dict] = []  # --errors: the wrong speakers and countries of a part, the right ones left out
    hill = {"quotes": [{"content": content, "speaker_name": "Tom Hill", "speaker_entity": "E2"}], "entities": analysis["entities"]}
    assert who.score(texts, {"p": analysis}, quotes_gold, actors_gold, wrong) == r
    assert wrong == [{"page": "p", "kind": "quote missed", "sentence": "Tom Hill left.", "gold": [], "predicted": []},
                     {"page": "p", "kind": "country", "sentence": "Ann Lee", "gold": ["USA"], "predicted": ["GBR (Ann Lee)"]}]
    wrong.clear()
    extra = {**analysis, "quotes": analysis["quotes"] + [{"content": {"start": text.index("Paris"), "end": len(text)}}]}
    who.score(texts, {"p": extra}, quotes_gold, actors_gold, wrong)
    assert {"page": "p", "kind": "no quote", "sentence": "Paris is in France.", "gold": [], "predicted": []} in wrong
    wrong.clear()
    who.score(texts, {"p": hill}, quotes_gold, actors_gold, wrong)
    wrong = [w for w in wrong if w["kind"] == "pronoun"]
    assert wrong == [{"page": "p", "kind": "pronoun", "sentence": '"We will rebuild the town," she said.',
                      "gold": ["Ann Lee"], "predicted": ["Tom Hill"]}]
    assert who.error_lines({"tune": wrong}).split("\t") == ["tune", "p", "pronoun", "gold=Ann Lee", "got=Tom Hill", '"We will rebuild the town," she said.']
    assert r["speaker_accuracy_by_kind"] == {"pronoun": [1, 1, 1.0]}  # the unfound quote has no speaker score
    assert r["actor_countries"] == {"with_country": 1, "accuracy": 0.0, "without_country": 1, "none_accuracy": 1.0}
    assert who.same_speaker(["Anna Kowalski and Peter Brown"], ["Peter Brown"])
    assert not who.same_speaker(["Singh Jabarjung"], ["Lakshiwnder Singh"])
    assert who.same_speaker(["Kennedy"], ["James P. Kennedy Jr."])
    assert who.same_speaker(["World Health Organization"], ["WHO"]) and who.same_speaker(["DEA"], ["Drug Enforcement Administration"])
    assert not who.same_speaker(["World Bank"], ["WHO"]) and who.same_speaker(["Cheuk Hau-yip"], ["Cheuk Hau-yip"])
    # a description is scored by its head noun: the spokesman, not the one he speaks for
    assert who.same_speaker(["the spokesman"], ["a spokesman for the ministry"], described=True)
    assert not who.same_speaker(["the ministry"], ["a spokesman for the ministry"], described=True)
    assert who.same_speaker(["people familiar with the talks"], ["people familiar with the talks"], described=True)
    # ... whatever the kind of mention at the cue: 'he said' after 'a source close to the probe said'
    assert who.described("a source close to the probe") and who.described("one Western official")
    assert not who.described("Tri Wobowo") and not who.described("WHO")
    source = 'A source close to the probe spoke. "It is early," he said.'
    gold = [{"page": "s", "start": source.index("It is"), "end": source.index("It is") + 5,
             "speaker": [(0, source.index(" spoke"))], "kind": "pronoun"}]
    said = {"quotes": [{"content": {"start": source.index("It is"), "end": source.index(',"')},
                        "speaker_name": "A source", "speaker_entity": None}], "entities": []}
    assert who.score({"s": source}, {"s": said}, gold, [])["speaker_accuracy_by_kind"] == {"pronoun": [1, 1, 1.0]}
    t = "Rep. Ilhan Omar spoke. Police held Christopher L. Hollman on Dec. 22 ... in the U.S. The end. Ok."
    assert [t[a:b] for a, b in who.sentences(t)] == [  # no stop after a title, an initial, a month, before 'in'
        "Rep. Ilhan Omar spoke.", "Police held Christopher L. Hollman on Dec. 22 ... in the U.S.", "The end.", "Ok."]
    table = who.kind_table({"tune": r, "report": r})
    assert table.splitlines()[0].split() == ["kind", "tune", "report"]
    assert table.splitlines()[1].split() == ["pronoun", "1/1", "1.00", "1/1", "1.00"]


def test_agreement_compares_a_second_pass_with_the_first_labels_on_its_pages(tmp_path, monkeypatch):
    from newsprism.actors import evaluation as who

    text = 'Ann Lee spoke. "We will rebuild the town," she said. Tom Hill left. He said it was late. Paris is far.'
    monkeypatch.setattr(who, "page_texts", lambda data, pages: {p: text for p in pages})
    at = lambda w: f"{text.index(w)}\t{text.index(w) + len(w)}"  # noqa: E731
    first = tmp_path / "first.tsv"
    first.write_text(f"quote\tp\t{at('We will')}\t{at('Ann Lee').replace(chr(9), '-')}\tpronoun\n"
                     f"quote\tp\t{at('it was late')}\t{at('Tom Hill').replace(chr(9), '-')}\tpronoun\n"
                     f"actor\tp\t{at('Ann Lee')}\tUSA\nquote\tq\t0\t3\t0-3\tname\n", encoding="utf-8")
    second = tmp_path / "second.tsv"
    second.write_text(f"quote\tp\t{at('rebuild')}\t{at('Ann Lee').replace(chr(9), '-')}\tname\n"
                      f"quote\tp\t{at('Tom Hill left')}\t{at('Tom Hill').replace(chr(9), '-')}\tname\n"
                      f"actor\tp\t{at('Lee')}\tGBR\n", encoding="utf-8")
    r = who.agreement(tmp_path, first, second)
    assert r["pages"] == 1 and r["sample"] == ["p"]  # page q is not in the second pass: left out
    assert (r["quote_sentences_first"], r["quote_sentences_second"], r["quote_sentences_both"]) == (2, 2, 1)
    assert r["quote_sentence_f1"] == 0.5 and r["same_speaker"] == 1.0 and r["same_kind"] == 0.0
    assert r["actors_both"] == 1 and r["same_country"] == 0.0
    # a second pass over pages of both parts reads each page's first pass from the part that holds it
    report = tmp_path / "report.tsv"
    report.write_text(f"quote\tr\t{at('it was late')}\t{at('Tom Hill').replace(chr(9), '-')}\tpronoun\n", encoding="utf-8")
    both = tmp_path / "both.tsv"
    both.write_text(second.read_text(encoding="utf-8") + f"quote\tr\t{at('He said')}\t{at('Tom Hill').replace(chr(9), '-')}\tpronoun\n",
                    encoding="utf-8")
    r = who.agreement(tmp_path, [first, report], both)
    assert r["sample"] == ["p", "r"] and (r["quote_sentences_first"], r["quote_sentences_both"]) == (3, 2)
    assert r["same_speaker"] == 1.0 and r["same_kind"] == 0.5
    assert who.agreement(tmp_path, first, both)["quote_sentences_first"] == 2  # the report part not given: r has no first pass


def test_who_page_ids_name_aeb_html_voa_ptc_and_polnear_texts(tmp_path):
    """A page id names its text in ../shared/data: the aeb page by its key's first hex digits, the html file,
    the VOA story by its `id`, the PTC training article by its number, the PolNeAR train article by its name
    (its text as the PolNeAR reader reads it, line breaks kept); another kind is refused."""
    from newsprism.actors import evaluation as who

    (tmp_path / "aeb").mkdir()
    (tmp_path / "aeb" / "ground-truth.json").write_text(json.dumps({"abcdef012345ff": {"articleBody": "An aeb page."}}))
    (tmp_path / "html" / "text").mkdir(parents=True)
    (tmp_path / "html" / "text" / "x.com1.txt").write_text("An html page.", encoding="utf-8")
    (tmp_path / "voa").mkdir()
    (tmp_path / "voa" / "voa_stories.jsonl").write_text(
        json.dumps({"id": "801", "text": "The first story."}) + "\n" + json.dumps({"id": "802", "text": "The second."}) + "\n")
    (tmp_path / "ptc" / "train" / "articles").mkdir(parents=True)
    (tmp_path / "ptc" / "train" / "articles" / "article7001.txt").write_text("A PTC article.\n\nIts end.\n", encoding="utf-8")
    (tmp_path / "polnear" / "train" / "text").mkdir(parents=True)
    (tmp_path / "polnear" / "train" / "text" / "nyt_2016-01-02_a-story.txt").write_bytes("A “PolNeAR” story.\n\nEnd.\n".encode())
    texts = who.page_texts(tmp_path, {"aeb:abcdef012345", "html:x.com1.txt", "voa:802", "ptc:7001",
                                      "polnear:nyt_2016-01-02_a-story"})
    assert texts == {"aeb:abcdef012345": "An aeb page.", "html:x.com1.txt": "An html page.",
                     "voa:802": "The second.", "ptc:7001": "A PTC article.\n\nIts end.\n",
                     "polnear:nyt_2016-01-02_a-story": "A “PolNeAR” story.\n\nEnd.\n"}
    with pytest.raises(ValueError, match="polnear:<name>"):
        who.page_texts(tmp_path, {"gdelt:1"})


@needs_shared(SHARED / "data" / "polnear" / "train")
def test_a_who_polnear_page_is_the_text_the_polnear_reader_reads():
    """A `polnear:` page's text is the PolNeAR reader's article text, so the who labels' offsets and PolNeAR's
    attribution offsets are into the same characters."""
    from newsprism.actors import evaluation as who
    from newsprism.quotes import polnear

    train = SHARED / "data" / "polnear" / "train"
    article = next(polnear.articles(train))
    text = who.page_texts(SHARED / "data", {f"polnear:{article.id}"})[f"polnear:{article.id}"]
    assert text == article.text and text
    attributions = polnear.read_ann(polnear.annotation_files(train)[article.id])
    assert all(a.content[1] <= len(text) for a in attributions if a.content)


@needs_shared(SHARED / "data" / "aeb")
def test_who_labels_are_offsets_into_the_shared_pages():
    """Every label of annotations/who points inside its page's text; a speaker span names words of it."""
    from pathlib import Path as P

    from newsprism.actors import evaluation as who

    folder = P(__file__).resolve().parents[1] / "annotations" / "who"
    pages = {}
    for name, least_pages, least_quotes in (("labels.tsv", 20, 150), ("report.tsv", 15, 200), ("second-pass.tsv", 5, 40)):
        quotes_gold, actors_gold = who.read_labels(folder / name)
        texts = who.page_texts(SHARED / "data", {r["page"] for r in quotes_gold + actors_gold})
        pages[name] = set(texts)
        assert len(texts) >= least_pages and len(quotes_gold) >= least_quotes, name
        spans = {p: who.sentences(t) for p, t in texts.items()}
        assert len({(q["page"], who.sentence_of(spans[q["page"]], q["start"])) for q in quotes_gold}) == len(quotes_gold)
        for row in quotes_gold + actors_gold:
            text = texts[row["page"]]
            assert 0 <= row["start"] < row["end"] <= len(text)
            for s, e in row.get("speaker", []):
                assert text[s:e].strip() and text[s:e] == text[s:e].strip()
    assert not pages["labels.tsv"] & pages["report.tsv"]  # the tune and report parts share no page
    assert pages["second-pass.tsv"] <= pages["labels.tsv"] | pages["report.tsv"]


def test_the_holdout_split_is_the_taggers_held_out_tenth(tmp_path):
    train = tmp_path / "polnear" / "train"
    for sub in ("text", "attributions"):
        (train / sub).mkdir(parents=True)
    for name in ("a", "b", "c"):
        (train / "text" / f"{name}.txt").write_text(name, encoding="utf-8")
        (train / "attributions" / f"{name}_X.ann").write_text("", encoding="utf-8")
    record = tmp_path / "record.json"
    record.write_text(json.dumps({"holdout_articles": ["b"]}), encoding="utf-8")
    from newsprism.quotes import polnear

    split = polnear.holdout_split(tmp_path / "polnear", tmp_path / "held", record)
    assert [p.name for p in (split / "text").iterdir()] == ["b.txt"]
    assert list(polnear.annotation_files(split)) == ["b"]


def test_labels_move_from_the_clean_text_onto_the_text_read_off_the_page_s_html():
    from newsprism.actors import evaluation as who

    clean = 'Ann Lee spoke. "We will rebuild," she said. Tom Hill left.'
    page = 'Menu\nShare this\n\nAnn Lee spoke.  "We will rebuild,"\nshe said.\n\nRelated: more news'
    quote = {"page": "p", "start": clean.index("We"), "end": clean.index("We") + 7, "kind": "pronoun",
             "speaker": [(0, 7)]}
    lost = {"page": "p", "start": clean.index("Tom"), "end": clean.index("Tom") + 8, "kind": "name",
            "speaker": [(clean.index("Tom"), clean.index("Tom") + 8)]}
    actor = {"page": "p", "start": 0, "end": 7, "country": "USA"}
    q, gone = who.moved([quote, lost], {"p": clean}, {"p": page})
    assert page[q["start"]:q["end"]] == "We will" and [page[s:e] for s, e in q["speaker"]] == ["Ann Lee"]
    assert gone["start"] is None and gone["speaker"] == []  # its sentence is not on the page
    [a] = who.moved([actor], {"p": clean}, {"p": page})
    assert page[a["start"]:a["end"]] == "Ann Lee"
    r = who.score({"p": page}, {"p": {"quotes": [], "entities": []}}, [q, gone], [a])
    assert r["gold_quotes"] == 2 and r["quotes_lost_by_extraction"] == 1 and r["quotes_by_sentence"]["recall"] == 0.0
    # a soft hyphen the extractor dropped, and a sentence whose start it cut ('(CNN)'): found by the quote's own words
    clean = '(CNN) Trump made a "quick exam and labs" trip to US \u00adforces, aides said.'
    page = 'Trump made a "quick exam and labs" trip to US forces, aides said.'
    row = {"page": "p", "start": clean.index("quick"), "end": clean.index("labs") + 4, "kind": "name", "speaker": []}
    [m] = who.moved([row], {"p": clean}, {"p": page})
    assert page[m["start"]:m["end"]] == "quick exam and labs"
    kept = clean.replace("(CNN) ", "")
    [f] = who.moved([{"page": "p", "start": kept.index("US"), "end": kept.index("forces") + 6, "country": "USA"}],
                    {"p": kept}, {"p": page})
    assert page[f["start"]:f["end"]] == "US forces"
