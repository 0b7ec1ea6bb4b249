"""The corpus view: `actors` and `actor_keys`, `entities.actor_id`, `stories`, `story_events`, `event_quotes`;
articles stored before it are linked here, a batch at a time, as an ingest would have linked them.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def _article_id() -> sa.Column:
    return sa.Column("article_id", sa.String(), sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True)


def upgrade() -> None:
    """Create the corpus tables, point entities at actors, and link the articles already stored."""
    op.create_table(
        "actors",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("type", sa.String()),
        sa.Column("country", sa.String()),
        sa.Column("articles", sa.Integer(), nullable=False),
    )
    op.create_index("ix_actors_articles", "actors", ["articles"])
    op.create_table(
        "actor_keys",
        sa.Column("key", sa.String(), primary_key=True),
        sa.Column("actor_id", sa.Integer(), sa.ForeignKey("actors.id"), primary_key=True),
    )
    op.create_index("ix_actor_keys_actor_id", "actor_keys", ["actor_id"])
    with op.batch_alter_table("entities") as batch:
        batch.add_column(sa.Column("actor_id", sa.Integer(), nullable=True))
        batch.create_foreign_key("fk_entities_actor_id_actors", "actors", ["actor_id"], ["id"])
        batch.create_index("ix_entities_actor_id", ["actor_id"])
    op.create_table(
        "stories",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=False),
        sa.Column("first_date", sa.String(), nullable=False),
        sa.Column("last_date", sa.String(), nullable=False),
        sa.Column("articles", sa.Integer(), nullable=False),
    )
    op.create_index("ix_stories_first_date", "stories", ["first_date"])
    op.create_index("ix_stories_articles", "stories", ["articles"])
    op.create_table(
        "story_events",
        _article_id(),
        sa.Column("idx", sa.Integer(), primary_key=True, autoincrement=False),
        sa.Column("story_id", sa.Integer(), sa.ForeignKey("stories.id")),
        sa.Column("date", sa.String()),
        sa.Column("type", sa.String()),
        sa.Column("place", sa.Text()),
        sa.Column("country", sa.String()),
        sa.Column("source_actor_id", sa.Integer()),
        sa.Column("target_actor_id", sa.Integer()),
        sa.Column("actor_ids", sa.Text()),
        sa.Column("reason", sa.Text()),
    )
    for column in ("article_id", "story_id", "date", "source_actor_id", "target_actor_id"):
        op.create_index(f"ix_story_events_{column}", "story_events", [column])
    op.create_table(
        "event_quotes",
        _article_id(),
        sa.Column("event_idx", sa.Integer(), primary_key=True, autoincrement=False),
        sa.Column("quote_idx", sa.Integer(), primary_key=True, autoincrement=False),
        sa.Column("reason", sa.Text()),
    )
    op.create_index("ix_event_quotes_article_id", "event_quotes", ["article_id"])

    from newsprism.store.corpus_index import link_stored

    link_stored(op.get_bind())


def downgrade() -> None:
    """Drop the corpus tables and `entities.actor_id`."""
    op.drop_table("event_quotes")
    op.drop_table("story_events")
    op.drop_table("stories")
    with op.batch_alter_table("entities") as batch:
        batch.drop_index("ix_entities_actor_id")
        batch.drop_constraint("fk_entities_actor_id_actors", type_="foreignkey")
        batch.drop_column("actor_id")
    op.drop_table("actor_keys")
    op.drop_table("actors")
