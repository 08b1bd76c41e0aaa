"""Participants (people registered for an event), their unavailability and preferences."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from sqlalchemy import (
    CheckConstraint,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    String,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from matchmaker.db import Base, utcnow
from matchmaker.models.enums import EventMode, PreferenceLevel, enum_column

if TYPE_CHECKING:
    from matchmaker.models.missions import Event, TimeSlot
    from matchmaker.models.organisations import Organisation
    from matchmaker.models.users import User


class Participant(Base):
    """A person of an organisation registered for one event.

    `offers` and `seeks` say what this person brings to and wants from this event; the
    organisation's own description lasts across events.

    `user_id` is empty for imported people until they accept their invitation. Tokens
    (invitation, calendar feed) are stored only as SHA-256 hashes. `availability_saved_at`
    is when they last saved their availability (None: never, so free by default).
    """

    __tablename__ = "participants"
    __table_args__ = (
        UniqueConstraint("event_id", "user_id"),
        UniqueConstraint("event_id", "email"),
        UniqueConstraint("event_id", "id"),
        CheckConstraint("max_meetings IS NULL OR max_meetings >= 0", name="cap_not_negative"),
        CheckConstraint(
            "max_meetings_per_day IS NULL OR max_meetings_per_day >= 0",
            name="day_cap_not_negative",
        ),
        CheckConstraint("min_meetings IS NULL OR min_meetings >= 0", name="minimum_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"))
    first_name: Mapped[str] = mapped_column(String(100))
    last_name: Mapped[str] = mapped_column(String(100))
    email: Mapped[str] = mapped_column(String(254))
    phone: Mapped[str] = mapped_column(String(50), default="")
    job_title: Mapped[str] = mapped_column(String(200), default="")
    location: Mapped[str | None] = mapped_column(String(200))
    offers: Mapped[str] = mapped_column(Text, default="")
    seeks: Mapped[str] = mapped_column(Text, default="")
    max_meetings: Mapped[int | None]
    # Overrides of the event's day cap and guaranteed minimum (None: the event's).
    max_meetings_per_day: Mapped[int | None]
    min_meetings: Mapped[int | None]
    online: Mapped[bool] = mapped_column(default=False, server_default=false())
    video_link: Mapped[str | None] = mapped_column(String(500))
    timezone: Mapped[str | None] = mapped_column(String(64))
    invitation_token_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    invited_at: Mapped[datetime | None]
    feed_token_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    feed_token_created_at: Mapped[datetime | None]
    agenda_seen_at: Mapped[datetime | None]
    availability_saved_at: Mapped[datetime | None]
    withdrawn_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    event: Mapped[Event] = relationship(back_populates="participants")
    user: Mapped[User | None] = relationship()
    organisation: Mapped[Organisation] = relationship(back_populates="participants")
    unavailabilities: Mapped[list[Unavailability]] = relationship(
        back_populates="participant", cascade="all, delete-orphan"
    )
    preferences_given: Mapped[list[Preference]] = relationship(
        back_populates="from_participant",
        foreign_keys="Preference.from_participant_id",
        cascade="all, delete-orphan",
    )

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def attends_online(self) -> bool:
        """Whether this person's meetings are by video: everyone's at an online event, the
        people who chose it at a hybrid one, nobody's on site."""
        mode = self.event.mode
        return mode == EventMode.ONLINE or (mode == EventMode.HYBRID and self.online)

    @property
    def own_zone(self) -> ZoneInfo | None:
        """The time zone an online participant attends from, when it is not the event's."""
        if not self.attends_online or not self.timezone or self.timezone == self.event.timezone:
            return None
        return ZoneInfo(self.timezone)

    @property
    def is_exhibitor(self) -> bool:
        return bool(self.location)

    @property
    def active(self) -> bool:
        return self.withdrawn_at is None


class Unavailability(Base):
    """A slot in which a participant cannot meet (everyone is free by default)."""

    __tablename__ = "unavailabilities"

    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participants.id", ondelete="CASCADE"), primary_key=True
    )
    slot_id: Mapped[int] = mapped_column(
        ForeignKey("time_slots.id", ondelete="CASCADE"), primary_key=True
    )

    participant: Mapped[Participant] = relationship(back_populates="unavailabilities")
    slot: Mapped[TimeSlot] = relationship()


class Preference(Base):
    """One participant's wish to meet (or not) another participant of the same event."""

    __tablename__ = "preferences"
    __table_args__ = (
        UniqueConstraint("from_participant_id", "to_participant_id"),
        CheckConstraint("from_participant_id <> to_participant_id", name="not_self"),
        Index("ix_preferences_to", "to_participant_id"),
        *(
            ForeignKeyConstraint(
                ["event_id", column],
                ["participants.event_id", "participants.id"],
                name=f"fk_preferences_{column}_same_event",
            )
            for column in ("from_participant_id", "to_participant_id")
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    from_participant_id: Mapped[int] = mapped_column(
        ForeignKey("participants.id", ondelete="CASCADE")
    )
    to_participant_id: Mapped[int] = mapped_column(
        ForeignKey("participants.id", ondelete="CASCADE")
    )
    level: Mapped[PreferenceLevel] = mapped_column(enum_column(PreferenceLevel))
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    from_participant: Mapped[Participant] = relationship(
        back_populates="preferences_given", foreign_keys=[from_participant_id]
    )
    to_participant: Mapped[Participant] = relationship(foreign_keys=[to_participant_id])
