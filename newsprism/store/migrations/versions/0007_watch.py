"""`newsprism watch`'s state: `watch_feeds` (each feed's ETag and Last-Modified for conditional requests, its
errors in a row and when to try it again) and `watch_items` (each item taken from a feed, by its guid and by its
link, so no item is fetched twice, across runs and after a kill).

Revision ID: 0007
Revises: 0006
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create `watch_feeds` and `watch_items`."""
    op.create_table(
        "watch_feeds",
        sa.Column("url", sa.String(), primary_key=True),
        sa.Column("etag", sa.Text()),
        sa.Column("last_modified", sa.Text()),
        sa.Column("checked_at", sa.String()),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("retry_at", sa.String()),
        sa.Column("last_error", sa.Text()),
    )
    op.create_table(
        "watch_items",
        sa.Column("key", sa.String(), primary_key=True),
        sa.Column("feed_url", sa.String(), nullable=False),
        sa.Column("article_id", sa.String()),
        sa.Column("seen_at", sa.String(), nullable=False),
    )
    op.create_index("ix_watch_items_feed_url", "watch_items", ["feed_url"])


def downgrade() -> None:
    """Drop the watch state."""
    op.drop_index("ix_watch_items_feed_url", "watch_items")
    op.drop_table("watch_items")
    op.drop_table("watch_feeds")
