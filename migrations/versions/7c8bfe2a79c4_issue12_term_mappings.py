"""issue 12: term mappings (how a mission's import files name sectors, countries, types)

Revision ID: 7c8bfe2a79c4
Revises: 7d41c0a9e5b3
Create Date: 2026-12-04 03:20:50.661371
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import matchmaker.db

revision: str = "7c8bfe2a79c4"
down_revision: str | None = "7d41c0a9e5b3"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "term_mappings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("mission_id", sa.Integer(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "sector",
                "technology",
                "country",
                "type",
                name="termkind",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("source", sa.String(length=200), nullable=False),
        sa.Column("spelling", sa.String(length=200), nullable=False),
        sa.Column("target", sa.String(length=200), nullable=False),
        sa.Column("created_at", matchmaker.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["mission_id"],
            ["missions.id"],
            name=op.f("fk_term_mappings_mission_id_missions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_term_mappings")),
        sa.UniqueConstraint(
            "mission_id", "kind", "source", name=op.f("uq_term_mappings_mission_id_kind_source")
        ),
    )


def downgrade() -> None:
    op.drop_table("term_mappings")
