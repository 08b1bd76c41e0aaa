"""issue13: the event day (check-ins, attendance, staff, on-the-spot requests, boards)

Revision ID: 5ec16cd4f160
Revises: 1fa6453d25bb
Create Date: 2026-12-04 03:20:21.628131
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import matchmaker.db

revision: str = "5ec16cd4f160"
down_revision: str | None = "1fa6453d25bb"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "board_links",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("hall", sa.String(length=100), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("issued_at", matchmaker.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["events.id"],
            name=op.f("fk_board_links_event_id_events"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_board_links")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_board_links_token_hash")),
    )
    with op.batch_alter_table("board_links", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_board_links_event_id"), ["event_id"], unique=False)

    op.create_table(
        "staff_grants",
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("granted_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", matchmaker.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["events.id"],
            name=op.f("fk_staff_grants_event_id_events"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["granted_by_id"],
            ["users.id"],
            name=op.f("fk_staff_grants_granted_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_staff_grants_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("event_id", "user_id", name=op.f("pk_staff_grants")),
    )
    with op.batch_alter_table("staff_grants", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_staff_grants_user_id"), ["user_id"], unique=False)

    op.create_table(
        "staff_invitations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("invited_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", matchmaker.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["events.id"],
            name=op.f("fk_staff_invitations_event_id_events"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["invited_by_id"],
            ["users.id"],
            name=op.f("fk_staff_invitations_invited_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_staff_invitations")),
        sa.UniqueConstraint("event_id", "email", name=op.f("uq_staff_invitations_event_id_email")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_staff_invitations_token_hash")),
    )
    op.create_table(
        "check_ins",
        sa.Column("participant_id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=16), nullable=False),
        sa.Column("arrived_at", matchmaker.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("checked_in_by_id", sa.Integer(), nullable=True),
        sa.Column("left_at", matchmaker.db.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["checked_in_by_id"],
            ["users.id"],
            name=op.f("fk_check_ins_checked_in_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["events.id"],
            name=op.f("fk_check_ins_event_id_events"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["participant_id"],
            ["participants.id"],
            name=op.f("fk_check_ins_participant_id_participants"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("participant_id", name=op.f("pk_check_ins")),
        sa.UniqueConstraint("event_id", "code", name=op.f("uq_check_ins_event_id_code")),
    )
    with op.batch_alter_table("check_ins", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_check_ins_event_id"), ["event_id"], unique=False)

    op.create_table(
        "attendance_marks",
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column(
            "outcome",
            sa.Enum("held", "absent", name="outcome", native_enum=False, create_constraint=True),
            nullable=False,
        ),
        sa.Column("absent_participant_id", sa.Integer(), nullable=True),
        sa.Column("marked_by_id", sa.Integer(), nullable=True),
        sa.Column("marked_at", matchmaker.db.UTCDateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "(outcome = 'absent') = (absent_participant_id IS NOT NULL)",
            name=op.f("ck_attendance_marks_absent_names_who"),
        ),
        sa.ForeignKeyConstraint(
            ["absent_participant_id"],
            ["participants.id"],
            name=op.f("fk_attendance_marks_absent_participant_id_participants"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["marked_by_id"],
            ["users.id"],
            name=op.f("fk_attendance_marks_marked_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meetings.id"],
            name=op.f("fk_attendance_marks_meeting_id_meetings"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("meeting_id", name=op.f("pk_attendance_marks")),
    )
    op.create_table(
        "live_changes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "released",
                "replacement",
                "spot",
                name="changekind",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("participant_id", sa.Integer(), nullable=True),
        sa.Column("by_user_id", sa.Integer(), nullable=True),
        sa.Column("at", matchmaker.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["by_user_id"],
            ["users.id"],
            name=op.f("fk_live_changes_by_user_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["events.id"],
            name=op.f("fk_live_changes_event_id_events"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meetings.id"],
            name=op.f("fk_live_changes_meeting_id_meetings"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["participant_id"],
            ["participants.id"],
            name=op.f("fk_live_changes_participant_id_participants"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_live_changes")),
    )
    with op.batch_alter_table("live_changes", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_live_changes_event_id"), ["event_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_live_changes_meeting_id"), ["meeting_id"], unique=False
        )

    op.create_table(
        "spot_requests",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("requester_id", sa.Integer(), nullable=False),
        sa.Column("partner_id", sa.Integer(), nullable=False),
        sa.Column("slot_id", sa.Integer(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "pending",
                "accepted",
                "declined",
                name="spotstatus",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("meeting_id", sa.Integer(), nullable=True),
        sa.Column("created_at", matchmaker.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("answered_at", matchmaker.db.UTCDateTime(timezone=True), nullable=True),
        sa.CheckConstraint("requester_id <> partner_id", name=op.f("ck_spot_requests_not_self")),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["events.id"],
            name=op.f("fk_spot_requests_event_id_events"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meetings.id"],
            name=op.f("fk_spot_requests_meeting_id_meetings"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["partner_id"],
            ["participants.id"],
            name=op.f("fk_spot_requests_partner_id_participants"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["requester_id"],
            ["participants.id"],
            name=op.f("fk_spot_requests_requester_id_participants"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["slot_id"],
            ["time_slots.id"],
            name=op.f("fk_spot_requests_slot_id_time_slots"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_spot_requests")),
    )
    with op.batch_alter_table("spot_requests", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_spot_requests_event_id"), ["event_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_spot_requests_partner_id"), ["partner_id"], unique=False
        )
        batch_op.create_index(
            "uq_spot_requests_pending",
            ["requester_id", "partner_id"],
            unique=True,
            sqlite_where=sa.text("status = 'pending'"),
            postgresql_where=sa.text("status = 'pending'"),
        )

    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("no_show_minutes", sa.Integer(), server_default="10", nullable=False)
        )
        batch_op.create_check_constraint("no_show_minutes_not_negative", "no_show_minutes >= 0")


def downgrade() -> None:
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.drop_constraint("no_show_minutes_not_negative", type_="check")
        batch_op.drop_column("no_show_minutes")

    with op.batch_alter_table("spot_requests", schema=None) as batch_op:
        batch_op.drop_index(
            "uq_spot_requests_pending",
            sqlite_where=sa.text("status = 'pending'"),
            postgresql_where=sa.text("status = 'pending'"),
        )
        batch_op.drop_index(batch_op.f("ix_spot_requests_partner_id"))
        batch_op.drop_index(batch_op.f("ix_spot_requests_event_id"))

    op.drop_table("spot_requests")
    with op.batch_alter_table("live_changes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_live_changes_meeting_id"))
        batch_op.drop_index(batch_op.f("ix_live_changes_event_id"))

    op.drop_table("live_changes")
    op.drop_table("attendance_marks")
    with op.batch_alter_table("check_ins", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_check_ins_event_id"))

    op.drop_table("check_ins")
    with op.batch_alter_table("staff_grants", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_staff_grants_user_id"))

    op.drop_table("staff_invitations")
    op.drop_table("staff_grants")
    with op.batch_alter_table("board_links", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_board_links_event_id"))

    op.drop_table("board_links")
