"""Fast tests of the events component on hand-made sentences: dates, counts, places, actors, types,
figure conflicts. Nothing here reads ../shared."""

from __future__ import annotations

import pytest
import spacy

from newsprism.events import counts, dates, places
from newsprism.events.classifier import top_cue_types
from newsprism.events.conflicts import Claim, find_conflicts
from newsprism.events.evaluation import score
from newsprism.parse import SPACY_MODEL
from newsprism.schema import Count, Entity, Span


def events_pipeline(**config):
    """spaCy's model with the events component alone, `config` its settings (also for test_events_detection)."""
    import newsprism.events.component  # noqa: F401  registers the factory
    nlp = spacy.load(SPACY_MODEL)
    nlp.add_pipe("newsprism_events", config=config)
    return nlp


@pytest.fixture(scope="module")
def events_nlp():
    return events_pipeline()


@pytest.mark.parametrize("text, expected", [
    ("On March 30", "2018-03-30"),
    ("March 30, 2017", "2017-03-30"),
    ("30 March", "2018-03-30"),
    ("December 28", "2017-12-28"),      # months after the article: the year before
    ("today", "2018-04-06"),
    ("yesterday", "2018-04-05"),
    ("two days ago", "2018-04-04"),
    ("a week ago", "2018-03-30"),
    ("on Friday", "2018-04-06"),        # the article is of a Friday
    ("last Friday", "2018-03-30"),
    ("on Monday", "2018-04-02"),
    ("last Tuesday", "2018-04-03"),
    ("next Tuesday", "2018-04-10"),
    ("2018-03-31", "2018-03-31"),
    ("last month", None),
    ("recently", None),
])
def test_relative_dates_against_article_date(text, expected):
    got = dates.resolve_date(text, "2018-04-06")
    assert (got.isoformat() if got else None) == expected


def test_dates_without_article_date():
    assert dates.resolve_date("yesterday", None) is None
    assert dates.resolve_date("March 30, 2017", None).isoformat() == "2017-03-30"
    assert dates.resolve_date("March 30", "not a date") is None


def test_day_of_an_earlier_event():
    assert dates.day_of("The first day of the demonstrations turned violent") == (1, "demonstrations")
    assert dates.day_of("on the third day of the strike") == (3, "strike")
    assert dates.resolve_day_of(3, dates.to_date("2018-03-30")).isoformat() == "2018-04-01"


@pytest.mark.parametrize("text, value, qualifier", [
    ("18", 18, "exact"),
    ("almost 1,500", 1500, "about, at most"),
    ("more than a dozen", 13, "at least"),
    ("at least 156", 156, "at least"),
    ("dozens", 24, "at least"),
    ("hundreds", 200, "at least"),
    ("tens of thousands", 20000, "at least"),
    ("some 500,000", 500000, "about"),
    ("up to 100", 100, "at most"),
    ("fewer than 20", 19, "at most"),
    ("twenty-one", 21, "exact"),
    ("three hundred and five", 305, "exact"),
    ("1.5 million", 1500000, "exact"),
    ("nearly two thousand", 2000, "about, at most"),
])
def test_figures_words_digits_qualifiers(text, value, qualifier):
    fig = counts.parse_figure(text)
    assert (fig.value, fig.qualifier, fig.text) == (value, qualifier, text)


def test_years_and_articles_are_not_figures():
    assert counts.find_figures("In 2018 a man and one of his sons left.") == []


def kinds(nlp, text):
    doc = nlp(text)
    return [(c.kind, c.figure.value) for s in doc.sents for c in counts.sentence_counts(s)]


def test_what_figures_count(spacy_model):
    nlp = spacy_model
    assert kinds(nlp, "Troops opened fire, martyring 18 and injuring almost 1,500 others.") == [
        ("fatalities", 18), ("injured", 1500)]
    assert kinds(nlp, "At least three civilians have been killed in a bombing.") == [("fatalities", 3)]
    assert kinds(nlp, "The blast killed one soldier and wounded two others.") == [("fatalities", 1), ("injured", 2)]
    assert kinds(nlp, "Five people died and dozens were hurt.") == [("fatalities", 5), ("injured", 24)]
    assert kinds(nlp, "Tens of thousands of students marched on Saturday.") == [("size", 20000)]
    assert kinds(nlp, "The army deployed 100 snipers to the border.") == [("size", 100)]
    assert kinds(nlp, "Police said 18 were dead, including 3 children.") == [("fatalities", 18)]


def test_places_offline():
    gaza = places.lookup("Gaza Strip")
    assert gaza.country == "PSE" and gaza.lat and gaza.lon
    assert places.lookup("Kirkuk").country == "IRQ"
    iraq = places.lookup("Iraq")
    assert (iraq.country, iraq.lat) == ("IRQ", None)
    assert places.lookup("Qwertyville") is None
    assert places.lookup("") is None


def test_a_state_or_province_comes_before_a_town_of_its_name_abroad():
    # a US state or an ISO 3166-2 state or province keeps its country, without coordinates, before a town of
    # the same name in another country; a city of its own country keeps its coordinates
    for name, country in [("Florida", "USA"), ("Texas", "USA"), ("Ontario", "CAN"), ("Borno", "NGA"),
                          ("Washington State", "USA")]:
        place = places.lookup(name)
        assert (place.country, place.lat) == (country, None), name
    new_york = places.lookup("New York")
    assert new_york.country == "USA" and new_york.lat
    washington = places.lookup("Washington")  # an actor's metonym for the United States, as a place the city
    assert (washington.name, washington.country) == ("Washington", "USA") and washington.lat


@pytest.mark.parametrize("text, name, where, country", [
    ("GAZA CITY, April 6 (Reuters) - Israeli troops fired", "Gaza City", "GAZA CITY", "PSE"),
    ("Police arrest two\nBy Jane Doe\nLONDON (AP) — Police arrested", "London", "LONDON", "GBR"),
    ("Kingston, Jamaica (CMC) - The police", "Kingston", "Kingston", "JAM"),
    ("MANCHESTER, N.H. (AP) — Voters", "Manchester", "MANCHESTER", "USA"),  # its state: not Manchester, England
    ("LONDON, Ontario (CP) - Police", "London", "LONDON", "CAN"),
    ("Police arrest two - more to come", None, None, None),  # a headline's dash is no dateline
    ("BREAKING - Fire in the hall", None, None, None),  # no known place
    ("The mayor — who spoke in Kingston — said", None, None, None),
])
def test_the_dateline_gives_the_article_its_place(text, name, where, country):
    found = places.dateline(text)
    assert (found[0].name if found else None) == name
    if found:
        place, start, end, stop = found
        assert text[start:end] == where and stop > end and place.lat is not None and place.country == country


def test_an_event_without_a_place_of_its_own_takes_the_dateline(events_nlp):
    doc = events_nlp("KINGSTON, Jamaica (CMC) — Police arrested two men on Tuesday after a robbery.\n\n"
                     "Officers in Montego Bay arrested a third man on Wednesday, police said.")
    located = [(e.type, e.location.name, e.location.text, e.location.lat is not None) for e in doc._.events]
    assert located[0] == ("COERCE", "Kingston", "KINGSTON", True)
    assert ("COERCE", "Montego Bay", "Montego Bay", True) in located[1:]


@pytest.mark.parametrize("sentence, plover", [
    ("The two governments agreed on Wednesday to cooperate on refugees.", "AGREE"),
    ("The foreign minister visited Moscow for talks.", "CONSULT"),
    ("The president praised the country's efforts on human rights.", "SUPPORT"),
    ("The government lifted the curfew in the capital.", "CONCEDE"),
    ("The two navies launched joint exercises in the Mediterranean.", "COOPERATE"),
    ("The agency gave the country 5 million dollars of aid.", "AID"),
    ("The rebels completed their withdrawal from the town.", "RETREAT"),
    ("Police launched an investigation into the killings.", "INVESTIGATE"),
    ("The opposition demanded the resignation of the prime minister.", "DEMAND"),
    ("The group accused the government of torture.", "DISAPPROVE"),
    ("The rebels rejected the peace plan.", "REJECT"),
    ("The president threatened to cut off all trade.", "THREATEN"),
    ("The farmers said they would blockade the capital.", "THREATEN"),
    ("Thousands of students demonstrated in the capital.", "PROTEST"),
    ("The government mobilized army reservists.", "MOBILIZE"),
    ("The country imposed sanctions on the regime.", "SANCTION"),
    ("Soldiers arrested more than 100 people in the raid.", "COERCE"),
    ("Gunmen killed three villagers.", "ASSAULT"),
    ("Tanks shelled rebel positions near the town.", "FIGHT"),
])
def test_each_plover_type_has_its_cue(spacy_model, sentence, plover):
    doc = spacy_model(sentence)
    assert plover in top_cue_types(doc)


def test_actor_linking_and_event_fields(events_nlp):
    text = ("On Friday, Israeli forces fired live ammunition against the protesters in Gaza, "
            "killing 18 and injuring almost 1,500 others.")
    doc = events_nlp.make_doc(text)
    doc._.published = "2018-04-06"
    mention = text.index("Israeli forces")
    doc._.entities = [Entity(id="E1", name="Israel", type="GPE", country="ISR",
                             labels=[Span(start=mention, end=mention + 14, text="Israeli forces")])]
    doc = events_nlp(doc)
    assert len(doc._.events) == 1
    ev = doc._.events[0]
    assert ev.type in ("ASSAULT", "FIGHT")
    assert (ev.source.entity, ev.source.name, ev.source.text) == ("E1", "Israel", "Israeli forces")
    assert ev.target.text == "the protesters"
    assert ev.date == "2018-04-06" and ev.date_text == "Friday"
    assert (ev.location.name, ev.location.country) == ("Gaza", "PSE")
    assert (ev.fatalities.value, ev.injured.value, ev.injured.qualifier) == (18, 1500, "about, at most")
    assert text[ev.injured.start:ev.injured.end] == "almost 1,500"
    assert ev.evidence.text == text


@pytest.mark.slow
def test_actors_fall_back_to_spacy_entities():
    nlp = events_pipeline(min_score=0.0)  # every sentence typed: actors are tested here
    doc = nlp.make_doc("Russia threatened to cut gas supplies to Ukraine.")
    doc._.published = "2020-01-01"
    doc = nlp(doc)
    ev = doc._.events[0]
    assert ev.type == "THREATEN"
    assert ev.source.text == "Russia"


def test_quoted_speech_holds_no_event(events_nlp):
    doc = events_nlp("“Fighting is the only way,” he said.")
    assert doc._.events == []


def test_conflicting_figures_listed_side_by_side(events_nlp):
    text = ("Soldiers committed crimes against more than a dozen protesters in Gaza. "
            "On Friday the troops opened fire on the march, killing 18.")
    doc = events_nlp.make_doc(text)
    doc._.published = "2018-04-06"
    doc = events_nlp(doc)
    assert len(doc._.figure_conflicts) == 1
    conflict = doc._.figure_conflicts[0]
    assert [f.text for f in conflict.figures] == ["more than a dozen", "18"]
    assert [s.text for s in conflict.sentences] == [s.text.strip() for s in doc.sents]


def test_no_conflict_for_different_places_or_one_sentence():
    def claim(v, s, place):
        return Claim("fatalities", Count(value=v, text=str(v), start=s, end=s + 2),
                     Span(start=s, end=s + 10, text="x"), "2020-01-01", place)
    assert find_conflicts([claim(5, 0, "Kabul"), claim(7, 20, "Herat")]) == []
    assert find_conflicts([claim(5, 0, "Kabul"), claim(7, 0, "Kabul")]) == []
    assert find_conflicts([claim(5, 0, "Kabul"), claim(7, 20, None)]) == []  # a place against none: not the same
    assert len(find_conflicts([claim(5, 0, "Kabul"), claim(7, 20, "Kabul")])) == 1


def _claim(kind, value, text, index, place="Gaza", date=None, qualifier="exact"):
    return Claim(kind, Count(value=value, qualifier=qualifier, text=text, start=index * 100, end=index * 100 + 5),
                 Span(start=index * 100, end=index * 100 + 50, text=f"sentence {index}"), date, place, index=index)


def test_a_vague_quantifier_never_conflicts_with_a_number():
    assert find_conflicts([_claim("fatalities", None, "many", 0, qualifier="unspecified"),
                           _claim("fatalities", 25, "25", 1)]) == []
    assert find_conflicts([_claim("fatalities", 24, "dozens", 0, qualifier="at least"),
                           _claim("fatalities", 25, "about 25", 1, qualifier="about")]) == []
    assert find_conflicts([_claim("size", 3, "several", 0, qualifier="at least"),
                           _claim("size", None, "many", 1, qualifier="unspecified")]) == []
    # a number written in words is no vague quantifier: the seed's two counts still conflict
    [found] = find_conflicts([_claim("victims", 13, "more than a dozen", 0, qualifier="at least"),
                              _claim("fatalities", 18, "18", 1)])
    assert [f.text for f in found.figures] == ["more than a dozen", "18"]


def test_figures_conflict_only_within_one_kind_one_place_one_date():
    arrested, killed = _claim("arrested", 12, "12", 0), _claim("fatalities", 18, "18", 1)
    assert find_conflicts([arrested, killed]) == []
    assert find_conflicts([_claim("injured", 40, "40", 0), killed]) == []
    [found] = find_conflicts([arrested, _claim("arrested", 15, "15", 1)])
    assert found.about.startswith("people arrested")
    on_monday = _claim("fatalities", 5, "5", 0, date="2021-03-01")
    assert find_conflicts([on_monday, _claim("fatalities", 7, "7", 1, date="2021-03-04")]) == []
    assert len(find_conflicts([on_monday, _claim("fatalities", 7, "7", 1, date="2021-03-01")])) == 1
    assert find_conflicts([on_monday, _claim("fatalities", 7, "7", 1, place="Rafah", date="2021-03-01")]) == []


def test_isotonic_calibration_keeps_every_difference_in_the_order():
    """A step function would tie whole runs of sentences and throw away the detector's order among them
    (precision at a given recall drops); the map through the steps' centres rises strictly."""
    import numpy as np

    from newsprism.events import calibration

    rng = np.random.default_rng(1)
    raw = rng.uniform(0, 1, 3000)
    gold = list(rng.uniform(0, 1, 3000) < raw ** 2)
    fitted = calibration.Calibrator("isotonic").fit(list(raw), gold)
    steps = fitted.model.predict(raw)
    assert len(np.unique(steps)) < 100  # the isotonic fit itself is a step function ...
    new = rng.uniform(0.01, 0.99, 500)
    out = fitted(new)
    order = np.argsort(new)
    assert np.all(np.diff(out[order]) > 0)  # ... the calibrator rises strictly between any two scores
    assert abs(float(np.mean(fitted(raw))) - float(np.mean(gold))) < 0.02  # and still says how many are events
    assert np.all((out >= calibration.FLOOR) & (out <= 1 - calibration.FLOOR))


def test_calibration_makes_scores_mean_what_they_say():
    import numpy as np

    from newsprism.events import calibration

    rng = np.random.default_rng(0)
    truth = rng.uniform(0, 1, 4000)  # the real chance that a sentence holds an event
    gold = list(rng.uniform(0, 1, 4000) < truth)
    raw = list(truth ** 3)  # an over-cautious score: ranks right, says far too little
    assert calibration.ece(raw, gold) > 0.15
    fitted, chosen = calibration.choose(raw[:2000], gold[:2000])  # fitted on one half (the tuning part) ...
    assert chosen["method"] in calibration.METHODS and set(chosen["cross_validated_ece"]) == set(calibration.METHODS)
    calibrated = list(fitted(raw[2000:]))
    assert calibration.ece(calibrated, gold[2000:]) < 0.05  # ... measured on the other
    order = np.argsort(raw[2000:])  # the map is monotone: it keeps the ranking
    assert np.all(np.diff(np.asarray(calibrated)[order]) >= -1e-9)
    rows = calibration.reliability(calibrated, gold[2000:])
    assert sum(r["n"] for r in rows) == 2000 and all(abs(r["mean_score"] - r["share_events"]) < 0.15 for r in rows
                                                     if r["n"] >= 100)
    text = calibration.table(rows, calibration.ece(calibrated, gold[2000:]), "title")
    assert text.splitlines()[0] == "title" and text.splitlines()[-1].startswith("ECE ")
    assert calibration.reliability([0.05, 0.95, 1.0], [False, True, True]) == [
        {"bin": "0.0-0.1", "n": 1, "mean_score": 0.05, "share_events": 0.0},
        {"bin": "0.9-1.0", "n": 2, "mean_score": 0.975, "share_events": 1.0}]
    assert calibration.ece([0.05, 0.95, 1.0], [False, True, True]) == round((0.05 + 2 * 0.025) / 3, 4)


def test_encoder_heads_learn_from_vectors_and_store_no_linear_model():
    import pickle

    import numpy as np

    from newsprism.events import encoded

    rng = np.random.default_rng(0)
    vectors = rng.normal(size=(400, encoded.DIM)).astype(np.float32)
    is_event = list(vectors[:, 0] > 0.5)  # one direction of the space holds the events
    linear = list(rng.uniform(0.2, 0.8, 400))  # an uninformative linear score, stacked
    model = encoded.EncoderEventDetector(C=1.0, stack=True).fit_decision(vectors, linear, is_event, [1.0] * 400)
    scores = model.scores(vectors, linear)
    assert len(scores) == 400 and all(0.0 <= p <= 1.0 for p in scores)
    assert np.mean([p >= 0.5 for p in scores] == np.asarray(is_event)) > 0.9
    types = ["FIGHT" if v[1] > 0 else "PROTEST" for v in vectors]
    model.fit_typer(vectors, np.zeros((400, 3)), types, [1.0] * 400)
    assert np.mean(np.asarray(model.types(vectors, np.zeros((400, 3)))) == np.asarray(types)) > 0.9
    plain = encoded.EncoderEventDetector(stack=False).fit_decision(vectors, None, is_event, [1.0] * 400)
    assert plain.matrix(vectors, None).shape == (400, encoded.DIM)
    assert model.matrix(vectors, linear).shape == (400, encoded.DIM + 1)
    model.linear = object()  # the linear detector it stacks is stored beside it, not inside it
    assert pickle.loads(pickle.dumps(model)).linear is None


def test_score_matches_shared_scorer_logic():
    gold = {"1": "A", "2": "A", "3": "B", "4": "C"}
    got = score(gold, {"1": "A", "2": "B", "3": "B"})
    assert got["accuracy"] == 0.5 and got["unanswered"] == 1
    assert got["macro"] == round((2 / 3 + 2 / 3 + 0) / 3, 3)


def test_conflicts_across_articles():
    from newsprism.events.conflicts import across_articles
    from newsprism.schema import Analysis, ArticleMeta, Event, Location

    def analysis(ident, value, text):
        ev = Event(type="ASSAULT", date="2018-03-30", location=Location(name="Gaza"),
                   fatalities=Count(value=value, text=text, start=0, end=len(text)),
                   evidence=Span(start=0, end=len(text), text=text))
        return Analysis(article=ArticleMeta(id=ident, text=text), events=[ev])

    found = across_articles([analysis("a", 18, "18"), analysis("b", 16, "16"), analysis("c", 18, "18")])
    assert len(found) == 1 and [f.value for f in found[0].figures] == [18, 16, 18]  # every report, none picked
    assert "(articles a, b, c)" in found[0].about
    assert across_articles([analysis("a", 18, "18"), analysis("c", 18, "18")]) == []


def test_detection_figures_and_threshold():
    from newsprism.events.evaluation import detection, typed
    from newsprism.events.training import choose_threshold

    scores = [0.9, 0.8, 0.7, 0.6, 0.5, 0.4]
    gold = [True, True, False, True, False, True]
    got = detection(scores, gold, 0.6)
    assert (got["precision"], got["recall"], got["events"]) == (0.75, 0.75, 4)
    assert (got["precision_at_recall_0.5"], got["its_threshold"]) == (1.0, 0.8)
    # F1 by threshold: 0.9 0.4, 0.8 0.667, 0.7 0.571, 0.6 0.75, 0.5 0.667, 0.4 0.8: the best at 0.4
    assert choose_threshold(scores, gold) == 0.4
    assert choose_threshold(scores, [True, True, False, False, False, False]) == 0.8  # F1 1.0 there
    assert choose_threshold([0.9, 0.8], [False, False]) == 0.5  # no events: the detector's default
    t = typed(["ASSAULT", "NONE", "DEMAND", "COERCE"], ["ASSAULT", "FIGHT", "NONE", "ARREST"])
    assert (t["correct"], t["precision"], t["recall"]) == (1, round(1 / 3, 3), round(1 / 3, 3))


def _parsed(words, heads, deps, lemmas, pos):
    """A Doc parsed by hand: `heads` as absolute indices (the root its own head)."""
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

    return Doc(Vocab(), words=words, heads=heads, deps=deps, lemmas=lemmas, pos=pos, sent_starts=[True] + [False] * (len(words) - 1))


def test_the_encoder_reads_a_reported_event_at_its_own_verb():
    from newsprism.events import detector, encoded

    # "Khan was detained by the Rangers , officials said ." : the root is "said", the event "detained"
    words = ["Khan", "was", "detained", "by", "the", "Rangers", ",", "officials", "said", "."]
    doc = _parsed(words, [2, 2, 8, 2, 5, 3, 8, 8, 8, 8],
                  ["nsubjpass", "auxpass", "ccomp", "agent", "det", "pobj", "punct", "nsubj", "ROOT", "punct"],
                  ["Khan", "be", "detain", "by", "the", "Rangers", ",", "official", "say", "."],
                  ["PROPN", "AUX", "VERB", "ADP", "DET", "PROPN", "PUNCT", "NOUN", "VERB", "PUNCT"])
    sent = doc[:]
    assert detector.predicate(sent).text == "detained"
    assert [t.text for t in encoded.pool_tokens(sent, "root")] == ["said"]
    assert [t.text for t in encoded.pool_tokens(sent, "predicate")] == ["detained"]
    assert [t.text for t in encoded.pool_tokens(sent, "subject")] == ["Khan"]  # the reported clause's subject
    assert "detained" in [t.text for t in encoded.pool_tokens(sent, "cue")]
    # a sentence with no reporting verb is read at its root; no subject: the predicate stands in
    plain = _parsed(["Police", "arrested", "him", "."], [1, 1, 1, 1], ["nsubj", "ROOT", "dobj", "punct"],
                    ["police", "arrest", "he", "."], ["NOUN", "VERB", "PRON", "PUNCT"])[:]
    assert detector.predicate(plain).text == "arrested"
    bare = _parsed(["Arrested", "."], [0, 0], ["ROOT", "punct"], ["arrest", "."], ["VERB", "PUNCT"])[:]
    assert [t.text for t in encoded.pool_tokens(bare, "subject")] == ["Arrested"]
    with pytest.raises(ValueError):
        encoded.pool_tokens(plain, "sideways")


def test_sentence_vectors_join_the_pools_from_the_one_pass():
    import numpy as np

    import newsprism.encoder.doc  # noqa: F401  registers doc._.encoding
    from newsprism.encoder.run import Encoding
    from newsprism.events import encoded

    doc = _parsed(["Police", "arrested", "him", "."], [1, 1, 1, 1], ["nsubj", "ROOT", "dobj", "punct"],
                  ["police", "arrest", "he", "."], ["NOUN", "VERB", "PRON", "PUNCT"])
    hidden = np.zeros((4, encoded.DIM), dtype=np.float16)
    hidden[:, 0] = [1, 2, 3, 4]  # one state per word, told apart by their first value
    doc._.encoding = Encoding(np.array([[0, 6], [7, 15], [16, 19], [19, 20]]), np.zeros(4, dtype=np.float32), hidden,
                              np.zeros(4, dtype=np.int64))
    got = encoded.sentence_vectors(doc, [doc[:]], ("mean", "root", "subject"))
    assert got.shape == (1, 3 * encoded.DIM)
    assert [got[0, k * encoded.DIM] for k in range(3)] == [2.5, 2.0, 1.0]  # mean of all; "arrested"; "Police"


def test_blended_typer_averages_the_linear_typers_probabilities():
    import numpy as np

    from newsprism.events import encoded

    rng = np.random.default_rng(1)
    vectors = rng.normal(size=(300, encoded.DIM)).astype(np.float32)
    types = np.where(vectors[:, 1] > 0, "FIGHT", "PROTEST")
    model = encoded.EncoderEventDetector(type_C=1.0).fit_decision(vectors, [0.5] * 300, list(vectors[:, 0] > 0), [1.0] * 300)
    model.fit_typer(vectors, np.zeros((300, 2)), list(types), [1.0] * 300)
    assert list(model.typer.classes_) == ["FIGHT", "PROTEST"]
    sure = np.tile([[0.0, 1.0]], (300, 1))  # a linear typer certain of PROTEST outvotes a less certain head
    alone = model.types(vectors, np.zeros((300, 2)))
    assert np.mean(np.asarray(alone) == types) > 0.9
    blended = model.types(vectors, np.zeros((300, 2)), sure)
    probs = model.type_probabilities(vectors, np.zeros((300, 2)))
    assert blended == ["FIGHT" if (p[0] + 0.0) / 2 > (p[1] + 1.0) / 2 else "PROTEST" for p in probs]
    assert set(blended) == {"PROTEST"}  # (p + 0) / 2 never beats (1 - p + 1) / 2


def test_a_relayed_material_event_is_coded_not_the_saying():
    from newsprism.events.component import relayed_type

    words = ["Khan", "was", "detained", "by", "the", "Rangers", ",", "officials", "said", "."]
    heads = [2, 2, 8, 2, 5, 3, 8, 8, 8, 8]
    deps = ["nsubjpass", "auxpass", "ccomp", "agent", "det", "pobj", "punct", "nsubj", "ROOT", "punct"]
    pos = ["PROPN", "AUX", "VERB", "ADP", "DET", "PROPN", "PUNCT", "NOUN", "VERB", "PUNCT"]
    lemmas = ["Khan", "be", "detain", "by", "the", "Rangers", ",", "official", "say", "."]
    assert relayed_type(_parsed(words, heads, deps, lemmas, pos)[:]) == "COERCE"
    # the speech act is the event when the reporting verb is itself one ("accused"), or the relayed one is
    accused = lemmas[:8] + ["accuse", "."]
    assert relayed_type(_parsed(words, heads, deps, accused, pos)[:]) is None
    criticised = ["Khan", "be", "criticise"] + lemmas[3:]
    assert relayed_type(_parsed(words, heads, deps, criticised, pos)[:]) is None
    # a negated relayed event is none; a sentence without a reporting verb is left to the typer
    negated = _parsed(["Khan", "was", "not", "detained", ",", "officials", "said", "."], [3, 3, 3, 6, 6, 6, 6, 6],
                      ["nsubjpass", "auxpass", "neg", "ccomp", "punct", "nsubj", "ROOT", "punct"],
                      ["Khan", "be", "not", "detain", ",", "official", "say", "."],
                      ["PROPN", "AUX", "PART", "VERB", "PUNCT", "NOUN", "VERB", "PUNCT"])
    assert relayed_type(negated[:]) is None
    plain = _parsed(["Police", "arrested", "him", "."], [1, 1, 1, 1], ["nsubj", "ROOT", "dobj", "punct"],
                    ["police", "arrest", "he", "."], ["NOUN", "VERB", "PRON", "PUNCT"])
    assert relayed_type(plain[:]) is None


def test_the_default_detector_is_the_named_one_else_the_better_typed_on_tune(monkeypatch):
    from newsprism.events import training

    models = {"linear": {"tune": {"typed": {"f1": 0.38}}}, "encoder": {"tune": {"typed": {"f1": 0.41}}}}
    monkeypatch.setattr(training, "DEFAULT_DETECTOR", None)
    assert training.choose_default(models) == "encoder"
    models["encoder"]["tune"]["typed"]["f1"] = 0.38  # a tie keeps the linear one
    assert training.choose_default(models) == "linear"
    monkeypatch.setattr(training, "DEFAULT_DETECTOR", "linear")
    models["encoder"]["tune"]["typed"]["f1"] = 0.9
    assert training.choose_default(models) == "linear"


def test_encoder_score_mixes_the_linear_logit_by_its_weight():
    import numpy as np

    from newsprism.events import encoded

    head, linear = [0.9, 0.2, 0.5], [0.5, 0.8, 0.1]
    assert list(encoded.mixed(head, linear, 0.0)) == head  # no mix: the head's own probability, untouched
    assert np.allclose(encoded.mixed(head, linear, 1.0), linear, atol=1e-6)
    half = encoded.mixed(head, linear, 0.5)
    assert np.allclose(encoded.logit(half), (encoded.logit(head) + encoded.logit(linear)) / 2)
    assert half[0] < 0.9 and half[1] > 0.2  # pulled toward the linear score
    rng = np.random.default_rng(0)
    vectors = rng.normal(size=(200, encoded.DIM)).astype(np.float32)
    lin = list(rng.uniform(0.05, 0.95, 200))
    model = encoded.EncoderEventDetector(C=1.0, stack=True).fit_decision(vectors, lin, list(vectors[:, 0] > 0), [1.0] * 200)
    alone = model.raw_scores(vectors, lin)
    model.mix = 0.25
    assert np.allclose(model.raw_scores(vectors, lin), encoded.mixed(alone, lin, 0.25))


def test_non_linear_heads_average_their_logits_and_read_cue_columns():
    import pickle

    import numpy as np

    from newsprism.events import encoded

    rng = np.random.default_rng(2)
    vectors = rng.normal(size=(400, encoded.DIM)).astype(np.float32)
    is_event = list(vectors[:, 0] > 0.5)
    linear = [0.5] * 400
    cue = list(rng.uniform(size=400) < 0.5)  # the trees' only way to the answer on the flipped half: the cue column
    is_event = [e if c else not e for e, c in zip(is_event, cue)]
    feats = [{"bias": 1.0, "w=riot": 1.0, **({"cue=PROTEST": 1.0} if c else {})} for c in cue]
    model = encoded.EncoderEventDetector(C=1.0).fit_decision(vectors, linear, is_event, [1.0] * 400)
    model.fit_partners(vectors, linear, is_event, [1.0] * 400, feats)
    assert list(model.cue_vectorizer.get_feature_names_out()) == ["bias", "cue=PROTEST"]  # lemmas left out
    model.heads = ("logistic", "bag", "boost")  # the attention head has a test of its own
    probs = model.head_probabilities(vectors, linear, feats)
    assert set(probs) == set(model.heads)
    assert np.mean((probs["boost"] >= 0.5) == np.asarray(is_event)) > 0.9  # vector and cue column together
    both = encoded.averaged(probs, ("logistic", "bag"))
    expect = 1 / (1 + np.exp(-(encoded.logit(probs["logistic"]) + encoded.logit(probs["bag"])) / 2))
    assert np.allclose(both, expect) and list(encoded.averaged(probs, ("bag",))) == list(probs["bag"])
    assert np.allclose(model.raw_scores(vectors, linear, feats), encoded.averaged(probs, model.heads))
    with pytest.raises(ValueError, match="feats"):
        model.raw_scores(vectors, linear)
    model.heads = ("logistic", "bag")  # without the trees, no features needed
    assert np.allclose(model.raw_scores(vectors, linear), both)
    again = pickle.loads(pickle.dumps(model))
    assert np.allclose(again.raw_scores(vectors, linear), both)
    assert all(c.dtype == np.float32 for m in again.bag.members for c in m.coefs_)  # stored at half size


def _attention_head(types=("FIGHT", "PROTEST"), width=8, seed=0):
    """An attention head of random parameters in the tone head's shape (one member), for the numpy paths."""
    import numpy as np

    from newsprism.events import attend
    from newsprism.encoder.attention import INPUT, MAX_DISTANCE
    from newsprism.encoder.syntax import BUCKETS

    rng = np.random.default_rng(seed)
    shapes = {"ln_g": (INPUT,), "ln_b": (INPUT,), "proj_w": (INPUT, width), "proj_b": (width,), "tag": (2, width),
              "pos": (2 * MAX_DISTANCE + 1, width), "syn": (BUCKETS, width), "query_w": (2 * width, width),
              "query_b": (width,), "hidden_w": (3 * width, width), "hidden_b": (width,),
              "out_w": (width, 1 + len(types)), "out_b": (1 + len(types),)}
    params = {k: rng.normal(scale=0.3, size=(1, *s)).astype(np.float32) for k, s in shapes.items()}
    return attend.EventHead(params, tuple(types))


def test_attention_head_batches_as_it_judges_one_sentence_and_types_sum_to_one():
    import numpy as np

    from newsprism.encoder.attention import Item

    rng = np.random.default_rng(1)
    head = _attention_head()
    items = []
    for n in (3, 9, 1, 40, 9):  # sentences of unlike lengths, padded together
        inside = np.zeros(n, bool)
        inside[n // 2] = True
        items.append(Item(rng.normal(size=(n, 768)).astype(np.float32), inside, rng.integers(0, 8, n)))
    import pickle

    together = head.outputs(items)
    assert np.array_equal(pickle.loads(pickle.dumps(head)).outputs(items), together)  # stored as float16, as measured
    alone = np.vstack([head.outputs([it]) for it in items])
    assert together.shape == (5, 3) and np.allclose(together, alone, atol=1e-5)
    p = head.event_probabilities(items)
    assert np.all((p > 0) & (p < 1))
    probs = head.type_probabilities(items, np.array(["FIGHT", "PROTEST", "AGREE"]))
    assert np.allclose(probs.sum(1), 1.0) and np.all(probs[:, 2] == 0)  # no output for AGREE: probability 0


def test_attention_heads_averaged_give_the_mean_of_their_outputs():
    import numpy as np

    from newsprism.encoder.attention import Item
    from newsprism.events import attend

    rng = np.random.default_rng(2)
    items = [Item(rng.normal(size=(n, 768)).astype(np.float32), np.arange(n) == 0, rng.integers(0, 8, n))
             for n in (4, 7)]
    members = [_attention_head(seed=k) for k in range(3)]
    both = attend.EventHead.averaged(members)
    assert both.params["proj_w"].shape[0] == 3 and both.types == members[0].types
    assert np.allclose(both.outputs(items), np.mean([m.outputs(items) for m in members], axis=0), atol=1e-4)
    assert not np.allclose(members[0].outputs(items), members[1].outputs(items))  # the members differ


@pytest.mark.slow
def test_attention_head_reads_the_predicate_of_each_sentence():
    import numpy as np

    from newsprism.events import attend
    from newsprism.encoder.attention import Item

    class Enc:  # what `encoding_of` keeps on a doc: wordpiece offsets, states and ids
        def __init__(self, text):
            import re

            spans = [m.span() for m in re.finditer(r"\S+", text)]
            self.offsets = np.array(spans, dtype=np.int64)
            self.hidden = np.ones((len(spans), 384), np.float16)
            self.ids = np.arange(len(spans), dtype=np.int64)
            self.inside = np.zeros(len(spans))

    from newsprism.events.data import full_parser

    doc = full_parser()("Police arrested two men on Friday. The mayor said the council approved the plan.")
    doc._.encoding = Enc(doc.text)
    sents = list(doc.sents)
    items = attend.sentence_items(doc, sents)
    assert [type(it) for it in items] == [Item, Item]
    marked = [[w for w, m in zip(s.text.split(), it.inside) if m] for s, it in zip(sents, items)]
    assert marked == [["arrested"], ["approved"]]  # the reported clause's verb, not "said"
    assert items[1].syntax[items[1].inside].tolist() == [0]


def test_attention_batches_keep_a_long_sentence_from_padding_others():
    """A sentence of thousands of wordpieces (a run of 10,000 apostrophes) is judged in a batch of its own, not
    padded with 31 others (hundreds of MB); sentences of a window's length are batched 32 at a time."""
    from newsprism.events import attend

    lengths = [12] * 40 + [10_000] + [300] * 30
    order = sorted(range(len(lengths)), key=lambda i: lengths[i])
    batches = list(attend.batches(order, lengths))
    assert sorted(i for b in batches for i in b) == list(range(len(lengths)))  # each sentence once
    assert len(batches[0]) == attend.BATCH and all(len(b) <= attend.BATCH for b in batches)
    assert batches[-1] == [40]  # the long one alone
    assert all(len(b) * max(lengths[i] for i in b) <= attend.BATCH_CELLS for b in batches[:-1])
    assert len(batches[1]) == attend.BATCH_CELLS // 300  # 8 short ones and the 300s up to the padded budget
