"""Each run keeps everyone's capped guaranteed minimum, read by the statistics.

Revision ID: d4b8e2a61c90
Revises: c3a9e1f0b7d2
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "d4b8e2a61c90"
down_revision = "c3a9e1f0b7d2"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("schedule_runs") as batch:
        batch.add_column(sa.Column("minimums", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("schedule_runs") as batch:
        batch.drop_column("minimums")
