"""A mission's programme besides its B2B sessions: company visits, receptions, ceremonies,
transfers, and who attends them.

An item keeps its calendar `uid` for life and raises `sequence` when its time or place
changes; a cancelled item keeps its row (`cancelled_at`) so calendar feeds show it as
cancelled. An item with a `capacity` is attended by those of its audience who sign up, and
the database keeps it from overfilling: each sign-up holds a numbered place, unique per
item, and a foreign key copies the item's capacity next to it so a CHECK can refuse a place
beyond it (lowering the capacity below the places taken is refused the same way).
"""

from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from sqlalchemy import (
    CheckConstraint,
    ForeignKey,
    ForeignKeyConstraint,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from matchmaker.db import Base, utcnow
from matchmaker.models.enums import enum_column

if TYPE_CHECKING:
    from matchmaker.models.delegations import Delegation
    from matchmaker.models.missions import Mission
    from matchmaker.models.participants import Participant


class ProgrammeKind(StrEnum):
    VISIT = "visit"
    RECEPTION = "reception"
    CEREMONY = "ceremony"
    TRANSFER = "transfer"
    OTHER = "other"


class Audience(StrEnum):
    """Who attends a programme item: everyone of the mission, chosen delegations, or
    chosen people."""

    EVERYONE = "everyone"
    DELEGATIONS = "delegations"
    PEOPLE = "people"


def new_item_uid() -> str:
    """A calendar UID for a new programme item."""
    return f"programme-{uuid.uuid4()}@matchmaker"


class ProgrammeItem(Base):
    """One item of a mission's programme, in its own place and IANA time zone."""

    __tablename__ = "programme_items"
    __table_args__ = (
        CheckConstraint("ends_at > starts_at", name="programme_item_ends_after_start"),
        CheckConstraint("capacity IS NULL OR capacity > 0", name="capacity_positive"),
        CheckConstraint("sequence >= 0", name="programme_sequence_not_negative"),
        UniqueConstraint("id", "capacity"),
        UniqueConstraint("mission_id", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    mission_id: Mapped[int] = mapped_column(
        ForeignKey("missions.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[ProgrammeKind] = mapped_column(enum_column(ProgrammeKind))
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    starts_at: Mapped[datetime]
    ends_at: Mapped[datetime]
    timezone: Mapped[str] = mapped_column(String(64))
    place: Mapped[str] = mapped_column(String(200), default="")
    address: Mapped[str] = mapped_column(String(500), default="")
    audience: Mapped[Audience] = mapped_column(enum_column(Audience), default=Audience.EVERYONE)
    # None: the whole audience attends; a number: those who sign up, up to this many.
    capacity: Mapped[int | None]
    uid: Mapped[str] = mapped_column(String(120), unique=True, default=new_item_uid)
    sequence: Mapped[int] = mapped_column(default=0)
    cancelled_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    mission: Mapped[Mission] = relationship()
    guests: Mapped[list[ProgrammeGuest]] = relationship(
        back_populates="item", cascade="all, delete-orphan"
    )
    sign_ups: Mapped[list[ProgrammeSignUp]] = relationship(
        back_populates="item", cascade="all, delete-orphan", passive_deletes=True
    )
    delegations: Mapped[list[Delegation]] = relationship(
        secondary="programme_delegations", order_by="Delegation.name", viewonly=True
    )
    delegation_links: Mapped[list[ProgrammeDelegation]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True
    )

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def cancelled(self) -> bool:
        return self.cancelled_at is not None

    @property
    def needs_sign_up(self) -> bool:
        return self.capacity is not None


class ProgrammeGuest(Base):
    """A person chosen to attend an item (audience "people"); any registration of theirs in
    the mission's events counts."""

    __tablename__ = "programme_guests"

    item_id: Mapped[int] = mapped_column(
        ForeignKey("programme_items.id", ondelete="CASCADE"), primary_key=True
    )
    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participants.id", ondelete="CASCADE"), primary_key=True, index=True
    )

    item: Mapped[ProgrammeItem] = relationship(back_populates="guests")
    participant: Mapped[Participant] = relationship()


class ProgrammeDelegation(Base):
    """A delegation chosen to attend an item (audience "delegations"), of the same mission."""

    __tablename__ = "programme_delegations"
    __table_args__ = (
        ForeignKeyConstraint(
            ["mission_id", "item_id"],
            ["programme_items.mission_id", "programme_items.id"],
            name="fk_programme_delegations_item_same_mission",
            ondelete="CASCADE",
        ),
        ForeignKeyConstraint(
            ["mission_id", "delegation_id"],
            ["delegations.mission_id", "delegations.id"],
            name="fk_programme_delegations_delegation_same_mission",
            ondelete="CASCADE",
        ),
    )

    item_id: Mapped[int] = mapped_column(primary_key=True)
    delegation_id: Mapped[int] = mapped_column(primary_key=True, index=True)
    mission_id: Mapped[int]


class ProgrammeSignUp(Base):
    """A participant's place at an item with a capacity: place numbers 1..capacity, each
    taken once."""

    __tablename__ = "programme_sign_ups"
    __table_args__ = (
        UniqueConstraint("item_id", "place"),
        CheckConstraint("place >= 1 AND place <= capacity", name="place_within_capacity"),
        ForeignKeyConstraint(
            ["item_id", "capacity"],
            ["programme_items.id", "programme_items.capacity"],
            name="fk_programme_sign_ups_item_capacity",
            ondelete="CASCADE",
            onupdate="CASCADE",
        ),
    )

    item_id: Mapped[int] = mapped_column(primary_key=True)
    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participants.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    place: Mapped[int]
    capacity: Mapped[int]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    item: Mapped[ProgrammeItem] = relationship(back_populates="sign_ups")
    participant: Mapped[Participant] = relationship()
