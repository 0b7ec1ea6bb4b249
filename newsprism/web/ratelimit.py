"""How often one client may ask the server to analyse text: a sliding window per client address.

Analysis costs seconds of CPU where a read costs milliseconds, so `/api/analyze` and the paste box allow
each client `per_minute` requests (`NEWSPRISM_ANALYZE_RATE`, default 30); more get 429 with Retry-After.
"""

from __future__ import annotations

import math
import os
import threading
import time
from collections import OrderedDict, deque

from fastapi import HTTPException, Request

RATE_ENV = "NEWSPRISM_ANALYZE_RATE"
PER_MINUTE = 30
WINDOW = 60.0
CLIENTS = 10_000  # addresses remembered; the least recently seen are forgotten first


class RateLimit:
    """At most `per_minute` requests per client address in any 60 seconds (0: no limit)."""

    def __init__(self, per_minute: int | None = None) -> None:
        """`per_minute` as given, else from `$NEWSPRISM_ANALYZE_RATE`, else 30."""
        if per_minute is None:
            raw = os.environ.get(RATE_ENV, "").strip()
            per_minute = int(raw) if raw.isdigit() else PER_MINUTE
        self.per_minute = per_minute
        self._seen: OrderedDict[str, deque[float]] = OrderedDict()
        self._lock = threading.Lock()

    def check(self, client: str) -> None:
        """Count one request from `client`; 429 when it has used up its requests of the last minute."""
        if self.per_minute <= 0:
            return
        now = time.monotonic()
        with self._lock:
            times = self._seen.pop(client, None) or deque()
            while times and now - times[0] >= WINDOW:
                times.popleft()
            self._seen[client] = times
            if len(self._seen) > CLIENTS:
                self._seen.popitem(last=False)
            if len(times) >= self.per_minute:
                wait = math.ceil(WINDOW - (now - times[0]))
                raise HTTPException(429, f"too many analyses: {self.per_minute} a minute per client; "
                                    f"try again in {wait} s", {"Retry-After": str(wait)})
            times.append(now)


def analyze_rate(request: Request) -> None:
    """FastAPI dependency: the app's analysis rate limit, counted against the client's address."""
    request.app.state.analyze_rate.check(request.client.host if request.client else "unknown")
