"""The first schema: `articles`, one table per list of the analysis keyed by its article, and `meta`.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

# (table, its columns after `article_id`; the first of them completes the primary key)
_CHILDREN: list[tuple[str, list[sa.Column]]] = [
    ("entities", [
        sa.Column("entity_id", sa.String(), primary_key=True),
        sa.Column("name", sa.Text()),
        sa.Column("type", sa.String()),
        sa.Column("country", sa.String()),
        sa.Column("mentions", sa.Text()),
        sa.Column("labels", sa.Text()),
    ]),
    ("quotes", [
        sa.Column("idx", sa.Integer(), primary_key=True, autoincrement=False),
        sa.Column("kind", sa.String()),
        *(sa.Column(f"{part}{end}", sa.Integer() if end else sa.Text())
          for part in ("content", "cue", "speaker") for end in ("", "_start", "_end")),
        sa.Column("speaker_entity", sa.String()),
        sa.Column("speaker_name", sa.Text()),
    ]),
    ("events", [
        sa.Column("idx", sa.Integer(), primary_key=True, autoincrement=False),
        sa.Column("date", sa.String()),
        sa.Column("date_text", sa.Text()),
        sa.Column("type", sa.String()),
        sa.Column("mode", sa.String()),
        sa.Column("acled_type", sa.String()),
        sa.Column("source_actor", sa.Text()),
        sa.Column("source_country", sa.String()),
        sa.Column("target_actor", sa.Text()),
        sa.Column("target_country", sa.String()),
        sa.Column("place", sa.Text()),
        sa.Column("country", sa.String()),
        sa.Column("lat", sa.Float()),
        sa.Column("lon", sa.Float()),
        sa.Column("fatalities", sa.Integer()),
        sa.Column("fatalities_qualifier", sa.String()),
        sa.Column("injured", sa.Integer()),
        sa.Column("injured_qualifier", sa.String()),
        sa.Column("size", sa.Integer()),
        sa.Column("evidence", sa.Text()),
        sa.Column("evidence_start", sa.Integer()),
        sa.Column("evidence_end", sa.Integer()),
    ]),
    ("framing", [
        sa.Column("idx", sa.Integer(), primary_key=True, autoincrement=False),
        sa.Column("technique", sa.String()),
        sa.Column("start", sa.Integer()),
        sa.Column("end", sa.Integer()),
        sa.Column("text", sa.Text()),
        sa.Column("score", sa.Float()),
    ]),
    ("figure_conflicts", [
        sa.Column("idx", sa.Integer(), primary_key=True, autoincrement=False),
        sa.Column("about", sa.Text()),
        sa.Column("figures", sa.Text()),
    ]),
]


def upgrade() -> None:
    """Create every table and record schema version 1 in `meta`."""
    op.create_table(
        "articles",
        sa.Column("id", sa.String(), primary_key=True),
        sa.Column("title", sa.Text()),
        sa.Column("published", sa.String()),
        sa.Column("source", sa.Text()),
        sa.Column("url", sa.Text()),
        sa.Column("language", sa.String()),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("analysis", sa.Text(), nullable=False),
        sa.Column("ingested_at", sa.String(), nullable=False),
    )
    meta = op.create_table(
        "meta",
        sa.Column("key", sa.String(), primary_key=True),
        sa.Column("value", sa.Text(), nullable=False),
    )
    for name, columns in _CHILDREN:
        op.create_table(
            name,
            sa.Column("article_id", sa.String(), sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
            *columns,
        )
        op.create_index(f"ix_{name}_article_id", name, ["article_id"])
    op.bulk_insert(meta, [{"key": "schema_version", "value": "1"}])


def downgrade() -> None:
    """Drop every table."""
    for name, _ in reversed(_CHILDREN):
        op.drop_table(name)
    op.drop_table("meta")
    op.drop_table("articles")
