"""issue17: online and hybrid meetings (event mode, online participants, placeless meetings)

Revision ID: 0f9281d26307
Revises: fa783fb5c815
Create Date: 2026-12-04 13:55:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0f9281d26307"
down_revision: str | None = "fa783fb5c815"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

MODE = sa.Enum(
    "on_site", "online", "hybrid", name="eventmode", native_enum=False, create_constraint=True
)


def upgrade() -> None:
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.add_column(sa.Column("mode", MODE, server_default="on_site", nullable=False))

    with op.batch_alter_table("participants", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("online", sa.Boolean(), server_default=sa.false(), nullable=False)
        )
        batch_op.add_column(sa.Column("video_link", sa.String(length=500), nullable=True))
        batch_op.add_column(sa.Column("timezone", sa.String(length=64), nullable=True))

    # A meeting with an online participant has neither a table nor a location.
    with op.batch_alter_table("meetings", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("ck_meetings_confirmed_has_place"), type_="check")


def downgrade() -> None:
    with op.batch_alter_table("meetings", schema=None) as batch_op:
        batch_op.create_check_constraint(
            batch_op.f("ck_meetings_confirmed_has_place"),
            "status = 'cancelled' OR table_id IS NOT NULL OR location IS NOT NULL",
        )

    with op.batch_alter_table("participants", schema=None) as batch_op:
        batch_op.drop_column("timezone")
        batch_op.drop_column("video_link")
        batch_op.drop_column("online")

    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("ck_events_eventmode"), type_="check")
        batch_op.drop_column("mode")
