"""`newsprism serve`: serves a database over HTTP with writes behind $NEWSPRISM_TOKEN, and refuses a database
that is not there with a message instead of creating an empty one."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from test_web_units import analysis

from newsprism.store import Store

REPO = Path(__file__).resolve().parents[1]


def newsprism(*args: str, **kwargs) -> subprocess.Popen:
    """The `newsprism` command of this checkout, run as a child process."""
    return subprocess.Popen([sys.executable, "-m", "newsprism.console.cli", *args], cwd=REPO, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, **kwargs)


def test_serve_refuses_a_missing_database(tmp_path: Path) -> None:
    proc = newsprism("serve", "--db", str(tmp_path / "none.db"))
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 2 and "newsprism ingest" in err
    assert not (tmp_path / "none.db").exists()


def test_serve_answers_reads_and_guards_writes(tmp_path: Path) -> None:
    db = tmp_path / "served.db"
    with Store(str(db)) as store:
        store.save([analysis()])
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    proc = newsprism("serve", "--db", str(db), "--port", str(port), env={**os.environ, "NEWSPRISM_TOKEN": "abc"})
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{base}/api/articles", timeout=5) as response:
                    listing = json.load(response)
                break
            except OSError:
                assert proc.poll() is None and time.monotonic() < deadline, "the server did not start"
                time.sleep(0.2)
        assert [item["id"] for item in listing["items"]] == ["kharkiv-1"]
        write = urllib.request.Request(f"{base}/api/articles", data=b'{"text": "x"}', method="POST",
                                       headers={"Content-Type": "application/json", "Authorization": "Bearer nope"})
        try:
            urllib.request.urlopen(write, timeout=5)
            raise AssertionError("a write with a wrong token was accepted")
        except urllib.error.HTTPError as refused:
            assert refused.code == 403
    finally:
        proc.terminate()
        proc.communicate(timeout=30)
