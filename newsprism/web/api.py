"""The REST API under `/api`: list and search articles, get one analysis, analyse text without storing it,
store articles (with the bearer token), and export tables. Its OpenAPI schema is `/api/openapi.json`."""

from __future__ import annotations

import secrets
import tempfile
from collections.abc import Iterator
from enum import Enum
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request, Response
from fastapi.responses import StreamingResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel, Field, field_validator

from newsprism.article import Article
from newsprism.readers.dates import normalise_date
from newsprism.schema import Analysis
from newsprism.store import EXPORT_TABLES, export, queries
from newsprism.web.ratelimit import analyze_rate

router = APIRouter(prefix="/api", tags=["api"])
bearer = HTTPBearer(auto_error=False, description="The server's $NEWSPRISM_TOKEN.")

MAX_TEXT = 200_000  # characters of one article
MAX_BATCH = 100  # articles in one request


class ArticleIn(BaseModel):
    """An article to analyse: its text exactly as offsets should count it, and optional metadata."""

    text: str = Field(min_length=1, max_length=MAX_TEXT)
    id: str | None = Field(None, min_length=1, max_length=200, description="Default: a hash of the text.")
    title: str | None = Field(None, max_length=2000)
    published: str | None = Field(None, max_length=100, description="A date (YYYY-MM-DD, or as the command line "
                                  "reads dates); stored as YYYY-MM-DD")
    source: str | None = Field(None, max_length=500)
    url: str | None = Field(None, max_length=4000)

    @field_validator("text")
    @classmethod
    def not_blank(cls, text: str) -> str:
        """Refuse text that is only white space."""
        if not text.strip():
            raise ValueError("text is empty")
        return text

    @field_validator("published")
    @classmethod
    def a_date(cls, published: str | None) -> str | None:
        """The date as YYYY-MM-DD, read as the command line reads dates (other digits than 0-9 included); a
        date that is no calendar day ("2018-02-30", "0000-00-00") is refused."""
        if published is None:
            return None
        day = normalise_date(published)
        if day is None:
            raise ValueError("not a calendar date; give YYYY-MM-DD")
        return day

    def article(self) -> Article:
        """The `Article` the pipeline reads."""
        return Article(**self.model_dump())


class ArticleSummary(BaseModel):
    """An article's metadata, as listed."""

    id: str
    title: str | None = None
    published: str | None = None
    source: str | None = None
    url: str | None = None
    language: str | None = None  # ISO 639-1; an article not in English is stored unanalysed


class ArticleList(BaseModel):
    """One page of matching articles and how many match in all."""

    total: int
    limit: int
    offset: int
    items: list[ArticleSummary]


class Stored(BaseModel):
    """What a write did: the ids of the articles sent, and how many were new."""

    stored: int
    ids: list[str]


class ExportFormat(str, Enum):
    csv = "csv"
    jsonl = "jsonl"


def require_token(request: Request, credentials: HTTPAuthorizationCredentials | None = Depends(bearer)) -> None:
    """401 without a bearer token, 403 with one that is not the server's (or when the server has none)."""
    if credentials is None or credentials.scheme.lower() != "bearer":
        raise HTTPException(401, "this needs Authorization: Bearer $NEWSPRISM_TOKEN", {"WWW-Authenticate": "Bearer"})
    expected = request.app.state.token
    if not expected:
        raise HTTPException(403, "writes are off: start the server with NEWSPRISM_TOKEN set")
    if not secrets.compare_digest(credentials.credentials.encode(), expected.encode()):
        raise HTTPException(403, "wrong token")


@router.get("/articles", response_model=ArticleList, summary="List and search articles")
def list_articles(
    request: Request,
    q: Annotated[str, Query(max_length=500, description="Words that must all occur (full-text search).")] = "",
    source: Annotated[str, Query(max_length=500)] = "",
    date_from: Annotated[str, Query(max_length=10, description="YYYY-MM-DD, inclusive")] = "",
    date_to: Annotated[str, Query(max_length=10, description="YYYY-MM-DD, inclusive")] = "",
    actor: Annotated[str, Query(max_length=200, description="An actor's name, any case.")] = "",
    speaker: Annotated[str, Query(max_length=200, description="A quoted speaker, as /speakers names them.")] = "",
    technique: Annotated[str, Query(max_length=100)] = "",
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0, le=queries.MAX_INT)] = 0,
) -> ArticleList:
    """Articles matching every given filter: best matches first when `q` is given, else newest first."""
    query = queries.ArticleQuery(q, source, date_from, date_to, actor, speaker, technique, limit, offset)
    page = queries.search_articles(request.app.state.store, query)
    return ArticleList(total=page.total, limit=limit, offset=offset, items=[ArticleSummary(**i) for i in page.items])


@router.get("/articles/{article_id:path}", response_model=Analysis, summary="Get one analysis")
def get_article(request: Request, article_id: Annotated[str, Path(max_length=200)]) -> Analysis:
    """The stored analysis of one article (the JSON that `newsprism analyze` prints)."""
    analysis = request.app.state.store.load(article_id)
    if analysis is None:
        raise HTTPException(404, f"no article {article_id!r}")
    return analysis


@router.post(
    "/analyze",
    response_model=Analysis,
    dependencies=[Depends(analyze_rate)],
    summary="Analyse text without storing it",
    responses={422: {}, 429: {"description": "Too many analyses from this client."}, 503: {}},
)
def analyze(request: Request, article: ArticleIn) -> Analysis:
    """The analysis of the posted article; nothing is stored. It runs in a worker process stopped at the time
    budget (422), at most a few requests wait for it (503 when more come), and each client may ask for
    `$NEWSPRISM_ANALYZE_RATE` analyses a minute (429)."""
    return request.app.state.analyzer.analyze([article.article()])[0]


@router.post(
    "/articles",
    response_model=Stored,
    status_code=201,
    dependencies=[Depends(require_token)],
    summary="Analyse and store articles",
    responses={200: {"description": "All of them were stored already."}, 401: {}, 403: {}},
)
def store_articles(
    request: Request, response: Response, body: Annotated[list[ArticleIn], Field(max_length=MAX_BATCH)] | ArticleIn
) -> Stored:
    """Analyse one article or a list of them and store the ones not stored yet (201; 200 when none was new)."""
    batch = body if isinstance(body, list) else [body]
    articles = [a.article() for a in batch]
    first: dict[str, int] = {}
    for k, art in enumerate(articles):
        if art.id in first:
            raise HTTPException(422, f"articles {first[art.id]} and {k} of the batch have the same id {art.id!r} "
                                "(the same text, when no id is given); send each article once")
        first[art.id] = k
    store = request.app.state.store
    known = store.known_ids(a.id for a in articles)
    fresh = [a for a in articles if a.id not in known]
    stored = store.save(request.app.state.analyzer.analyze(fresh)) if fresh else 0
    if not stored:
        response.status_code = 200
    return Stored(stored=stored, ids=[a.id for a in articles])


@router.get(
    "/export/{table}",
    summary="Export a table",
    response_class=StreamingResponse,
    responses={200: {"content": {"text/csv": {}, "application/x-ndjson": {}}}},
)
def export_table(
    request: Request, table: str, format: ExportFormat = ExportFormat.csv
) -> StreamingResponse:
    """Every row of one table as CSV or JSONL, as `newsprism export` writes it: articles, entities, quotes,
    events, framing, tone, figure_conflicts, or the corpus view's actors and stories."""
    if table not in EXPORT_TABLES:
        raise HTTPException(404, f"no table {table!r}; choose one of: {', '.join(EXPORT_TABLES)}")
    spool = tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024, mode="w+", encoding="utf-8", newline="")
    export(request.app.state.store, table, format.value, spool)
    spool.seek(0)

    def chunks() -> Iterator[str]:
        with spool:
            while chunk := spool.read(64 * 1024):
                yield chunk

    media = "text/csv" if format == ExportFormat.csv else "application/x-ndjson"
    headers = {"Content-Disposition": f'attachment; filename="{table}.{format.value}"'}
    return StreamingResponse(chunks(), media_type=f"{media}; charset=utf-8", headers=headers)
