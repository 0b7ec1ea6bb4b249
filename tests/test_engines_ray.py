"""The Ray engine for real: `ingest --engine ray --workers 2` on a local Ray stores what the local engine stores."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsprism.cli import app
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
