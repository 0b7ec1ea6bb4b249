"""The state `newsprism watch` keeps in the database, so a watch stopped or killed at any point goes on where
it was: each feed's validators (ETag, Last-Modified) and backoff (`watch_feeds`), and every item taken from a
feed under each key that names it, its guid and its link (`watch_items`).

An item is marked seen only once its article is stored (or refused for good), and a feed's validators are
written only once all its items are, so a kill between the two costs a second look at the feed, never an item.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timezone

from sqlalchemy import delete, insert, select
from sqlalchemy.exc import SQLAlchemyError

from newsprism.errors import StoreError
from newsprism.store.db import Store
from newsprism.store.tables import watch_feeds, watch_items

_CHUNK = 500  # keys per IN (...) query


def now() -> str:
    """The time now, ISO 8601 UTC to the second, as the state stores it."""
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


@dataclass
class FeedState:
    """What the database remembers of one feed."""

    url: str
    etag: str | None = None
    last_modified: str | None = None
    checked_at: str | None = None
    failures: int = 0
    retry_at: str | None = None
    last_error: str | None = None


def feed_state(store: Store, url: str) -> FeedState:
    """The stored state of the feed at `url` (a fresh one when it was never fetched)."""
    with store.engine.connect() as conn:
        row = conn.execute(select(watch_feeds).where(watch_feeds.c.url == url)).first()
    return FeedState(**row._asdict()) if row else FeedState(url)


def save_feed_state(store: Store, state: FeedState) -> None:
    """Write a feed's state, replacing what was stored."""
    values = {k: getattr(state, k) for k in watch_feeds.c.keys()}
    _write(store, lambda conn: (conn.execute(delete(watch_feeds).where(watch_feeds.c.url == state.url)),
                                conn.execute(insert(watch_feeds), [values])), f"the state of feed {state.url}")


def seen_keys(store: Store, keys: Iterable[str]) -> set[str]:
    """Which of these item keys were taken before."""
    wanted = list(dict.fromkeys(keys))
    found: set[str] = set()
    with store.engine.connect() as conn:
        for i in range(0, len(wanted), _CHUNK):
            found.update(conn.scalars(select(watch_items.c.key).where(watch_items.c.key.in_(wanted[i:i + _CHUNK]))))
    return found


def mark_seen(store: Store, feed_url: str, items: Iterable[tuple[Iterable[str], str | None]]) -> None:
    """Record items as taken: each is its keys and the id of the article stored for it (None: none)."""
    at = now()
    rows = {key: {"key": key, "feed_url": feed_url, "article_id": article_id, "seen_at": at}
            for keys, article_id in items for key in keys}
    if not rows:
        return

    def write(conn) -> None:
        known = set()
        keys = list(rows)
        for i in range(0, len(keys), _CHUNK):
            known.update(conn.scalars(select(watch_items.c.key).where(watch_items.c.key.in_(keys[i:i + _CHUNK]))))
        new = [row for key, row in rows.items() if key not in known]
        if new:
            conn.execute(insert(watch_items), new)

    _write(store, write, f"the items of feed {feed_url}")


def _write(store: Store, work, what: str) -> None:
    """Run `work(conn)` in one writing transaction, a database failure a `StoreError` naming `what`."""
    try:
        with store.engine.execution_options(writer=True).begin() as conn:
            work(conn)
    except SQLAlchemyError as err:
        raise StoreError(f"could not record {what} in {store.url}: {getattr(err, 'orig', err)}; the watch "
                         "goes on from the last state stored when run again") from err
