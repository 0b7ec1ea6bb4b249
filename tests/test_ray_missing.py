"""The Ray engine without Ray: `ingest --engine ray` ends with the project's numbered error saying how to get
Ray (E120), no traceback, nothing stored and the database still usable. Quick: Ray is hidden, never started."""

from __future__ import annotations

import sys
from pathlib import Path

from typer.testing import CliRunner

from newsprism.console.cli import app
from newsprism.errors import RayUnavailable
from newsprism.store import Store


def test_ingest_on_ray_without_ray_says_how_to_get_it(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setitem(sys.modules, "ray", None)  # `import ray` fails as where it is not installed
    article = tmp_path / "a.txt"
    article.write_text('"We will reopen the school on Monday," Principal Ann Lee said.\n', encoding="utf-8")
    db = tmp_path / "news.db"
    done = CliRunner().invoke(app, ["ingest", str(article), "--db", str(db), "--engine", "ray", "--workers", "1"])
    assert done.exit_code == 1, done.output  # a service that fails (errors.DataError)
    assert RayUnavailable.code in done.output and 'pip install "newsprism[ray]"' in done.output
    assert "Traceback" not in done.output and not isinstance(done.exception, ModuleNotFoundError)
    with Store(str(db)) as store:
        assert store.count("articles") == 0
