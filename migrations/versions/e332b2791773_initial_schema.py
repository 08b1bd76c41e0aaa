"""initial schema

Revision ID: e332b2791773
Revises:
Create Date: 2026-11-21 06:07:07.488962
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import matchmaker.db

revision: str = "e332b2791773"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "login_attempts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("address", sa.String(length=64), nullable=False),
        sa.Column("attempted_at", matchmaker.db.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_login_attempts")),
    )
    with op.batch_alter_table("login_attempts", schema=None) as batch_op:
        batch_op.create_index(
            "ix_login_attempts_address_at", ["address", "attempted_at"], unique=False
        )
        batch_op.create_index("ix_login_attempts_email_at", ["email", "attempted_at"], unique=False)

    op.create_table(
        "missions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("slug", sa.String(length=80), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("partnership", sa.String(length=200), nullable=False),
        sa.Column("target_market", sa.String(length=200), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=True),
        sa.Column("end_date", sa.Date(), nullable=True),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("created_at", matchmaker.db.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_missions")),
        sa.UniqueConstraint("slug", name=op.f("uq_missions_slug")),
    )
    op.create_table(
        "organisations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("country", sa.String(length=2), nullable=False),
        sa.Column("cluster", sa.String(length=200), nullable=False),
        sa.Column(
            "type",
            sa.Enum(
                "sme",
                "large_company",
                "cluster",
                "rto",
                "investor",
                "public_body",
                name="organisationtype",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("sectors", sa.JSON(), nullable=False),
        sa.Column("technologies", sa.JSON(), nullable=False),
        sa.Column("website", sa.String(length=500), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("offers", sa.Text(), nullable=False),
        sa.Column("requests", sa.Text(), nullable=False),
        sa.Column("created_at", matchmaker.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", matchmaker.db.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_organisations")),
    )
    with op.batch_alter_table("organisations", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_organisations_name"), ["name"], unique=False)

    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("password_hash", sa.String(length=255), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column(
            "role",
            sa.Enum(
                "admin",
                "organiser",
                "participant",
                name="role",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("session_token", sa.String(length=64), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", matchmaker.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("last_login_at", matchmaker.db.UTCDateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_users")),
        sa.UniqueConstraint("email", name=op.f("uq_users_email")),
    )
    op.create_table(
        "events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("mission_id", sa.Integer(), nullable=False),
        sa.Column("slug", sa.String(length=80), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("venue", sa.String(length=300), nullable=False),
        sa.Column("timezone", sa.String(length=64), nullable=False),
        sa.Column("slot_minutes", sa.Integer(), nullable=False),
        sa.Column("break_minutes", sa.Integer(), nullable=False),
        sa.Column(
            "phase",
            sa.Enum(
                "draft",
                "registration",
                "preferences",
                "scheduled",
                "published",
                name="phase",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("registration_deadline", matchmaker.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("preferences_deadline", matchmaker.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("default_max_meetings", sa.Integer(), nullable=True),
        sa.Column("limit_must", sa.Integer(), nullable=True),
        sa.Column("limit_want", sa.Integer(), nullable=True),
        sa.Column("limit_maybe", sa.Integer(), nullable=True),
        sa.Column("sectors", sa.JSON(), nullable=False),
        sa.Column("technologies", sa.JSON(), nullable=False),
        sa.Column("published_at", matchmaker.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("created_at", matchmaker.db.UTCDateTime(timezone=True), nullable=False),
        sa.CheckConstraint("break_minutes >= 0", name=op.f("ck_events_break_minutes_not_negative")),
        sa.CheckConstraint("slot_minutes > 0", name=op.f("ck_events_slot_minutes_positive")),
        sa.ForeignKeyConstraint(
            ["mission_id"],
            ["missions.id"],
            name=op.f("fk_events_mission_id_missions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_events")),
        sa.UniqueConstraint("slug", name=op.f("uq_events_slug")),
    )
    op.create_table(
        "mission_organisers",
        sa.Column("mission_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["mission_id"],
            ["missions.id"],
            name=op.f("fk_mission_organisers_mission_id_missions"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_mission_organisers_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("mission_id", "user_id", name=op.f("pk_mission_organisers")),
    )
    op.create_table(
        "blocks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("start_time", sa.Time(), nullable=False),
        sa.Column("end_time", sa.Time(), nullable=False),
        sa.CheckConstraint("end_time > start_time", name=op.f("ck_blocks_block_ends_after_start")),
        sa.ForeignKeyConstraint(
            ["event_id"], ["events.id"], name=op.f("fk_blocks_event_id_events"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_blocks")),
        sa.UniqueConstraint(
            "event_id", "day", "start_time", name=op.f("uq_blocks_event_id_day_start_time")
        ),
    )
    op.create_table(
        "meeting_tables",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("place", sa.String(length=200), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["events.id"],
            name=op.f("fk_meeting_tables_event_id_events"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meeting_tables")),
        sa.UniqueConstraint("event_id", "id", name=op.f("uq_meeting_tables_event_id_id")),
        sa.UniqueConstraint("event_id", "name", name=op.f("uq_meeting_tables_event_id_name")),
    )
    op.create_table(
        "participants",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("first_name", sa.String(length=100), nullable=False),
        sa.Column("last_name", sa.String(length=100), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("phone", sa.String(length=50), nullable=False),
        sa.Column("job_title", sa.String(length=200), nullable=False),
        sa.Column("location", sa.String(length=200), nullable=True),
        sa.Column("max_meetings", sa.Integer(), nullable=True),
        sa.Column("invitation_token_hash", sa.String(length=64), nullable=True),
        sa.Column("invited_at", matchmaker.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("feed_token_hash", sa.String(length=64), nullable=True),
        sa.Column("feed_token_created_at", matchmaker.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("agenda_seen_at", matchmaker.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("withdrawn_at", matchmaker.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("created_at", matchmaker.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", matchmaker.db.UTCDateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "max_meetings IS NULL OR max_meetings >= 0",
            name=op.f("ck_participants_cap_not_negative"),
        ),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["events.id"],
            name=op.f("fk_participants_event_id_events"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_participants_organisation_id_organisations"),
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_participants_user_id_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_participants")),
        sa.UniqueConstraint("event_id", "email", name=op.f("uq_participants_event_id_email")),
        sa.UniqueConstraint("event_id", "id", name=op.f("uq_participants_event_id_id")),
        sa.UniqueConstraint("event_id", "user_id", name=op.f("uq_participants_event_id_user_id")),
        sa.UniqueConstraint("feed_token_hash", name=op.f("uq_participants_feed_token_hash")),
        sa.UniqueConstraint(
            "invitation_token_hash", name=op.f("uq_participants_invitation_token_hash")
        ),
    )
    op.create_table(
        "schedule_runs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("requested_by_id", sa.Integer(), nullable=True),
        sa.Column(
            "status",
            sa.Enum(
                "queued",
                "running",
                "succeeded",
                "failed",
                "cancelled",
                name="runstatus",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("minimal_change", sa.Boolean(), nullable=False),
        sa.Column("time_limit_s", sa.Double(), nullable=False),
        sa.Column("progress", sa.Double(), nullable=False),
        sa.Column("phase", sa.String(length=50), nullable=False),
        sa.Column("best_weight", sa.Integer(), nullable=True),
        sa.Column("bound", sa.Integer(), nullable=True),
        sa.Column("elapsed_s", sa.Double(), nullable=False),
        sa.Column("cancel_requested", sa.Boolean(), nullable=False),
        sa.Column("solver_status", sa.String(length=20), nullable=False),
        sa.Column("stats", sa.JSON(), nullable=False),
        sa.Column("timings", sa.JSON(), nullable=False),
        sa.Column("result", sa.JSON(), nullable=True),
        sa.Column("log", sa.Text(), nullable=False),
        sa.Column("error", sa.Text(), nullable=False),
        sa.Column("created_at", matchmaker.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("started_at", matchmaker.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("heartbeat_at", matchmaker.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("finished_at", matchmaker.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("applied_at", matchmaker.db.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["events.id"],
            name=op.f("fk_schedule_runs_event_id_events"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["requested_by_id"],
            ["users.id"],
            name=op.f("fk_schedule_runs_requested_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_schedule_runs")),
    )
    with op.batch_alter_table("schedule_runs", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_schedule_runs_event_id"), ["event_id"], unique=False)
        batch_op.create_index(
            "uq_schedule_runs_event_active",
            ["event_id"],
            unique=True,
            sqlite_where=sa.text("status IN ('queued', 'running')"),
            postgresql_where=sa.text("status IN ('queued', 'running')"),
        )

    op.create_table(
        "preferences",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("from_participant_id", sa.Integer(), nullable=False),
        sa.Column("to_participant_id", sa.Integer(), nullable=False),
        sa.Column(
            "level",
            sa.Enum(
                "must",
                "want",
                "maybe",
                "not",
                name="preferencelevel",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("created_at", matchmaker.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", matchmaker.db.UTCDateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "from_participant_id <> to_participant_id", name=op.f("ck_preferences_not_self")
        ),
        sa.ForeignKeyConstraint(
            ["event_id", "from_participant_id"],
            ["participants.event_id", "participants.id"],
            name="fk_preferences_from_participant_id_same_event",
        ),
        sa.ForeignKeyConstraint(
            ["event_id", "to_participant_id"],
            ["participants.event_id", "participants.id"],
            name="fk_preferences_to_participant_id_same_event",
        ),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["events.id"],
            name=op.f("fk_preferences_event_id_events"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["from_participant_id"],
            ["participants.id"],
            name=op.f("fk_preferences_from_participant_id_participants"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["to_participant_id"],
            ["participants.id"],
            name=op.f("fk_preferences_to_participant_id_participants"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_preferences")),
        sa.UniqueConstraint(
            "from_participant_id",
            "to_participant_id",
            name=op.f("uq_preferences_from_participant_id_to_participant_id"),
        ),
    )
    with op.batch_alter_table("preferences", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_preferences_event_id"), ["event_id"], unique=False)
        batch_op.create_index("ix_preferences_to", ["to_participant_id"], unique=False)

    op.create_table(
        "time_slots",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("block_id", sa.Integer(), nullable=False),
        sa.Column("starts_at", matchmaker.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("ends_at", matchmaker.db.UTCDateTime(timezone=True), nullable=False),
        sa.CheckConstraint("ends_at > starts_at", name=op.f("ck_time_slots_slot_ends_after_start")),
        sa.ForeignKeyConstraint(
            ["block_id"],
            ["blocks.id"],
            name=op.f("fk_time_slots_block_id_blocks"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["events.id"],
            name=op.f("fk_time_slots_event_id_events"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_time_slots")),
        sa.UniqueConstraint("event_id", "id", name=op.f("uq_time_slots_event_id_id")),
        sa.UniqueConstraint("event_id", "starts_at", name=op.f("uq_time_slots_event_id_starts_at")),
    )
    op.create_table(
        "meetings",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("participant_a_id", sa.Integer(), nullable=False),
        sa.Column("participant_b_id", sa.Integer(), nullable=False),
        sa.Column("slot_id", sa.Integer(), nullable=False),
        sa.Column("seated_slot_id", sa.Integer(), nullable=True),
        sa.Column("table_id", sa.Integer(), nullable=True),
        sa.Column("location", sa.String(length=200), nullable=True),
        sa.Column(
            "status",
            sa.Enum(
                "confirmed",
                "cancelled",
                name="meetingstatus",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("locked", sa.Boolean(), nullable=False),
        sa.Column("uid", sa.String(length=100), nullable=False),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("previous_slot_id", sa.Integer(), nullable=True),
        sa.Column("changed_at", matchmaker.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("created_at", matchmaker.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", matchmaker.db.UTCDateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "(status = 'confirmed') = (seated_slot_id IS NOT NULL)",
            name=op.f("ck_meetings_confirmed_iff_seated"),
        ),
        sa.CheckConstraint(
            "status = 'cancelled' OR table_id IS NOT NULL OR location IS NOT NULL",
            name=op.f("ck_meetings_confirmed_has_place"),
        ),
        sa.CheckConstraint(
            "participant_a_id < participant_b_id", name=op.f("ck_meetings_pair_ordered")
        ),
        sa.CheckConstraint(
            "seated_slot_id IS NULL OR seated_slot_id = slot_id",
            name=op.f("ck_meetings_seated_in_own_slot"),
        ),
        sa.CheckConstraint("sequence >= 0", name=op.f("ck_meetings_sequence_not_negative")),
        sa.CheckConstraint(
            "table_id IS NULL OR location IS NULL", name=op.f("ck_meetings_table_or_location")
        ),
        sa.ForeignKeyConstraint(
            ["event_id", "participant_a_id"],
            ["participants.event_id", "participants.id"],
            name="fk_meetings_participant_a_id_same_event",
        ),
        sa.ForeignKeyConstraint(
            ["event_id", "participant_b_id"],
            ["participants.event_id", "participants.id"],
            name="fk_meetings_participant_b_id_same_event",
        ),
        sa.ForeignKeyConstraint(
            ["event_id", "slot_id"],
            ["time_slots.event_id", "time_slots.id"],
            name="fk_meetings_slot_id_same_event",
        ),
        sa.ForeignKeyConstraint(
            ["event_id", "table_id"],
            ["meeting_tables.event_id", "meeting_tables.id"],
            name="fk_meetings_table_id_same_event",
        ),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["events.id"],
            name=op.f("fk_meetings_event_id_events"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["id", "seated_slot_id", "participant_a_id"],
            ["meeting_seats.meeting_id", "meeting_seats.slot_id", "meeting_seats.participant_id"],
            name="fk_meetings_seat_a",
            initially="DEFERRED",
            deferrable=True,
            use_alter=True,
        ),
        sa.ForeignKeyConstraint(
            ["id", "seated_slot_id", "participant_b_id"],
            ["meeting_seats.meeting_id", "meeting_seats.slot_id", "meeting_seats.participant_id"],
            name="fk_meetings_seat_b",
            initially="DEFERRED",
            deferrable=True,
            use_alter=True,
        ),
        sa.ForeignKeyConstraint(
            ["participant_a_id"],
            ["participants.id"],
            name=op.f("fk_meetings_participant_a_id_participants"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["participant_b_id"],
            ["participants.id"],
            name=op.f("fk_meetings_participant_b_id_participants"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["previous_slot_id"],
            ["time_slots.id"],
            name=op.f("fk_meetings_previous_slot_id_time_slots"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["slot_id"],
            ["time_slots.id"],
            name=op.f("fk_meetings_slot_id_time_slots"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["table_id"],
            ["meeting_tables.id"],
            name=op.f("fk_meetings_table_id_meeting_tables"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meetings")),
        sa.UniqueConstraint(
            "event_id",
            "participant_a_id",
            "participant_b_id",
            name=op.f("uq_meetings_event_id_participant_a_id_participant_b_id"),
        ),
        sa.UniqueConstraint("id", "slot_id", name=op.f("uq_meetings_id_slot_id")),
        sa.UniqueConstraint("uid", name=op.f("uq_meetings_uid")),
    )
    with op.batch_alter_table("meetings", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_meetings_participant_a_id"), ["participant_a_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_meetings_participant_b_id"), ["participant_b_id"], unique=False
        )
        batch_op.create_index(
            "uq_meetings_slot_table_confirmed",
            ["slot_id", "table_id"],
            unique=True,
            sqlite_where=sa.text("status = 'confirmed' AND table_id IS NOT NULL"),
            postgresql_where=sa.text("status = 'confirmed' AND table_id IS NOT NULL"),
        )

    op.create_table(
        "unavailabilities",
        sa.Column("participant_id", sa.Integer(), nullable=False),
        sa.Column("slot_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["participant_id"],
            ["participants.id"],
            name=op.f("fk_unavailabilities_participant_id_participants"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["slot_id"],
            ["time_slots.id"],
            name=op.f("fk_unavailabilities_slot_id_time_slots"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("participant_id", "slot_id", name=op.f("pk_unavailabilities")),
    )
    op.create_table(
        "meeting_seats",
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("participant_id", sa.Integer(), nullable=False),
        sa.Column("slot_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["meeting_id", "slot_id"],
            ["meetings.id", "meetings.slot_id"],
            name=op.f("fk_meeting_seats_meeting_id_slot_id_meetings"),
            ondelete="CASCADE",
            initially="DEFERRED",
            deferrable=True,
        ),
        sa.ForeignKeyConstraint(
            ["participant_id"],
            ["participants.id"],
            name=op.f("fk_meeting_seats_participant_id_participants"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("meeting_id", "participant_id", name=op.f("pk_meeting_seats")),
        sa.UniqueConstraint(
            "meeting_id",
            "slot_id",
            "participant_id",
            name=op.f("uq_meeting_seats_meeting_id_slot_id_participant_id"),
        ),
        sa.UniqueConstraint(
            "participant_id", "slot_id", name=op.f("uq_meeting_seats_participant_id_slot_id")
        ),
    )
    if op.get_context().dialect.name != "sqlite":
        # SQLite writes these (use_alter) keys inside CREATE TABLE; other databases need the
        # seats table to exist first.
        for side in ("a", "b"):
            op.create_foreign_key(
                f"fk_meetings_seat_{side}",
                "meetings",
                "meeting_seats",
                ["id", "seated_slot_id", f"participant_{side}_id"],
                ["meeting_id", "slot_id", "participant_id"],
                deferrable=True,
                initially="DEFERRED",
            )


def downgrade() -> None:
    if op.get_context().dialect.name != "sqlite":
        for side in ("a", "b"):
            op.drop_constraint(f"fk_meetings_seat_{side}", "meetings", type_="foreignkey")
    op.drop_table("meeting_seats")
    op.drop_table("unavailabilities")
    with op.batch_alter_table("meetings", schema=None) as batch_op:
        batch_op.drop_index(
            "uq_meetings_slot_table_confirmed",
            sqlite_where=sa.text("status = 'confirmed' AND table_id IS NOT NULL"),
            postgresql_where=sa.text("status = 'confirmed' AND table_id IS NOT NULL"),
        )
        batch_op.drop_index(batch_op.f("ix_meetings_participant_b_id"))
        batch_op.drop_index(batch_op.f("ix_meetings_participant_a_id"))

    op.drop_table("meetings")
    op.drop_table("time_slots")
    with op.batch_alter_table("preferences", schema=None) as batch_op:
        batch_op.drop_index("ix_preferences_to")
        batch_op.drop_index(batch_op.f("ix_preferences_event_id"))

    op.drop_table("preferences")
    with op.batch_alter_table("schedule_runs", schema=None) as batch_op:
        batch_op.drop_index(
            "uq_schedule_runs_event_active",
            sqlite_where=sa.text("status IN ('queued', 'running')"),
            postgresql_where=sa.text("status IN ('queued', 'running')"),
        )
        batch_op.drop_index(batch_op.f("ix_schedule_runs_event_id"))

    op.drop_table("schedule_runs")
    op.drop_table("participants")
    op.drop_table("meeting_tables")
    op.drop_table("blocks")
    op.drop_table("mission_organisers")
    op.drop_table("events")
    op.drop_table("users")
    with op.batch_alter_table("organisations", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_organisations_name"))

    op.drop_table("organisations")
    op.drop_table("missions")
    with op.batch_alter_table("login_attempts", schema=None) as batch_op:
        batch_op.drop_index("ix_login_attempts_email_at")
        batch_op.drop_index("ix_login_attempts_address_at")

    op.drop_table("login_attempts")
