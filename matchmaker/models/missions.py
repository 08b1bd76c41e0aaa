"""Missions, their events, B2B blocks, generated time slots and tables."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from sqlalchemy import (
    JSON,
    CheckConstraint,
    Column,
    ForeignKey,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from matchmaker.db import Base, utcnow
from matchmaker.i18n import current_locale_code
from matchmaker.models.enums import EventMode, Phase, PreferenceLevel, enum_column

if TYPE_CHECKING:
    from matchmaker.models.meetings import Meeting, ScheduleRun
    from matchmaker.models.participants import Participant
    from matchmaker.models.users import User

mission_organisers = Table(
    "mission_organisers",
    Base.metadata,
    Column("mission_id", ForeignKey("missions.id", ondelete="CASCADE"), primary_key=True),
    Column("user_id", ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
)


class Mission(Base):
    """A trade mission of a cluster partnership to a target market; holds events."""

    __tablename__ = "missions"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    partnership: Mapped[str] = mapped_column(String(200), default="")
    target_market: Mapped[str] = mapped_column(String(200), default="")
    start_date: Mapped[date | None]
    end_date: Mapped[date | None]
    description: Mapped[str] = mapped_column(Text, default="")
    # Months after an event's last day when the first and second follow-up surveys go out.
    follow_up_months_first: Mapped[int] = mapped_column(default=3, server_default="3")
    follow_up_months_second: Mapped[int] = mapped_column(default=6, server_default="6")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    events: Mapped[list[Event]] = relationship(
        back_populates="mission", order_by="Event.id", cascade="all, delete-orphan"
    )
    organisers: Mapped[list[User]] = relationship(secondary=mission_organisers)


class Event(Base):
    """A B2B matchmaking event of a mission, in one venue and one IANA time zone."""

    __tablename__ = "events"
    __table_args__ = (
        CheckConstraint("slot_minutes > 0", name="slot_minutes_positive"),
        CheckConstraint("break_minutes >= 0", name="break_minutes_not_negative"),
        CheckConstraint("min_meetings >= 0", name="min_meetings_not_negative"),
        CheckConstraint(
            "max_meetings_per_day IS NULL OR max_meetings_per_day >= 0",
            name="day_cap_not_negative",
        ),
        CheckConstraint(
            "max_consecutive_meetings IS NULL OR max_consecutive_meetings >= 1",
            name="consecutive_limit_positive",
        ),
        CheckConstraint("no_show_minutes >= 0", name="no_show_minutes_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    mission_id: Mapped[int] = mapped_column(ForeignKey("missions.id", ondelete="CASCADE"))
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    venue: Mapped[str] = mapped_column(String(300), default="")
    timezone: Mapped[str] = mapped_column(String(64), default="UTC")
    # The language of the event's e-mails to people who have not chosen one, and the fallback
    # of its texts given in several languages.
    default_locale: Mapped[str] = mapped_column(String(16), default="en", server_default="en")
    slot_minutes: Mapped[int] = mapped_column(default=30)
    break_minutes: Mapped[int] = mapped_column(default=0)
    phase: Mapped[Phase] = mapped_column(enum_column(Phase), default=Phase.DRAFT)
    registration_deadline: Mapped[datetime | None]
    preferences_deadline: Mapped[datetime | None]
    default_max_meetings: Mapped[int | None]
    # The guaranteed minimum of meetings per participant and the per-person limits the
    # solver, the hand-edit checks and the edit aids all read (None: no limit).
    min_meetings: Mapped[int] = mapped_column(default=1, server_default="1")
    max_meetings_per_day: Mapped[int | None]
    max_consecutive_meetings: Mapped[int | None]
    limit_must: Mapped[int | None]
    limit_want: Mapped[int | None]
    limit_maybe: Mapped[int | None]
    sectors: Mapped[list[str]] = mapped_column(JSON, default=list)
    technologies: Mapped[list[str]] = mapped_column(JSON, default=list)
    # The event's own texts in other languages than its default, by locale:
    # {"de": {"name": ..., "description": ..., "terms": {"Automotive": "Automobilindustrie"}}}.
    # Sectors and technologies are stored as written in the default language; "terms" gives
    # the label people reading another language see.
    translations: Mapped[dict[str, dict[str, Any]]] = mapped_column(
        JSON, default=dict, server_default="{}"
    )
    published_at: Mapped[datetime | None]
    # On the event's days: someone not checked in this long after a meeting began missed it.
    no_show_minutes: Mapped[int] = mapped_column(default=10, server_default="10")
    # Whether members of the same delegation may be scheduled to meet each other.
    delegation_members_may_meet: Mapped[bool] = mapped_column(default=False, server_default=false())
    mode: Mapped[EventMode] = mapped_column(
        enum_column(EventMode), default=EventMode.ON_SITE, server_default=EventMode.ON_SITE.value
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    mission: Mapped[Mission] = relationship(back_populates="events")
    blocks: Mapped[list[Block]] = relationship(
        back_populates="event",
        order_by="(Block.day, Block.start_time)",
        cascade="all, delete-orphan",
    )
    slots: Mapped[list[TimeSlot]] = relationship(
        back_populates="event", order_by="TimeSlot.starts_at", cascade="all, delete-orphan"
    )
    tables: Mapped[list[MeetingTable]] = relationship(
        back_populates="event", order_by="MeetingTable.position", cascade="all, delete-orphan"
    )
    participants: Mapped[list[Participant]] = relationship(
        back_populates="event", cascade="all, delete-orphan"
    )
    meetings: Mapped[list[Meeting]] = relationship(
        back_populates="event", cascade="all, delete-orphan"
    )
    runs: Mapped[list[ScheduleRun]] = relationship(
        back_populates="event", cascade="all, delete-orphan"
    )

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    def _in_reader_language(self) -> dict[str, Any]:
        """The event's texts in the current language; none when that is its default."""
        locale = current_locale_code()
        if locale == self.default_locale:
            return {}
        texts: dict[str, Any] = (self.translations or {}).get(locale, {})
        return texts

    @staticmethod
    def _given(value: object, written: str) -> str:
        return value if isinstance(value, str) and value.strip() else written

    @property
    def display_name(self) -> str:
        """The event's name in the current language, else as written in its default one."""
        return self._given(self._in_reader_language().get("name"), self.name)

    @property
    def display_description(self) -> str:
        """The event's description in the current language, else in its default one."""
        return self._given(self._in_reader_language().get("description"), self.description)

    def term_label(self, term: str) -> str:
        """A sector or technology of the event's lists as read in the current language."""
        labels = self._in_reader_language().get("terms")
        return self._given(labels.get(term) if isinstance(labels, dict) else None, term)

    def term_labels(self, terms: list[str]) -> list[str]:
        """Terms of the event's lists as read in the current language."""
        return [self.term_label(term) for term in terms]

    def term_choices(self, terms: list[str]) -> list[tuple[str, str]]:
        """(stored term, label in the current language) for select and checkbox fields."""
        return [(term, self.term_label(term)) for term in terms]

    def limit_for(self, level: PreferenceLevel) -> int | None:
        """The event's cap on how many people one participant may mark at `level`."""
        return {
            PreferenceLevel.MUST: self.limit_must,
            PreferenceLevel.WANT: self.limit_want,
            PreferenceLevel.MAYBE: self.limit_maybe,
        }.get(level)


class Block(Base):
    """A B2B session window on one day, in the event's local time."""

    __tablename__ = "blocks"
    __table_args__ = (
        CheckConstraint("end_time > start_time", name="block_ends_after_start"),
        UniqueConstraint("event_id", "day", "start_time"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(100), default="")
    day: Mapped[date]
    start_time: Mapped[time]
    end_time: Mapped[time]

    event: Mapped[Event] = relationship(back_populates="blocks")
    slots: Mapped[list[TimeSlot]] = relationship(
        back_populates="block", order_by="TimeSlot.starts_at", cascade="all, delete-orphan"
    )


class TimeSlot(Base):
    """One meeting slot, generated from a block; stored in UTC."""

    __tablename__ = "time_slots"
    __table_args__ = (
        CheckConstraint("ends_at > starts_at", name="slot_ends_after_start"),
        UniqueConstraint("event_id", "starts_at"),
        UniqueConstraint("event_id", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"))
    block_id: Mapped[int] = mapped_column(ForeignKey("blocks.id", ondelete="CASCADE"))
    starts_at: Mapped[datetime]
    ends_at: Mapped[datetime]

    event: Mapped[Event] = relationship(back_populates="slots")
    block: Mapped[Block] = relationship(back_populates="slots")

    def local_start(self, zone: ZoneInfo) -> datetime:
        return self.starts_at.astimezone(zone)

    def local_end(self, zone: ZoneInfo) -> datetime:
        return self.ends_at.astimezone(zone)


class MeetingTable(Base):
    """A shared table or meeting point of an event (exhibitors meet at their booth)."""

    __tablename__ = "meeting_tables"
    __table_args__ = (UniqueConstraint("event_id", "name"), UniqueConstraint("event_id", "id"))

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(100))
    place: Mapped[str] = mapped_column(String(200), default="")
    position: Mapped[int] = mapped_column(Integer, default=0)

    event: Mapped[Event] = relationship(back_populates="tables")
