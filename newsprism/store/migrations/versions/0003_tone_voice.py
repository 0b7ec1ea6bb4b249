"""Voices and tone: `framing.voice`, `framing.speaker_entity`, `framing.speaker_name` (whose words a span is)
and the `tone` table (tone towards an actor per mention). Framing rows stored before stay without a voice.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Add the voice columns of `framing` and create `tone`."""
    with op.batch_alter_table("framing") as batch:
        batch.add_column(sa.Column("voice", sa.String(), nullable=True))
        batch.add_column(sa.Column("speaker_entity", sa.String(), nullable=True))
        batch.add_column(sa.Column("speaker_name", sa.Text(), nullable=True))
    op.create_table(
        "tone",
        sa.Column("article_id", sa.String(), sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("idx", sa.Integer(), primary_key=True, autoincrement=False),
        sa.Column("entity_id", sa.String()),
        sa.Column("mention_start", sa.Integer()),
        sa.Column("mention_end", sa.Integer()),
        sa.Column("mention_text", sa.Text()),
        sa.Column("polarity", sa.Integer()),
        sa.Column("score", sa.Float()),
        sa.Column("voice", sa.String()),
        sa.Column("speaker_entity", sa.String()),
        sa.Column("speaker_name", sa.Text()),
    )
    op.create_index("ix_tone_article_id", "tone", ["article_id"])
    op.create_index("ix_tone_entity_id", "tone", ["entity_id"])


def downgrade() -> None:
    """Drop `tone` and the voice columns of `framing`."""
    op.drop_index("ix_tone_entity_id", "tone")
    op.drop_index("ix_tone_article_id", "tone")
    op.drop_table("tone")
    with op.batch_alter_table("framing") as batch:
        batch.drop_column("speaker_name")
        batch.drop_column("speaker_entity")
        batch.drop_column("voice")
