"""issue 13: hand edits on the event day are logged against the published schedule

Revision ID: 984a2eb64a18
Revises: 5ec16cd4f160
Create Date: 2026-12-04 14:05:00
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "984a2eb64a18"
down_revision: str | None = "5ec16cd4f160"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

CONSTRAINT = "ck_live_changes_changekind"


def _allow(kinds: tuple[str, ...]) -> None:
    listed = ", ".join(f"'{kind}'" for kind in kinds)
    with op.batch_alter_table("live_changes", schema=None) as batch_op:
        batch_op.drop_constraint(op.f(CONSTRAINT), type_="check")
        batch_op.create_check_constraint(op.f(CONSTRAINT), f"kind IN ({listed})")


def upgrade() -> None:
    _allow(("released", "replacement", "spot", "edited"))


def downgrade() -> None:
    op.execute("DELETE FROM live_changes WHERE kind = 'edited'")
    _allow(("released", "replacement", "spot"))
