"""The Ray engine for real: `ingest --engine ray --workers 2` on a local Ray stores what the local engine stores."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsprism.console.cli import app
from newsprism.store import TABLES, Store

pytestmark = pytest.mark.skipif(
    importlib.util.find_spec("ray") is None, reason='Ray is not installed: pip install "newsprism[ray]"'
)

SAMPLES = Path(__file__).resolve().parents[1] / "newsprism" / "samples"


def stored(db: Path) -> dict[str, list[dict]]:
    """Every row of every table, without the ingest time, sorted by key; an entity's corpus actor id (given
    first-come, so it follows the order batches are stored in) as the first entity that joined that actor."""
    with Store(str(db)) as store:
        out = {
            t: [{k: v for k, v in row.items() if k != "ingested_at"} for row in store.rows(t, include_analysis=True)]
            for t in TABLES
        }
    first: dict[int, tuple[str, str]] = {}
    for row in out["entities"]:
        row["actor_id"] = first.setdefault(row["actor_id"], (row["article_id"], row["entity_id"]))
    return out


def test_ray_ingest_stores_what_the_local_engine_stores(tmp_path: Path) -> None:
    extra = tmp_path / "extra.txt"  # a fifth article, so that two actors each get work
    extra.write_text('"We will reopen the school on Monday," Principal Ann Lee said.\n', encoding="utf-8")
    inputs = [str(SAMPLES), str(extra)]
    local_db, ray_db = tmp_path / "local.db", tmp_path / "ray.db"
    runner = CliRunner()
    done = runner.invoke(app, ["ingest", *inputs, "--db", str(local_db), "--workers", "1", "--batch-size", "2"])
    assert done.exit_code == 0, done.output
    args = ["ingest", *inputs, "--db", str(ray_db), "--engine", "ray", "--workers", "2", "--batch-size", "2"]
    done = runner.invoke(app, args)
    assert done.exit_code == 0, done.output
    assert "stored 5 new articles" in done.stderr
    want, got = stored(local_db), stored(ray_db)
    assert len(got["articles"]) == 5 and got["quotes"]
    assert got == want


@pytest.fixture(scope="module")
def token_cluster(tmp_path_factory):
    """A Ray head started for this module with token authentication (`ray start --head --block` in its own
    process group, stopped by that group alone, so no other Ray on the machine is touched): (address, token)."""
    import os
    import secrets
    import signal
    import socket
    import subprocess
    import sys
    import tempfile
    import time

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    token = secrets.token_hex(16)
    home = tmp_path_factory.mktemp("rayhome")
    temp = tempfile.mkdtemp(prefix="npray-", dir="/tmp")  # short: Ray's socket paths have a length limit
    env = {**os.environ, "HOME": str(home), "RAY_AUTH_MODE": "token", "RAY_AUTH_TOKEN": token,
           "RAY_BACKEND_LOG_LEVEL": "fatal"}
    ray_cli = Path(sys.executable).parent / "ray"
    head = subprocess.Popen([str(ray_cli), "start", "--head", "--block", f"--port={port}", "--num-cpus=1",
                             "--include-dashboard=false", "--disable-usage-stats", f"--temp-dir={temp}"],
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    address = f"127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and head.poll() is None:
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", port)) == 0:
                    break
            time.sleep(1)
        if head.poll() is not None:
            pytest.skip(f"ray start --head failed: {head.stderr.read().decode()[-300:]}")
        time.sleep(3)  # the raylet registers after the GCS listens
        yield address, token, home
    finally:
        os.killpg(head.pid, signal.SIGTERM)
        try:
            head.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(head.pid, signal.SIGKILL)


def ingest_on(address: str, env_extra: dict[str, str], home: Path, db: Path, article: Path):
    """`newsprism --fast ingest ARTICLE --engine ray --ray-address ADDRESS` in a process of its own (Ray's
    token is read once per process), with `env_extra` as its environment's token settings."""
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if not k.startswith("RAY_AUTH")}
    env |= {"HOME": str(home), **env_extra}
    cmd = [str(Path(sys.executable).parent / "newsprism"), "--fast", "ingest", str(article), "--db", str(db),
           "--engine", "ray", "--ray-address", address, "--workers", "1"]
    return subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=600)


def test_ray_address_with_its_token_stores_the_articles(token_cluster, tmp_path: Path) -> None:
    address, token, home = token_cluster
    article = tmp_path / "a.txt"
    article.write_text('"We will reopen the school on Monday," Principal Ann Lee said.\n', encoding="utf-8")
    db = tmp_path / "news.db"
    done = ingest_on(address, {"RAY_AUTH_MODE": "token", "RAY_AUTH_TOKEN": token}, home, db, article)
    assert done.returncode == 0, done.stderr[-2000:]
    with Store(str(db)) as store:
        assert store.count("articles") == 1 and store.count("quotes") >= 1


def test_ray_address_with_a_wrong_token_is_a_clear_error(token_cluster, tmp_path: Path) -> None:
    address, _, home = token_cluster
    article = tmp_path / "a.txt"
    article.write_text("Officials said the bridge reopened on Monday.\n", encoding="utf-8")
    done = ingest_on(address, {"RAY_AUTH_MODE": "token", "RAY_AUTH_TOKEN": "0" * 32}, home, tmp_path / "n.db", article)
    assert done.returncode == 1, done.stderr[-2000:]
    assert "E120" in done.stderr and address in done.stderr and "--ray-address" in done.stderr
    assert "Traceback" not in done.stderr
