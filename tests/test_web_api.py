"""The REST API and the pages through FastAPI's test client: listing, search, analyses, writes behind the
token, exports, escaping of hostile articles, security headers and size limits."""

from __future__ import annotations

import csv
import html
import io
import json
import re
import shutil

import pytest
from fastapi.testclient import TestClient
from test_web_fixtures import HOSTILE, PLAIN, SEED, TOKEN, WebDB, web_db  # noqa: F401  (fixture)

from newsprism.web import create_app


@pytest.fixture(scope="module")
def client(web_db: WebDB, nlp) -> TestClient:  # noqa: F811
    """A read-mostly client over the shared test database."""
    return TestClient(create_app(str(web_db.path), token=TOKEN, nlp=nlp))


@pytest.fixture
def writable(web_db: WebDB, nlp, tmp_path) -> TestClient:  # noqa: F811
    """A client over a private copy of the test database, for tests that write."""
    copy = tmp_path / "copy.db"
    shutil.copy(web_db.path, copy)
    return TestClient(create_app(str(copy), token=TOKEN, nlp=nlp, max_body=64_000))


def test_lists_every_article(client: TestClient, web_db: WebDB) -> None:
    body = client.get("/api/articles").json()
    ids = {item["id"] for item in body["items"]}
    assert {web_db.plain, web_db.hostile} <= ids
    assert body["total"] == len(ids) == (3 if web_db.seed else 2)
    hostile = next(item for item in body["items"] if item["id"] == web_db.hostile)
    assert hostile["title"] == HOSTILE.title  # the API gives the data as stored; escaping is the page's job


def test_full_text_search_and_filters(client: TestClient, web_db: WebDB) -> None:
    def ids(**params: str) -> list[str]:
        return [item["id"] for item in client.get("/api/articles", params=params).json()["items"]]

    assert ids(q="shelling Kharkiv") == [web_db.plain]
    assert ids(q="KHARKIV") == [web_db.plain]  # any case
    assert ids(q="shelling onerror") == []  # every word must occur
    assert ids(q='"*) OR NEAR(') == []  # query syntax is never passed through
    assert ids(source="Example News") == [web_db.plain]
    assert ids(date_from="2024-01-01") == [web_db.plain]
    assert ids(date_to="2023-12-31", date_from="2023-11-30") == [web_db.hostile]
    assert ids(actor="jane doe") == [web_db.plain]
    assert ids(speaker="Jane Doe") == [web_db.plain]
    assert ids(technique="No_Such_Technique") == []


def test_search_finds_articles_stored_after_the_index_was_built(writable: TestClient) -> None:
    assert writable.get("/api/articles", params={"q": "shelling"}).json()["total"] == 1
    new = {"text": "Farmers said the shelling destroyed the barley harvest near Zaporizhzhia.", "source": "Farm Wire"}
    assert writable.post("/api/articles", json=new, headers={"Authorization": f"Bearer {TOKEN}"}).status_code == 201
    found = writable.get("/api/articles", params={"q": "barley shelling"}).json()
    assert [item["source"] for item in found["items"]] == ["Farm Wire"]


@pytest.mark.skipif(not SEED.exists(), reason=f"{SEED} is absent: the shared examples are not beside this clone")
def test_seed_analysis_and_page(client: TestClient, web_db: WebDB) -> None:
    analysis = client.get(f"/api/articles/{web_db.seed}").json()
    assert analysis["article"]["id"] == web_db.seed
    assert len(analysis["quotes"]) >= 5
    assert any(q["speaker_name"] == "Khamenei" for q in analysis["quotes"])
    for q in analysis["quotes"]:
        content = q["content"]
        assert analysis["article"]["text"][content["start"] : content["end"]] == content["text"]
    page = client.get(f"/articles/{web_db.seed}")
    assert page.headers["content-type"].startswith("text/html")
    assert len(re.findall(r"<mark [^>]*data-items=", page.text)) >= 5
    assert "Khamenei" in page.text


def test_article_page_marks_quote_speaker_and_actor(client: TestClient, web_db: WebDB) -> None:
    page = client.get(f"/articles/{web_db.plain}").text
    marks = re.findall(r'<mark class="([^"]+)" data-items="([^"]+)"[^>]*>([^<]*)</mark>', page)
    kinds = {k for classes, _, _ in marks for k in classes.split()}
    assert {"quote", "speaker", "cue", "actor"} <= kinds
    speaker_items = {items for classes, items, text in marks if "speaker" in classes.split() and text == "Jane Doe"}
    assert speaker_items, "the speaker's name is marked"
    quote_id = next(i for i in next(iter(speaker_items)).split() if i.startswith("q"))
    assert f'data-item="{quote_id}"' in page  # the side panel lists the same quote
    body = page.split('id="text">', 1)[1].split("</div>", 1)[0]
    assert html.unescape(re.sub(r"<[^>]+>", "", body)) == PLAIN.text  # the marks keep the text whole


def test_hostile_markup_is_only_shown_escaped(client: TestClient, web_db: WebDB) -> None:
    pages = [
        client.get(f"/articles/{web_db.hostile}").text,
        client.get("/articles").text,
        client.get("/articles", params={"q": "removed code"}).text,
        client.get("/speakers").text,
        client.get("/actors").text,
    ]
    for page in pages:
        assert "<script>window" not in page and "<img src=x" not in page and "<b onmouseover" not in page
        assert "javascript:" not in page
        assert len(re.findall(r"<script\b", page)) == 1  # only the page's own /static/app.js
    article = pages[0]
    assert "&lt;script&gt;window.__pwned = 3&lt;/script&gt;" in article  # the title, escaped
    assert "&lt;img src=x onerror=" in article  # the text, escaped
    assert "&lt;b onmouseover=" in article  # the source, escaped


def test_missing_article_is_404(client: TestClient) -> None:
    assert client.get("/api/articles/nope").status_code == 404
    page = client.get("/articles/<script>nope")
    assert page.status_code == 404 and "<script>nope" not in page.text


def test_writes_need_the_token(writable: TestClient) -> None:
    article = {"text": '"We will open the crossing tomorrow," said Omar Haddad, a border official.', "title": "Crossing"}
    assert writable.post("/api/articles", json=article).status_code == 401
    wrong = writable.post("/api/articles", json=article, headers={"Authorization": "Bearer wrong"})
    assert wrong.status_code == 403
    assert writable.post("/api/articles", json=article, headers={"Authorization": "Basic abc"}).status_code in (401, 403)
    ok = writable.post("/api/articles", json=[article], headers={"Authorization": f"Bearer {TOKEN}"})
    assert ok.status_code == 201 and ok.json()["stored"] == 1
    stored = writable.get(f"/api/articles/{ok.json()['ids'][0]}").json()
    assert stored["article"]["title"] == "Crossing"
    assert any(q["speaker_name"] == "Omar Haddad" for q in stored["quotes"])
    again = writable.post("/api/articles", json=article, headers={"Authorization": f"Bearer {TOKEN}"})
    assert again.status_code == 200 and again.json()["stored"] == 0


def test_writes_are_off_without_a_server_token(web_db: WebDB, nlp) -> None:  # noqa: F811
    app = create_app(str(web_db.path), token="", nlp=nlp)
    response = TestClient(app).post("/api/articles", json={"text": "x"}, headers={"Authorization": "Bearer "})
    assert response.status_code in (401, 403)
    response = TestClient(app).post("/api/articles", json={"text": "x"}, headers={"Authorization": "Bearer anything"})
    assert response.status_code == 403


def test_analyze_posted_text_stores_nothing(writable: TestClient) -> None:
    before = writable.get("/api/articles").json()["total"]
    body = writable.post("/api/analyze", json={"text": '"Talks will resume," said Maria Lopez.'}).json()
    assert body["quotes"][0]["speaker_name"] == "Maria Lopez"
    assert writable.get("/api/articles").json()["total"] == before
    page = writable.post("/analyze", data={"text": '"Talks will resume," said Maria Lopez.', "title": "<i>t</i>"})
    assert page.status_code == 200 and "Maria Lopez" in page.text and "&lt;i&gt;t&lt;/i&gt;" in page.text
    assert writable.post("/analyze", data={"text": "   "}).status_code == 422


def test_bad_input_is_refused_without_a_traceback(writable: TestClient) -> None:
    auth = {"Authorization": f"Bearer {TOKEN}"}
    assert writable.post("/api/analyze", json={"text": "  "}).status_code == 422
    assert writable.post("/api/analyze", json={"text": "ok", "published": "yesterday"}).status_code == 422
    assert writable.post("/api/analyze", content=b"{not json", headers={"Content-Type": "application/json"}).status_code == 422
    assert writable.post("/api/articles", json=[{"text": "x"}] * 101, headers=auth).status_code == 422
    assert writable.get("/api/articles", params={"limit": 0}).status_code == 422
    too_big = writable.post("/api/analyze", json={"text": "word " * 20_000})
    assert too_big.status_code == 413
    chunked = writable.post("/api/analyze", content=iter([b'{"text": "', b"a" * 70_000, b'"}']),
                            headers={"Content-Type": "application/json"})
    assert chunked.status_code == 413


def test_export_tables(client: TestClient, web_db: WebDB) -> None:
    rows = list(csv.DictReader(io.StringIO(client.get("/api/export/quotes").text)))
    assert {r["article_id"] for r in rows} >= {web_db.plain, web_db.hostile}
    lines = client.get("/api/export/articles", params={"format": "jsonl"}).text.splitlines()
    assert {json.loads(line)["id"] for line in lines} >= {web_db.plain, web_db.hostile}
    assert client.get("/api/export/secrets").status_code == 404
    for table in ("actors", "stories", "tone"):  # every table `newsprism export` writes
        reply = client.get(f"/api/export/{table}")
        assert reply.status_code == 200 and reply.text.splitlines()[0].split(",")[0] in ("id", "story_id", "article_id")
    assert client.get("/api/export/quotes", params={"format": "xml"}).status_code == 422


def test_security_headers_and_openapi(client: TestClient) -> None:
    for path in ("/articles", "/api/articles", "/static/style.css"):
        headers = client.get(path).headers
        csp = headers["content-security-policy"]
        assert "default-src 'none'" in csp and "script-src 'self'" in csp
        assert headers["x-content-type-options"] == "nosniff"
    schema = client.get("/api/openapi.json").json()
    assert {"/api/articles", "/api/articles/{article_id}", "/api/analyze", "/api/export/{table}"} <= set(schema["paths"])
    assert "post" in schema["paths"]["/api/articles"]
    assert client.get("/api/docs").status_code == 404  # Swagger UI would load scripts from a CDN


def test_corpus_pages(client: TestClient, web_db: WebDB) -> None:
    speakers = client.get("/speakers").text
    assert "Jane Doe" in speakers and "Example News" in speakers and "<svg" in speakers
    actors = client.get("/actors").text
    assert "Kharkiv" in actors
    for path in ("/events", "/framing", "/analyze", "/"):
        assert client.get(path).status_code == 200


def test_events_api_and_page_filter_by_score(client: TestClient) -> None:
    every = client.get("/api/events").json()
    scores = sorted(e["score"] for e in every if e["score"] is not None)
    assert every and scores and {"type", "place", "lat", "lon", "score", "title"} <= set(every[0])
    cut = scores[len(scores) // 2]
    kept = client.get("/api/events", params={"min_score": cut}).json()
    assert kept and all(e["score"] is None or e["score"] >= cut for e in kept)
    above = client.get("/api/events", params={"min_score": min(1.0, scores[-1] + 1e-6)}).json()
    assert len(above) == sum(e["score"] is None for e in every) < len(every)
    assert client.get("/api/events", params={"min_score": 1.5}).status_code == 422
    assert len(client.get("/api/events", params={"limit": 1}).json()) == 1
    assert client.get("/events", params={"min_score": 0.5}).status_code == 200
