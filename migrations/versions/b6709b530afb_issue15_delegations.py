"""issue15: delegations, their leads, lead invitations and members

Revision ID: b6709b530afb
Revises: 984a2eb64a18
Create Date: 2026-12-04 13:55:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import matchmaker.db

revision: str = "b6709b530afb"
down_revision: str | None = "984a2eb64a18"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "delegations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("mission_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("country", sa.String(length=2), nullable=False),
        sa.Column("cluster", sa.String(length=200), nullable=False),
        sa.Column("feed_token_hash", sa.String(length=64), nullable=True),
        sa.Column("feed_token_created_at", matchmaker.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("created_at", matchmaker.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["mission_id"],
            ["missions.id"],
            name=op.f("fk_delegations_mission_id_missions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_delegations")),
        sa.UniqueConstraint("feed_token_hash", name=op.f("uq_delegations_feed_token_hash")),
        sa.UniqueConstraint("mission_id", "id", name=op.f("uq_delegations_mission_id_id")),
        sa.UniqueConstraint("mission_id", "name", name=op.f("uq_delegations_mission_id_name")),
    )
    op.create_table(
        "delegation_leads",
        sa.Column("delegation_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("created_at", matchmaker.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["delegation_id"],
            ["delegations.id"],
            name=op.f("fk_delegation_leads_delegation_id_delegations"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_delegation_leads_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("delegation_id", "user_id", name=op.f("pk_delegation_leads")),
    )
    with op.batch_alter_table("delegation_leads", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_delegation_leads_user_id"), ["user_id"], unique=False)

    op.create_table(
        "delegation_lead_invitations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("delegation_id", sa.Integer(), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("invited_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", matchmaker.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("expires_at", matchmaker.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["delegation_id"],
            ["delegations.id"],
            name=op.f("fk_delegation_lead_invitations_delegation_id_delegations"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["invited_by_id"],
            ["users.id"],
            name=op.f("fk_delegation_lead_invitations_invited_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_delegation_lead_invitations")),
        sa.UniqueConstraint(
            "delegation_id",
            "email",
            name=op.f("uq_delegation_lead_invitations_delegation_id_email"),
        ),
        sa.UniqueConstraint("token_hash", name=op.f("uq_delegation_lead_invitations_token_hash")),
    )
    op.create_table(
        "delegation_members",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("mission_id", sa.Integer(), nullable=False),
        sa.Column("delegation_id", sa.Integer(), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("lead_may_mark_at", matchmaker.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("added_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", matchmaker.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["added_by_id"],
            ["users.id"],
            name=op.f("fk_delegation_members_added_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["mission_id", "delegation_id"],
            ["delegations.mission_id", "delegations.id"],
            name="fk_delegation_members_same_mission",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["mission_id"],
            ["missions.id"],
            name=op.f("fk_delegation_members_mission_id_missions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_delegation_members")),
        sa.UniqueConstraint(
            "mission_id", "email", name=op.f("uq_delegation_members_mission_id_email")
        ),
    )
    with op.batch_alter_table("delegation_members", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_delegation_members_delegation_id"), ["delegation_id"], unique=False
        )

    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "delegation_members_may_meet",
                sa.Boolean(),
                server_default=sa.false(),
                nullable=False,
            )
        )


def downgrade() -> None:
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.drop_column("delegation_members_may_meet")

    with op.batch_alter_table("delegation_members", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_delegation_members_delegation_id"))

    op.drop_table("delegation_members")
    op.drop_table("delegation_lead_invitations")
    with op.batch_alter_table("delegation_leads", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_delegation_leads_user_id"))

    op.drop_table("delegation_leads")
    op.drop_table("delegations")
