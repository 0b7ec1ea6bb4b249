"""The corpus view on hand-made multi-article corpora: one actor per state, person and organisation across
articles, one story per happening across outlets with disagreeing figures flagged and the reasons kept,
quotes beside their events, all linked as articles are stored (and for databases stored before)."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest
from corpus_fixtures import actor_corpus, entity, meta, protest_corpus, search_corpus, span
from sqlalchemy import event as sa_event

from newsprism.store import corpus_views as views
from newsprism.corpus.actors import actor_keys
from newsprism.corpus.stories import Signature, match
from newsprism.schema import Actor, Analysis, Entity, Event, Location, Quote
from newsprism.store import Store


@pytest.fixture
def store(tmp_path: Path):
    with Store(str(tmp_path / "corpus.db")) as s:
        yield s


def actor_of(store: Store, article_id: str, entity_id: str) -> int:
    with sqlite3.connect(store.engine.url.database) as raw:
        (actor,) = raw.execute(
            "SELECT actor_id FROM entities WHERE article_id = ? AND entity_id = ?", (article_id, entity_id)
        ).fetchone()
    return actor


def test_a_state_by_any_of_its_names_is_one_actor(store: Store) -> None:
    store.save(actor_corpus())
    us = {actor_of(store, "us-1", "E1"), actor_of(store, "us-2", "E1"), actor_of(store, "us-3", "E1")}
    assert len(us) == 1
    assert actor_of(store, "us-3", "E2") not in us  # Mexico stays apart
    detail = views.actor_detail(store, us.pop())
    assert (detail.name, detail.country, detail.articles) == ("United States", "USA", 3)
    assert "state:USA" in detail.keys
    assert {"US", "U.S.", "America", "the United States"} <= set(detail.names)
    assert detail.names_by_outlet["Paper Two"]["America"] == 1
    assert detail.labels_by_outlet == {"Wire One": {"The US": 1}}


def test_a_person_by_full_name_and_surname_is_one_actor(store: Store) -> None:
    store.save(actor_corpus()[:1])
    store.save(actor_corpus()[1:])  # a later ingest: the surname joins the full name stored before
    biden = {actor_of(store, "us-1", "E3"), actor_of(store, "us-2", "E4"), actor_of(store, "us-3", "E3")}
    assert len(biden) == 1
    assert actor_of(store, "us-2", "E3") not in biden


def test_surname_shared_by_two_people_joins_neither(store: Store) -> None:
    text = "Joe Biden met Jill Biden. Biden spoke."
    first = Analysis(article=meta("b1", "X", "2024-01-01", text),
                     entities=[entity(text, "E1", "Joe Biden", "PERSON", None),
                               entity(text, "E2", "Jill Biden", "PERSON", None)])
    second = Analysis(article=meta("b2", "X", "2024-01-02", "Biden spoke."),
                      entities=[entity("Biden spoke.", "E1", "Biden", "PERSON", None)])
    store.save([first, second])
    assert len({actor_of(store, "b1", "E1"), actor_of(store, "b1", "E2"), actor_of(store, "b2", "E1")}) == 3


def test_an_abbreviation_stated_in_the_text_joins_the_organisation(store: Store) -> None:
    store.save(actor_corpus())
    assert actor_of(store, "us-1", "E2") == actor_of(store, "us-2", "E2")
    dea = views.actor_detail(store, actor_of(store, "us-1", "E2"))
    assert {"org:drug enforcement administration", "org:dea"} <= set(dea.keys)


def test_keys_of_places_people_and_groups() -> None:
    text = "Lagos and Gaza City; Donald J. Trump; the Muslims."
    assert actor_keys(Entity(id="a", name="Lagos", type="GPE", country="NGA"), text).key.startswith("place:gn")
    assert actor_keys(Entity(id="a", name="Gaza City", type="GPE", country="PSE"), text).key == actor_keys(
        Entity(id="b", name="Gaza", type="GPE", country="PSE"), text).key
    assert actor_keys(Entity(id="a", name="Donald J. Trump", type="PERSON"), text).key == "person:donald trump"
    assert actor_keys(Entity(id="a", name="Israeli", type="NORP", country="ISR"), text).key == "state:ISR"
    assert actor_keys(Entity(id="a", name="Muslims", type="NORP"), text).key == "group:muslims"
    assert actor_keys(Entity(id="a", name="U.S.", type="ORG"), text).key == "state:USA"  # mistagged, still the state
    assert actor_keys(Entity(id="a", name="Chad", type="PERSON"), text).key == "person:chad"
    assert actor_keys(Entity(id="a", name="“”", type="ORG"), text) is None


def test_one_protest_from_two_outlets_is_one_story_with_the_tolls_flagged(store: Store) -> None:
    store.save(protest_corpus())
    (story,) = views.stories(store)
    assert [v.article_id for v in story.versions] == ["lagos-a", "lagos-b"]
    assert story.outlets == ["Daily Wire Service", "Coast Herald"]
    assert story.types == ["ASSAULT", "PROTEST"]
    (conflict,) = story.conflicts
    assert conflict.kind == "fatalities"
    assert [(c.source, c.value, c.qualifier, c.text) for c in conflict.figures] == [
        ("Daily Wire Service", 12, "exact", "12"), ("Coast Herald", 15, "at least", "At least 15"),
    ]
    assert conflict.figures[1].sentence.text.startswith("At least 15 people were killed")
    second = story.versions[1]
    assert second.joined_to == {"article_id": "lagos-a", "idx": 0}
    assert any(r.startswith("same place: Lagos") for r in second.because)
    assert any("compatible" in r for r in second.because)


def test_a_quote_is_listed_with_its_event(store: Store) -> None:
    store.save(protest_corpus())
    (story,) = views.stories(store)
    assert story.versions[0].quotes == []  # the quote is in the next paragraph and its speaker is no source
    text = "Police killed 12 people in Lagos, the governor said on Tuesday."
    told = Analysis(article=meta("q", "X", "2024-06-12", text),
                    quotes=[Quote(kind="indirect", content=span(text, "Police killed 12 people in Lagos"))],
                    events=[Event(type="ASSAULT", location=Location(name="Lagos", country="NGA"),
                                  evidence=span(text, text), date="2024-06-11")])
    store.save([told])
    (story,) = views.stories(store)
    (version,) = [v for v in story.versions if v.article_id == "q"]
    assert [q.content.text for q in version.quotes] == ["Police killed 12 people in Lagos"]
    assert "event's sentence" in version.quotes[0].reason


def test_one_happening_told_by_two_outlets_over_two_days_is_one_story(store: Store) -> None:
    """Each outlet tells the search on two days, by two actors: the days of one article are one story, so the
    two outlets' four events are one story, not a story per day that each holds half of it."""
    store.save(search_corpus())
    (story,) = views.stories(store, min_articles=1)
    assert story.articles == 2 and story.outlets == ["Island Wire", "Harbour Times"]
    assert sorted((v.article_id, v.idx) for v in story.versions) == [
        ("search-a", 0), ("search-a", 1), ("search-b", 0), ("search-b", 1)]
    second_day = next(v for v in story.versions if (v.article_id, v.idx) == ("search-a", 1))
    assert "same article" in second_day.because


def test_a_quote_that_is_the_event_sentence_is_shown_once(store: Store) -> None:
    from fastapi.testclient import TestClient

    from newsprism.web import create_app

    store.save(search_corpus())
    (story,) = views.stories(store)
    quoted = next(v for v in story.versions if v.article_id == "search-b" and v.quotes)
    assert [q.in_sentence for q in quoted.quotes] == [True]
    assert sum(len(v.quotes) for v in story.versions) == 1  # once in the story, however many events it joins
    page = TestClient(create_app(store, token="t")).get(f"/stories/{story.id}").text
    told = re.findall(r"<blockquote>(.*?)</blockquote>|<p class=\"quote\">(.*?)</p>", page, re.S)
    assert sum("We found debris near the island" in "".join(t) for t in told) == 1  # the sentence, not again
    assert "The sentence above quotes Bambang Soelistyo" in page


def test_a_quote_joined_to_two_events_of_one_article_is_listed_once() -> None:
    from newsprism.schema import Span
    from newsprism.store.corpus_views import StoryQuote, Version, _quotes_once

    quote = StoryQuote(kind="direct", content=Span(start=0, end=10, text="0123456789"), reason="r")
    sentence = Span(start=0, end=40, text="x" * 40)
    versions = [Version(article_id=a, idx=i, type="PROTEST", sentence=sentence, quotes=[quote])
                for a, i in (("a", 0), ("a", 1), ("b", 0))]
    _quotes_once(versions)
    assert [len(v.quotes) for v in versions] == [1, 0, 1]  # the other article's quote of the same offsets stays


def test_other_city_and_later_date_open_their_own_stories(store: Store) -> None:
    store.save(protest_corpus())
    with sqlite3.connect(store.engine.url.database) as raw:
        rows = dict(raw.execute("SELECT article_id, story_id FROM story_events").fetchall())
    assert rows["lagos-a"] == rows["lagos-b"]
    assert len({rows["lagos-a"], rows["abuja"], rows["lagos-later"]}) == 3
    assert len(views.stories(store, min_articles=1)) == 3


def test_story_window_is_the_users(tmp_path: Path) -> None:
    with Store(str(tmp_path / "wide.db")) as wide:
        wide.story_days = 20
        wide.save(protest_corpus())
        (story,) = views.stories(wide, min_articles=3)
        assert {v.article_id for v in story.versions} == {"lagos-a", "lagos-b", "lagos-later"}


def test_arrest_of_a_head_of_government_reported_twice_is_one_story(store: Store) -> None:
    one = "Police arrested Prime Minister Imran Khan in Islamabad on Tuesday."
    two = "Former premier Khan was detained by paramilitary forces on Tuesday, his party said."
    analyses = [
        Analysis(article=meta("pk-1", "Outlet A", "2023-05-10", one),
                 entities=[entity(one, "E1", "Imran Khan", "PERSON", "PAK"), entity(one, "E2", "Islamabad", "GPE", "PAK")],
                 events=[Event(type="COERCE", source=Actor(text="Police"), target=Actor(entity="E1", name="Imran Khan"),
                               location=Location(name="Islamabad", country="PAK"), date="2023-05-09",
                               evidence=span(one, one))]),
        Analysis(article=meta("pk-2", "Outlet B", "2023-05-10", two),
                 entities=[entity(two, "E1", "Khan", "PERSON", None)],
                 events=[Event(type="COERCE", target=Actor(entity="E1", name="Khan", text="Former premier Khan"),
                               date="2023-05-09", evidence=span(two, two))]),
    ]
    store.save(analyses)
    (story,) = views.stories(store)
    assert [v.source for v in story.versions] == ["Outlet A", "Outlet B"]
    assert story.versions[1].whom.actor == "Imran Khan" and story.versions[1].whom.words == "Former premier Khan"
    assert "shared actors: Khan" in story.versions[1].because


def test_linking_reads_no_analysis_back(store: Store) -> None:
    """Ingest stays incremental: storing one more article never loads stored analyses."""
    store.save(protest_corpus()[:3])
    seen: list[str] = []
    sa_event.listen(store.engine, "before_cursor_execute",
                    lambda conn, cursor, statement, *args: seen.append(statement))
    store.save(protest_corpus()[3:])
    assert not any("articles.analysis" in s for s in seen)


def test_match_explains_and_refuses() -> None:
    base = Signature(type="ASSAULT", date="2024-06-11", place="place:gn1", place_name="Lagos", country="NGA",
                     actors={1, 2}, principals={1}, actor_names={1: "Police"})
    score, why = match(Signature(type="FIGHT", date="2024-06-12", place="place:gn1", country="NGA", actors={1},
                                 actor_names={1: "Police"}), base, 3)
    assert score > 0 and "shared actors: Police" in why and "date: 1 day apart (2024-06-11, 2024-06-12)" in why
    assert match(Signature(type="AGREE", date="2024-06-11", actors={1}), base, 3) is None  # incompatible types
    assert match(Signature(type="ASSAULT", date="2024-06-20", actors={1}), base, 3) is None  # too far apart
    assert match(Signature(type="ASSAULT", date="2024-06-11", country="GHA", actors={1}), base, 3) is None
    assert match(Signature(type="ASSAULT", date="2024-06-11"), base, 3) is None  # nothing in common
    named = Signature(type="DEMAND", date="2024-06-11", actors={2})
    assert match(named, named, 3) is None  # an actor named in both sentences but neither's source or target


def test_database_stored_before_the_corpus_view_is_linked_when_migrated(tmp_path: Path) -> None:
    from sqlalchemy import create_engine, insert, inspect
    from test_store import first_release_database

    from newsprism.store.rows import analysis_rows
    from newsprism.store.tables import DATA_TABLES

    db = tmp_path / "old.db"
    first_release_database(db)
    engine = create_engine(f"sqlite:///{db}")
    with engine.begin() as conn:
        for analysis in protest_corpus():
            for name, rows in analysis_rows(analysis, "2024-06-12T00:00:00+00:00").items():
                if not rows or not inspect(conn).has_table(name):  # the first release's tables and columns
                    continue
                old = {c["name"] for c in inspect(conn).get_columns(name)}
                conn.execute(insert(DATA_TABLES[name]), [{k: v for k, v in r.items() if k in old} for r in rows])
    engine.dispose()
    with Store(str(db)) as store:
        (story,) = views.stories(store)
        assert {v.article_id for v in story.versions} == {"lagos-a", "lagos-b"}
        assert views.actor_summaries(store)[0].name == "Lagos"


def test_cli_prints_stories_and_actors(tmp_path: Path) -> None:
    import json

    from typer.testing import CliRunner

    from newsprism.console.cli import app

    db = str(tmp_path / "cli.db")
    with Store(db) as s:
        s.save(protest_corpus() + actor_corpus())
    runner = CliRunner()
    done = runner.invoke(app, ["stories", "--db", db, "--format", "jsonl"])
    assert done.exit_code == 0, done.output
    (story,) = [json.loads(line) for line in done.stdout.splitlines()]
    assert story["conflicts"][0]["figures"][1]["text"] == "At least 15"
    table = runner.invoke(app, ["stories", "--db", db])
    assert table.exit_code == 0 and "Figures that disagree" in table.stdout and "Coast Herald" in table.stdout
    actors = [json.loads(line) for line in runner.invoke(app, ["actors", "--db", db, "-f", "jsonl"]).stdout.splitlines()]
    us = next(a for a in actors if a["country"] == "USA" and a["type"] == "GPE")
    assert us["name"] == "United States" and us["articles"] == 3 and {"US", "U.S.", "America"} <= set(us["names"])
    missing = runner.invoke(app, ["actors", "--db", str(tmp_path / "none.db")])
    assert missing.exit_code == 2 and "no database" in missing.output


@pytest.fixture
def client(tmp_path: Path):
    from fastapi.testclient import TestClient

    from newsprism.web import create_app

    db = str(tmp_path / "web.db")
    with Store(db) as s:
        s.save(protest_corpus() + actor_corpus())
    with TestClient(create_app(db)) as c:
        yield c


def test_api_stories_and_actors(client) -> None:
    listed = client.get("/api/stories").json()
    assert listed["total"] == 1 and listed["items"][0]["outlets"] == ["Daily Wire Service", "Coast Herald"]
    story_id = listed["items"][0]["id"]
    story = client.get(f"/api/stories/{story_id}").json()
    assert [f["text"] for f in story["conflicts"][0]["figures"]] == ["12", "At least 15"]
    assert client.get("/api/stories/999").status_code == 404
    assert client.get("/api/stories", params={"min_articles": 1}).json()["total"] == 3
    actors = client.get("/api/actors", params={"limit": 3}).json()
    assert actors["total"] == 9 and len(actors["items"]) == 3
    us = next(a for a in actors["items"] if a["name"] == "United States")
    detail = client.get(f"/api/actors/{us['id']}").json()
    assert {a["article_id"] for a in detail["article_list"]} == {"us-1", "us-2", "us-3"}
    assert detail["labels_by_outlet"] == {"Wire One": {"The US": 1}}
    okafor = next(a for a in client.get("/api/actors").json()["items"] if a["name"] == "Ada Okafor")
    assert client.get(f"/api/actors/{okafor['id']}").json()["quotes"][0]["content"].startswith("They shot")
    assert client.get("/api/actors/999").status_code == 404
    paths = client.get("/api/openapi.json").json()["paths"]
    assert {"/api/stories", "/api/stories/{story_id}", "/api/actors", "/api/actors/{actor_id}"} <= set(paths)


def test_story_and_actor_pages(client) -> None:
    listed = client.get("/stories").text
    assert "Coast Herald" in listed and "disagree: people killed" in listed
    story_id = client.get("/api/stories").json()["items"][0]["id"]
    page = client.get(f"/stories/{story_id}").text
    assert page.count('class="version"') == 2
    assert '<mark class="conflict">At least 15</mark>' in page and 'class="figure conflict"' in page
    assert "same place: Lagos (NGA)" in page
    actors = client.get("/actors").text
    assert "United States" in actors and "“The US” <small>Wire One 1</small>" in actors
    lagos = client.get("/api/actors").json()["items"][0]
    actor_page = client.get(f"/actors/{lagos['id']}").text
    assert "Daily Wire Service" in actor_page and f"/stories/{story_id}" not in actor_page  # Lagos is no source
    assert client.get("/stories/999").status_code == 404


def test_a_place_alone_joins_only_events_on_the_ground() -> None:
    march = Signature(type="PROTEST", date="2024-06-11", place="place:gn1", place_name="Lagos", country="NGA")
    assert match(Signature(type="ASSAULT", date="2024-06-11", place="place:gn1", country="NGA"), march, 3)
    assert match(Signature(type="DEMAND", date="2024-06-11", place="place:gn1", country="NGA"), march, 3) is None


def test_stories_regrouped_with_another_window(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from newsprism.console.cli import app

    db = str(tmp_path / "regroup.db")
    with Store(db) as s:
        s.save(protest_corpus())
        assert {v.article_id for v in views.stories(s)[0].versions} == {"lagos-a", "lagos-b"}
        s.regroup_stories(20)
        (story,) = views.stories(s, min_articles=3)
        assert {v.article_id for v in story.versions} == {"lagos-a", "lagos-b", "lagos-later"}
        s.save([Analysis(article=meta("late", "X", "2024-07-01", "Police fired in Lagos."))])
    done = CliRunner().invoke(app, ["stories", "--db", db, "--story-days", "0", "-f", "jsonl"])
    assert done.exit_code == 0 and len(done.stdout.splitlines()) == 1  # back to the Lagos pair


def test_a_full_name_adopts_the_surname_stored_before_it(store: Store) -> None:
    alone = "Netanyahu spoke in Jerusalem."
    full = "Benjamin Netanyahu met the envoy."
    store.save([Analysis(article=meta("n1", "X", "2024-01-01", alone),
                         entities=[entity(alone, "E1", "Netanyahu", "PERSON", None)])])
    store.save([Analysis(article=meta("n2", "Y", "2024-01-02", full),
                         entities=[entity(full, "E1", "Benjamin Netanyahu", "PERSON", "ISR")])])
    assert actor_of(store, "n1", "E1") == actor_of(store, "n2", "E1")
    assert views.actor_detail(store, actor_of(store, "n1", "E1")).name == "Benjamin Netanyahu"
    other = "Sara Netanyahu spoke."
    store.save([Analysis(article=meta("n3", "Y", "2024-01-03", other),
                         entities=[entity(other, "E1", "Sara Netanyahu", "PERSON", "ISR")])])
    assert actor_of(store, "n3", "E1") != actor_of(store, "n1", "E1")


def test_place_names_the_gazetteer_lacks_do_not_part_events() -> None:
    from newsprism.corpus.actors import place_key

    assert place_key("Lagos State", "NGA") == place_key("Lagos", "NGA")
    police = Signature(type="ASSAULT", date="2024-06-11", place="place:gn1", country="NGA", actors={1}, principals={1})
    nearby = Signature(type="ASSAULT", date="2024-06-11", place="place:ikeja junction|NGA", country="NGA", actors={1})
    elsewhere = Signature(type="ASSAULT", date="2024-06-11", place="place:gn2", country="NGA", actors={1})
    assert match(nearby, police, 3) and match(elsewhere, police, 3) is None


def order_corpus() -> list[Analysis]:
    """Articles whose actors depended on the order of ingest: the UN by its name with the abbreviation
    stated, by its abbreviation alone and by its name alone; Barack Obama given another country by each
    article's default and the United States by what one text says; Biden by full name, by surname, and
    another Biden."""
    def one(aid: str, text: str, *ents: tuple) -> Analysis:
        return Analysis(article=meta(aid, "X", "2024-01-01", text), entities=[
            Entity(id=f"E{i + 1}", name=name, type=type_, country=country, country_source=source,
                   mentions=[span(text, name)]) for i, (name, type_, country, source) in enumerate(ents)])
    return [
        one("un-1", "The United Nations (UN) met.", ("United Nations", "ORG", None, None)),
        one("un-2", "The U.N. said no.", ("U.N.", "ORG", None, None)),
        one("un-3", "The United Nations spoke.", ("United Nations", "ORG", None, None)),
        one("ob-1", "Barack Obama spoke in Damascus.", ("Barack Obama", "PERSON", "SYR", "article")),
        one("ob-2", "Barack Obama spoke in London.", ("Barack Obama", "PERSON", "GBR", "article")),
        one("ob-3", "Barack Obama, the American president, spoke.", ("Barack Obama", "PERSON", "USA", "text")),
        one("ob-4", "Obama left.", ("Obama", "PERSON", None, None)),
        one("bi-1", "Joe Biden spoke.", ("Joe Biden", "PERSON", "USA", "text")),
        one("bi-2", "Biden spoke.", ("Biden", "PERSON", None, None)),
        one("bi-3", "Jill Biden spoke.", ("Jill Biden", "PERSON", "USA", "text")),
    ]


def actors_table(store: Store) -> set:
    """The actors as (name, type, country, articles, the entities they hold): what must not depend on the
    order of ingest (the ids do)."""
    with sqlite3.connect(store.engine.url.database) as raw:
        members: dict[int, set] = {}
        for aid, eid, actor in raw.execute("SELECT article_id, entity_id, actor_id FROM entities"):
            members.setdefault(actor, set()).add((aid, eid))
        return {(name, type_, country, n, frozenset(members.get(i, ())))
                for i, name, type_, country, n in raw.execute("SELECT id, name, type, country, articles FROM actors")}


def test_the_actors_table_does_not_depend_on_the_order_of_ingest(tmp_path: Path) -> None:
    corpus = order_corpus()
    tables = []
    for k, order in enumerate((corpus, corpus[::-1], corpus[3:] + corpus[:3])):
        with Store(str(tmp_path / f"order{k}.db")) as s:
            for analysis in order:  # one ingest per article: evidence comes in that order
                s.save([analysis])
            tables.append(actors_table(s))
    assert tables[0] == tables[1] == tables[2]
    by_member = {m: row for row in tables[0] for m in row[4]}
    assert by_member[("un-1", "E1")] is by_member[("un-2", "E1")] is by_member[("un-3", "E1")]
    obama = by_member[("ob-1", "E1")]
    assert obama[:4] == ("Barack Obama", "PERSON", "USA", 4)  # what a text says beats articles' defaults
    assert by_member[("ob-4", "E1")] is obama  # the one Obama of the corpus
    assert by_member[("bi-2", "E1")] not in (by_member[("bi-1", "E1")], by_member[("bi-3", "E1")])
