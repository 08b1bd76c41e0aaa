"""Languages: a person's chosen language, an event's default language and its texts in others.

Revision ID: c3a9e1f0b7d2
Revises: 97ded0ce34b0
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "c3a9e1f0b7d2"
down_revision = "97ded0ce34b0"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.add_column(sa.Column("locale", sa.String(16), nullable=True))
    with op.batch_alter_table("events") as batch:
        batch.add_column(
            sa.Column("default_locale", sa.String(16), nullable=False, server_default="en")
        )
        batch.add_column(sa.Column("translations", sa.JSON(), nullable=False, server_default="{}"))


def downgrade() -> None:
    with op.batch_alter_table("events") as batch:
        batch.drop_column("translations")
        batch.drop_column("default_locale")
    with op.batch_alter_table("users") as batch:
        batch.drop_column("locale")
