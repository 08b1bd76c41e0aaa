"""Organisations: the companies, clusters and institutions people come from."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import JSON, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from matchmaker.db import Base, utcnow
from matchmaker.models.enums import OrganisationType, enum_column

if TYPE_CHECKING:
    from matchmaker.models.participants import Participant


class Organisation(Base):
    """An organisation profile; several participants (people) may belong to it."""

    __tablename__ = "organisations"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), index=True)
    country: Mapped[str] = mapped_column(String(2), default="")
    cluster: Mapped[str] = mapped_column(String(200), default="")
    type: Mapped[OrganisationType] = mapped_column(
        enum_column(OrganisationType), default=OrganisationType.SME
    )
    sectors: Mapped[list[str]] = mapped_column(JSON, default=list)
    technologies: Mapped[list[str]] = mapped_column(JSON, default=list)
    website: Mapped[str] = mapped_column(String(500), default="")
    description: Mapped[str] = mapped_column(Text, default="")
    offers: Mapped[str] = mapped_column(Text, default="")
    requests: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    participants: Mapped[list[Participant]] = relationship(back_populates="organisation")
