"""End to end in a real headless Chromium (Debian's, driven by Playwright; no browser download): open an
article, click a quote and see its speaker, search, analyse pasted text, and check that a hostile article
runs none of its markup. Screenshots are kept in test-output/.

Skips with the reason when Playwright or /usr/bin/chromium is missing (scripts/install-chromium.sh installs it).
"""

from __future__ import annotations

import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed (pip install '.[test]')")
CHROMIUM = Path("/usr/bin/chromium")
pytestmark = pytest.mark.skipif(
    shutil.which(str(CHROMIUM)) is None,
    reason=f"{CHROMIUM} is absent: run scripts/install-chromium.sh (apt-get install chromium) to run browser tests",
)

import uvicorn  # noqa: E402
from test_web_fixtures import HOSTILE, PLAIN, TOKEN, WebDB, web_db  # noqa: E402,F401  (fixture)

from newsprism.web import create_app  # noqa: E402

OUT = Path(__file__).resolve().parents[1] / "test-output"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="module")
def base_url(web_db: WebDB, nlp) -> Iterator[str]:  # noqa: F811
    """`newsprism serve` on a free port of 127.0.0.1, in a thread, for the length of this module."""
    yield from served(create_app(str(web_db.path), token=TOKEN, nlp=nlp))


def served(app) -> Iterator[str]:  # noqa: ANN001 - the FastAPI app
    """`app` served by uvicorn on a free port of 127.0.0.1 in a thread: yields its URL, stops it after."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline and thread.is_alive(), "the server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    server.should_exit = True
    thread.join(10)
    sock.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[sync_api.Browser]:
    """Debian's Chromium, headless, with no network chatter of its own."""
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: sync_api.Browser) -> Iterator[sync_api.Page]:
    """A fresh page that records console errors (CSP violations among them) and refuses dialogs."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.errors = []  # type: ignore[attr-defined]
    tab.on("console", lambda msg: msg.type == "error" and tab.errors.append(msg.text))  # type: ignore[attr-defined]
    tab.on("pageerror", lambda exc: tab.errors.append(str(exc)))  # type: ignore[attr-defined]
    tab.on("dialog", lambda dialog: (tab.errors.append(f"dialog: {dialog.message}"), dialog.dismiss()))  # type: ignore[attr-defined]
    yield tab
    context.close()


def shot(tab: sync_api.Page, name: str, full_page: bool = False) -> Path:
    """Save a screenshot (the window, or the whole page) under test-output/ and return its path."""
    OUT.mkdir(exist_ok=True)
    path = OUT / name
    tab.screenshot(path=str(path), full_page=full_page)
    assert path.stat().st_size > 10_000
    return path


def test_click_a_quote_and_see_its_speaker(page: sync_api.Page, base_url: str, web_db: WebDB) -> None:  # noqa: F811
    article, speaker = (web_db.seed, "Khamenei") if web_db.seed else (web_db.plain, "Jane Doe")
    page.goto(f"{base_url}/articles/{article}")
    assert page.locator("#text mark[data-items]").count() >= 5
    page.locator("#text mark.quote").first.click()
    detail = page.locator("#detail")
    sync_api.expect(detail).to_contain_text(speaker)
    sync_api.expect(page.locator("#text mark.speaker.active").first).to_be_visible()
    shot(page, "web-article.png")
    shot(page, "web-article-full.png", full_page=True)
    assert page.errors == []  # type: ignore[attr-defined]


def test_clicking_a_panel_item_shows_its_span(page: sync_api.Page, base_url: str, web_db: WebDB) -> None:  # noqa: F811
    page.goto(f"{base_url}/articles/{web_db.plain}")
    item = page.locator('#items [data-item^="a"]', has_text="Kharkiv").first
    item.click()
    active = page.locator("#text mark.active")
    sync_api.expect(active.first).to_be_visible()
    assert set(active.all_inner_texts()) == {"Kharkiv"}
    sync_api.expect(page.locator("#detail")).to_contain_text("Kharkiv")


def test_search_then_open_the_article(page: sync_api.Page, base_url: str) -> None:
    page.goto(f"{base_url}/articles")
    page.fill('input[name="q"]', "shelling Kharkiv")
    page.click('form.search button[type="submit"]')
    rows = page.locator("#results tbody tr")
    sync_api.expect(rows).to_have_count(1)
    shot(page, "web-search.png")
    rows.first.locator("a").click()
    sync_api.expect(page.locator("h1")).to_have_text(PLAIN.title or "")


def test_hostile_article_runs_no_markup(page: sync_api.Page, base_url: str, web_db: WebDB) -> None:  # noqa: F811
    page.goto(f"{base_url}/articles/{web_db.hostile}")
    sync_api.expect(page.locator("h1")).to_have_text(HOSTILE.title or "")
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.locator("#text img, #text script, h1 img, header b").count() == 0
    page.goto(f"{base_url}/articles")
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert [e for e in page.errors if "dialog" in e] == []  # type: ignore[attr-defined]


def test_paste_text_and_see_the_analysis(page: sync_api.Page, base_url: str) -> None:
    page.goto(f"{base_url}/analyze")
    page.fill("textarea[name=text]", '"The bridge will reopen next week," said Nadia Petrova, the city engineer.')
    page.click("form.paste button[type=submit]")
    sync_api.expect(page.locator(".note")).to_contain_text("not stored")
    page.locator("#items .quote-item").first.click()
    sync_api.expect(page.locator("#detail")).to_contain_text("Nadia Petrova")
    assert page.errors == []  # type: ignore[attr-defined]
