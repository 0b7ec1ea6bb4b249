"""The web application: REST API under `/api` and server-rendered pages, over one database.

Everything the browser gets comes from this package (templates, one CSS file, one small script); every
response carries a Content-Security-Policy that allows nothing else, and request bodies are capped in size.
Writes need `Authorization: Bearer $NEWSPRISM_TOKEN`.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

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
from newsprism.schema import Analysis
from newsprism.store import Store, StoreError

HERE = Path(__file__).parent
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


class AnalyzerUnavailable(RuntimeError):
    """The spaCy pipeline could not be loaded, so text cannot be analysed (stored analyses still show)."""


class Analyzer:
    """The newsprism pipeline, loaded on first use and run by one request at a time."""

    def __init__(self, nlp: Language | None = None) -> None:
        """Use `nlp` if given, else load `pipeline.load()` when text is first analysed."""
        self._nlp = nlp
        self._lock = threading.Lock()

    def analyze(self, articles: list[Article]) -> list[Analysis]:
        """The analyses of these articles, in order; an article the pipeline refuses is a 422 naming why."""
        with self._lock:
            if self._nlp is None:
                try:
                    self._nlp = pipeline.load()
                except Exception as err:  # a missing model or package: say so, keep serving stored analyses
                    raise AnalyzerUnavailable(f"the newsprism pipeline could not be loaded: {err}") from err
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
    """ASGI middleware: adds the security headers to every response and refuses bodies over `max_body` bytes
    with 413, whether the client announced their length or sends them in chunks."""

    def __init__(self, app: ASGIApp, max_body: int = MAX_BODY) -> None:
        self.app = app
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Run the app with a counting `receive` and a `send` that adds headers."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = list(message.get("headers", [])) + SECURITY_HEADERS
            await send(message)

        declared = dict(scope.get("headers", [])).get(b"content-length", b"")
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

        await self.app(scope, counting_receive, send_with_headers)


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
) -> FastAPI:
    """The web app over database `db` (a path, a URL or an open `Store`). `token` guards writes (default:
    `$NEWSPRISM_TOKEN`; without one, writes are refused); `nlp` is the pipeline to analyse with (default:
    loaded on first use)."""
    from newsprism.web import api, pages

    store = db if isinstance(db, Store) else Store(db)
    app = FastAPI(
        title="newsprism",
        version=__version__,
        description="Quotes, actors, events and framing of news articles, each tied to its characters.",
        openapi_url="/api/openapi.json",
        docs_url=None,  # Swagger UI and ReDoc load scripts from a CDN; the schema itself is served
        redoc_url=None,
    )
    app.state.store = store
    app.state.token = token if token is not None else os.environ.get("NEWSPRISM_TOKEN") or None
    app.state.analyzer = Analyzer(nlp)
    app.state.templates = templates()
    app.add_middleware(Guard, max_body=max_body)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.include_router(api.router)
    app.include_router(pages.router)

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        """JSON errors under /api, an HTML page elsewhere."""
        if request.url.path.startswith("/api"):
            return JSONResponse({"detail": exc.detail}, status_code=exc.status_code, headers=exc.headers)
        return pages.error_page(request, exc.status_code, str(exc.detail))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        """422 with the reasons, as JSON under /api and as a page elsewhere."""
        if request.url.path.startswith("/api"):
            return JSONResponse({"detail": jsonable_errors(exc)}, status_code=422)
        reasons = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
        return pages.error_page(request, 422, reasons)

    @app.exception_handler(AnalyzerUnavailable)
    async def unavailable(request: Request, exc: AnalyzerUnavailable) -> Response:
        """503 when the pipeline cannot be loaded."""
        if request.url.path.startswith("/api"):
            return JSONResponse({"detail": str(exc)}, status_code=503)
        return pages.error_page(request, 503, str(exc))

    @app.exception_handler(StoreError)
    async def store_error(request: Request, exc: StoreError) -> Response:
        """503 when the database refuses a read or a write."""
        if request.url.path.startswith("/api"):
            return JSONResponse({"detail": str(exc)}, status_code=503)
        return pages.error_page(request, 503, str(exc))

    return app


def jsonable_errors(exc: RequestValidationError) -> list[dict]:
    """Validation errors without the rejected input echoed back (it may be megabytes of text)."""
    return [{"loc": list(e["loc"]), "msg": e["msg"], "type": e["type"]} for e in exc.errors()]

