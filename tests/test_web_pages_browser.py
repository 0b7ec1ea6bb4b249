"""Every page in a real headless Chromium at 1280 and 390 pixels wide (issue 26): nothing runs off the side of
the page, the per-outlet speakers table fits at 1280, the sticky "Nothing selected" box never covers the
article's list when scrolled, the map's offline basemap loads under the page's own Content-Security-Policy,
and no page logs an error. A screenshot of each page at each width is kept in test-output/screenshots/
(ignored by git; the path is printed).

Hand-made analyses only (no spaCy model): outlets with long names, an article with a long list of findings,
a French article stored unanalysed, the protest and actor corpora of the corpus view.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed (pip install '.[test]')")

from corpus_fixtures import actor_corpus, protest_corpus  # noqa: E402
from test_web_browser import CHROMIUM, browser, served  # noqa: E402,F401  (fixture)
from test_web_units import analysis  # noqa: E402
from test_web_users import FRENCH  # noqa: E402

from newsprism import pipeline  # noqa: E402
from newsprism.schema import Analysis, ArticleMeta, Entity, Quote, Span  # noqa: E402
from newsprism.store import Store  # noqa: E402
from newsprism.web import create_app  # noqa: E402

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not CHROMIUM.exists(), reason=f"{CHROMIUM} is absent: run scripts/install-chromium.sh"),
]
SHOTS = Path(__file__).resolve().parents[1] / "test-output" / "screenshots"
WIDTHS = (1280, 390)
OUTLETS = [f"The {name} Evening Chronicle and Broadcasting Corporation" for name in
           ("Northern", "Southern", "Eastern", "Western", "Central", "Coastal", "Highland", "Lowland", "Island",
            "Valley", "Mountain", "Harbour", "Riverside", "Prairie")]


def long_article() -> Analysis:
    """An article with forty quotes by forty speakers: a panel list far longer than a screen."""
    lines = [f'"We counted the damage on street number {i} of the old town today," said Speaker Number{i}.'
             for i in range(40)]
    text = "\n".join(lines)
    quotes, people = [], []
    offset = 0
    for i, line in enumerate(lines):
        name = f"Speaker Number{i}"
        q0, n0 = offset + 1, offset + line.index(name)
        content = line[1:line.index(",\"") + 1]
        quotes.append(Quote(kind="direct", content=Span(start=q0, end=q0 + len(content), text=content),
                            speaker=Span(start=n0, end=n0 + len(name), text=name), speaker_entity=f"E{i}",
                            speaker_name=name))
        people.append(Entity(id=f"E{i}", name=name, type="PERSON",
                             mentions=[Span(start=n0, end=n0 + len(name), text=name)]))
        offset += len(line) + 1
    return Analysis(article=ArticleMeta(id="long-1", title="Forty witnesses", published="2024-05-03",
                                        source=OUTLETS[0], text=text), entities=people, quotes=quotes)


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Iterator[str]:
    """`newsprism serve` over the hand-made database, on a free port of 127.0.0.1."""
    db = tmp_path_factory.mktemp("pages") / "pages.db"
    with Store(str(db)) as store:
        store.save([analysis(f"outlet-{i}", source) for i, source in enumerate(OUTLETS)]
                   + [long_article(), pipeline.to_analysis(FRENCH, None, "fr")] + protest_corpus() + actor_corpus())
    yield from served(create_app(str(db), token="t"))


def open_page(browser: sync_api.Browser, url: str, width: int) -> sync_api.Page:
    """A tab `width` pixels wide at `url`, recording console errors (CSP violations among them)."""
    tab = browser.new_context(viewport={"width": width, "height": 900}).new_page()
    tab.errors = []  # type: ignore[attr-defined]
    tab.on("console", lambda msg: msg.type == "error" and tab.errors.append(msg.text))  # type: ignore[attr-defined]
    tab.on("pageerror", lambda exc: tab.errors.append(str(exc)))  # type: ignore[attr-defined]
    tab.goto(url)
    tab.wait_for_load_state("networkidle")
    return tab


def overflow(tab: sync_api.Page) -> list[str]:
    """What sticks out past the right edge of the page: the page's own width, then the elements that do."""
    return tab.evaluate("""() => {
        const width = document.documentElement.clientWidth;
        const out = [];
        if (document.documentElement.scrollWidth > width) out.push(`page ${document.documentElement.scrollWidth} > ${width}`);
        for (const el of document.body.querySelectorAll('*')) {
            if (el.closest('.table-wrap, .versions')) continue;  // these scroll inside their own box
            const r = el.getBoundingClientRect();
            if (r.width && r.right > width + 1) out.push(`${el.tagName.toLowerCase()}.${el.className} right ${Math.round(r.right)}`);
        }
        return out.slice(0, 10);
    }""")


def shot(tab: sync_api.Page, name: str) -> Path:
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / name
    tab.screenshot(path=str(path), full_page=True)
    assert path.stat().st_size > 5_000
    print(f"screenshot: {path}")
    return path


PAGES = {
    "articles": "/articles",
    "article": "/articles/outlet-0",
    "article-long": "/articles/long-1",
    "article-french": f"/articles/{FRENCH.id}",
    "speakers": "/speakers",
    "speakers-all-outlets": "/speakers?outlets=0",
    "actors": "/actors",
    "actor": "/actors/1",
    "events": "/events",
    "stories": "/stories",
    "story": "/stories/1",
    "framing": "/framing",
    "tone": "/tone",
    "analyze": "/analyze",
    "not-found": "/articles/no-such-article",
}


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", list(PAGES))
def test_every_page_fits_the_screen(browser: sync_api.Browser, site: str, name: str, width: int) -> None:
    tab = open_page(browser, site + PAGES[name], width)
    try:
        assert tab.locator("main h1").count() >= 1
        assert overflow(tab) == [], overflow(tab)
        shot(tab, f"{name}-{width}.png")
        expected = ["the server responded with a status of 404"] if name == "not-found" else []
        assert [e for e in tab.errors if not any(x in e for x in expected)] == []  # type: ignore[attr-defined]
    finally:
        tab.context.close()


def test_the_speakers_table_fits_at_1280_and_scrolls_in_its_box_at_390(browser: sync_api.Browser, site: str) -> None:
    for width in WIDTHS:
        tab = open_page(browser, site + "/speakers?outlets=0", width)
        try:
            box = tab.locator(".table-wrap").first
            table_width, box_width = box.evaluate("b => [b.scrollWidth, b.clientWidth]")
            if width == 1280:
                assert table_width <= box_width, "the per-outlet table runs past its box at 1280 px"
            assert tab.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
        finally:
            tab.context.close()


def covered_items(tab: sync_api.Page) -> list[str]:
    """The list items shown on screen (in the window and in the list's own scrolling box) that the detail box
    overlaps or hides (none should be)."""
    return tab.evaluate("""() => {
        const d = document.getElementById('detail').getBoundingClientRect();
        const list = document.getElementById('items').getBoundingClientRect();
        const out = [];
        for (const item of document.querySelectorAll('#items .item')) {
            const r = item.getBoundingClientRect();
            const top = Math.max(r.top, list.top, 0), bottom = Math.min(r.bottom, list.bottom, window.innerHeight);
            if (bottom <= top) continue;  // scrolled out of sight, in the window or in the list's box
            const overlaps = top < d.bottom && bottom > d.top && r.left < d.right && r.right > d.left;
            const hit = document.elementFromPoint(r.left + r.width / 2, (top + bottom) / 2);
            if (overlaps || !hit || !item.contains(hit)) out.push(item.dataset.item);
        }
        return out;
    }""")


@pytest.mark.parametrize("width", WIDTHS)
def test_the_detail_box_never_covers_the_list(browser: sync_api.Browser, site: str, width: int) -> None:
    tab = open_page(browser, site + "/articles/long-1", width)
    try:
        items = tab.locator("#items .item")
        assert items.count() >= 80
        for fraction in (0.3, 0.6, 0.9):
            tab.evaluate(f"window.scrollTo(0, document.documentElement.scrollHeight * {fraction})")
            tab.evaluate("() => { const l = document.getElementById('items'); l.scrollTop = l.scrollHeight / 2; }")
            assert covered_items(tab) == [], f"covered at {fraction:.0%} of the page"
        items.nth(25).click()
        sync_api.expect(tab.locator("#detail")).to_contain_text("Speaker Number25")
        assert covered_items(tab) == []
        sync_api.expect(tab.locator("#text mark.active").first).to_be_in_viewport()  # its words, on screen
        if width == 1280:  # beside the text, the detail box and the list stay in view too
            sync_api.expect(tab.locator("#detail")).to_be_in_viewport()
            sync_api.expect(tab.locator("#items .item.active")).to_be_in_viewport()
        assert covered_items(tab) == []
        shot(tab, f"article-long-selected-{width}.png")
    finally:
        tab.context.close()


def test_the_basemap_is_drawn_from_the_package(browser: sync_api.Browser, site: str) -> None:
    tab = open_page(browser, site + "/events", 1280)
    requests: list[str] = []
    tab.on("request", lambda r: requests.append(r.url))
    try:
        tab.reload()
        tab.wait_for_load_state("networkidle")
        assert any(u.endswith("/static/world-110m.svg") for u in requests)
        assert all(u.startswith(site) for u in requests), requests  # nothing from elsewhere
        box = tab.locator("svg[aria-label='Events by place'] image.basemap").bounding_box()
        assert box and box["width"] > 600
        land, sea = tab.evaluate("""async () => {
            const img = new Image();
            img.src = '/static/world-110m.svg';
            await img.decode();
            const canvas = document.createElement('canvas');
            canvas.width = 720; canvas.height = 360;
            const g = canvas.getContext('2d');
            g.drawImage(img, 0, 0, 720, 360);
            const at = (lon, lat) => Array.from(g.getImageData((lon + 180) * 2, (90 - lat) * 2, 1, 1).data);
            return [at(20, 5), at(-30, 0)];
        }""")
        assert sea[:3] == [238, 243, 248] and land[:3] != sea[:3] and land[1] > land[2]  # Africa is land (green-grey)
        assert tab.errors == []  # type: ignore[attr-defined]
    finally:
        tab.context.close()
