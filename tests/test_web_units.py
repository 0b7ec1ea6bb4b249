"""The web layer without spaCy: marks over overlapping spans, SVG charts escaping their labels, and the pages
showing events, framing and conflicting figures of a hand-made analysis (map, timeline, technique tooltips)."""

from __future__ import annotations

import html
import re

import pytest
from fastapi.testclient import TestClient

from newsprism.framing.techniques import DESCRIPTIONS
from newsprism.schema import (
    Actor,
    Analysis,
    ArticleMeta,
    Count,
    Entity,
    Event,
    FigureConflict,
    FramingSpan,
    Location,
    Quote,
    Span,
)
from newsprism.store import Store
from newsprism.store import queries
from newsprism.web import charts, create_app
from newsprism.web.marks import Mark, analysis_marks, segments

TEXT = (
    '"The shelling went on all night," said Jane Doe, the mayor. '
    "Officials said 12 people were killed in Kharkiv; medics put the toll at about 15. "
    "Doe called the attackers terrorists."
)


def span(part: str, after: int = 0) -> Span:
    """The span of `part` in TEXT, so fixture offsets are always right."""
    start = TEXT.index(part, after)
    return Span(start=start, end=start + len(part), text=part)


def count(part: str, value: int, qualifier: str = "exact") -> Count:
    """A figure stated at `part` in TEXT."""
    s = span(part)
    return Count(value=value, qualifier=qualifier, text=part, start=s.start, end=s.end)


def analysis(article_id: str = "kharkiv-1", source: str = "Example <News>") -> Analysis:
    """A complete hand-made analysis: actors, a quote, an event with a place, framing and a figure conflict."""
    city = span("Kharkiv")
    return Analysis(
        article=ArticleMeta(id=article_id, title="Shelling <b>in</b> Kharkiv", published="2024-05-02", source=source,
                            url="https://example.org/k", text=TEXT),
        entities=[
            Entity(id="E1", name="Jane Doe", type="PERSON", mentions=[span("Jane Doe"), span("Doe", 80)]),
            Entity(id="E2", name="Kharkiv", type="GPE", country="UKR", mentions=[city]),
            Entity(id="E3", name="attackers", type="NORP", mentions=[span("attackers")], labels=[span("terrorists")]),
        ],
        quotes=[Quote(kind="direct", content=span("The shelling went on all night"), cue=span("said"),
                      speaker=span("Jane Doe"), speaker_entity="E1", speaker_name="Jane Doe")],
        events=[Event(type="ASSAULT", mode="kill", acled_type="Explosions/Remote violence",
                      target=Actor(name="civilians"), date="2024-05-02",
                      location=Location(name="Kharkiv", country="UKR", lat=49.99, lon=36.23, text="Kharkiv",
                                        start=city.start, end=city.end),
                      fatalities=count("12", 12), evidence=span("Officials said 12 people were killed in Kharkiv"))],
        framing=[FramingSpan(technique="Name_Calling,Labeling", start=span("terrorists").start,
                             end=span("terrorists").end, text="terrorists", score=0.91)],
        figure_conflicts=[FigureConflict(about="killed", figures=[count("12", 12), count("about 15", 15, "about")])],
    )


def test_segments_keep_the_text_and_cover_crossing_spans() -> None:
    text = "abcdefghij"
    marks = [Mark("q0", "quote", 0, 6), Mark("a0", "actor", 4, 8), Mark("f0", "framing", 2, 3),
             Mark("x", "actor", 5, 50), Mark("y", "actor", 3, 3)]  # out of range and empty: dropped
    parts = segments(text, marks)
    assert "".join(p.text for p in parts) == text
    covered = {p.text: p.items for p in parts}
    assert covered == {"ab": ["q0"], "c": ["q0", "f0"], "d": ["q0"], "ef": ["q0", "a0"], "gh": ["a0"], "ij": []}


def test_every_span_of_an_analysis_becomes_a_mark() -> None:
    marks = analysis_marks(analysis())
    kinds = {(m.item, m.kind) for m in marks}
    assert {("q0", "quote"), ("q0", "cue"), ("q0", "speaker"), ("a0", "actor"), ("v0", "event"), ("v0", "place"),
            ("f0", "framing"), ("c0", "figure")} <= kinds
    for m in marks:
        assert 0 <= m.start < m.end <= len(TEXT)
    framing = next(m for m in marks if m.kind == "framing")
    assert DESCRIPTIONS["Name_Calling,Labeling"] in framing.title


def test_charts_escape_their_labels() -> None:
    hostile = '<script>alert("x")</script>'
    svgs = [
        charts.bars([(hostile, 3), ("b", 1)], hostile),
        charts.timeline({hostile: {"2024-01-01": 2}, "b": {"2024-01-02": 1}}, "t"),
        charts.heatmap([hostile], ["o"], {(hostile, "o"): 2}, "h"),
        charts.world_map([{"place": hostile, "country": None, "lat": 10, "lon": 20, "type": hostile, "n": 2}], "m"),
    ]
    for svg in svgs:
        assert svg.startswith("<svg") and "<script>" not in svg and "&lt;script&gt;" in svg
    assert charts.bars([], "empty") == "" and charts.world_map([], "empty") == ""


def test_search_words_carry_no_query_syntax() -> None:
    assert queries.ArticleQuery(q='"Gaza" OR NEAR(x*) -"strip"').words() == ["Gaza", "OR", "NEAR", "x", "strip"]


def test_web_only_renders_the_store_queries() -> None:
    """No module of the web writes SQL: none imports SQLAlchemy or the store's tables (`newsprism.store.queries`
    and the store's other modules hold the queries)."""
    import ast
    from pathlib import Path

    import newsprism.web

    def forbidden(name: str) -> bool:
        return name == "sqlalchemy" or name.startswith(("sqlalchemy.", "newsprism.store.tables"))

    offenders = []
    for path in sorted(Path(newsprism.web.__file__).parent.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
            else:
                continue
            offenders += [f"{path.name}: {name}" for name in names if forbidden(name)]
    assert offenders == []


@pytest.fixture
def client(tmp_path) -> TestClient:
    """A client over a database holding two hand-made analyses from different outlets."""
    store = Store(str(tmp_path / "units.db"))
    store.save([analysis(), analysis("kharkiv-2", "Other Wire")])
    return TestClient(create_app(store, token="t"))  # no text is analysed here, so no pipeline is loaded


def test_article_page_shows_events_framing_and_figures(client: TestClient) -> None:
    page = client.get("/articles/kharkiv-1").text
    assert re.search(r'<mark class="[^"]*\bframing\b[^"]*" data-items="[^"]*f0[^"]*" title="[^"]*Name Calling', page)
    assert html.escape(DESCRIPTIONS["Name_Calling,Labeling"], quote=True) in page
    assert 'data-item="v0"' in page and "ASSAULT" in page and "Kharkiv (UKR)" in page
    assert 'data-item="c0"' in page and "“about 15”" in page
    assert "Shelling &lt;b&gt;in&lt;/b&gt; Kharkiv" in page


def test_events_page_draws_table_timeline_and_map(client: TestClient) -> None:
    page = client.get("/events").text
    assert page.count("<svg") == 2 and "<circle" in page
    assert "Kharkiv (UKR): ASSAULT × 2" in page  # the map point's tooltip counts both articles
    assert "Explosions/Remote violence" in page


def test_framing_page_by_outlet_and_month(client: TestClient) -> None:
    page = client.get("/framing").text
    assert "Example &lt;News&gt;" in page and "Other Wire" in page
    assert "2024-05" in page and page.count("<svg") == 2
    ids = [i["id"] for i in client.get("/api/articles", params={"technique": "Name_Calling,Labeling"}).json()["items"]]
    assert sorted(ids) == ["kharkiv-1", "kharkiv-2"]


def test_actors_page_lists_labels_by_outlet(client: TestClient) -> None:
    page = client.get("/actors").text
    row = page[page.index(">attackers<") :].split("</tr>", 1)[0]
    assert "“terrorists”" in row and "Example &lt;News&gt; 1" in row and "Other Wire 1" in row
    assert re.search(r'<a href="/actors/\d+">attackers</a>', page)  # one row per actor across articles, linked


@pytest.mark.slow  # starts the analyser's worker process
def test_analysing_without_a_pipeline_says_why(client: TestClient) -> None:
    from functools import partial

    import spacy

    from newsprism.web.sandbox import ProcessAnalyzer

    # The server analyses in a worker process: give it a pipeline that cannot load there.
    client.app.state.analyzer = ProcessAnalyzer(load=partial(spacy.load, "en_core_web_sm_not_installed"))
    response = client.post("/api/analyze", json={"text": "Hello."})
    assert response.status_code == 503 and "en_core_web_sm_not_installed" in response.json()["detail"]
    assert client.get("/articles/kharkiv-1").status_code == 200  # stored analyses still show


def test_the_footer_says_whether_the_encoder_runs(tmp_path) -> None:
    from newsprism import pipeline

    store = Store(str(tmp_path / "footer.db"))
    default = TestClient(create_app(store, token="t")).get("/").text
    fast = TestClient(create_app(store, token="t", config=pipeline.settings(fast=True))).get("/").text
    footer = lambda page: page.split("<footer>", 1)[1].split("</footer>", 1)[0]  # noqa: E731
    assert "shared encoder" in footer(default) and "tone towards actors" in footer(default)
    assert "no encoder" in footer(fast) and "no tone" in footer(fast)
