"""One round of `newsprism watch`: every feed asked for (conditionally), each new item taken once, its full
page fetched when the feed gives a summary only, the articles analysed and stored, the state recorded.

An item is new when neither its guid nor its link was taken before (`store.watch_state`). A feed item with
content of its own (`content:encoded`, Atom `content`) is read from the feed; one with a summary only is read
from its page through the HTML reader (trafilatura), the feed's title, date and name filling what the page
lacks. A page that is gone (404), disallowed by robots.txt or without article text gives the summary; a page
that did not answer (timeout, 5xx, 429) leaves its item for the next round, and the feed's validators are
then not updated, so the next round reads the feed again instead of getting 304 and losing the item.
A feed that fails is tried again after a backoff that doubles with each error in a row, kept in the database.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta, timezone

import feedparser

from newsprism.article import Article, Refusal
from newsprism.readers.feed import entry_article, entry_key, parse, summary_only
from newsprism.readers.webpage import article_from_html
from newsprism.store import Store
from newsprism.store import watch_state as state_of
from newsprism.watch.fetch import Fetcher

Ingest = Callable[[list[Article]], list[Refusal]]  # analyse and store articles, returning those refused


@dataclass
class RoundStats:
    """What one round did."""

    feeds: int = 0
    not_modified: int = 0
    failed: int = 0
    waiting: int = 0  # feeds backing off after errors, not asked this round
    new: int = 0  # items not taken before
    pages: int = 0  # full pages fetched for items with a summary only
    stored: int = 0
    refused: int = 0
    later: int = 0  # items left for the next round (their page did not answer)

    def line(self) -> str:
        """The round in one line."""
        parts = [f"{self.feeds} feeds", f"{self.not_modified} not modified"]
        parts += [f"{n} {what}" for n, what in ((self.failed, "failed"), (self.waiting, "backing off")) if n]
        items = [f"{self.new} new items", f"{self.pages} pages fetched", f"{self.stored} stored"]
        items += [f"{n} {what}" for n, what in ((self.refused, "refused"), (self.later, "left for later")) if n]
        return f"{', '.join(parts)}; {', '.join(items)}"


def item_keys(entry: dict) -> list[str]:
    """The keys that name a feed item: its guid and its link, each when it has one."""
    keys = []
    if entry.get("id"):
        keys.append(f"guid:{entry['id']}")
    if entry.get("link"):
        keys.append(f"url:{entry['link']}")
    return keys


class Watcher:
    """Runs rounds over feeds with one `Fetcher`, storing into one `Store` through `ingest`; `say` gets a line
    for each thing that went wrong (a feed that failed, an item refused)."""

    def __init__(self, store: Store, fetcher: Fetcher, ingest: Ingest, say: Callable[[str], None],
                 backoff: float = 300.0, max_backoff: float = 6 * 3600.0) -> None:
        self.store, self.fetcher, self.ingest, self.say = store, fetcher, ingest, say
        self.backoff, self.max_backoff = backoff, max_backoff

    def round(self, feeds: Iterable[str]) -> RoundStats:
        """Ask for every feed once; returns what the round did."""
        stats = RoundStats()
        for url in feeds:
            stats.feeds += 1
            self.feed(url, stats)
        return stats

    def feed(self, url: str, stats: RoundStats) -> None:
        """One feed: asked for, its new items taken and stored, its state recorded."""
        state = state_of.feed_state(self.store, url)
        now = datetime.now(timezone.utc)
        if state.retry_at and datetime.fromisoformat(state.retry_at) > now:
            stats.waiting += 1
            return
        if not self.fetcher.allowed(url):
            stats.failed += 1
            self.say(f"newsprism: feed {url}: its robots.txt does not allow newsprism; not fetched")
            return
        reply = self.fetcher.get(url, state.etag, state.last_modified)
        state.checked_at = state_of.now()
        if reply.not_modified:
            stats.not_modified += 1
            state.failures, state.retry_at, state.last_error = 0, None, None
            state_of.save_feed_state(self.store, state)
            return
        parsed = parse(reply.body) if reply.ok else None
        if isinstance(parsed, str):
            reply.error, parsed = parsed, None
        if parsed is not None and not parsed.entries and (parsed.get("bozo") or not parsed.get("version")):
            problem = parsed.get("bozo_exception")
            reply.error = f"not a feed (RSS or Atom){f': {problem}' if problem else ''}"
        if not reply.ok or parsed is None or reply.error:
            self._failed(state, reply.reason(), reply.retry_after, stats)
            return
        complete = self._items(url, parsed, stats)
        state.failures, state.retry_at, state.last_error = 0, None, None
        if complete:  # else the next round reads the feed again for the items left
            state.etag, state.last_modified = reply.etag, reply.last_modified
        state_of.save_feed_state(self.store, state)

    def _failed(self, state: state_of.FeedState, reason: str, retry_after: float | None, stats: RoundStats) -> None:
        """Record a failed feed and when to try it again."""
        stats.failed += 1
        state.failures += 1
        wait = min(self.max_backoff, self.backoff * 2 ** (state.failures - 1))
        wait = max(wait, min(retry_after or 0.0, self.max_backoff))
        state.retry_at = (datetime.now(timezone.utc) + timedelta(seconds=wait)).isoformat(timespec="seconds")
        state.last_error = reason
        state_of.save_feed_state(self.store, state)
        self.say(f"newsprism: feed {state.url}: {reason}; error {state.failures} in a row, tried again after "
                 f"{state.retry_at}")

    def _items(self, url: str, parsed: feedparser.FeedParserDict, stats: RoundStats) -> bool:
        """Take the feed's new items; False when some are left for the next round."""
        source = parsed.feed.get("title") or None
        entries = [(n, e, item_keys(e)) for n, e in enumerate(parsed.entries, 1)]
        seen = state_of.seen_keys(self.store, [k for _, _, keys in entries for k in keys])
        articles: list[tuple[list[str], Article]] = []
        done: list[tuple[list[str], str | None]] = []
        complete = True
        for number, entry, keys in entries:
            if not keys or seen.intersection(keys):
                continue
            seen.update(keys)  # the same item twice in one feed is taken once
            stats.new += 1
            item = self._article(entry, source, f"{url}#{number}", stats)
            if item is None:
                stats.later += 1
                complete = False
            elif isinstance(item, Refusal):
                stats.refused += 1
                self.say(f"newsprism: skipped {item.origin}: {item.reason}")
                done.append((keys, None))
            else:
                articles.append((keys, item))
        refused = {r.origin for r in self.ingest([a for _, a in articles])} if articles else set()
        for keys, art in articles:
            if art.origin in refused or art.id in refused:
                stats.refused += 1
                done.append((keys, None))
            else:
                stats.stored += 1
                done.append((keys, art.id))
        state_of.mark_seen(self.store, url, done)
        return complete

    def _article(self, entry: dict, source: str | None, where: str, stats: RoundStats) -> Article | Refusal | None:
        """The article of one item: from the feed, or from its page when the feed gives a summary only;
        None when the page did not answer (the item waits for the next round)."""
        from_feed = entry_article(entry, source, where)
        link = entry.get("link")
        if not summary_only(entry) or not link:
            return from_feed
        if not self.fetcher.allowed(link):
            self.say(f"newsprism: note {where}: robots.txt does not allow its page {link}; the feed's summary is kept")
            return from_feed
        reply = self.fetcher.get(link)
        if reply.transient:
            self.say(f"newsprism: note {where}: its page {link} did not answer ({reply.reason()}); tried next round")
            return None
        stats.pages += 1
        page = article_from_html(reply.body, link, url=link, charset=reply.charset) if reply.ok else None
        if not isinstance(page, Article):
            why = page.reason if isinstance(page, Refusal) else reply.reason()
            self.say(f"newsprism: note {where}: its page {link}: {why}; the feed's summary is kept")
            return from_feed
        fallback = from_feed if isinstance(from_feed, Article) else None
        return replace(
            page,
            id=entry_key(entry) or page.id,
            title=page.title or (fallback.title if fallback else entry.get("title")),
            published=page.published or (fallback.published if fallback else None),
            source=page.source or source,
            url=link,
            origin=where,
        )
