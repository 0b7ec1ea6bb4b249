"""What a reader meets on the pages (issue 26), without spaCy: an article not in English says it was not
analysed and in which language, the events timeline spaces dates by time, the map draws every event with a
place over an offline basemap, and a story told by two outlets shows each quote once."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient
from test_web_units import analysis

from newsprism import pipeline
from newsprism.article import Article
from newsprism.store import Store
from newsprism.web import create_app

FRENCH = Article(
    text=("Des milliers de manifestants ont défilé samedi dans les rues de Lyon pour protester contre la réforme "
          "des retraites, selon les syndicats qui ont appelé à la mobilisation. « Nous ne lâcherons rien », a "
          "déclaré une responsable syndicale devant la préfecture."),
    title="Manifestation à Lyon",
    published="2024-05-04",
    source="Le Journal",
)


@pytest.fixture
def client(tmp_path) -> TestClient:
    """A client over a database of two hand-made English analyses and a French article stored unanalysed."""
    store = Store(str(tmp_path / "users.db"))
    store.save([analysis(), analysis("kharkiv-2", "Other Wire"), pipeline.to_analysis(FRENCH, None, "fr")])
    return TestClient(create_app(store, token="t"))


def test_an_article_not_in_english_says_it_was_not_analysed(client: TestClient) -> None:
    page = client.get(f"/articles/{FRENCH.id}").text
    assert "Not analysed (language: fr)" in page
    assert "No quotes found" not in page and "No actors found" not in page and "No events found" not in page
    listed = client.get("/articles").text
    row = listed[listed.index("Manifestation à Lyon"):].split("</tr>", 1)[0]
    assert "not analysed (language: fr)" in row
    english = client.get("/articles/kharkiv-1").text
    assert "Not analysed" not in english and "not analysed" not in english
    assert client.get("/api/articles").json()["items"][0]["language"] in ("en", "fr")
