"""Alembic's entry point: migrates the connection that `Store` hands over in `config.attributes["connection"]`.

Run by hand (`alembic -c newsprism/store/migrations/alembic.ini ...`, e.g. to write a new revision), it opens
the database named by `sqlalchemy.url` instead. SQLite gets batch mode, so later revisions can alter columns.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from newsprism.store.tables import described, metadata


def _migrate(connection) -> None:
    """Run the pending revisions on one connection, inside its transaction."""
    context.configure(
        connection=connection,
        target_metadata=metadata,
        include_name=described,  # not the full-text index (revision 0006)
        render_as_batch=connection.dialect.name == "sqlite",
    )
    with context.begin_transaction():
        context.run_migrations()


_given = context.config.attributes.get("connection")
if _given is not None:
    _migrate(_given)
else:
    with create_engine(context.config.get_main_option("sqlalchemy.url")).begin() as _conn:
        _migrate(_conn)
