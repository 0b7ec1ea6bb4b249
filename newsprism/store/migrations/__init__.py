"""Alembic migrations of the newsprism schema, shared by SQLite and PostgreSQL; `Store` applies them on open."""
