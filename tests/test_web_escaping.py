"""Escaping, as one property over every HTML route (as datasette's tests/test_html.py parametrizes one check over
its pages): a `<script>` payload stored in an article's title, source and text, an actor's name and label, a
quote's content and speaker, an event's actors, place and evidence, a tone row and a framing span appears on
no page as markup, only escaped. The analyses are made by hand (no spaCy model), stored with `Store.save`, so
the corpus index gives them actors and a story as it would any analysis; the analyse result is the page of
`POST /analyze` with the analyser returning the same hostile analysis."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from newsprism import schema
from newsprism.store import Store
from newsprism.web import create_app

PAYLOAD = '<script>window.__pwned=1</script>'
ESCAPED = "&lt;script&gt;window.__pwned=1&lt;/script&gt;"
NAME = f"Omar {PAYLOAD} Haddad"  # an actor's name as NER might read it from a hostile page


def hostile_analysis(article_id: str, source: str) -> schema.Analysis:
    """An analysis whose every stored string a page shows carries the payload, offsets kept true."""
    parts = [f"{NAME} said ", f'"{PAYLOAD} we will rebuild the crossing"', ". ",
             f"Police killed 12 protesters in Rafah {PAYLOAD} on Friday.", " ", f"the {PAYLOAD} regime"]
    text = "".join(parts)
    spans, at = [], 0
    for part in parts:
        spans.append(schema.Span(start=at, end=at + len(part), text=part))
        at += len(part)
    name, quote, _, sentence, _, label = spans
    speaker = schema.Span(start=0, end=len(NAME), text=NAME)
    content = schema.Span(start=quote.start + 1, end=quote.end - 1, text=quote.text[1:-1])
    actor = schema.Entity(id="e0", name=NAME, type="PERSON", country="PSE", mentions=[speaker], labels=[label])
    place = schema.Entity(id="e1", name=f"Rafah {PAYLOAD}", type="GPE", country="PSE",
                   mentions=[schema.Span(start=sentence.start + 31, end=sentence.start + 36, text="Rafah")])
    count = schema.Count(value=12, text=f"12 {PAYLOAD}", start=sentence.start + 13, end=sentence.start + 15)
    event = schema.Event(type="ASSAULT", mode=PAYLOAD, acled_type="Violence against civilians",
                  source=schema.Actor(entity="e0", name=NAME, text=NAME, start=0, end=len(NAME)),
                  target=schema.Actor(name=f"protesters {PAYLOAD}", text="protesters"),
                  location=schema.Location(name=f"Rafah {PAYLOAD}", country="PSE", lat=31.29, lon=34.25, text="Rafah"),
                  date="2024-03-01", date_text=f"Friday {PAYLOAD}", fatalities=count, evidence=sentence, score=0.9)
    voice = schema.Voice(kind="quote", speaker_entity="e0", speaker_name=NAME)
    return schema.Analysis(
        article=schema.ArticleMeta(id=article_id, title=f"Crossing {PAYLOAD}", published="2024-03-01",
                            source=source, url=f"https://example.org/{article_id}", text=text),
        entities=[actor, place],
        quotes=[schema.Quote(kind="direct", content=content, cue=schema.Span(start=len(NAME) + 1, end=len(NAME) + 5, text="said"),
                      speaker=speaker, speaker_entity="e0", speaker_name=NAME)],
        events=[event],
        framing=[schema.FramingSpan(technique=f"Loaded_Language{PAYLOAD}", start=label.start, end=label.end,
                             text=label.text, score=0.9),
                 schema.FramingSpan(technique="Name_Calling,Labeling", start=content.start, end=content.end,
                             text=content.text, score=0.8, voice=voice)],
        tone=[schema.Tone(entity="e0", mention=speaker, polarity=-1, score=0.9)],
        actor_tone=[schema.ActorTone(entity="e0", name=NAME, mentions=1, negative=1, neutral=0, positive=0, mean=-1.0,
                              author_mean=-1.0)],
        figure_conflicts=[schema.FigureConflict(about=f"fatalities {PAYLOAD}", figures=[count], sentences=[sentence])],
    )


class HostileAnalyzer:
    """Stands for the pipeline behind `POST /analyze`: it answers with the hostile analysis."""

    def analyze(self, articles):
        return [hostile_analysis("pasted", f"Pasted {PAYLOAD}") for _ in articles]


@pytest.fixture(scope="module")
def client(tmp_path_factory) -> TestClient:
    path = tmp_path_factory.mktemp("escaping") / "web.db"
    with Store(str(path)) as store:
        store.save([hostile_analysis("a1", f"Evil {PAYLOAD} Daily"), hostile_analysis("a2", f"Bad {PAYLOAD} Wire")])
    app = create_app(str(path), token="t", nlp=object())
    app.state.analyzer = HostileAnalyzer()
    return TestClient(app)


def first_id(client: TestClient, api: str) -> str:
    """The id of the first item the JSON API lists (a story, an actor)."""
    body = client.get(api).json()
    items = body["items"] if isinstance(body, dict) else body
    assert items, f"{api} lists nothing: the hostile analyses made no {api.rsplit('/', 1)[-1]}"
    return str(items[0]["id"])


ROUTES = ["/", "/articles", "/articles?q=crossing", "/articles/a1", "/speakers", "/events", "/framing",
          "/framing?voice=all&min_score=0", "/tone", "/tone?voice=all", "/stories", "/stories/{story}", "/actors",
          "/actors/{actor}", "/analyze", "POST /analyze"]


@pytest.mark.parametrize("route", ROUTES)
def test_a_stored_script_is_shown_only_escaped(client: TestClient, route: str) -> None:
    if route == "POST /analyze":
        response = client.post("/analyze", data={"text": f"Pasted {PAYLOAD}", "title": PAYLOAD})
    else:
        url = route.format(story=first_id(client, "/api/stories") if "{story}" in route else "",
                           actor=first_id(client, "/api/actors") if "{actor}" in route else "")
        response = client.get(url)
    assert response.status_code == 200, (route, response.text[:300])
    page = response.text
    assert PAYLOAD not in page and "window.__pwned=1</script>" not in page, route
    assert len(re.findall(r"<script\b", page)) <= 1, route  # at most the page's own /static/app.js
    if route != "/analyze":  # the empty form shows nothing stored
        assert ESCAPED in page, f"{route} shows none of the hostile strings escaped: it tests nothing"


def test_every_html_route_is_covered(client: TestClient) -> None:
    """A new HTML page joins ROUTES: the app's GET routes that answer HTML are all in the list."""
    from fastapi.responses import HTMLResponse

    covered = {r.split("?")[0] for r in ROUTES if not r.startswith("POST")}
    pages = {route.path for route in client.app.routes
             if getattr(route, "response_class", None) is HTMLResponse and "GET" in getattr(route, "methods", ())}
    normalised = {p.replace("{article_id:path}", "a1").replace("{story_id}", "{story}").replace("{actor_id}", "{actor}")
                  for p in pages}
    assert normalised <= covered, f"HTML routes not in ROUTES: {sorted(normalised - covered)}"
