"""The server-rendered pages: articles (search and filters), one article with its marks, speakers, actors,
events, framing, and a box to analyse pasted text. Templates escape every value; charts are inline SVG."""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import urlencode, urlsplit

from fastapi import APIRouter, Depends, Form, HTTPException, Query, Request
from fastapi.responses import HTMLResponse

from newsprism.article import Article
from newsprism.framing.techniques import DESCRIPTIONS, MIN_FRAMING_SCORE
from newsprism.readers.language import ENGLISH
from newsprism.schema import Analysis
from newsprism.store import queries
from newsprism.store.tone import tone_summary
from newsprism.web import charts, corpus
from newsprism.web.api import MAX_TEXT
from newsprism.web.ratelimit import analyze_rate
from newsprism.web.marks import analysis_marks, segments, technique_title

router = APIRouter(include_in_schema=False)
PAGE_SIZE = 50


def render(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
    """The named template filled with `context`, as an HTML response."""
    template = request.app.state.templates.get_template(name)
    return HTMLResponse(template.render(request=request, path=request.url.path, **context), status_code=status)


def error_page(request: Request, status: int, message: str) -> HTMLResponse:
    """A page saying what went wrong."""
    return render(request, "error.html", status=status, status_code=status, message=message)


def safe_url(url: str | None) -> str | None:
    """The article's URL when it is http(s), else None: a `javascript:` link must never reach the page."""
    if url and urlsplit(url).scheme.lower() in ("http", "https"):
        return url
    return None


def article_page(request: Request, analysis: Analysis, stored: bool) -> HTMLResponse:
    """An analysis shown as marked text with a side panel of its quotes, actors, events, framing and figures;
    an article not in English (stored unanalysed, `pipeline.analyze`) says so instead of "No quotes found"."""
    return render(
        request,
        "article.html",
        a=analysis,
        link=safe_url(analysis.article.url),
        segments=segments(analysis.article.text, analysis_marks(analysis)),
        technique_title=technique_title,
        stored=stored,
        analysed=analysis.article.language == ENGLISH,
    )


@router.get("/", response_class=HTMLResponse)
@router.get("/articles", response_class=HTMLResponse)
def articles_page(
    request: Request,
    q: Annotated[str, Query(max_length=500)] = "",
    source: Annotated[str, Query(max_length=500)] = "",
    date_from: Annotated[str, Query(max_length=10)] = "",
    date_to: Annotated[str, Query(max_length=10)] = "",
    actor: Annotated[str, Query(max_length=200)] = "",
    speaker: Annotated[str, Query(max_length=200)] = "",
    technique: Annotated[str, Query(max_length=100)] = "",
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
) -> HTMLResponse:
    """Articles matching the search form, a page at a time."""
    store = request.app.state.store
    query = queries.ArticleQuery(q, source, date_from, date_to, actor, speaker, technique, PAGE_SIZE, (page - 1) * PAGE_SIZE)
    found = queries.search_articles(store, query)
    filters = {k: v for k, v in vars(query).items() if k not in ("limit", "offset") and v}
    last = max(1, -(-found.total // PAGE_SIZE))
    return render(
        request,
        "articles.html",
        query=query,
        found=found,
        page=page,
        last=last,
        prev_link="?" + urlencode({**filters, "page": page - 1}) if page > 1 else None,
        next_link="?" + urlencode({**filters, "page": page + 1}) if page < last else None,
        choices=queries.search_choices(store),
        counts={t: store.count(t) for t in ("articles", "quotes", "entities", "events", "framing")},
    )


@router.get("/articles/{article_id:path}", response_class=HTMLResponse)
def article(request: Request, article_id: str) -> HTMLResponse:
    """One stored article with everything newsprism found in it."""
    analysis = request.app.state.store.load(article_id)
    if analysis is None:
        raise HTTPException(404, f"No article with id {article_id!r} is stored.")
    return article_page(request, analysis, stored=True)


@router.get("/analyze", response_class=HTMLResponse)
def analyze_form(request: Request) -> HTMLResponse:
    """The box to paste an article into."""
    return render(request, "analyze.html", max_text=MAX_TEXT, text="", title="")


@router.post("/analyze", response_class=HTMLResponse, dependencies=[Depends(analyze_rate)])
def analyze_text(
    request: Request,
    text: Annotated[str, Form(max_length=MAX_TEXT)],
    title: Annotated[str, Form(max_length=2000)] = "",
) -> HTMLResponse:
    """The analysis of pasted text, shown like a stored article but not stored."""
    if not text.strip():
        return render(request, "analyze.html", status=422, max_text=MAX_TEXT, text=text, title=title,
                      message="Paste some text to analyse.")
    analysis = request.app.state.analyzer.analyze([Article(text=text, title=title or None)])[0]
    return article_page(request, analysis, stored=False)


@router.get("/tone", response_class=HTMLResponse)
def tone_page(request: Request, voice: Annotated[str, Query(pattern="^(author|quote|all)$")] = "author") -> HTMLResponse:
    """Tone towards actors: overall, per outlet and per month, in the voice asked for."""
    store = request.app.state.store
    return render(request, "tone.html", voice=voice, voices=VOICES,
                  actors=tone_summary(store, "actor", voice, limit=50),
                  by_source=tone_summary(store, "source", voice, limit=200),
                  by_month=tone_summary(store, "month", voice, limit=200))


@router.get("/speakers", response_class=HTMLResponse)
def speakers_page(request: Request, outlets: Annotated[int, Query(ge=0, le=queries.MAX_INT)] = corpus.OUTLET_COLUMNS) -> HTMLResponse:
    """Who is quoted, how often, and by which outlet (`outlets` of them as columns, 0 for all; the rest summed)."""
    table = corpus.speakers(request.app.state.store, outlets=outlets or None)
    chart = charts.bars([(r, table.totals[r]) for r in table.rows[:20]], "Quotes by speaker")
    return render(request, "speakers.html", table=table, chart=chart)


@router.get("/events", response_class=HTMLResponse)
def events_page(request: Request, min_score: Annotated[float, Query(ge=0.0, le=1.0)] = 0.0) -> HTMLResponse:
    """The events stored, those the detector scored at least `min_score`: a table, a timeline and a map of
    those located."""
    store = request.app.state.store
    points, unplaced = corpus.map_points(store, min_score)
    return render(
        request,
        "events.html",
        rows=corpus.event_rows(store, min_score=min_score),
        total=store.count("events"),
        min_score=min_score,
        timeline=charts.timeline(corpus.events_by_date(store, min_score), "Events per day by type"),
        map=charts.world_map(points, "Events by place"),
        unplaced=unplaced,
    )


VOICES = {"author": "in the author's own words", "quote": "inside quotes", "all": "in any voice"}


@router.get("/framing", response_class=HTMLResponse)
def framing_page(
    request: Request,
    voice: Annotated[str, Query(pattern="^(author|quote|all)$")] = "author",
    min_score: Annotated[float, Query(ge=0, le=1)] = MIN_FRAMING_SCORE,
) -> HTMLResponse:
    """Propaganda techniques per outlet, as the number of articles using each (in the author's own words
    unless `voice` says otherwise, spans scored `min_score` or more), the techniques quoted from each
    speaker, and techniques over time."""
    store = request.app.state.store
    table = corpus.techniques_by_source(store, voice, min_score)
    return render(
        request,
        "framing.html",
        voice=voice,
        voices=VOICES,
        min_score=min_score,
        quoted=corpus.techniques_by_speaker(store, min_score),
        table=table,
        heat=charts.heatmap(table.rows, table.columns, table.cells, "Framing techniques by outlet"),
        months=charts.timeline(corpus.techniques_by_month(store, voice, min_score), "Framing techniques per month"),
        descriptions=DESCRIPTIONS,
        technique_title=technique_title,
    )
