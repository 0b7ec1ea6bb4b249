"""The store: analyses saved once, reloaded whole, batches all-or-nothing, tables exported as CSV and JSONL."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
import subprocess
import sys
from dataclasses import asdict, replace
from pathlib import Path

import pytest
from sqlalchemy import event

from newsprism.schema import (
    Actor,
    Analysis,
    ArticleMeta,
    Count,
    Entity,
    Event,
    FigureConflict,
    FramingSpan,
    Location,
    Quote,
    Span,
    Tone,
    Voice,
)
from newsprism.store import TABLES, Store, StoreError, export

REPO = Path(__file__).resolve().parents[1]


def span(text: str, part: str, after: int = 0) -> Span:
    """The span of `part` in `text` (searching from `after`), so offsets in fixtures are always right."""
    start = text.index(part, after)
    return Span(start=start, end=start + len(part), text=part)


def count(text: str, part: str, value: int, qualifier: str = "exact") -> Count:
    """A figure as stated at `part` in `text`."""
    s = span(text, part)
    return Count(value=value, qualifier=qualifier, text=part, start=s.start, end=s.end)


def make_analysis(article_id: str, speaker: str = "Jane Doe", city: str = "Kharkiv") -> Analysis:
    """A small but complete analysis: two entities, two quotes, one event, framing and a figure conflict."""
    text = (
        f'"The shelling went on all night," said {speaker}, the mayor. '
        f"Officials said 12 people were killed in {city}; medics put the toll at about 15. "
        f"{speaker} called the attackers terrorists."
    )
    return Analysis(
        article=ArticleMeta(
            id=article_id,
            title=f"Shelling in {city}",
            published="2024-05-02",
            source="Example News",
            url=f"https://example.org/{article_id}",
            text=text,
        ),
        entities=[
            Entity(
                id="e1",
                name=speaker,
                type="PERSON",
                country="UKR",
                mentions=[span(text, speaker), span(text, speaker, text.index(speaker) + 1)],
                labels=[span(text, "the mayor")],
            ),
            Entity(id="e2", name=city, type="GPE", country="UKR", mentions=[span(text, city)]),
        ],
        quotes=[
            Quote(
                kind="direct",
                content=span(text, "The shelling went on all night,"),
                cue=span(text, "said"),
                speaker=span(text, speaker),
                speaker_entity="e1",
                speaker_name=speaker,
            ),
            Quote(kind="indirect", content=span(text, "12 people were killed"), cue=span(text, "said", 60)),
        ],
        events=[
            Event(
                type="ASSAULT",
                mode="aerial",
                acled_type="Explosions/Remote violence",
                source=Actor(text="the attackers", start=text.index("the attackers"),
                             end=text.index("the attackers") + len("the attackers")),
                target=Actor(entity="e2", name=city, country="UKR"),
                location=Location(name=city, country="UKR", lat=49.99, lon=36.23, text=city),
                date="2024-05-01",
                date_text="all night",
                fatalities=count(text, "12", 12),
                injured=None,
                evidence=span(text, f"12 people were killed in {city}"),
            )
        ],
        framing=[FramingSpan(technique="Name_Calling,Labeling", score=0.91, **asdict(span(text, "terrorists")))],
        tone=[Tone(entity="e1", mention=span(text, speaker), polarity=0, score=0.8,
                   voice=Voice(kind="quote", speaker_entity="e1", speaker_name=speaker))],
        figure_conflicts=[
            FigureConflict(about="killed", figures=[count(text, "12", 12), count(text, "about 15", 15, "about")])
        ],
    )


@pytest.fixture
def store(tmp_path: Path):
    """A fresh store in a temporary file, closed after the test."""
    with Store(str(tmp_path / "news.db")) as s:
        yield s


def test_save_and_load_round_trip(store: Store) -> None:
    first, second = make_analysis("a1"), make_analysis("a2", speaker="Oleh Syniehubov", city="Odesa")
    assert store.save([first, second]) == 2
    assert store.load("a1") == first
    assert store.load("a2") == second
    assert store.load("missing") is None
    assert {t: store.count(t) for t in TABLES} == {
        "articles": 2, "entities": 4, "quotes": 4, "events": 2, "framing": 2, "tone": 2, "figure_conflicts": 2,
    }


def test_rows_flatten_the_analysis(store: Store) -> None:
    analysis = make_analysis("a1")
    store.save([analysis])
    text = analysis.article.text
    (event_row,) = store.rows("events")
    assert event_row["source_actor"] == "the attackers"
    assert (event_row["target_actor"], event_row["target_country"]) == ("Kharkiv", "UKR")
    assert (event_row["place"], event_row["lat"], event_row["lon"]) == ("Kharkiv", 49.99, 36.23)
    assert (event_row["fatalities"], event_row["fatalities_qualifier"]) == (12, "exact")
    assert event_row["injured"] is None
    assert text[event_row["evidence_start"] : event_row["evidence_end"]] == event_row["evidence"]
    quote_rows = list(store.rows("quotes"))
    assert [q["idx"] for q in quote_rows] == [0, 1]
    assert text[quote_rows[0]["content_start"] : quote_rows[0]["content_end"]] == quote_rows[0]["content"]
    assert quote_rows[1]["speaker"] is None and quote_rows[1]["cue_start"] == text.index("said", 60)
    entity_rows = list(store.rows("entities"))
    assert entity_rows[0]["mentions"] == [asdict(m) for m in analysis.entities[0].mentions]
    (conflict,) = store.rows("figure_conflicts")
    assert [f["value"] for f in conflict["figures"]] == [12, 15]


def test_saving_again_stores_nothing_twice(store: Store) -> None:
    a1, a2, a3 = make_analysis("a1"), make_analysis("a2"), make_analysis("a3")
    assert store.save([a1, a2, a1]) == 2  # a repeat inside the batch is skipped too
    assert store.save([a1, a2]) == 0
    assert store.save([a2, a3]) == 1
    assert store.save([]) == 0
    assert store.known_ids(["a1", "a3", "nope"]) == {"a1", "a3"}
    assert store.count("articles") == 3
    assert store.count("quotes") == 6


def test_repeated_entity_id_does_not_break_the_batch(store: Store) -> None:
    analysis = make_analysis("a1")
    analysis.entities.append(replace(analysis.entities[0], name="duplicate"))
    assert store.save([analysis]) == 1
    assert [e["name"] for e in store.rows("entities")] == ["Jane Doe", "Kharkiv"]
    assert store.load("a1") == analysis  # the full analysis keeps everything


def test_failing_batch_leaves_nothing_half_stored(store: Store) -> None:
    store.save([make_analysis("a1")])
    before = {t: store.count(t) for t in TABLES}

    def fail_on_events(conn, cursor, statement, parameters, context, executemany) -> None:
        if statement.startswith("INSERT INTO events"):
            raise RuntimeError("disk on fire")

    event.listen(store.engine, "before_cursor_execute", fail_on_events)
    with pytest.raises(RuntimeError, match="disk on fire"):
        store.save([make_analysis("a2"), make_analysis("a3")])  # articles, entities, quotes already written
    event.remove(store.engine, "before_cursor_execute", fail_on_events)

    assert {t: store.count(t) for t in TABLES} == before
    assert store.known_ids(["a1", "a2", "a3"]) == {"a1"}
    assert store.save([make_analysis("a2")]) == 1  # the store is still usable


def test_database_error_is_reported_as_store_error(store: Store) -> None:
    store.save([make_analysis("a1")])
    with sqlite3.connect(store.engine.url.database) as raw:
        raw.execute("DROP TABLE framing")
    with pytest.raises(StoreError, match="none of them was stored"):
        store.save([make_analysis("a2")])
    assert store.known_ids(["a2"]) == set()


CRASH_SCRIPT = """
import os, sys
from sqlalchemy import event
sys.path.insert(0, sys.argv[2])
from tests.test_store import make_analysis
from newsprism.store import Store
store = Store(sys.argv[1])
store.save([make_analysis("a1")])
def die(conn, cursor, statement, *rest):
    if statement.startswith("INSERT INTO framing"):
        os._exit(3)
event.listen(store.engine, "before_cursor_execute", die)
store.save([make_analysis("a2"), make_analysis("a3")])
"""


@pytest.mark.slow  # runs and kills a process
def test_process_killed_mid_save_keeps_earlier_batches(tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    done = subprocess.run([sys.executable, "-c", CRASH_SCRIPT, str(db), str(REPO)], capture_output=True, text=True)
    assert done.returncode == 3, done.stderr
    with Store(str(db)) as store:
        assert store.known_ids(["a1", "a2", "a3"]) == {"a1"}
        assert store.load("a1") == make_analysis("a1")
        assert store.count("quotes") == 2
    with sqlite3.connect(db) as raw:
        assert raw.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_sqlite_settings_and_integrity(store: Store) -> None:
    store.save([make_analysis("a1"), make_analysis("a2")])
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
        assert conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall() == []
        indexes = {row[1] for row in conn.exec_driver_sql("PRAGMA index_list(quotes)")}
        assert "ix_quotes_article_id" in indexes
        assert conn.exec_driver_sql("SELECT value FROM meta WHERE key = 'schema_version'").scalar() == "1"


def test_url_and_path_open_the_same_database(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "news.db"  # missing folders are created
    with Store(str(path)) as s:
        s.save([make_analysis("a1")])
    with Store(f"sqlite:///{path}") as s:
        assert s.known_ids(["a1"]) == {"a1"}


def test_export_csv_round_trip(store: Store) -> None:
    analyses = [make_analysis("a1"), make_analysis("a2", city="Odesa")]
    store.save(analyses)
    out = io.StringIO()
    assert export(store, "events", "csv", out) == 2
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert [r["article_id"] for r in rows] == ["a1", "a2"]
    assert [r["place"] for r in rows] == ["Kharkiv", "Odesa"]
    assert float(rows[0]["lat"]) == 49.99 and int(rows[0]["fatalities"]) == 12
    assert rows[0]["injured"] == ""  # None is an empty cell
    out = io.StringIO()
    export(store, "entities", "csv", out)
    first = next(csv.DictReader(io.StringIO(out.getvalue())))
    assert json.loads(first["mentions"]) == [asdict(m) for m in analyses[0].entities[0].mentions]


def test_export_jsonl_round_trip(store: Store) -> None:
    analyses = [make_analysis("a1"), make_analysis("a2")]
    store.save(analyses)
    out = io.StringIO()
    assert export(store, "quotes", "jsonl", out) == 4
    records = [json.loads(line) for line in out.getvalue().splitlines()]
    assert records == list(store.rows("quotes", with_article=True))
    assert records[0]["article_title"] == "Shelling in Kharkiv" and records[0]["article_published"] == "2024-05-02"
    assert records[0]["speaker_name"] == "Jane Doe" and records[1]["speaker_name"] is None


def test_articles_export_leaves_out_the_analysis_unless_asked(store: Store) -> None:
    analysis = make_analysis("a1")
    store.save([analysis])
    out = io.StringIO()
    export(store, "articles", "csv", out)
    (row,) = csv.DictReader(io.StringIO(out.getvalue()))
    assert "analysis" not in row and row["text"] == analysis.article.text
    out = io.StringIO()
    export(store, "articles", "jsonl", out, include_analysis=True)
    assert Analysis.model_validate_json(json.loads(out.getvalue())["analysis"]) == analysis


def test_empty_table_exports_a_header(store: Store) -> None:
    out = io.StringIO()
    assert export(store, "framing", "csv", out) == 0
    assert out.getvalue().strip() == (
        "article_id,article_title,article_source,article_published,idx,technique,start,end,text,score,voice,"
        "speaker_entity,speaker_name"
    )


def test_unknown_table_and_format_are_named(store: Store) -> None:
    out = io.StringIO()
    with pytest.raises(ValueError, match=r"unknown table 'speeches'; choose one of: articles, entities, quotes"):
        export(store, "speeches", "csv", out)
    assert out.getvalue() == ""
    with pytest.raises(ValueError, match="unknown table 'meta'"):
        store.count("meta")
    with pytest.raises(ValueError, match=r"unknown export format 'xlsx'; choose one of: csv, jsonl"):
        export(store, "quotes", "xlsx", out)


def test_summary_counts_speakers(store: Store) -> None:
    store.save([make_analysis("a1"), make_analysis("a2"), make_analysis("a3", speaker="Oleh Syniehubov")])
    assert store.summary() == {
        "articles": 3,
        "quotes": 6,
        "speakers": [("Jane Doe", 2), ("Oleh Syniehubov", 1)],
    }
    assert store.summary(top=1)["speakers"] == [("Jane Doe", 2)]


def test_bad_locations_are_store_errors(tmp_path: Path) -> None:
    not_a_db = tmp_path / "notes.db"
    not_a_db.write_text("just some notes, not a database\n" * 10)
    with pytest.raises(StoreError, match="file is not a database"):
        Store(str(not_a_db))
    with pytest.raises(StoreError, match="is a folder"):
        Store(str(tmp_path))
    with pytest.raises(StoreError, match="cannot use database"):
        Store("nosuchdb://somewhere/db")


def test_unknown_schema_version_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    Store(str(db)).close()
    with sqlite3.connect(db) as raw:
        raw.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    with pytest.raises(StoreError, match="schema version 99"):
        Store(str(db))


def test_migrated_schema_matches_the_tables(store: Store) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    from newsprism.store.tables import described, metadata

    with store.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"include_name": described})
        assert context.get_current_revision() == head_revision()
        assert compare_metadata(context, metadata) == []


def head_revision() -> str:
    """The newest Alembic revision this newsprism ships."""
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", str(REPO / "newsprism" / "store" / "migrations"))
    return ScriptDirectory.from_config(config).get_current_head()


def first_release_database(db: Path) -> None:
    """A database as the first releases made it: the first revision's tables, no Alembic version."""
    from alembic import command
    from sqlalchemy import create_engine, text

    from newsprism.store.db import _alembic

    engine = create_engine(f"sqlite:///{db}")
    with engine.begin() as conn:
        command.upgrade(_alembic(conn), "0001")
        conn.execute(text("DROP TABLE alembic_version"))
    engine.dispose()


def test_database_made_before_migrations_is_adopted(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    first_release_database(db)
    with Store(str(db)) as s:
        assert s.save([make_analysis("a1")]) == 1
    with sqlite3.connect(db) as raw:
        assert raw.execute("SELECT version_num FROM alembic_version").fetchall() == [(head_revision(),)]


def test_schema_from_a_newer_release_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    Store(str(db)).close()
    with sqlite3.connect(db) as raw:
        raw.execute("UPDATE alembic_version SET version_num = '0099'")
    with pytest.raises(StoreError, match="schema this newsprism does not know"):
        Store(str(db))


FULLTEXT_OBJECTS = {"fts_articles", "fts_articles_ids", "fts_articles_ai", "fts_articles_ad"}


def sqlite_names(db: Path) -> set[str]:
    """The names of every table, index and trigger of a SQLite database file."""
    with sqlite3.connect(db) as raw:
        return {name for (name,) in raw.execute("SELECT name FROM sqlite_master")}


def found(store: Store, words: str) -> list[str]:
    """The ids of the articles the store's search finds for these words."""
    from newsprism.store.queries import ArticleQuery, search_articles

    return [item["id"] for item in search_articles(store, ArticleQuery(q=words)).items]


def test_fresh_store_has_the_fulltext_index_and_finds_what_it_saved(tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    with Store(str(db)) as s:
        assert FULLTEXT_OBJECTS <= sqlite_names(db)  # made by the migration, before any search or web use
        s.save([make_analysis("a1"), make_analysis("a2", city="Odesa")])
        assert found(s, "odesa shelling") == ["a2"]
        assert sorted(found(s, "Shelling")) == ["a1", "a2"]


def test_store_of_the_previous_revision_gets_the_index_on_open(tmp_path: Path) -> None:
    from alembic import command
    from sqlalchemy import create_engine

    from newsprism.store.db import _alembic

    db = tmp_path / "news.db"
    with Store(str(db)) as s:
        s.save([make_analysis("a1"), make_analysis("a2", city="Odesa")])
    engine = create_engine(f"sqlite:///{db}")
    with engine.begin() as conn:
        command.downgrade(_alembic(conn), "0005")
    engine.dispose()
    assert not FULLTEXT_OBJECTS & sqlite_names(db)  # the downgrade drops the index
    with Store(str(db)) as s:  # written by the release before: its articles are indexed on open
        assert found(s, "Odesa") == ["a2"]
        s.save([make_analysis("a3", city="Kyiv")])
        assert found(s, "kyiv") == ["a3"]


def test_index_an_older_web_server_built_is_kept(tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    with Store(str(db)) as s:
        s.save([make_analysis("a1")])
    with sqlite3.connect(db) as raw:  # the index is there, the revision is the previous one
        raw.execute("UPDATE alembic_version SET version_num = '0005'")
        raw.execute("DROP TABLE watch_items")  # and the tables of later revisions are not there yet
        raw.execute("DROP TABLE watch_feeds")
    with Store(str(db)) as s:
        assert found(s, "Kharkiv") == ["a1"]
    with sqlite3.connect(db) as raw:
        assert raw.execute("SELECT count(*) FROM fts_articles_ids").fetchone() == (1,)


def test_sqlite_without_fts5_gets_every_table_and_search_says_why(tmp_path: Path, monkeypatch) -> None:
    from sqlalchemy.engine import Connection
    from sqlalchemy.exc import OperationalError

    from newsprism.store.queries import ArticleQuery, search_articles

    run = Connection.exec_driver_sql

    def no_fts5(self, statement, *args, **kwargs):  # as a SQLite built without the FTS5 module answers
        if "fts5(" in statement:
            raise OperationalError(statement, None, sqlite3.OperationalError("no such module: fts5"))
        return run(self, statement, *args, **kwargs)

    db = tmp_path / "news.db"
    monkeypatch.setattr(Connection, "exec_driver_sql", no_fts5)
    with Store(str(db)) as s:
        assert not FULLTEXT_OBJECTS & sqlite_names(db)
        assert s.save([make_analysis("a1"), make_analysis("a2")]) == 2  # everything else works
        assert search_articles(s, ArticleQuery(source="Example News")).total == 2
        with pytest.raises(StoreError, match="no full-text index .*FTS5"):
            found(s, "Kharkiv")
    with sqlite3.connect(db) as raw:
        assert raw.execute("SELECT version_num FROM alembic_version").fetchall() == [(head_revision(),)]
