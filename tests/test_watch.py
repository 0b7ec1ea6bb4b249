"""`newsprism watch` against feeds and pages served by a local HTTP server (http.server in a thread; no outside
network): conditional GET, items taken once by guid and by link, full pages for summary-only items, robots.txt,
backoff, timeouts, size limits, and a round that resumes after a kill.

The quick tests store what they take with a small ingest of their own (articles as read, no spaCy), so they test
the watching; the slow one runs the real command twice, as the issue's bar says."""

from __future__ import annotations

import threading
import time
from datetime import datetime
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from newsprism.article import Article, Refusal
from newsprism.console.cli import app, duration
from newsprism.errors import FeedListError, InputNotFound, UnknownChoice
from newsprism.schema import Analysis, ArticleMeta
from newsprism.store import Store
from newsprism.store import watch_state
from newsprism.store.tables import watch_items
from newsprism.watch.feeds import read_feed_list
from newsprism.watch.fetch import Fetcher
from newsprism.watch.rounds import RoundStats, Watcher


def page(title: str, sentences: str) -> bytes:
    """A news page whose main text only the page holds (the feed gives a line of summary)."""
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>{title}</title>
<meta property="og:site_name" content="Local Planet"></head>
<body><nav><a href="/">Home</a></nav><article><h1>{title}</h1>
<p>{sentences}</p>
<p>Officials said the work would continue through the week, and residents were asked to stay away from the
area while crews cleared the roads and checked the bridges for damage.</p></article>
<footer>Copyright Local Planet</footer></body></html>""".encode()


PAGES = {
    "/news/flood.html": page("Flood in Riverton", "The river rose two metres overnight in Riverton, flooding forty "
                             "homes. \"We lost everything,\" said Maria Gomez, who lives near the bank."),
    "/news/fire.html": page("Fire at the mill", "A fire destroyed the old mill in Oakdale on Tuesday. The fire "
                            "chief, Tom Reed, said nobody was hurt."),
    "/news/vote.html": page("Council vote", "The council of Lakeside voted to rebuild the harbour wall. "
                            "\"It is long overdue,\" the mayor, Ana Silva, told reporters."),
}
RSS = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Local Planet</title>
<link>http://HOST/</link>
<item><title>Flood in Riverton</title><link>http://HOST/news/flood.html</link><guid>planet-flood</guid>
<pubDate>Tue, 02 Jun 2026 08:00:00 GMT</pubDate><description>The river rose overnight.</description></item>
<item><title>Fire at the mill</title><link>http://HOST/news/fire.html</link><guid>planet-fire</guid>
<pubDate>Tue, 02 Jun 2026 09:00:00 GMT</pubDate><description>A fire at the mill.</description></item>
<item><title>Full story in the feed</title><link>http://HOST/news/full.html</link><guid>planet-full</guid>
<description>Short.</description><content:encoded>&lt;p&gt;The whole story is in the feed: the bakery on Main Street reopened on Monday after repairs.&lt;/p&gt;</content:encoded></item>
<item><title>Members only</title><link>http://HOST/private/secret.html</link><guid>planet-secret</guid>
<description>A story behind the robots rule.</description></item>
</channel></rss>"""
ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Lakeside Wire</title><id>urn:wire</id>
<updated>2026-06-02T10:00:00Z</updated>
<entry><title>Council vote</title><id>urn:wire:vote</id><link href="http://HOST/news/vote.html"/>
<updated>2026-06-02T10:00:00Z</updated><summary>The council voted.</summary></entry>
<entry><title>Flood, again</title><id>urn:wire:flood</id><link href="http://HOST/news/flood.html"/>
<updated>2026-06-02T10:00:00Z</updated><summary>The same flood, by its link.</summary></entry>
</feed>"""
ROBOTS = b"User-agent: *\nDisallow: /private/\n"


@dataclass
class Route:
    body: bytes
    status: int = 200
    etag: str | None = None
    last_modified: str | None = None
    content_type: str = "text/html; charset=utf-8"
    pause: float = 0.0
    headers: dict[str, str] = field(default_factory=dict)


class Site:
    """A local web site: routes by path, conditional GET (ETag, Last-Modified), and a log of every request."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.log: list[tuple[float, str, int]] = []  # (time, path, status answered)
        self.asked: list[str] = []  # paths as the requests arrive, before any answer
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802
                site.asked.append(self.path)
                route = site.routes.get(self.path)
                if route is None:
                    return self.answer(404, b"not found", {})
                started = time.monotonic()
                while route.pause and time.monotonic() - started < route.pause:  # ends early once unpaused
                    time.sleep(0.05)
                if (route.etag and self.headers.get("If-None-Match") == route.etag) or (
                        route.last_modified and self.headers.get("If-Modified-Since") == route.last_modified):
                    return self.answer(304, b"", {})
                headers = {"Content-Type": route.content_type, **route.headers}
                if route.etag:
                    headers["ETag"] = route.etag
                if route.last_modified:
                    headers["Last-Modified"] = route.last_modified
                self.answer(route.status, route.body, headers)

            def answer(self, status: int, body: bytes, headers: dict[str, str]) -> None:
                site.log.append((time.monotonic(), self.path, status))
                try:
                    self.send_response(status)
                    for name, value in headers.items():
                        self.send_header(name, value)
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.host = f"127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.01},
                                       daemon=True)

    def url(self, path: str) -> str:
        return f"http://{self.host}{path}"

    def paths(self) -> list[str]:
        return [path for _, path, _ in self.log]

    def standard(self) -> Site:
        """The two feeds, their pages and robots.txt."""
        self.routes["/robots.txt"] = Route(ROBOTS, content_type="text/plain")
        self.routes["/feed.rss"] = Route(RSS.replace(b"HOST", self.host.encode()), etag='"rss-v1"',
                                         content_type="application/rss+xml")
        self.routes["/atom.xml"] = Route(ATOM.replace(b"HOST", self.host.encode()),
                                         last_modified="Tue, 02 Jun 2026 10:00:00 GMT",
                                         content_type="application/atom+xml")
        self.routes["/private/secret.html"] = Route(page("Secret", "Nobody should fetch this page."))
        for path, body in PAGES.items():
            self.routes[path] = Route(body)
        return self


@pytest.fixture
def site():
    s = Site()
    s.thread.start()
    yield s
    s.server.shutdown()
    s.server.server_close()


def feeds_file(tmp_path, site: Site, *paths: str) -> str:
    path = tmp_path / "feeds.txt"
    path.write_text("# feeds to watch\n\n" + "\n".join(site.url(p) for p in paths) + "\n", encoding="utf-8")
    return str(path)


class Taken:
    """An ingest for the quick tests: each article stored as read (its metadata and text, no analysis)."""

    def __init__(self, store: Store, refuse: str | None = None, fail_after: int | None = None) -> None:
        self.store, self.refuse, self.fail_after, self.calls = store, refuse, fail_after, 0

    def __call__(self, articles: list[Article]) -> list[Refusal]:
        self.calls += 1
        if self.fail_after is not None and self.calls > self.fail_after:
            raise KeyboardInterrupt  # the process is killed here
        refused = [Refusal(a.origin, "refused for the test") for a in articles if a.id == self.refuse]
        self.store.save([Analysis(article=ArticleMeta(id=a.id, title=a.title, published=a.published, source=a.source,
                                                      url=a.url, text=a.text))
                         for a in articles if a.id != self.refuse])
        return refused


def watcher(store: Store, ingest=None, lines=None, **fetch) -> Watcher:
    fetch.setdefault("delay", 0.0)
    fetch.setdefault("timeout", 5.0)
    out = lines if lines is not None else []
    return Watcher(store, Fetcher(**fetch), ingest or Taken(store), out.append, backoff=60)


def stored(store: Store) -> dict[str, dict]:
    return {r["id"]: r for r in store.rows("articles")}


def test_a_round_takes_each_item_once_with_its_pages_full_text(tmp_path, site):
    site.standard()
    feeds = [site.url("/feed.rss"), site.url("/atom.xml")]
    lines: list[str] = []
    with Store(str(tmp_path / "w.db")) as store:
        stats = watcher(store, lines=lines).round(feeds)
        articles = stored(store)
        assert set(articles) == {"planet-flood", "planet-fire", "planet-full", "planet-secret", "urn:wire:vote"}
        assert "forty homes" in articles["planet-flood"]["text"]  # the page's text, not the feed's summary
        assert "Maria Gomez" in articles["planet-flood"]["text"] and "rose overnight" not in articles["planet-flood"]["text"]
        assert articles["planet-flood"]["title"] == "Flood in Riverton"
        assert articles["planet-flood"]["published"] == "2026-06-02"  # the feed's date where the page has none
        assert articles["planet-flood"]["url"] == site.url("/news/flood.html")
        assert "bakery on Main Street" in articles["planet-full"]["text"]  # content in the feed: no page asked for
        assert articles["planet-secret"]["text"] == "A story behind the robots rule."  # robots.txt: the summary
        assert "Ana Silva" in articles["urn:wire:vote"]["text"]
    paths = site.paths()
    assert paths.count("/robots.txt") == 1
    assert "/private/secret.html" not in paths and "/news/full.html" not in paths
    assert paths.count("/news/flood.html") == 1  # the Atom entry with the same link is the same item
    assert (stats.feeds, stats.new, stats.pages, stats.stored, stats.failed) == (2, 5, 3, 5, 0)
    assert any("robots.txt does not allow its page" in line for line in lines)


def test_the_second_round_fetches_nothing_again(tmp_path, site):
    site.standard()
    feeds = [site.url("/feed.rss"), site.url("/atom.xml")]
    with Store(str(tmp_path / "w.db")) as store:
        watcher(store).round(feeds)
        first = len(site.log)
        stats = watcher(store).round(feeds)  # a new process: robots.txt read again, the state from the database
        again = site.log[first:]
        assert [(p, s) for _, p, s in again if p != "/robots.txt"] == [("/feed.rss", 304), ("/atom.xml", 304)]
        assert (stats.not_modified, stats.new, stats.stored) == (2, 0, 0)
        assert store.count("articles") == 5


def test_a_changed_feed_gives_only_its_new_items(tmp_path, site):
    site.standard()
    with Store(str(tmp_path / "w.db")) as store:
        watcher(store).round([site.url("/feed.rss")])
        rss = site.routes["/feed.rss"]
        extra = (b"<item><title>Council vote</title><link>http://" + site.host.encode() + b"/news/vote.html</link>"
                 b"<guid>planet-vote</guid><description>Voted.</description></item></channel>")
        site.routes["/feed.rss"] = Route(rss.body.replace(b"</channel>", extra), etag='"rss-v2"',
                                         content_type=rss.content_type)
        before = len(site.log)
        stats = watcher(store).round([site.url("/feed.rss")])
        assert [p for p in site.paths()[before:] if p != "/robots.txt"] == ["/feed.rss", "/news/vote.html"]
        assert stats.new == 1 and "planet-vote" in stored(store)
        assert watch_state.feed_state(store, site.url("/feed.rss")).etag == '"rss-v2"'


def test_a_failing_feed_backs_off_and_is_asked_again_later(tmp_path, site):
    site.routes["/down.rss"] = Route(b"busy", status=503, headers={"Retry-After": "120"})
    lines: list[str] = []
    with Store(str(tmp_path / "w.db")) as store:
        stats = watcher(store, lines=lines).round([site.url("/down.rss")])
        assert stats.failed == 1
        state = watch_state.feed_state(store, site.url("/down.rss"))
        assert state.failures == 1 and state.last_error == "HTTP 503"
        waited = datetime.fromisoformat(state.retry_at) - datetime.fromisoformat(state.checked_at)
        assert 119 <= waited.total_seconds() <= 121  # Retry-After (120 s) over the first backoff (60 s)
        assert "HTTP 503; error 1 in a row" in lines[-1]
        stats = watcher(store).round([site.url("/down.rss")])
        assert stats.waiting == 1 and site.paths().count("/down.rss") == 1  # not asked while backing off
        state.retry_at = "2000-01-01T00:00:00+00:00"  # the backoff has passed
        watch_state.save_feed_state(store, state)
        watcher(store).round([site.url("/down.rss")])
        state = watch_state.feed_state(store, site.url("/down.rss"))
        assert state.failures == 2 and site.paths().count("/down.rss") == 2


def test_backoff_doubles_and_honours_retry_after(tmp_path):
    with Store(str(tmp_path / "w.db")) as store:
        w = watcher(store)
        state = watch_state.FeedState("http://x.example/feed")
        waits = []
        for retry_after in (None, None, None, 900.0):
            w._failed(state, "HTTP 503", retry_after, RoundStats())
            start = datetime.fromisoformat(watch_state.now())
            waits.append(round((datetime.fromisoformat(state.retry_at) - start).total_seconds()))
        assert watch_state.feed_state(store, state.url) == state  # kept in the database
    assert [abs(w - e) <= 2 for w, e in zip(waits, [60, 120, 240, 900])] == [True] * 4  # doubling with each error in a row, Retry-After when longer


def test_one_host_is_asked_at_most_once_per_delay(tmp_path, site):
    site.standard()
    with Store(str(tmp_path / "w.db")) as store:
        watcher(store, delay=0.3).round([site.url("/feed.rss")])
    times = [t for t, _, _ in site.log]
    assert len(times) == 4  # robots.txt, the feed, two pages
    assert min(b - a for a, b in zip(times, times[1:])) >= 0.28


def test_a_page_that_does_not_answer_waits_for_the_next_round(tmp_path, site):
    site.standard()
    site.routes["/news/fire.html"].pause = 2.0
    lines: list[str] = []
    with Store(str(tmp_path / "w.db")) as store:
        stats = watcher(store, lines=lines, timeout=0.5).round([site.url("/feed.rss")])
        assert stats.later == 1 and "planet-fire" not in stored(store) and "planet-flood" in stored(store)
        assert any("did not answer (no answer within 0.5 s)" in line for line in lines)
        assert watch_state.feed_state(store, site.url("/feed.rss")).etag is None  # so no 304 hides the item
        site.routes["/news/fire.html"].pause = 0.0
        before = len(site.asked)
        stats = watcher(store).round([site.url("/feed.rss")])
        assert stats.new == 1 and "Tom Reed" in stored(store)["planet-fire"]["text"]
        assert [p for p in site.asked[before:] if p != "/robots.txt"] == ["/feed.rss", "/news/fire.html"]


def test_a_page_over_the_size_limit_is_not_read_and_the_summary_is_kept(tmp_path, site, monkeypatch):
    site.standard()
    monkeypatch.setenv("NEWSPRISM_MAX_HTML_BYTES", "3000")
    site.routes["/news/fire.html"].body += b"<!--" + b"x" * 5000 + b"-->"
    lines: list[str] = []
    with Store(str(tmp_path / "w.db")) as store:
        watcher(store, lines=lines).round([site.url("/feed.rss")])
        assert stored(store)["planet-fire"]["text"] == "A fire at the mill."
    assert any("over the limit of 3,000 (--max-html-bytes)" in line for line in lines)


def test_a_feed_over_the_size_limit_fails_by_name(tmp_path, site, monkeypatch):
    site.standard()
    monkeypatch.setenv("NEWSPRISM_MAX_HTML_BYTES", "500")
    lines: list[str] = []
    with Store(str(tmp_path / "w.db")) as store:
        stats = watcher(store, lines=lines).round([site.url("/feed.rss")])
    assert stats.failed == 1 and "over the limit of 500 (--max-html-bytes)" in lines[-1]


def test_robots_txt_can_forbid_a_feed(tmp_path, site):
    site.standard()
    site.routes["/robots.txt"] = Route(b"User-agent: newsprism\nDisallow: /\n", content_type="text/plain")
    lines: list[str] = []
    with Store(str(tmp_path / "w.db")) as store:
        stats = watcher(store, lines=lines).round([site.url("/feed.rss")])
    assert stats.failed == 1 and site.paths() == ["/robots.txt"]
    assert "robots.txt does not allow newsprism" in lines[-1]


def test_not_a_feed_is_a_failure_by_name(tmp_path, site):
    site.routes["/page.html"] = Route(b"<html><body><p>Hello</p></body></html>")
    lines: list[str] = []
    with Store(str(tmp_path / "w.db")) as store:
        stats = watcher(store, lines=lines).round([site.url("/page.html")])
    assert stats.failed == 1 and "not a feed" in lines[-1]


def test_a_round_killed_midway_resumes_without_losing_or_repeating_an_item(tmp_path, site):
    site.standard()
    feeds = [site.url("/feed.rss"), site.url("/atom.xml")]
    with Store(str(tmp_path / "w.db")) as store:
        with pytest.raises(KeyboardInterrupt):  # killed while storing the second feed's items
            watcher(store, ingest=Taken(store, fail_after=1)).round(feeds)
        assert set(stored(store)) == {"planet-flood", "planet-fire", "planet-full", "planet-secret"}
        assert watch_state.feed_state(store, site.url("/atom.xml")).last_modified is None
        stats = watcher(store).round(feeds)
        assert (stats.not_modified, stats.new, stats.stored) == (1, 1, 1)
        assert set(stored(store)) == {"planet-flood", "planet-fire", "planet-full", "planet-secret", "urn:wire:vote"}
        with store.engine.connect() as conn:
            keys = list(conn.scalars(select(watch_items.c.key)))
        assert len(keys) == len(set(keys)) == 10  # guid and link of each of the five items, once


def test_a_refused_item_is_named_and_not_taken_again(tmp_path, site):
    site.standard()
    with Store(str(tmp_path / "w.db")) as store:
        stats = watcher(store, ingest=Taken(store, refuse="planet-fire")).round([site.url("/feed.rss")])
        assert stats.refused == 1 and stats.stored == 3
        site.routes["/feed.rss"].etag = '"rss-v2"'  # the feed changes: its items are listed again
        stats = watcher(store).round([site.url("/feed.rss")])
        assert stats.new == 0


def test_feed_lists_text_and_opml(tmp_path):
    text = tmp_path / "feeds.txt"
    text.write_text("# news\nhttps://a.example/rss\n\n  http://b.example/atom.xml  \nhttps://a.example/rss\n")
    assert read_feed_list(text) == ["https://a.example/rss", "http://b.example/atom.xml"]
    opml = tmp_path / "feeds.opml"
    opml.write_text('<?xml version="1.0"?><opml version="2.0"><head><title>Mine</title></head><body>'
                    '<outline text="News"><outline text="A" type="rss" xmlUrl="https://a.example/rss"/>'
                    '<outline text="B" xmlUrl="https://b.example/feed"/></outline></body></opml>')
    assert read_feed_list(opml) == ["https://a.example/rss", "https://b.example/feed"]
    text.write_text("https://a.example/rss\nftp://c.example/feed\n")
    with pytest.raises(FeedListError, match=r"\[E007\] .*feeds.txt:2: 'ftp://c.example/feed' is not an http"):
        read_feed_list(text)
    text.write_text("# nothing\n")
    with pytest.raises(FeedListError, match="names no feed"):
        read_feed_list(text)
    with pytest.raises(InputNotFound, match="nowhere.txt is not a file"):
        read_feed_list(tmp_path / "nowhere.txt")


def test_durations():
    assert [duration(d) for d in ("90s", "15m", "2h", "1d", "45", "0.5m")] == [90, 900, 7200, 86400, 45, 30]
    for bad in ("soon", "0", "-5m", ""):
        with pytest.raises(UnknownChoice):
            duration(bad)


def test_watch_on_a_missing_list_creates_no_database(tmp_path):
    result = CliRunner().invoke(app, ["watch", str(tmp_path / "feeds.txt"), "--db", str(tmp_path / "w.db"), "--once"])
    assert result.exit_code == 2
    assert "feeds.txt is not a file" in result.stderr
    assert list(tmp_path.iterdir()) == []


@pytest.mark.slow
def test_watch_once_twice_stores_every_item_once_and_fetches_nothing_again(tmp_path, site):
    """The bar: `newsprism watch FEEDS --once --db DB` twice; every item stored once with its page's full text,
    and the second time the server answers 304 and no page is asked for again."""
    site.standard()
    feeds = feeds_file(tmp_path, site, "/feed.rss", "/atom.xml")
    db = str(tmp_path / "watch.db")
    args = ["watch", feeds, "--db", db, "--once", "--delay", "0"]
    first = CliRunner().invoke(app, args)
    assert first.exit_code == 0, first.output
    assert "round 1: 2 feeds, 0 not modified; 5 new items, 3 pages fetched, 5 stored" in first.stderr
    after_first = len(site.log)
    second = CliRunner().invoke(app, args)
    assert second.exit_code == 0, second.output
    assert "round 1: 2 feeds, 2 not modified; 0 new items, 0 pages fetched, 0 stored" in second.stderr
    again = site.log[after_first:]
    assert [(p, s) for _, p, s in again if p != "/robots.txt"] == [("/feed.rss", 304), ("/atom.xml", 304)]
    with Store(db) as store:
        articles = stored(store)
        assert sorted(articles) == sorted(["planet-flood", "planet-fire", "planet-full", "planet-secret",
                                           "urn:wire:vote"])
        flood = store.load("planet-flood")
    assert "Maria Gomez" in articles["planet-flood"]["text"] and "Tom Reed" in articles["planet-fire"]["text"]
    assert any(q.speaker_name == "Maria Gomez" for q in flood.quotes)  # analysed, not only stored
    assert [p for p in site.paths() if p.startswith("/news/")].count("/news/flood.html") == 1


@pytest.mark.slow
def test_watch_killed_mid_round_goes_on_where_it_stopped(tmp_path, site):
    """A real `kill -9` while the second feed's page is being fetched: the run again stores the rest, the first
    feed's items are neither fetched nor stored twice."""
    import signal
    import subprocess
    import sys

    site.standard()
    site.routes["/news/vote.html"].pause = 60.0  # the Atom feed's page hangs: the process is killed there
    feeds = feeds_file(tmp_path, site, "/feed.rss", "/atom.xml")
    db = str(tmp_path / "watch.db")
    args = [sys.executable, "-m", "newsprism.console.cli", "watch", feeds, "--db", db, "--once", "--delay", "0",
            "--timeout", "120"]
    process = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 400  # spaCy loads first, slowly on a busy machine
        while "/news/vote.html" not in site.asked and time.monotonic() < deadline and process.poll() is None:
            time.sleep(0.1)
        assert "/news/vote.html" in site.asked, (process.poll(), site.asked)
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait()
    with Store(db) as store:
        assert set(stored(store)) == {"planet-flood", "planet-fire", "planet-full", "planet-secret"}
    site.routes["/news/vote.html"].pause = 0.0  # the killed request's answer ends unread
    asked, answered = len(site.asked), len(site.log)
    result = CliRunner().invoke(app, ["watch", feeds, "--db", db, "--once", "--delay", "0"])
    assert result.exit_code == 0, result.output
    assert "2 feeds, 1 not modified; 1 new items, 1 pages fetched, 1 stored" in result.stderr, result.stderr
    assert [p for p in site.asked[asked:] if p != "/robots.txt"] == ["/feed.rss", "/atom.xml", "/news/vote.html"]
    assert ("/feed.rss", 304) in [(p, s) for _, p, s in site.log[answered:]]
    with Store(db) as store:
        assert len(stored(store)) == 5 and "Ana Silva" in stored(store)["urn:wire:vote"]["text"]


def test_watch_runs_a_round_every_interval_until_stopped(tmp_path, site, monkeypatch):
    site.routes["/down.rss"] = Route(b"busy", status=503)
    feeds = feeds_file(tmp_path, site, "/down.rss")
    slept: list[float] = []

    def sleep(seconds: float) -> None:  # the wait between rounds; Ctrl-C during the second one
        slept.append(seconds)
        if len(slept) == 2:
            raise KeyboardInterrupt

    monkeypatch.setattr(time, "sleep", sleep)
    result = CliRunner().invoke(app, ["watch", feeds, "--db", str(tmp_path / "w.db"), "--every", "1m", "--delay", "0"])
    assert result.exit_code == 130, result.output
    err = result.stderr.replace("\n", " ")
    assert "round 1: 1 feeds, 0 not modified, 1 failed; 0 new items" in err
    assert "round 2: 1 feeds, 0 not modified, 1 backing off; 0 new items" in err  # the database remembers
    assert "watch stopped after round 2" in err
    assert 50 < slept[0] <= 60 and site.paths().count("/down.rss") == 1


def test_the_fetcher_waits_per_host_backs_off_and_keeps_to_crawl_delay():
    import httpx

    now = [0.0]
    asked: list[tuple[float, str]] = []
    answers = {"/robots.txt": (200, b"User-agent: newsprism\nCrawl-delay: 5\n"), "/busy": (503, b""),
               "/ok": (200, b"fine")}

    def handler(request: httpx.Request) -> httpx.Response:
        asked.append((now[0], request.url.host + request.url.path))
        status, body = answers[request.url.path]
        return httpx.Response(status, content=body, headers={"Retry-After": "30"} if status == 503 else {})

    def sleep(seconds: float) -> None:
        now[0] += seconds

    with Fetcher(delay=1.0, clock=lambda: now[0], sleep=sleep, transport=httpx.MockTransport(handler)) as fetcher:
        assert fetcher.allowed("http://a.example/ok")  # robots.txt read: Crawl-delay 5 for newsprism
        assert fetcher.get("http://a.example/ok").body == b"fine"
        assert fetcher.get("http://b.example/ok").ok  # another host: no wait
        assert fetcher.get("http://a.example/busy").transient
        fetcher.get("http://a.example/ok")  # after the 503: Crawl-delay, then Retry-After's 30 s
        fetcher.get("http://a.example/ok")  # a success ends the backoff
    assert asked == [(0.0, "a.example/robots.txt"), (5.0, "a.example/ok"), (5.0, "b.example/ok"),
                     (10.0, "a.example/busy"), (45.0, "a.example/ok"), (50.0, "a.example/ok")]
