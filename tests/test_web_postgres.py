"""Search on PostgreSQL: words through `to_tsvector` (GIN index made by the migration), filters as on SQLite, and the
pages over a PostgreSQL store. Uses the server of tests/test_postgres.py; skips when none can be had."""

from __future__ import annotations

from fastapi.testclient import TestClient
from test_web_units import analysis

from newsprism.schema import Analysis
from newsprism.store import Store
from newsprism.web import create_app
from tests.test_postgres import pg_url, server  # noqa: F401  (fixtures)


def other(article_id: str) -> Analysis:
    """An analysis of a different text, so word searches tell the two apart."""
    a = analysis(article_id, "Farm Wire")
    return a.model_copy(update={"article": a.article.model_copy(update={"text": "Barley prices rose in Odesa.", "title": "Grain"})})


def test_search_and_pages_on_postgres(pg_url: str) -> None:  # noqa: F811
    with Store(pg_url) as store:
        store.save([analysis(), other("farm-1")])
        client = TestClient(create_app(store, token="t"))

        def ids(**params: str) -> list[str]:
            return [item["id"] for item in client.get("/api/articles", params=params).json()["items"]]

        assert sorted(ids()) == ["farm-1", "kharkiv-1"]
        assert ids(q="barley ODESA") == ["farm-1"]
        assert ids(q="shelling") == ["kharkiv-1"]
        assert ids(q="barley shelling") == []
        assert ids(q="'); DROP TABLE articles; --") == []
        assert ids(source="Farm Wire", technique="Name_Calling,Labeling") == ["farm-1"]
        assert ids(actor="JANE DOE", speaker="Jane Doe", date_from="2024-05-01") == ["farm-1", "kharkiv-1"]
        for path in ("/articles?q=barley", "/speakers", "/actors", "/events", "/framing", "/articles/kharkiv-1"):
            assert client.get(path).status_code == 200, path
