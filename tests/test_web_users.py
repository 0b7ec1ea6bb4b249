"""What a reader meets on the pages (issue 26), without spaCy: an article not in English says it was not
analysed and in which language, the events timeline spaces dates by time, the map draws every event with a
place over an offline basemap, and a story told by two outlets shows each quote once."""

from __future__ import annotations

import re
from dataclasses import replace

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


def bar_positions(svg: str) -> dict[str, float]:
    """The left edge of each timeline column, by its date."""
    return {key: float(x) for x, key in re.findall(r'<rect x="([\d.]+)"[^>]*data-key="([^"]+)"', svg)}


def test_the_timeline_spaces_dates_by_time() -> None:
    from newsprism.web import charts

    svg = charts.timeline({"ASSAULT": {"2024-01-01": 1, "2024-01-08": 2}, "PROTEST": {"2024-05-08": 1}}, "t")
    x = bar_positions(svg)
    week, four_months = x["2024-01-08"] - x["2024-01-01"], x["2024-05-08"] - x["2024-01-08"]
    assert four_months / week == pytest.approx(121 / 7, rel=0.01)  # 121 days against 7, not one step each
    assert ">2024-02<" in svg and ">2024-05<" in svg  # month ticks on a span of months
    months = bar_positions(charts.timeline({"Doubt": {"2024-01": 1, "2024-02": 1, "2024-12": 1, "n/a": 4}}, "m"))
    assert set(months) == {"2024-01", "2024-02", "2024-12"}  # a key that is no date is left out
    assert (months["2024-12"] - months["2024-02"]) / (months["2024-02"] - months["2024-01"]) == pytest.approx(
        (335 - 31) / 31, rel=0.02)


def located(article_id: str, place: str, country: str | None, lat: float | None = None, lon: float | None = None):
    """A hand-made analysis whose one event happened at `place`, with or without coordinates."""
    a = analysis(article_id)
    event = a.events[0]
    location = replace(event.location, name=place, country=country, lat=lat, lon=lon)
    return a.model_copy(update={"events": [replace(event, location=location)]})


def test_every_event_with_a_place_is_on_the_offline_map(tmp_path) -> None:
    store = Store(str(tmp_path / "map.db"))
    store.save([located("with-coordinates", "Kharkiv", "UKR", 49.99, 36.23),
                located("city-name-only", "Tehran", None),
                located("country-only", "Iran", "IRN"),
                located("territory", "West Bank", "PSE"),
                located("unknown", "Nowheresville Junction", None)])
    client = TestClient(create_app(store, token="t"))
    page = client.get("/events").text
    svg = page[page.index('aria-label="Events by place"'):].split("</svg>", 1)[0]
    assert '<image class="basemap" href="/static/world-110m.svg"' in svg
    titles = re.findall(r"<circle [^>]*data-where=\"(\w+)\"><title>([^<]+)</title>", svg)
    assert sorted(titles) == [
        ("country", "Iran (somewhere in the country): ASSAULT × 1"),
        ("country", "West Bank (somewhere in the country): ASSAULT × 1"),
        ("place", "Kharkiv (UKR): ASSAULT × 1"),
        ("place", "Tehran (IRN): ASSAULT × 1"),
    ]
    assert "Not on the map (the gazetteer does not know the place): Nowheresville Junction (1)" in page
    basemap = client.get("/static/world-110m.svg")
    assert basemap.status_code == 200 and basemap.headers["content-type"].startswith("image/svg+xml")
    assert basemap.text.count("<path ") >= 170 and "Natural Earth" in basemap.text and "http" not in basemap.text.split("-->")[1]


def test_country_points_fall_inside_their_country() -> None:
    from newsprism import gazetteer

    lat, lon = gazetteer.country_point("FRA")
    assert 42 < lat < 51 and -5 < lon < 8  # mainland France, not French Guiana
    lat, lon = gazetteer.country_point("USA")
    assert 25 < lat < 49 and -125 < lon < -67  # the contiguous states, not Alaska
    assert gazetteer.country_point("MLT") is not None  # too small for 1:110m: its capital
    assert gazetteer.country_point("ZZZ") is None and gazetteer.country_point(None) is None
