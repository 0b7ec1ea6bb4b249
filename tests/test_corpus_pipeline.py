"""The corpus view end to end: hand-made reports from three outlets run through the whole pipeline and
`newsprism ingest`, then read back as stories and actors (slow: loads the spaCy model)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsprism.console.cli import app

pytestmark = pytest.mark.slow

REPORTS = {
    "wire.txt": (
        "date 2024-06-12\ntitle Police fire on fuel protest in Lagos\nsource Daily Wire Service\n\n"
        "Police opened fire on protesters in Lagos on Tuesday, killing 12 people, witnesses said.\n\n"
        'The demonstrators had marched against rising fuel prices. "They shot at us without warning," said '
        "Ada Okafor, a student who joined the march.\n\nThe US embassy said it was following the events closely.\n"
    ),
    "herald.txt": (
        "date 2024-06-12\ntitle Deadly crackdown in Lagos\nsource Coast Herald\n\n"
        "At least 15 people were killed when security forces fired on demonstrators in Lagos on Tuesday, "
        "Amnesty International said.\n\nOkafor, a student, said the police gave no warning. "
        "The United States urged restraint.\n"
    ),
    "times.txt": (
        "date 2024-06-13\ntitle Washington calls for calm in Nigeria\nsource Capital Times\n\n"
        "U.S. Secretary of State Antony Blinken called on Nigeria to respect the right to protest. "
        "Blinken spoke in Washington on Wednesday. America has long backed Nigeria's democracy.\n"
    ),
}


def ingested(tmp_path: Path, reports: dict[str, str]) -> tuple[CliRunner, str]:
    """A runner and the database `newsprism ingest` made of these reports (file name: text)."""
    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in reports.items():
        (folder / name).write_text(text, encoding="utf-8")
    db = str(tmp_path / "news.db")
    runner = CliRunner()
    done = runner.invoke(app, ["ingest", str(folder), "--db", db, "--workers", "1"])
    assert done.exit_code == 0, done.output
    return runner, db


def listed(runner: CliRunner, command: str, db: str) -> list[dict]:
    """The objects `newsprism COMMAND --db DB -f jsonl` prints."""
    return [json.loads(line) for line in runner.invoke(app, [command, "--db", db, "-f", "jsonl"]).stdout.splitlines()]


def test_reports_of_one_protest_become_one_story_and_one_united_states(tmp_path: Path) -> None:
    runner, db = ingested(tmp_path, REPORTS)
    stories = listed(runner, "stories", db)
    deadly = [s for s in stories if s["conflicts"]]
    assert len(deadly) == 1
    (toll,) = deadly[0]["conflicts"]
    assert {(f["source"], f["value"], f["qualifier"]) for f in toll["figures"]} == {
        ("Daily Wire Service", 12, "exact"), ("Coast Herald", 15, "at least"),
    }
    assert all(f["sentence"]["text"] for f in toll["figures"])
    actors = listed(runner, "actors", db)
    (us,) = [a for a in actors if a["country"] == "USA" and a["type"] == "GPE"]
    assert us["articles"] == 3 and us["name"] == "United States"


ARREST = {
    "dawn.txt": (
        "date 2023-05-09\ntitle Imran Khan arrested in Islamabad\nsource Dawn Wire\n\n"
        "Pakistani paramilitary forces arrested former Prime Minister Imran Khan at the Islamabad High Court on "
        "Tuesday, his party said.\n\nKhan's supporters took to the streets in several cities after the arrest.\n"
    ),
    "post.txt": (
        "date 2023-05-10\ntitle Former Pakistani leader detained\nsource Global Post\n\n"
        "Former Pakistani premier Imran Khan was detained by the Rangers in Islamabad on Tuesday, officials said. "
        "Khan has denied the corruption charges against him.\n"
    ),
}


def test_one_arrest_reported_by_two_outlets_is_one_story(tmp_path: Path) -> None:
    runner, db = ingested(tmp_path, ARREST)
    stories = listed(runner, "stories", db)
    arrests = [s for s in stories if "COERCE" in s["types"]]
    assert len(arrests) == 1
    assert {v["source"] for v in arrests[0]["versions"]} == {"Dawn Wire", "Global Post"}
    assert any("Imran Khan" in reason for v in arrests[0]["versions"] for reason in v["because"])
