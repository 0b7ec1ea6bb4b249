"""Where an entity's country came from: `entities.country_source` ("name", "text" or "article", the last a
default from the article's own country). Entities stored before stay without one.

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Add `entities.country_source`."""
    with op.batch_alter_table("entities") as batch:
        batch.add_column(sa.Column("country_source", sa.String(), nullable=True))


def downgrade() -> None:
    """Drop `entities.country_source`."""
    with op.batch_alter_table("entities") as batch:
        batch.drop_column("country_source")
