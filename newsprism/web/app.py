"""The web application: REST API under `/api` and server-rendered pages, over one database.

Everything the browser gets comes from this package (templates, one CSS file, one small script); every
response carries a Content-Security-Policy that allows nothing else, and request bodies are capped in size.
Writes need `Authorization: Bearer $NEWSPRISM_TOKEN`; with `$NEWSPRISM_READ_TOKEN` set, reads need that token
(or the write token), as a bearer token or as the password of HTTP Basic authentication (browsers ask for it).
Text sent for analysis is analysed in a worker process with a hard deadline (`web.sandbox`) and rate-limited
per client (`web.ratelimit`). Errors never show the database's path or URL; the server's log has them.
"""

from __future__ import annotations

import base64
import binascii
import logging
import os
import secrets
import sys
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader
from spacy.language import Language
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from newsprism import __version__, pipeline
from newsprism.article import Article, Refusal
from newsprism.errors import AnalyzerUnavailable, StoreError
from newsprism.schema import Analysis
from newsprism.store import Store
from newsprism.console.terminal import escape
from newsprism.web.ratelimit import RateLimit
from newsprism.web.sandbox import ProcessAnalyzer

HERE = Path(__file__).parent
log = logging.getLogger("newsprism.web")
MAX_BODY = 10 * 1024 * 1024  # bytes in one request body
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
SECURITY_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
]


class Analyzer:
    """The newsprism pipeline in this process, loaded on first use and run by one request at a time (for tests
    and embedding; `newsprism serve` analyses in a worker process, `ProcessAnalyzer`)."""

    def __init__(self, nlp: Language | None = None, config: dict[str, dict] | None = None) -> None:
        """Use `nlp` if given, else load the pipeline with `config` (`pipeline.shared`) when text is first
        analysed."""
        self._nlp = nlp
        self._config = config
        self._lock = threading.Lock()

    def analyze(self, articles: list[Article]) -> list[Analysis]:
        """The analyses of these articles, in order; an article the pipeline refuses is a 422 naming why."""
        with self._lock:
            if self._nlp is None:
                try:
                    self._nlp = pipeline.shared(self._config)
                except Exception as err:  # a missing model or package: say so, keep serving stored analyses
                    raise AnalyzerUnavailable(f"the newsprism pipeline could not be loaded: {err}; install the "
                                              "models (make setup) and restart the server") from err
            done = list(pipeline.analyze(self._nlp, articles))
        for item in done:
            if isinstance(item, Refusal):
                raise HTTPException(422, f"article {item.origin} refused: {item.reason}")
        return done


class _TooLarge(HTTPException):
    """A request body grew past the limit while being read: an HTTP error, so the app answers it with 413."""

    def __init__(self, max_body: int) -> None:
        super().__init__(413, f"request body over the limit of {max_body} bytes")


class Guard:
    """ASGI middleware: adds the security headers to every response (an unexpected error's 500 included: it
    is answered here, the traceback going to the server's log), refuses bodies over `max_body` bytes
    with 413, whether the client announced their length or sends them in chunks, and, when `tokens` are
    given, answers 401 to any request that does not carry one of them."""

    def __init__(self, app: ASGIApp, max_body: int = MAX_BODY, tokens: tuple[str, ...] = ()) -> None:
        self.app = app
        self.max_body = max_body
        self.tokens = tuple(t.encode() for t in tokens if t)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Run the app with a counting `receive` and a `send` that adds headers."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        started = False

        async def send_with_headers(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                message["headers"] = list(message.get("headers", [])) + SECURITY_HEADERS
            await send(message)

        headers = dict(scope.get("headers", []))
        if self.tokens and not self._authorised(headers.get(b"authorization", b"")):
            api = scope.get("path", "").startswith("/api")
            challenge = b'Bearer realm="newsprism"' if api else b'Basic realm="newsprism", charset="UTF-8"'
            response = JSONResponse({"detail": "reading this server needs its token (NEWSPRISM_READ_TOKEN)"},
                                    status_code=401, headers={"WWW-Authenticate": challenge.decode()})
            await response(scope, _no_body, send_with_headers)
            return
        declared = headers.get(b"content-length", b"")
        if declared.isdigit() and int(declared) > self.max_body:
            response = JSONResponse({"detail": _TooLarge(self.max_body).detail}, status_code=413)
            await response(scope, _no_body, send_with_headers)
            return
        received = 0

        async def counting_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_body:
                    raise _TooLarge(self.max_body)  # answered by the app's HTTP error handler
            return message

        try:
            await self.app(scope, counting_receive, send_with_headers)
        except Exception:  # noqa: BLE001 - answered with the headers; the traceback goes to the log
            log.exception("newsprism: %s %s failed", scope.get("method", ""), scope.get("path", ""))
            if started:
                raise
            response = JSONResponse({"detail": "internal error; the server's log says why"}, status_code=500)
            await response(scope, _no_body, send_with_headers)


    def _authorised(self, header: bytes) -> bool:
        """True when the Authorization header carries one of the tokens, as a bearer token or a Basic password."""
        scheme, _, value = header.strip().partition(b" ")
        given = value.strip()
        if scheme.lower() == b"basic":
            try:
                given = base64.b64decode(given, validate=True).partition(b":")[2]
            except (binascii.Error, ValueError):
                return False
        elif scheme.lower() != b"bearer":
            return False
        return any(secrets.compare_digest(given, token) for token in self.tokens)


async def _no_body() -> Message:
    """An empty request body, for answering without reading the client's."""
    return {"type": "http.request", "body": b"", "more_body": False}


def templates() -> Environment:
    """The Jinja2 environment of the pages, escaping every value by default."""
    env = Environment(
        loader=FileSystemLoader(HERE / "templates"), autoescape=True, trim_blocks=True, lstrip_blocks=True
    )
    env.globals["version"] = __version__
    return env


def create_app(
    db: str | Store,
    token: str | None = None,
    nlp: Language | None = None,
    max_body: int = MAX_BODY,
    read_token: str | None = None,
    analyze_rate: int | None = None,
    config: dict[str, dict] | None = None,
) -> FastAPI:
    """The web app over database `db` (a path, a URL or an open `Store`). `token` guards writes (default:
    `$NEWSPRISM_TOKEN`; without one, writes are refused); `read_token` guards reads (default:
    `$NEWSPRISM_READ_TOKEN`; without one, reads are open); `nlp` is a pipeline to analyse with in this
    process (default: a worker process, started with the server); `analyze_rate` the analyses a client may
    ask for a minute (default: `$NEWSPRISM_ANALYZE_RATE`, else 30); `config` the pipeline's settings, as
    `pipeline.load` takes them (`newsprism --fast serve` analyses without the encoder)."""
    store = db if isinstance(db, Store) else Store(db)
    analyzer = Analyzer(nlp) if nlp is not None else ProcessAnalyzer(config=config)
    app = FastAPI(
        lifespan=_lifespan(analyzer),
        title="newsprism",
        version=__version__,
        description="Quotes, actors, events and framing of news articles, each tied to its characters.",
        openapi_url="/api/openapi.json",
        docs_url=None,  # Swagger UI and ReDoc load scripts from a CDN; the schema itself is served
        redoc_url=None,
    )
    _set_state(app, store, analyzer, token, analyze_rate, config)
    if read_token is None:
        read_token = os.environ.get("NEWSPRISM_READ_TOKEN") or None
    tokens = (read_token, app.state.token) if read_token else ()
    app.add_middleware(Guard, max_body=max_body, tokens=tuple(t for t in tokens if t))
    _add_routes(app)
    _add_error_handlers(app)
    return app


def _lifespan(analyzer: Analyzer):
    """Starts the analysis worker with the server, so the first request does not wait for spaCy; stops it after."""

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        if isinstance(analyzer, ProcessAnalyzer):
            analyzer.start()
        yield
        if isinstance(analyzer, ProcessAnalyzer):
            analyzer.stop()

    return lifespan


def _set_state(app: FastAPI, store: Store, analyzer: Analyzer, token: str | None, analyze_rate: int | None,
               config: dict[str, dict] | None) -> None:
    """What the routes read from `app.state`: the store, the write token, the analyser, its rate limit and
    the pages' templates (their footer says what analyses run)."""
    app.state.store = store
    app.state.token = token if token is not None else os.environ.get("NEWSPRISM_TOKEN") or None
    app.state.analyzer = analyzer
    app.state.analyze_rate = RateLimit(analyze_rate)
    app.state.templates = templates()
    app.state.templates.globals["analysis_mode"] = pipeline.describe(config)


def _add_routes(app: FastAPI) -> None:
    """The static files, the REST API and the pages, the corpus view's included."""
    from newsprism.web import api, corpus_api, corpus_pages, pages

    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.include_router(api.router)
    app.include_router(corpus_api.router)
    app.include_router(pages.router)
    app.include_router(corpus_pages.router)


def _error(request: Request, status: int, detail: Any, page_text: str | None = None,
           headers: dict[str, str] | None = None) -> Response:
    """An error answered as JSON (`{"detail": ...}`) under /api and as an HTML page (`page_text`, else the
    detail) elsewhere."""
    from newsprism.web import pages

    if request.url.path.startswith("/api"):
        return JSONResponse({"detail": detail}, status_code=status, headers=headers)
    return pages.error_page(request, status, str(detail) if page_text is None else page_text)


async def _http_error(request: Request, exc: HTTPException) -> Response:
    """JSON errors under /api, an HTML page elsewhere."""
    return _error(request, exc.status_code, exc.detail, headers=exc.headers)


async def _invalid(request: Request, exc: RequestValidationError) -> Response:
    """422 with the reasons, as JSON under /api and as a page elsewhere."""
    reasons = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
    return _error(request, 422, jsonable_errors(exc), page_text=reasons)


async def _too_large(request: Request, exc: OverflowError) -> Response:
    """422 for a number too large for the database (parameters are bounded; this catches any left)."""
    return _error(request, 422, "a number in the request is too large for the database")


async def _unavailable(request: Request, exc: AnalyzerUnavailable) -> Response:
    """503 when the pipeline cannot be loaded."""
    return _error(request, 503, str(exc))


async def _store_error(request: Request, exc: StoreError) -> Response:
    """503 when the database refuses a read or a write; the reason (which names the database) goes to the
    server's log, not to the client."""
    print(escape(f"newsprism: {request.method} {request.url.path}: {exc}"), file=sys.stderr)
    return _error(request, 503, "the database is unavailable; the server's log says why")


def _add_error_handlers(app: FastAPI) -> None:
    """How each kind of failure is answered (`_error`: JSON under /api, a page elsewhere)."""
    app.add_exception_handler(HTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _invalid)
    app.add_exception_handler(OverflowError, _too_large)
    app.add_exception_handler(AnalyzerUnavailable, _unavailable)
    app.add_exception_handler(StoreError, _store_error)


def jsonable_errors(exc: RequestValidationError) -> list[dict]:
    """Validation errors without the rejected input echoed back (it may be megabytes of text)."""
    return [{"loc": list(e["loc"]), "msg": e["msg"], "type": e["type"]} for e in exc.errors()]

