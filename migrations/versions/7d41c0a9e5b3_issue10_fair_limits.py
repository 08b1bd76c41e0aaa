"""issue 10: guaranteed minimum, cap per day, longest back-to-back run; a run's goals

Revision ID: 7d41c0a9e5b3
Revises: e332b2791773
Create Date: 2026-12-04 03:40:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "7d41c0a9e5b3"
down_revision: str | None = "e332b2791773"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("min_meetings", sa.Integer(), server_default="1", nullable=False)
        )
        batch_op.add_column(sa.Column("max_meetings_per_day", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("max_consecutive_meetings", sa.Integer(), nullable=True))
        batch_op.create_check_constraint(
            batch_op.f("ck_events_min_meetings_not_negative"), "min_meetings >= 0"
        )
        batch_op.create_check_constraint(
            batch_op.f("ck_events_day_cap_not_negative"),
            "max_meetings_per_day IS NULL OR max_meetings_per_day >= 0",
        )
        batch_op.create_check_constraint(
            batch_op.f("ck_events_consecutive_limit_positive"),
            "max_consecutive_meetings IS NULL OR max_consecutive_meetings >= 1",
        )
    with op.batch_alter_table("participants", schema=None) as batch_op:
        batch_op.add_column(sa.Column("max_meetings_per_day", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("min_meetings", sa.Integer(), nullable=True))
        batch_op.create_check_constraint(
            batch_op.f("ck_participants_day_cap_not_negative"),
            "max_meetings_per_day IS NULL OR max_meetings_per_day >= 0",
        )
        batch_op.create_check_constraint(
            batch_op.f("ck_participants_minimum_not_negative"),
            "min_meetings IS NULL OR min_meetings >= 0",
        )

    with op.batch_alter_table("schedule_runs", schema=None) as batch_op:
        batch_op.add_column(sa.Column("goals", sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column("stop_reason", sa.String(length=20), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("schedule_runs", schema=None) as batch_op:
        batch_op.drop_column("stop_reason")
        batch_op.drop_column("goals")
    with op.batch_alter_table("participants", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("ck_participants_minimum_not_negative"), type_="check")
        batch_op.drop_constraint(batch_op.f("ck_participants_day_cap_not_negative"), type_="check")
        batch_op.drop_column("min_meetings")
        batch_op.drop_column("max_meetings_per_day")
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("ck_events_consecutive_limit_positive"), type_="check")
        batch_op.drop_constraint(batch_op.f("ck_events_day_cap_not_negative"), type_="check")
        batch_op.drop_constraint(batch_op.f("ck_events_min_meetings_not_negative"), type_="check")
        batch_op.drop_column("max_consecutive_meetings")
        batch_op.drop_column("max_meetings_per_day")
        batch_op.drop_column("min_meetings")
