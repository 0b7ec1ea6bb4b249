"""The event score kept in the store and filtered on the web events page (`?min_score=`), on a hand-made
analysis: no spaCy model, no shared data."""

from __future__ import annotations

from fastapi.testclient import TestClient

from newsprism.schema import Analysis, ArticleMeta, Event, Location, Span
from newsprism.store import Store
from newsprism.web import corpus, create_app

TEXT = "Police arrested two men in Kyiv. The council met in Lviv. A storm hit Odesa."


def event(part: str, score: float | None, place: str, lat: float) -> Event:
    start = TEXT.index(part)
    return Event(type="COERCE", date="2024-05-02", score=score,
                 location=Location(name=place, country="UKR", lat=lat, lon=30.0, text=place),
                 evidence=Span(start=start, end=start + len(part), text=part))


def test_min_score_filters_the_stored_events(tmp_path) -> None:
    store = Store(str(tmp_path / "scores.db"))
    store.save([Analysis(article=ArticleMeta(id="a1", text=TEXT, published="2024-05-02"), events=[
        event("Police arrested two men in Kyiv.", 0.9, "Kyiv", 50.4),
        event("The council met in Lviv.", 0.3, "Lviv", 49.8),
        event("A storm hit Odesa.", None, "Odesa", 46.5)])])  # stored before scores: always shown
    assert sorted(r["score"] or 0 for r in corpus.event_rows(store)) == [0, 0.3, 0.9]
    assert {r["place"] for r in corpus.event_rows(store, min_score=0.5)} == {"Kyiv", "Odesa"}
    assert {r["place"] for r in corpus.located_events(store, 0.5)} == {"Kyiv", "Odesa"}
    assert sum(corpus.events_by_date(store, 0.95)["COERCE"].values()) == 1
    client = TestClient(create_app(store, token="t"))
    page = client.get("/events", params={"min_score": 0.5}).text
    assert "Police arrested" in page and "council met" not in page
    assert "council met" in client.get("/events").text
    assert client.get("/events", params={"min_score": 2}).status_code == 422
