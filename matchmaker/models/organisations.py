"""Organisations: the companies, clusters and institutions people come from."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import JSON, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from matchmaker.db import Base, utcnow
from matchmaker.models.enums import OrganisationType, enum_column

if TYPE_CHECKING:
    from matchmaker.models.participants import Participant
    from matchmaker.models.users import User


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
    members: Mapped[list[OrganisationMember]] = relationship(
        back_populates="organisation", cascade="all, delete-orphan"
    )


class OrganisationMember(Base):
    """A person's claim to speak for an organisation: pending until approved.

    Only approved members may change the organisation's profile. Whoever creates an
    organisation is approved at once; whoever asks to join one waits for a member or an
    organiser of an event they registered for to approve them.
    """

    __tablename__ = "organisation_members"
    __table_args__ = (UniqueConstraint("organisation_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    requested_at: Mapped[datetime] = mapped_column(default=utcnow)
    approved_at: Mapped[datetime | None]
    approved_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    organisation: Mapped[Organisation] = relationship(back_populates="members")
    user: Mapped[User] = relationship(foreign_keys=[user_id])

    @property
    def approved(self) -> bool:
        return self.approved_at is not None
