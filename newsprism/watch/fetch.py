"""Polite HTTP for `newsprism watch` (httpx): conditional requests, a delay between two requests to one host,
backoff on errors, timeouts, the size limit of HTML pages, and robots.txt respected.

- Conditional GET: a feed is asked for with the ETag and Last-Modified its last answer gave
  (`If-None-Match`, `If-Modified-Since`); an unchanged feed answers 304 with no body.
- A host is asked at most once per `delay` seconds (or its robots.txt's Crawl-delay, when longer); after an
  error (no answer, 429, 5xx) the wait doubles, up to `max_backoff`, and a `Retry-After` is honoured.
- Every body is read as a stream and refused past `--max-html-bytes` (`newsprism.limits`), so a huge or
  endless answer costs no more than the limit; every request has a timeout.
- robots.txt (urllib.robotparser) is read once per host and run: a URL it disallows for newsprism is not
  fetched. A robots.txt that is missing (4xx) allows everything, one that is forbidden (401, 403) or cannot
  be read (5xx, no answer) allows nothing, as RFC 9309 says.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

import httpx

from newsprism import __version__
from newsprism.limits import current as current_limits

AGENT = "newsprism"  # the name robots.txt rules address
USER_AGENT = f"{AGENT}/{__version__} (newsprism watch; feeds and the pages they link)"
TRANSIENT = {408, 425, 429, 500, 502, 503, 504}  # answers worth asking again later


@dataclass
class Reply:
    """What one request got: the status (0: no answer), the body, the validators, or why it failed."""

    url: str
    status: int = 0
    body: bytes = b""
    etag: str | None = None
    last_modified: str | None = None
    charset: str | None = None
    error: str | None = None
    retry_after: float | None = None

    @property
    def ok(self) -> bool:
        return self.status == 200 and self.error is None

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    @property
    def transient(self) -> bool:
        """True when asking again later may succeed: no answer, or a status such as 429 and 503."""
        return self.status == 0 or self.status in TRANSIENT

    def reason(self) -> str:
        """Why the request failed, in words."""
        return self.error or f"HTTP {self.status}"


class Fetcher:
    """Asks the web politely (see the module's docstring); `requests` counts the requests made."""

    def __init__(self, delay: float = 1.0, timeout: float = 20.0, max_backoff: float = 300.0,
                 clock: Callable[[], float] = time.monotonic, sleep: Callable[[float], None] = time.sleep,
                 transport: httpx.BaseTransport | None = None) -> None:
        self.delay = delay
        self.timeout = timeout
        self.max_backoff = max_backoff
        self._clock, self._sleep = clock, sleep
        self._client = httpx.Client(timeout=timeout, follow_redirects=True, max_redirects=5,
                                    headers={"User-Agent": USER_AGENT}, transport=transport)
        self._last_at: dict[str, float] = {}  # host -> when its last request ended
        self._backoff: dict[str, float] = {}  # host -> the wait its errors added
        self._robots: dict[str, RobotFileParser] = {}  # scheme://host -> its rules
        self.requests = 0

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def allowed(self, url: str) -> bool:
        """Whether the robots.txt of `url`'s host lets newsprism fetch it (read once per host)."""
        parts = urlsplit(url)
        site = f"{parts.scheme}://{parts.netloc}"
        rules = self._robots.get(site)
        if rules is None:
            rules = self._robots[site] = self._read_robots(site)
        return rules.can_fetch(AGENT, url)

    def _read_robots(self, site: str) -> RobotFileParser:
        """The rules of `site`'s robots.txt (everything allowed when it is missing, nothing when it cannot be
        read or is forbidden)."""
        rules = RobotFileParser(f"{site}/robots.txt")
        reply = self.get(f"{site}/robots.txt")
        if reply.ok:
            rules.parse(reply.body.decode("utf-8", "replace").splitlines())
        elif reply.status in (401, 403) or reply.transient:
            rules.disallow_all = True
        else:
            rules.allow_all = True
        return rules

    def crawl_delay(self, host: str) -> float:
        """The wait between two requests to `host`: `delay`, or its robots.txt's Crawl-delay when longer."""
        waits = [self.delay]
        for site, rules in self._robots.items():
            if urlsplit(site).netloc == host:
                waits.append(float(rules.crawl_delay(AGENT) or 0))
        return max(waits)

    def get(self, url: str, etag: str | None = None, last_modified: str | None = None) -> Reply:
        """GET `url` (conditionally when validators are given), after the host's wait; never raises."""
        host = urlsplit(url).netloc
        if host in self._last_at:
            wait = self._last_at[host] + self.crawl_delay(host) + self._backoff.get(host, 0.0) - self._clock()
            if wait > 0:
                self._sleep(wait)
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        self.requests += 1
        reply = self._request(url, headers)
        if reply.transient:
            backoff = min(self.max_backoff, max(2 * self._backoff.get(host, 0.0), self.delay, 1.0))
            self._backoff[host] = max(backoff, min(reply.retry_after or 0.0, self.max_backoff))
        else:
            self._backoff.pop(host, None)
        self._last_at[host] = self._clock()
        return reply

    def _request(self, url: str, headers: dict[str, str]) -> Reply:
        """One request, its body read up to the size limit."""
        limit = current_limits().max_html_bytes
        try:
            with self._client.stream("GET", url, headers=headers) as response:
                reply = Reply(url, response.status_code, etag=response.headers.get("etag"),
                              last_modified=response.headers.get("last-modified"), charset=response.charset_encoding,
                              retry_after=_seconds(response.headers.get("retry-after")))
                if response.status_code != 200:
                    return reply
                size = int(response.headers.get("content-length") or 0)
                if 0 < limit < size:
                    reply.error = f"{size:,} bytes, over the limit of {limit:,} (--max-html-bytes)"
                    return reply
                body = bytearray()
                for chunk in response.iter_bytes():
                    body += chunk
                    if 0 < limit < len(body):
                        reply.error = f"over the limit of {limit:,} bytes (--max-html-bytes)"
                        return reply
                reply.body = bytes(body)
                return reply
        except httpx.TimeoutException:
            return Reply(url, error=f"no answer within {self.timeout:g} s")
        except httpx.TooManyRedirects:
            return Reply(url, error="too many redirects")
        except (httpx.HTTPError, httpx.InvalidURL, ValueError) as err:
            return Reply(url, error=f"cannot fetch: {type(err).__name__}: {err}")


def _seconds(retry_after: str | None) -> float | None:
    """A Retry-After header (seconds, or an HTTP date) as seconds from now."""
    if not retry_after:
        return None
    if retry_after.strip().isdigit():
        return float(retry_after)
    try:
        return max(0.0, parsedate_to_datetime(retry_after).timestamp() - time.time())
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
