"""issue15: programme items, their guests, delegations and sign-ups; home time zone of users

Revision ID: f1eeb3038006
Revises: b6709b530afb
Create Date: 2026-12-04 13:54:46.487513
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import matchmaker.db

revision: str = "f1eeb3038006"
down_revision: str | None = "b6709b530afb"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "programme_items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("mission_id", sa.Integer(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "visit",
                "reception",
                "ceremony",
                "transfer",
                "other",
                name="programmekind",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("starts_at", matchmaker.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("ends_at", matchmaker.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("timezone", sa.String(length=64), nullable=False),
        sa.Column("place", sa.String(length=200), nullable=False),
        sa.Column("address", sa.String(length=500), nullable=False),
        sa.Column(
            "audience",
            sa.Enum(
                "everyone",
                "delegations",
                "people",
                name="audience",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("capacity", sa.Integer(), nullable=True),
        sa.Column("uid", sa.String(length=120), nullable=False),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("cancelled_at", matchmaker.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("created_at", matchmaker.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", matchmaker.db.UTCDateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "capacity IS NULL OR capacity > 0", name=op.f("ck_programme_items_capacity_positive")
        ),
        sa.CheckConstraint(
            "ends_at > starts_at", name=op.f("ck_programme_items_programme_item_ends_after_start")
        ),
        sa.CheckConstraint(
            "sequence >= 0", name=op.f("ck_programme_items_programme_sequence_not_negative")
        ),
        sa.ForeignKeyConstraint(
            ["mission_id"],
            ["missions.id"],
            name=op.f("fk_programme_items_mission_id_missions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_programme_items")),
        sa.UniqueConstraint("id", "capacity", name=op.f("uq_programme_items_id_capacity")),
        sa.UniqueConstraint("mission_id", "id", name=op.f("uq_programme_items_mission_id_id")),
        sa.UniqueConstraint("uid", name=op.f("uq_programme_items_uid")),
    )
    with op.batch_alter_table("programme_items", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_programme_items_mission_id"), ["mission_id"], unique=False
        )

    op.create_table(
        "programme_delegations",
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("delegation_id", sa.Integer(), nullable=False),
        sa.Column("mission_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["mission_id", "delegation_id"],
            ["delegations.mission_id", "delegations.id"],
            name="fk_programme_delegations_delegation_same_mission",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["mission_id", "item_id"],
            ["programme_items.mission_id", "programme_items.id"],
            name="fk_programme_delegations_item_same_mission",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("item_id", "delegation_id", name=op.f("pk_programme_delegations")),
    )
    with op.batch_alter_table("programme_delegations", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_programme_delegations_delegation_id"), ["delegation_id"], unique=False
        )

    op.create_table(
        "programme_guests",
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("participant_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["item_id"],
            ["programme_items.id"],
            name=op.f("fk_programme_guests_item_id_programme_items"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["participant_id"],
            ["participants.id"],
            name=op.f("fk_programme_guests_participant_id_participants"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("item_id", "participant_id", name=op.f("pk_programme_guests")),
    )
    with op.batch_alter_table("programme_guests", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_programme_guests_participant_id"), ["participant_id"], unique=False
        )

    op.create_table(
        "programme_sign_ups",
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("participant_id", sa.Integer(), nullable=False),
        sa.Column("place", sa.Integer(), nullable=False),
        sa.Column("capacity", sa.Integer(), nullable=False),
        sa.Column("created_at", matchmaker.db.UTCDateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "place >= 1 AND place <= capacity",
            name=op.f("ck_programme_sign_ups_place_within_capacity"),
        ),
        sa.ForeignKeyConstraint(
            ["item_id", "capacity"],
            ["programme_items.id", "programme_items.capacity"],
            name="fk_programme_sign_ups_item_capacity",
            onupdate="CASCADE",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["participant_id"],
            ["participants.id"],
            name=op.f("fk_programme_sign_ups_participant_id_participants"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("item_id", "participant_id", name=op.f("pk_programme_sign_ups")),
        sa.UniqueConstraint("item_id", "place", name=op.f("uq_programme_sign_ups_item_id_place")),
    )
    with op.batch_alter_table("programme_sign_ups", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_programme_sign_ups_participant_id"), ["participant_id"], unique=False
        )

    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(sa.Column("home_timezone", sa.String(length=64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_column("home_timezone")

    with op.batch_alter_table("programme_sign_ups", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_programme_sign_ups_participant_id"))

    op.drop_table("programme_sign_ups")
    with op.batch_alter_table("programme_guests", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_programme_guests_participant_id"))

    op.drop_table("programme_guests")
    with op.batch_alter_table("programme_delegations", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_programme_delegations_delegation_id"))

    op.drop_table("programme_delegations")
    with op.batch_alter_table("programme_items", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_programme_items_mission_id"))

    op.drop_table("programme_items")
