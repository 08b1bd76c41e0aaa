"""Delegations: the partner clusters taking their SMEs on a mission, and their leads.

A participant is a person registered for one event; the same person across the mission's
events shares an e-mail address. Membership is therefore kept per mission and e-mail
(stored lower-case), which makes "at most one delegation per mission" a unique constraint.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, ForeignKeyConstraint, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from matchmaker.db import Base, utcnow

if TYPE_CHECKING:
    from matchmaker.models.missions import Mission
    from matchmaker.models.users import User


class Delegation(Base):
    """A partner cluster's delegation on one mission.

    The delegation calendar feed's token is stored only as a SHA-256 hash; replacing the
    hash revokes the old link.
    """

    __tablename__ = "delegations"
    __table_args__ = (
        UniqueConstraint("mission_id", "name"),
        UniqueConstraint("mission_id", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    mission_id: Mapped[int] = mapped_column(ForeignKey("missions.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(200))
    country: Mapped[str] = mapped_column(String(2), default="")
    cluster: Mapped[str] = mapped_column(String(200), default="")
    feed_token_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    feed_token_created_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    mission: Mapped[Mission] = relationship()
    leads: Mapped[list[DelegationLead]] = relationship(
        back_populates="delegation", cascade="all, delete-orphan"
    )
    members: Mapped[list[DelegationMember]] = relationship(
        back_populates="delegation",
        order_by="DelegationMember.email",
        cascade="all, delete-orphan",
    )
    invitations: Mapped[list[DelegationLeadInvitation]] = relationship(
        back_populates="delegation", cascade="all, delete-orphan"
    )


class DelegationLead(Base):
    """A user who leads (manages) one delegation; a delegation may have several."""

    __tablename__ = "delegation_leads"

    delegation_id: Mapped[int] = mapped_column(
        ForeignKey("delegations.id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    delegation: Mapped[Delegation] = relationship(back_populates="leads")
    user: Mapped[User] = relationship()


class DelegationLeadInvitation(Base):
    """An invitation to lead a delegation, sent to an e-mail; its token is stored hashed."""

    __tablename__ = "delegation_lead_invitations"
    __table_args__ = (UniqueConstraint("delegation_id", "email"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    delegation_id: Mapped[int] = mapped_column(ForeignKey("delegations.id", ondelete="CASCADE"))
    email: Mapped[str] = mapped_column(String(254))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    invited_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime]

    delegation: Mapped[Delegation] = relationship(back_populates="invitations")


class DelegationMember(Base):
    """A person (by lower-case e-mail) in a delegation, for all events of the mission.

    `lead_may_mark_at` is when the person allowed the delegation's leads to mark
    preferences on their behalf (None: not allowed).
    """

    __tablename__ = "delegation_members"
    __table_args__ = (
        UniqueConstraint("mission_id", "email"),
        ForeignKeyConstraint(
            ["mission_id", "delegation_id"],
            ["delegations.mission_id", "delegations.id"],
            ondelete="CASCADE",
            name="fk_delegation_members_same_mission",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    mission_id: Mapped[int] = mapped_column(ForeignKey("missions.id", ondelete="CASCADE"))
    delegation_id: Mapped[int] = mapped_column(index=True)
    email: Mapped[str] = mapped_column(String(254))
    lead_may_mark_at: Mapped[datetime | None]
    added_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    delegation: Mapped[Delegation] = relationship(back_populates="members")

    @property
    def lead_may_mark(self) -> bool:
        return self.lead_may_mark_at is not None
