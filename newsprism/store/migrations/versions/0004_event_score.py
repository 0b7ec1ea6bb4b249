"""The event detector's confidence: `events.score` (0..1). Events stored before stay without one.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Add `events.score`."""
    with op.batch_alter_table("events") as batch:
        batch.add_column(sa.Column("score", sa.Float(), nullable=True))


def downgrade() -> None:
    """Drop `events.score`."""
    with op.batch_alter_table("events") as batch:
        batch.drop_column("score")
