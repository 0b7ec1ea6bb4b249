"""Tone towards actors and whose voice a stretch of text is: hand-made inputs, the shipped tone head."""

from __future__ import annotations

import importlib.util
import json
from dataclasses import asdict

import pytest
from typer.testing import CliRunner

from newsprism.console.cli import app
from newsprism.tone.component import summarise
from newsprism.framing import minilm
from newsprism.schema import Entity, Quote, Span, Tone, Voice
from newsprism.tone.model import MODEL_DIR, HEAD_FILE
from newsprism.quotes.voice import voice_of

needs_train = pytest.mark.skipif(importlib.util.find_spec("torch") is None or not minilm.available(),
                                 reason="the train extra is not installed (make setup-train)")
needs_model = pytest.mark.skipif(not minilm.available() or not (MODEL_DIR / HEAD_FILE).exists(),
                                 reason="the encoder run time or the tone head is missing (make setup; "
                                        "newsprism train tone)")

TEXT = 'The regime is a "criminal gang," said Ali Khan. Critics call the plan martyring.'


def quote(start: int, end: int, entity: str | None = "E1", name: str | None = "Ali Khan") -> Quote:
    return Quote(kind="direct", content=Span(start=start, end=end, text=TEXT[start:end]),
                 speaker_entity=entity, speaker_name=name)


def test_voice_is_the_quote_covering_most_of_the_span_else_the_author():
    q = quote(TEXT.index("criminal"), TEXT.index(',"') )
    inside = voice_of(TEXT.index("criminal"), TEXT.index("gang") + 4, [q])
    assert inside == Voice(kind="quote", speaker_entity="E1", speaker_name="Ali Khan")
    assert voice_of(TEXT.index("martyring"), TEXT.index("martyring") + 9, [q]).kind == "author"
    # a span reaching far beyond the quote (less than half inside) is the author's
    assert voice_of(0, len(TEXT), [q]).kind == "author"
    # two quotes: the one covering more of the span speaks
    other = quote(0, TEXT.index("criminal") + 3, "E2", "Someone")
    assert voice_of(TEXT.index("criminal"), TEXT.index("gang") + 4, [other, q]).speaker_entity == "E1"


def test_actor_summary_counts_polarities_and_the_authors_voice_apart():
    ents = [Entity(id="E1", name="Ali Khan", type="PERSON"), Entity(id="E2", name="Iran", type="GPE")]
    m = Span(start=0, end=3, text="The")
    tone = [Tone(entity="E1", mention=m, polarity=-1, score=0.9),
            Tone(entity="E1", mention=m, polarity=1, score=0.8, voice=Voice(kind="quote", speaker_entity="E2")),
            Tone(entity="E1", mention=m, polarity=-1, score=0.7),
            Tone(entity="E2", mention=m, polarity=0, score=0.6, voice=Voice(kind="quote"))]
    first, second = summarise(ents, tone)
    assert (first.entity, first.mentions, first.negative, first.neutral, first.positive) == ("E1", 3, 2, 0, 1)
    assert first.mean == pytest.approx(-1 / 3, abs=1e-3) and first.author_mean == -1.0
    assert second.name == "Iran" and second.author_mean is None


@pytest.mark.slow  # parses the sentences with spaCy's model
@needs_model
def test_tone_head_reads_clear_praise_and_blame():
    from newsprism.tone.model import shipped_model

    items = [("The brave mayor saved the city, residents said.", 10, 15),
             ("Critics called the corrupt senator a liar and a thief.", 27, 34),
             ("The senator will visit Ohio on Tuesday.", 4, 11)]
    (p1, s1), (p2, _), _ = shipped_model().classify(items)
    assert p1 == 1 and p2 == -1 and 0.34 < s1 <= 1.0


@pytest.mark.slow
@needs_model
def test_tone_classify_prints_json_lines_and_names_bad_lines(tmp_path):
    path = tmp_path / "t.jsonl"
    path.write_text("\n".join([
        json.dumps({"id": "a\nb", "sentence": "Voters adored the kind and honest governor.", "from": 33, "to": 41}),
        "not json",
        json.dumps({"id": "c", "sentence": "short", "from": 3, "to": 40}),
    ]) + "\n", encoding="utf-8")
    res = CliRunner().invoke(app, ["tone", "classify", str(path)])
    assert res.exit_code == 1
    lines = [json.loads(x) for x in res.stdout.splitlines() if x.startswith("{")]
    assert [x["id"] for x in lines] == ["a\nb"] and lines[0]["polarity"] == 1
    assert ":2: JSONDecodeError" in res.stderr and ":3: ValueError" in res.stderr


@pytest.mark.slow
@needs_train
def test_train_tone_writes_a_head_that_loads(tmp_path, monkeypatch):
    import newsprism.tone.training as tt
    from newsprism.tone.model import ToneModel

    rows = []
    for k in range(12):
        for pol, word in ((-1, "hated"), (0, "met"), (1, "loved")):
            s = f"Voters {word} the governor number {k}."
            rows.append({"id": f"{k}{pol}", "sentence": s, "from": s.index("governor"), "to": s.index("governor") + 8,
                         "polarity": pol})
    for name in ("train", "dev-mt", "dev-rw"):
        (tmp_path / f"{name}.jsonl").write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    monkeypatch.setattr(tt, "EPOCHS", 20)  # 36 sentences: a few steps an epoch
    record = tt.train(tmp_path, tmp_path / "model", seed=3, log=lambda _: None)
    assert record["seed"] == 3 and record["dev"]["dev-rw"]["rows"] == 36
    assert record["dev"]["dev-rw"]["f1m"] > 0.9
    model = ToneModel(tmp_path / "model")
    assert model.classify([("Voters loved the governor number 3.", 17, 25)])[0][0] == 1
    assert model.head.params["proj_w"].shape[0] == tt.MEMBERS  # the members, stacked
    again = tt.train(tmp_path, tmp_path / "again", seed=3, log=lambda _: None)
    assert again["dev"] == record["dev"]  # seeded: the same head
    assert (tmp_path / "model" / "tone-head.npz").read_bytes() == (tmp_path / "again" / "tone-head.npz").read_bytes()


def stored_analysis(aid: str, source: str, published: str):
    """A hand-made analysis with a loaded phrase of the author, one quoted from a speaker, and tone."""
    from newsprism.schema import Analysis, ArticleMeta, FramingSpan

    text = 'The martyring of the youths, said Ali Khan, was "the work of the Zionist entity".'
    def sp(word: str) -> Span:
        return Span(start=text.index(word), end=text.index(word) + len(word), text=word)
    khan = Voice(kind="quote", speaker_entity="E1", speaker_name="Ali Khan")
    return Analysis(
        article=ArticleMeta(id=aid, source=source, published=published, text=text),
        entities=[Entity(id="E1", name="Ali Khan", type="PERSON", mentions=[sp("Ali Khan")]),
                  Entity(id="E2", name="Israel", type="GPE", mentions=[sp("Zionist entity")])],
        framing=[FramingSpan(technique="Loaded_Language", score=0.5, **asdict(sp("martyring"))),
                 FramingSpan(technique="Name_Calling,Labeling", score=0.5, voice=khan,
                             **asdict(sp("the Zionist entity")))],
        tone=[Tone(entity="E1", mention=sp("Ali Khan"), polarity=0, score=0.7),
              Tone(entity="E2", mention=sp("Zionist entity"), polarity=-1, score=0.9, voice=khan)],
    )


def test_tone_and_voices_are_stored_and_served(tmp_path):
    from fastapi.testclient import TestClient

    from newsprism.store import Store
    from newsprism.store.tone import tone_summary
    from newsprism.web import create_app

    store = Store(str(tmp_path / "n.db"))
    store.save([stored_analysis("a1", "Outlet A", "2018-04-06"), stored_analysis("a2", "Outlet B", "2018-05-01")])
    assert [(r["actor"], r["mentions"], r["mean"]) for r in tone_summary(store)] == [("Ali Khan", 2, 0.0)]
    quoted = tone_summary(store, "source", "quote")
    assert {(r["actor"], r["source"], r["negative"]) for r in quoted} == {("Israel", "Outlet A", 1),
                                                                          ("Israel", "Outlet B", 1)}
    client = TestClient(create_app(store, token="t"))
    rows = client.get("/api/tone", params={"by": "month", "voice": "all"}).json()
    assert {(r["actor"], r["month"]) for r in rows} == {(a, m) for a in ("Ali Khan", "Israel")
                                                        for m in ("2018-04", "2018-05")}
    assert client.get("/api/tone", params={"voice": "nobody"}).status_code == 422
    page = client.get("/tone").text
    assert "Ali Khan" in page and "Israel" not in page  # the author's voice by default: Israel only in a quote
    author = client.get("/framing").text
    assert "Loaded Language" in author and "Name Calling" not in author.split("Quoted:")[0]
    assert "Ali Khan" in author.split("Quoted:")[1]  # the quoted label is listed under its speaker
    assert "Name Calling" in client.get("/framing", params={"voice": "quote"}).text.split("Quoted:")[0]


def test_article_page_tells_the_authors_words_from_quoted_ones(tmp_path):
    from fastapi.testclient import TestClient

    from newsprism.tone.component import summarise
    from newsprism.store import Store
    from newsprism.web import create_app

    analysis = stored_analysis("a1", "Outlet A", "2018-04-06")
    analysis.actor_tone = summarise(analysis.entities, analysis.tone)
    store = Store(str(tmp_path / "n.db"))
    store.save([analysis])
    page = TestClient(create_app(store, token="t")).get("/articles/a1").text
    assert "the author&#39;s words" in page and "quoted from Ali Khan" in page
    assert "Tone towards actors" in page and "all inside quotes" in page  # Israel: only in Khan's quote


@pytest.mark.slow
def test_seed_loaded_labels_carry_their_voice():
    """The seed article: the outlet's own "Zionist entity" is a framing span in the author's voice; the loaded
    words inside Khamenei's quotes are his."""
    from conftest import SEED

    if not SEED.exists():
        pytest.skip(f"{SEED} is absent: the shared research data is not beside this clone")
    from newsprism import pipeline
    from newsprism.readers import read_paths

    nlp = pipeline.load(["newsprism_actors", "newsprism_quotes", "newsprism_framing"])
    analysis = next(pipeline.analyze(nlp, list(read_paths([str(SEED)]))))
    zionist = [f for f in analysis.framing if "Zionist entity" in f.text]
    assert zionist and all(f.voice.kind == "author" for f in zionist)
    quoted = [f for f in analysis.framing if "deceitful" in f.text]
    assert quoted and quoted[0].voice.kind == "quote" and "Khamenei" in (quoted[0].voice.speaker_name or "")


def test_empty_tone_page_says_ingest_judges_tone_by_default(tmp_path):
    from fastapi.testclient import TestClient

    from newsprism.store import Store
    from newsprism.web import create_app

    page = TestClient(create_app(Store(str(tmp_path / "n.db")), token="t")).get("/tone").text
    assert "No tone" in page and "newsprism ingest" in page and "--fast" in page
    assert "framing-tagger" not in page  # tone runs by default: no option is needed for it


@pytest.mark.slow
@needs_model
def test_article_mentions_judged_together_as_each_alone():
    """Judging an article's mentions in padded batches, projecting only the sentences with mentions, gives what
    each mention judged alone over its sentence's wordpieces gives; a mention on no wordpiece gets None."""
    import numpy as np

    from newsprism.encoder.run import shared_encoder
    from newsprism.parse import load_parser
    from newsprism.tone import model as tm
    from newsprism.encoder.syntax import Tree

    m = tm.shipped_model()
    text = ("The senator praised the brave nurses. Nothing happens here at all. Critics called the corrupt mayor "
            "a liar and a thief, and a very long sentence goes on about the mayor and the senator for a while.")
    enc = shared_encoder().encode(text)
    sents = [(0, text.index(" Nothing")), (text.index("Nothing"), text.index(" Critics")),
             (text.index("Critics"), len(text))]
    pairs = [(sents[0], (4, 11)), (sents[2], (text.index("corrupt"), text.index(" a liar"))),
             (sents[0], (text.index("nurses"), text.index("nurses") + 6)), (sents[2], (len(text) - 1, len(text) - 1)),
             (sents[2], (text.rindex("senator"), text.rindex("senator") + 7))]
    tree = Tree.of(load_parser()(text))
    alone = []
    for sentence, mention in pairs:
        cut = tm.pieces_of(enc.offsets, sentence)
        marks = tm.marks_of(enc.offsets[cut], mention)
        item = tm.Item(tm.states_of(enc)[cut], marks, tree.piece_distances(enc.offsets[cut], mention))
        alone.append(m.head.judge(item) if marks.any() else None)
    old, tm.MENTIONS_PER_BATCH = tm.MENTIONS_PER_BATCH, 3  # batches of mixed sentences, so padded
    try:
        together = m.judge(enc, pairs, tree)
    finally:
        tm.MENTIONS_PER_BATCH = old
    assert together[3] is None and alone[3] is None
    for a, b in zip(alone, together):
        if a is not None:
            assert a[0] == b[0] and np.isclose(a[1], b[1], atol=1e-3)
    assert together[1][0] == -1


def test_tree_distance_of_each_wordpiece_follows_the_parse_not_the_word_order():
    """Arcs from the mention in a hand-built parse, for wordpieces by character offsets: a wordpiece inside a
    token takes its token's distance, one in no token or in another sentence's tree is OTHER, far ones FAR."""
    import numpy as np
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

    from newsprism.encoder.syntax import FAR, OTHER, Tree

    words = ["Critics", "of", "the", "senator", "praised", "the", "mayor", ".", "Go", "."]
    heads = [4, 0, 3, 1, 4, 6, 4, 4, 8, 8]  # "praised" roots the first tree, "Go" the second
    deps = ["nsubj", "prep", "det", "pobj", "ROOT", "det", "dobj", "punct", "ROOT", "punct"]
    doc = Doc(Vocab(), words=words, heads=heads, deps=deps, spaces=[True] * 6 + [False, True, False, False])
    tree = Tree.of(doc)
    mayor = (doc[6].idx, doc[6].idx + 5)
    assert tree.distances(mayor) == {6: 0, 4: 1, 5: 1, 0: 2, 7: 2, 1: 3, 3: 4, 2: 5}
    assert tree.roots.tolist() == [4] * 8 + [8, 8]
    senator = (doc[3].idx, doc[3].idx + 7)
    assert tree.distances(senator)[6] == 4 and tree.distances(senator)[4] == 3  # 'praised' 3 arcs from 'senator'
    # wordpieces: 'Crit' 'ics' (both in 'Critics'), the space after it (no token), 'mayor', 'Go' (another tree)
    offsets = np.array([[0, 4], [4, 7], [7, 8], [mayor[0], mayor[1]], [doc[8].idx, doc[8].idx + 2]])
    assert tree.piece_distances(offsets, mayor).tolist() == [2, 2, OTHER, 0, OTHER]
    long = Doc(Vocab(), words=[f"w{k}" for k in range(10)], heads=[max(k - 1, 0) for k in range(10)], deps=["dep"] * 10)
    far = Tree.of(long).piece_distances(np.array([[t.idx, t.idx + len(t)] for t in long]), (0, 2))
    assert far.tolist() == [0, 1, 2, 3, 4, 5, FAR, FAR, FAR, FAR]


def test_tone_options_tuning_slice_keeps_articles_whole_and_apart():
    """scripts/tone_options.py scores heads on a slice of train's articles held out of their fits: every row
    of an article on one side, about TUNE_SHARE of the articles on the tuning side, the same draw each time."""
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parents[1] / "scripts" / "tone_options.py"
    spec = importlib.util.spec_from_file_location("tone_options", path)
    options = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(options)
    rows = [{"id": f"allsides_{a}_{b}_{k}_Some One_0_3"} for a in range(40) for b in range(2) for k in range(3)]
    fit, tune = options.tuning_slice(rows)
    assert sorted(fit + tune) == list(range(len(rows))) and not set(fit) & set(tune)
    tuned = {options.article(rows[j]["id"]) for j in tune}
    assert tuned.isdisjoint(options.article(rows[j]["id"]) for j in fit)
    assert len(tuned) == int(80 * options.TUNE_SHARE) and options.article(rows[0]["id"]) == "allsides_0_0"
    assert options.tuning_slice(rows) == (fit, tune)
