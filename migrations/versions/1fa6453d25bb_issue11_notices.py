"""issue11 notices: what each person was told of their meetings, pending change notices,
one-off messages already written (agenda, nudge, reminder per day)

Revision ID: 1fa6453d25bb
Revises: 0faa1ec67553
Create Date: 2026-12-04 03:25:45.575982
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import matchmaker.db

revision: str = "1fa6453d25bb"
down_revision: str | None = "0faa1ec67553"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "pending_change_notices",
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("changed_at", matchmaker.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["events.id"],
            name=op.f("fk_pending_change_notices_event_id_events"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("event_id", name=op.f("pk_pending_change_notices")),
    )
    op.create_table(
        "message_occasions",
        sa.Column("participant_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("occasion", sa.String(length=40), nullable=False),
        sa.Column("created_at", matchmaker.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["participant_id"],
            ["participants.id"],
            name=op.f("fk_message_occasions_participant_id_participants"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "participant_id", "kind", "occasion", name=op.f("pk_message_occasions")
        ),
    )
    op.create_table(
        "notified_meetings",
        sa.Column("participant_id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("starts_at", matchmaker.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("ends_at", matchmaker.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("place", sa.String(length=300), nullable=False),
        sa.Column("cancelled", sa.Boolean(), nullable=False),
        sa.Column("notified_at", matchmaker.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meetings.id"],
            name=op.f("fk_notified_meetings_meeting_id_meetings"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["participant_id"],
            ["participants.id"],
            name=op.f("fk_notified_meetings_participant_id_participants"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("participant_id", "meeting_id", name=op.f("pk_notified_meetings")),
    )
    with op.batch_alter_table("notified_meetings", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_notified_meetings_meeting_id"), ["meeting_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("notified_meetings", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_notified_meetings_meeting_id"))

    op.drop_table("notified_meetings")
    op.drop_table("message_occasions")
    op.drop_table("pending_change_notices")
