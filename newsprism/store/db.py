"""The `Store`: analyses saved to and loaded from SQLite (a path, the default) or PostgreSQL (a URL).

A batch is saved in one transaction, so an interrupted ingest leaves whole articles or none; articles
already stored are skipped, so re-running an ingest adds only what is missing. The schema is created and
upgraded by the Alembic revisions in `store/migrations/`, the same for both back ends, when a store opens.
Writers take a lock first (SQLite `BEGIN IMMEDIATE`, a PostgreSQL advisory lock), so the check for stored
articles and the inserts that follow are one atomic step even with several writers. Readers never wait for a
writer: SQLite runs in write-ahead-log mode, opening a store takes the write lock only when the schema must be
upgraded, and a store opened `read_only` (the read commands) reads SQLite through a read-only connection.
A connection dropped while idle (a restarted server) is replaced before use (`pool_pre_ping`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import datetime, timezone
from pathlib import Path
from typing import Any
from urllib.parse import quote

from pydantic import ValidationError
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util import CommandError
from sqlalchemy import URL, Connection, Engine, Table, create_engine, event, func, insert, inspect, make_url, select
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError, SQLAlchemyError

from newsprism.errors import StoreError, StoreSchemaError, UnknownChoice
from newsprism.store.corpus_index import link, regroup
from newsprism.corpus.stories import DEFAULT_STORY_DAYS
from newsprism.schema import Analysis
from newsprism.store.rows import analysis_rows
from newsprism.store.tables import DATA_TABLES, SCHEMA_VERSION, articles, meta, quotes

_ID_CHUNK = 500  # ids per IN (...) query, well under every database's parameter limit
_STREAM_ROWS = 1000  # rows fetched at a time when exporting
_PG_LOCK = 0x6E657773  # PostgreSQL advisory lock key ("news") held by writers until their transaction ends
_MIGRATIONS = Path(__file__).with_name("migrations")
ARTICLE_FIELDS = ("title", "source", "published")  # what an exported row of quotes, events, ... says of its article
_FIRST_REVISION = "0001"  # the schema that databases made before migrations (create_all) already have
_BACKENDS = ("sqlite", "postgresql")
_BUSY_SECONDS = 30  # how long SQLite waits for another process's write lock before giving up
_REASON_CHARS = 300  # the most of a database's own error message an error line repeats


def database_url(url_or_path: str) -> URL:
    """A SQLAlchemy URL: a `scheme://` string as given, anything else a SQLite file path (parents created)."""
    if "://" in url_or_path:
        try:
            url = make_url(url_or_path)
        except ArgumentError as err:
            raise StoreError(f"cannot read database URL {url_or_path!r}: {err}; a URL looks like "
                             "sqlite:///news.db or postgresql://user@host/dbname") from None
        if url.drivername in ("postgresql", "postgres"):  # psycopg 3, not SQLAlchemy's default psycopg2
            url = url.set(drivername="postgresql+psycopg")
        if url.get_backend_name() not in _BACKENDS:
            raise StoreError(f"cannot use database {url.render_as_string(hide_password=True)}: the kind "
                             f"{url.get_backend_name()!r} is not supported; newsprism stores in SQLite (a file path or "
                             "sqlite:///PATH) or PostgreSQL (postgresql://user@host/dbname)")
        return url
    path = Path(url_or_path).expanduser().resolve()
    if path.is_dir():
        raise StoreError(f"database path {url_or_path!r} is a folder; give a file such as {path / 'news.db'}")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise StoreError(f"cannot create the folder for database {url_or_path!r}: {err.strerror}; choose a "
                         "path in a folder you can write") from None
    return URL.create("sqlite", database=str(path))


def reason(err: BaseException) -> str:
    """A database error in one short line: the driver's message without the SQL or its parameters, white space
    collapsed (psycopg's messages hold newlines and tabs), cut to `_REASON_CHARS`, with PostgreSQL's SQLSTATE
    code when there is one."""
    orig = getattr(err, "orig", None) or err
    text = " ".join(str(orig).split()) or type(orig).__name__
    if len(text) > _REASON_CHARS:
        text = text[:_REASON_CHARS].rstrip() + "..."
    code = getattr(orig, "sqlstate", None)
    return f"{text} (SQLSTATE {code})" if code else text


def _busy(err: BaseException) -> bool:
    """True when SQLite gave up waiting for another process's lock."""
    return "database is locked" in str(getattr(err, "orig", err))


def _read_only_url(url: URL) -> URL:
    """The same SQLite file opened read-only (a `file:` URI with mode=ro): no lock is ever asked for."""
    return make_url(f"sqlite:///file:{quote(url.database or '')}?mode=ro&uri=true")


def _sqlite_setup(engine: Engine, read_only: bool = False) -> None:
    """Write-ahead log and foreign keys on every connection; transactions begun by us, writers `BEGIN IMMEDIATE`.

    pysqlite's own transaction handling starts a transaction only at the first write, so a check-then-insert
    would not be atomic; taking the write lock up front makes `save` safe against concurrent writers.
    """

    @event.listens_for(engine, "connect")
    def _connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None
        cursor = dbapi_conn.cursor()
        if not read_only:  # a read-only connection cannot change the journal mode; writers set it
            cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(conn: Any) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get("writer") else "BEGIN")


def _alembic(conn: Connection) -> Config:
    """An Alembic configuration that migrates `conn` with the revisions shipped in `store/migrations/`."""
    config = Config()
    config.set_main_option("script_location", str(_MIGRATIONS))
    config.attributes["connection"] = conn
    return config


def _up_to_date(conn: Connection) -> bool:
    """True when the database's schema is at the newest revision (read without a lock)."""
    head = ScriptDirectory.from_config(_alembic(conn)).get_current_head()
    return MigrationContext.configure(conn).get_current_revision() == head


def _migrate(conn: Connection) -> str | None:
    """Bring the schema to the newest revision inside the caller's transaction; returns `meta`'s schema version.

    A database made before migrations existed holds the first revision's tables and is stamped as such.
    """
    config = _alembic(conn)
    head = ScriptDirectory.from_config(config).get_current_head()
    current = MigrationContext.configure(conn).get_current_revision()
    if current is None and inspect(conn).has_table("articles"):
        command.stamp(config, _FIRST_REVISION)
        current = _FIRST_REVISION
    if current != head:
        command.upgrade(config, "head")
    return conn.scalar(select(meta.c.value).where(meta.c.key == "schema_version"))


def _lock(conn: Connection) -> None:
    """Serialise writers on PostgreSQL for the rest of the transaction (SQLite's `BEGIN IMMEDIATE` does it there)."""
    if conn.dialect.name == "postgresql":
        conn.execute(select(func.pg_advisory_xact_lock(_PG_LOCK)))


def _table(name: str) -> Table:
    """The data table called `name`, or an `UnknownChoice` (a ValueError) naming the valid ones."""
    try:
        return DATA_TABLES[name]
    except KeyError:
        raise UnknownChoice(f"unknown table {name!r}; choose one of: {', '.join(DATA_TABLES)}") from None


def _stored_ids(conn: Connection, ids: Iterable[str]) -> set[str]:
    """Which of these article ids the database holds, asked a chunk at a time."""
    wanted = list(dict.fromkeys(ids))
    found: set[str] = set()
    for i in range(0, len(wanted), _ID_CHUNK):
        found.update(conn.scalars(select(articles.c.id).where(articles.c.id.in_(wanted[i : i + _ID_CHUNK]))))
    return found


class Store:
    """A database of analyses; creates its tables on first use and refuses a schema it does not know."""

    def __init__(self, url_or_path: str, read_only: bool = False) -> None:
        """Open (and if needed create) the database at a file path or a `sqlite://`/`postgresql://` URL.

        `read_only` (the commands that only read): SQLite is read through a read-only connection, which
        never waits for a writer; an old schema is still upgraded first, through a writing connection.
        """
        url = database_url(str(url_or_path))
        self.url = url.render_as_string(hide_password=True)
        sqlite = url.get_backend_name() == "sqlite"
        self.read_only = read_only
        self.engine = self._engine(url, sqlite, read_only)
        self._writer = self.engine.execution_options(writer=True)
        self.story_days = DEFAULT_STORY_DAYS  # how far apart two events of one story may be, in days
        try:
            with self.engine.connect() as conn:
                current = inspect(conn).has_table("meta") and _up_to_date(conn)
                version = conn.scalar(select(meta.c.value).where(meta.c.key == "schema_version")) if current else None
            if not current:  # a new database, or one to upgrade: the only time opening takes the write lock
                writer = self._engine(url, sqlite, False) if read_only else self.engine
                try:
                    with writer.execution_options(writer=True).begin() as conn:
                        _lock(conn)
                        version = _migrate(conn)
                finally:
                    if writer is not self.engine:
                        writer.dispose()
        except SQLAlchemyError as err:
            self.engine.dispose()
            if _busy(err):
                raise StoreError(f"database {self.url} is busy: another process (an ingest?) has held its write "
                                 f"lock for over {_BUSY_SECONDS} s; run this again once it is done") from None
            raise StoreError(f"cannot open database {self.url}: {reason(err)}; check the path or "
                             "URL, its permissions and that its server is running") from None
        except CommandError as err:  # a revision this newsprism does not ship: written by a newer release
            self.engine.dispose()
            raise StoreSchemaError(
                f"database {self.url} has a schema this newsprism does not know ({err}); "
                "use the newsprism release that wrote it, or a new database"
            ) from None
        if version != str(SCHEMA_VERSION):
            self.engine.dispose()
            raise StoreSchemaError(
                f"database {self.url} has schema version {version}, this newsprism reads version {SCHEMA_VERSION}; "
                "use the newsprism release that wrote it, or a new database"
            )

    def _engine(self, url: URL, sqlite: bool, read_only: bool) -> Engine:
        """An engine for `url`: SQLite set up for the write-ahead log (read-only when asked), PostgreSQL with
        read-only transactions when asked; connections checked before use."""
        try:
            if sqlite:
                engine = create_engine(_read_only_url(url) if read_only else url, pool_pre_ping=True,
                                       connect_args={"timeout": _BUSY_SECONDS})
                _sqlite_setup(engine, read_only)
                return engine
            options = {"postgresql_readonly": True} if read_only else {}
            return create_engine(url, pool_pre_ping=True, execution_options=options)
        except (NoSuchModuleError, ModuleNotFoundError, ArgumentError) as err:
            hint = ' (PostgreSQL needs a driver: pip install "psycopg[binary]")' if "postgres" in url.drivername else ""
            raise StoreError(f"cannot use database {self.url}: {err}{hint}") from None

    def __enter__(self) -> Store:
        """Use the store in a `with` block that closes it."""
        return self

    def __exit__(self, *exc: object) -> None:
        """Close the store when the `with` block ends."""
        self.close()

    def known_ids(self, ids: Iterable[str]) -> set[str]:
        """Which of these article ids are stored already; asked once more, on a fresh connection, when the
        connection was lost (a database server restarted while an ingest waited for input)."""
        wanted = list(ids)
        try:
            try:
                with self.engine.connect() as conn:
                    return _stored_ids(conn, wanted)
            except DBAPIError as err:
                if not err.connection_invalidated:
                    raise
                with self.engine.connect() as conn:  # the pool has dropped the lost connection
                    return _stored_ids(conn, wanted)
        except SQLAlchemyError as err:
            raise StoreError(f"could not look up which of {len(wanted)} articles {self.url} holds: {reason(err)}; "
                             "run the same ingest again once the database answers") from None

    def save(self, analyses: list[Analysis]) -> int:
        """Store a batch in one transaction, all or nothing; skips articles already stored or repeated in the
        batch, and returns how many articles it added."""
        batch: dict[str, Analysis] = {}
        for analysis in analyses:
            batch.setdefault(analysis.article.id, analysis)
        if not batch:
            return 0
        ingested_at = datetime.now(timezone.utc).isoformat(timespec="seconds")
        try:
            with self._writer.begin() as conn:
                _lock(conn)
                stored = _stored_ids(conn, batch)
                new = [a for aid, a in batch.items() if aid not in stored]
                rows: dict[str, list[dict[str, Any]]] = {name: [] for name in DATA_TABLES}
                for analysis in new:
                    for name, table_rows in analysis_rows(analysis, ingested_at).items():
                        rows[name].extend(table_rows)
                for name, table in DATA_TABLES.items():  # articles first: the others refer to them
                    if rows[name]:
                        conn.execute(insert(table), rows[name])
                link(conn, new, self.story_days)  # actors, stories and quotes across articles
        except SQLAlchemyError as err:
            raise StoreError(
                f"could not save {len(batch)} articles to {self.url}, none of them was stored: "
                f"{reason(err)}; run the same ingest again once the database takes writes"
            ) from err
        return len(new)

    def regroup_stories(self, story_days: int) -> None:
        """Group every stored event into stories again, `story_days` the most days between two events of
        one story, in one transaction (see `corpus_index.regroup`); later saves use the same window."""
        try:
            with self._writer.begin() as conn:
                _lock(conn)
                regroup(conn, story_days)
        except SQLAlchemyError as err:
            raise StoreError(f"could not regroup the stories of {self.url}: {reason(err)}; the "
                             "stories stored before are kept") from err
        self.story_days = story_days

    def load(self, article_id: str) -> Analysis | None:
        """The stored analysis of one article, or None when it is not stored."""
        with self.engine.connect() as conn:
            stored = conn.scalar(select(articles.c.analysis).where(articles.c.id == article_id))
        if stored is None:
            return None
        try:
            return Analysis.model_validate_json(stored)
        except ValidationError as err:
            raise StoreError(f"article {article_id!r} in {self.url} no longer reads as an analysis: {err}; "
                             "ingest it again into a new database") from None

    def count(self, table: str) -> int:
        """How many rows a data table holds."""
        with self.engine.connect() as conn:
            return conn.scalar(select(func.count()).select_from(_table(table))) or 0

    def columns(self, table: str, include_analysis: bool = False, with_article: bool = False) -> list[str]:
        """The column names `rows` yields for a table; `articles` leaves out the big `analysis` JSON unless asked;
        `with_article` adds the article's title, outlet and date after `article_id` to the other tables."""
        names = [c.name for c in _table(table).columns if include_analysis or c.name != "analysis"]
        if with_article and table != "articles":
            at = names.index("article_id") + 1
            names[at:at] = [f"article_{name}" for name in ARTICLE_FIELDS]
        return names

    def rows(self, table: str, include_analysis: bool = False, with_article: bool = False) -> Iterator[dict[str, Any]]:
        """Every row of a data table as a dict, in key order, streamed; JSON columns come back as lists
        (`with_article`: see `columns`)."""
        t = _table(table)
        cols = [
            articles.c[name.removeprefix("article_")].label(name) if name.startswith("article_") and name != "article_id"
            else t.c[name]
            for name in self.columns(table, include_analysis, with_article)
        ]
        query = select(*cols)
        if with_article and table != "articles":
            query = query.join(articles, articles.c.id == t.c.article_id)
        query = query.order_by(*t.primary_key.columns)
        with self.engine.connect() as conn:
            for row in conn.execution_options(yield_per=_STREAM_ROWS).execute(query):
                yield row._asdict()

    def summary(self, top: int = 10) -> dict[str, Any]:
        """Articles and quotes stored, and the `top` speakers by number of quotes (name, else the words used)."""
        speaker = func.coalesce(quotes.c.speaker_name, quotes.c.speaker)
        n = func.count()
        query = (
            select(speaker, n).where(speaker.is_not(None)).group_by(speaker).order_by(n.desc(), speaker).limit(top)
        )
        with self.engine.connect() as conn:
            speakers = [(name, k) for name, k in conn.execute(query)]
        return {"articles": self.count("articles"), "quotes": self.count("quotes"), "speakers": speakers}

    def close(self) -> None:
        """Release every connection."""
        self.engine.dispose()
