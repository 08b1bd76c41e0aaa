"""Term mappings: how an organiser told the import to read a term of a mission's files."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from matchmaker.db import Base, utcnow
from matchmaker.models.enums import TermKind, enum_column


class TermMapping(Base):
    """A term as files of the mission write it (`source`: its matching key; `spelling`: as
    first written) and what it stands for: a term of the event's list, an ISO country code,
    an organisation type's value, or "" when the term is to be dropped."""

    __tablename__ = "term_mappings"
    __table_args__ = (UniqueConstraint("mission_id", "kind", "source"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    mission_id: Mapped[int] = mapped_column(ForeignKey("missions.id", ondelete="CASCADE"))
    kind: Mapped[TermKind] = mapped_column(enum_column(TermKind))
    source: Mapped[str] = mapped_column(String(200))
    spelling: Mapped[str] = mapped_column(String(200))
    target: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
