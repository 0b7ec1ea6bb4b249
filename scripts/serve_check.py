"""The server bar of issue 14: with `newsprism serve` running, a 200,000-character POST /api/analyze must not
delay concurrent GET /api/articles by more than 2 s, and must itself be answered within the time budget + 5 s.

Usage: python scripts/serve_check.py DB [--budget SECONDS] [--port PORT]. Starts the server on DB, waits for
it, sends the big POST in one thread while another times GETs, prints what it measured as JSON, and exits
1 when a bar is missed.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request

WORDS = ("the minister said on Monday that the talks in Geneva would go on despite the shelling of "
         "Kharkiv where officials said 12 people were killed").split()


def request(url: str, body: bytes | None = None, timeout: float = 600) -> tuple[int, float]:
    """Status and seconds of one HTTP request."""
    start = time.monotonic()
    req = urllib.request.Request(url, data=body, headers={"Content-Type": "application/json"} if body else {})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as response:
            response.read()
            status = response.status
    except urllib.error.HTTPError as err:
        status = err.code
    return status, time.monotonic() - start


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("db")
    parser.add_argument("--budget", type=float, default=60.0)
    parser.add_argument("--port", type=int, default=8765)
    args = parser.parse_args()
    base = f"http://127.0.0.1:{args.port}"
    newsprism = os.path.join(os.path.dirname(sys.executable), "newsprism")
    server = subprocess.Popen([newsprism, "--time-budget", str(args.budget), "serve", "--db", args.db,
                               "--port", str(args.port)], stderr=subprocess.DEVNULL)
    try:
        for _ in range(120):
            try:
                request(f"{base}/api/articles", timeout=2)
                break
            except OSError:
                time.sleep(0.5)
        time.sleep(20)  # the analysis worker loads spaCy in the background
        rng = random.Random(0)
        text = ""
        while len(text) < 200_000:
            text += " ".join(rng.choice(WORDS) for _ in range(12)) + ". "
        body = json.dumps({"text": text[:200_000]}).encode()
        post: dict[str, float] = {}
        thread = threading.Thread(target=lambda: post.update(zip(("status", "seconds"), request(f"{base}/api/analyze", body))))
        thread.start()
        gets = []
        while thread.is_alive():
            status, seconds = request(f"{base}/api/articles")
            gets.append(seconds)
            assert status == 200, status
            time.sleep(0.2)
        thread.join()
    finally:
        server.terminate()
        server.wait(10)
    result = {"post_status": post["status"], "post_seconds": round(post["seconds"], 2),
              "gets": len(gets), "slowest_get_seconds": round(max(gets), 3), "budget": args.budget}
    print(json.dumps(result))
    return 0 if max(gets) <= 2 and post["seconds"] <= args.budget + 5 else 1


if __name__ == "__main__":
    sys.exit(main())
