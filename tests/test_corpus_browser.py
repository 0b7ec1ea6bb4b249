"""The corpus view in a real headless Chromium (as tests/test_web_browser.py drives it): from the stories
list to one story, its versions in columns and its disagreeing figures highlighted, then to an actor and
the labels each outlet used. Screenshots are kept in test-output/ (corpus-story.png, corpus-actor.png)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed (pip install '.[test]')")

from corpus_fixtures import actor_corpus, protest_corpus  # noqa: E402
from test_web_browser import CHROMIUM, browser, page, served, shot  # noqa: E402,F401  (fixtures)

from newsprism.store import Store  # noqa: E402
from newsprism.web import create_app  # noqa: E402

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not CHROMIUM.exists(), reason=f"{CHROMIUM} is absent: run scripts/install-chromium.sh"),
]


@pytest.fixture(scope="module")
def corpus_url(tmp_path_factory) -> Iterator[str]:
    """`newsprism serve` over a database of the hand-made corpora, on a free port of 127.0.0.1."""
    db = tmp_path_factory.mktemp("corpus-web") / "corpus.db"
    with Store(str(db)) as store:
        store.save(protest_corpus() + actor_corpus())
    yield from served(create_app(str(db)))


def test_story_versions_side_by_side_with_the_tolls_highlighted(page: sync_api.Page, corpus_url: str) -> None:  # noqa: F811
    page.goto(f"{corpus_url}/stories")
    sync_api.expect(page.locator(".disagree")).to_contain_text("people killed")
    page.locator("table.list a").first.click()
    versions = page.locator(".version")
    sync_api.expect(versions).to_have_count(2)
    first, second = versions.nth(0).bounding_box(), versions.nth(1).bounding_box()
    assert first and second and abs(first["y"] - second["y"]) < 2 and second["x"] > first["x"]  # in columns
    sync_api.expect(page.locator(".version .figure.conflict")).to_have_count(2)
    color = page.locator(".figure.conflict").first.evaluate("e => getComputedStyle(e).backgroundColor")
    assert color != "rgba(0, 0, 0, 0)"  # highlighted by the package's own style sheet
    sync_api.expect(page.locator(".because")).to_contain_text("same place: Lagos")
    assert Path(shot(page, "corpus-story.png", full_page=True)).exists()
    assert page.errors == []  # type: ignore[attr-defined]


def test_actor_page_lists_the_labels_of_each_outlet(page: sync_api.Page, corpus_url: str) -> None:  # noqa: F811
    page.goto(f"{corpus_url}/actors")
    page.get_by_role("link", name="United States").click()
    sync_api.expect(page.locator("h1")).to_contain_text("United States")
    rows = page.locator("table.list").first.locator("tbody tr")
    sync_api.expect(rows).to_have_count(2)
    sync_api.expect(rows.filter(has_text="Wire One")).to_contain_text("“The US”")
    sync_api.expect(rows.filter(has_text="Paper Two")).to_contain_text("America")
    assert Path(shot(page, "corpus-actor.png", full_page=True)).exists()
    assert page.errors == []  # type: ignore[attr-defined]
