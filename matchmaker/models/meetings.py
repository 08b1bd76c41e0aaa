"""Meetings, the seats that make double booking impossible, and solver runs.

One `Meeting` row exists per pairing of an event, whatever happens to it: its `uid` is the
calendar UID, stable for the pairing; `sequence` rises on every change of time or place;
a cancelled meeting keeps its row (and its last slot) so feeds can show it as cancelled.

Double booking is refused by the database, whatever code writes the rows:
- a seat (`MeetingSeat`) is unique per (participant, slot) and belongs to its meeting's
  (id, slot);
- a confirmed meeting has `seated_slot_id` = its slot (NULL once cancelled, by CHECK), and
  two deferred foreign keys from (id, seated_slot_id, participant) to the seats: no confirmed
  meeting commits without both participants seated in its slot;
- a partial unique index allows one confirmed meeting per (slot, table);
- composite keys on (event_id, …) keep slots, tables and participants within the event.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import TYPE_CHECKING, Any

from flask_babel import gettext
from sqlalchemy import (
    JSON,
    CheckConstraint,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    String,
    Text,
    UniqueConstraint,
    or_,
    text,
)
from sqlalchemy.orm import Mapped, Session, mapped_column, relationship
from sqlalchemy.sql.elements import ColumnElement

from matchmaker.db import Base, utcnow
from matchmaker.models.enums import MeetingStatus, RunStatus, enum_column

if TYPE_CHECKING:
    from matchmaker.models.missions import Event, MeetingTable, TimeSlot
    from matchmaker.models.participants import Participant
    from matchmaker.models.users import User

_CONFIRMED = text("status = 'confirmed' AND table_id IS NOT NULL")
_ACTIVE_RUN = text("status IN ('queued', 'running')")


def new_meeting_uid() -> str:
    """A calendar UID for a new pairing."""
    return f"{uuid.uuid4()}@matchmaker"


class Meeting(Base):
    """A meeting of two participants (a < b by id) in a slot, at a table or a location."""

    __tablename__ = "meetings"
    __table_args__ = (
        UniqueConstraint("event_id", "participant_a_id", "participant_b_id"),
        UniqueConstraint("id", "slot_id"),
        CheckConstraint("participant_a_id < participant_b_id", name="pair_ordered"),
        CheckConstraint(
            "seated_slot_id IS NULL OR seated_slot_id = slot_id", name="seated_in_own_slot"
        ),
        CheckConstraint(
            "(status = 'confirmed') = (seated_slot_id IS NOT NULL)", name="confirmed_iff_seated"
        ),
        *(
            ForeignKeyConstraint(
                ["id", "seated_slot_id", column],
                [
                    "meeting_seats.meeting_id",
                    "meeting_seats.slot_id",
                    "meeting_seats.participant_id",
                ],
                name=f"fk_meetings_seat_{side}",
                deferrable=True,
                initially="DEFERRED",
                use_alter=True,
            )
            for side, column in (("a", "participant_a_id"), ("b", "participant_b_id"))
        ),
        *(
            ForeignKeyConstraint(
                ["event_id", column],
                [f"{table}.event_id", f"{table}.id"],
                name=f"fk_meetings_{column}_same_event",
            )
            for column, table in (
                ("slot_id", "time_slots"),
                ("table_id", "meeting_tables"),
                ("participant_a_id", "participants"),
                ("participant_b_id", "participants"),
            )
        ),
        CheckConstraint("table_id IS NULL OR location IS NULL", name="table_or_location"),
        CheckConstraint("sequence >= 0", name="sequence_not_negative"),
        Index(
            "uq_meetings_slot_table_confirmed",
            "slot_id",
            "table_id",
            unique=True,
            sqlite_where=_CONFIRMED,
            postgresql_where=_CONFIRMED,
        ),
    )

    # Part of the foreign keys to its seats, so auto-increment must be asked for explicitly.
    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"))
    participant_a_id: Mapped[int] = mapped_column(
        ForeignKey("participants.id", ondelete="CASCADE"), index=True
    )
    participant_b_id: Mapped[int] = mapped_column(
        ForeignKey("participants.id", ondelete="CASCADE"), index=True
    )
    slot_id: Mapped[int] = mapped_column(ForeignKey("time_slots.id", ondelete="CASCADE"))
    seated_slot_id: Mapped[int | None]
    table_id: Mapped[int | None] = mapped_column(
        ForeignKey("meeting_tables.id", ondelete="SET NULL")
    )
    location: Mapped[str | None] = mapped_column(String(200))
    status: Mapped[MeetingStatus] = mapped_column(
        enum_column(MeetingStatus), default=MeetingStatus.CONFIRMED
    )
    locked: Mapped[bool] = mapped_column(default=False)
    uid: Mapped[str] = mapped_column(String(100), unique=True, default=new_meeting_uid)
    sequence: Mapped[int] = mapped_column(default=0)
    previous_slot_id: Mapped[int | None] = mapped_column(
        ForeignKey("time_slots.id", ondelete="SET NULL")
    )
    changed_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    event: Mapped[Event] = relationship(back_populates="meetings")
    participant_a: Mapped[Participant] = relationship(foreign_keys=[participant_a_id])
    participant_b: Mapped[Participant] = relationship(foreign_keys=[participant_b_id])
    slot: Mapped[TimeSlot] = relationship(foreign_keys=[slot_id])
    previous_slot: Mapped[TimeSlot | None] = relationship(foreign_keys=[previous_slot_id])
    table: Mapped[MeetingTable | None] = relationship(foreign_keys=[table_id])
    seats: Mapped[list[MeetingSeat]] = relationship(
        back_populates="meeting",
        cascade="all, delete-orphan",
        passive_deletes=True,
        foreign_keys="[MeetingSeat.meeting_id, MeetingSeat.slot_id]",
    )

    @property
    def confirmed(self) -> bool:
        return self.status == MeetingStatus.CONFIRMED

    def partner_of(self, participant_id: int) -> Participant:
        """The other participant of the meeting."""
        if participant_id == self.participant_a_id:
            return self.participant_b
        return self.participant_a

    @property
    def place_label(self) -> str:
        """The table name or the booth, as shown on agendas; a meeting with neither is held
        online (see `matchmaker.video` for its link)."""
        if self.table is not None:
            return self.table.name
        online: str = gettext("Online")
        return self.location or online


def shown_to_participants() -> ColumnElement[bool]:
    """Meetings participants see: confirmed ones, and those cancelled after publication.

    `changed_at` is set only for changes after publication, so a meeting dropped while the
    schedule was still a draft never appears on an agenda or in a calendar.
    """
    return or_(Meeting.status == MeetingStatus.CONFIRMED, Meeting.changed_at.is_not(None))


class MeetingSeat(Base):
    """A participant's seat in a confirmed meeting: one per participant and slot."""

    __tablename__ = "meeting_seats"
    __table_args__ = (
        UniqueConstraint("participant_id", "slot_id"),
        UniqueConstraint("meeting_id", "slot_id", "participant_id"),
        ForeignKeyConstraint(
            ["meeting_id", "slot_id"],
            ["meetings.id", "meetings.slot_id"],
            ondelete="CASCADE",
            deferrable=True,
            initially="DEFERRED",
        ),
    )

    meeting_id: Mapped[int] = mapped_column(primary_key=True)
    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participants.id", ondelete="CASCADE"), primary_key=True
    )
    slot_id: Mapped[int]

    meeting: Mapped[Meeting] = relationship(
        back_populates="seats", foreign_keys="[MeetingSeat.meeting_id, MeetingSeat.slot_id]"
    )


def release_seats(session: Session, meeting: Meeting) -> None:
    """Take the meeting out of the schedule for a moment: its seats and table are freed.

    It is cancelled until `place_meeting` confirms it again, so others can move into its
    slot and table first (to swap two meetings, release both, then place each). Flushed.
    """
    meeting.seats.clear()
    meeting.status = MeetingStatus.CANCELLED
    meeting.seated_slot_id = None
    session.flush()


def place_meeting(
    session: Session,
    meeting: Meeting,
    *,
    slot_id: int,
    table_id: int | None = None,
    location: str | None = None,
) -> None:
    """Confirm `meeting` in a slot at a table or a location, keeping its seats in step.

    Raises `sqlalchemy.exc.IntegrityError` when a participant or the table is taken then.
    To swap two meetings, release both first, then place each.
    """
    if meeting.seats:
        release_seats(session, meeting)
    meeting.slot_id = slot_id
    meeting.seated_slot_id = slot_id
    meeting.table_id = table_id
    meeting.location = location
    meeting.status = MeetingStatus.CONFIRMED
    session.add(meeting)
    session.flush()
    meeting.seats = [
        MeetingSeat(participant_id=participant_id, slot_id=slot_id)
        for participant_id in (meeting.participant_a_id, meeting.participant_b_id)
    ]
    session.flush()


def cancel_meeting(session: Session, meeting: Meeting) -> None:
    """Mark the meeting cancelled; it keeps its row, UID and last slot for calendars."""
    meeting.locked = False
    release_seats(session, meeting)


class ScheduleRun(Base):
    """One solve of an event: queue state, live progress, heartbeat, cancel flag, result.

    A partial unique index allows one queued or running run per event, so a double click
    starts one run. `result` holds the proposed schedule until it is applied.
    """

    __tablename__ = "schedule_runs"
    __table_args__ = (
        Index(
            "uq_schedule_runs_event_active",
            "event_id",
            unique=True,
            sqlite_where=_ACTIVE_RUN,
            postgresql_where=_ACTIVE_RUN,
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    requested_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    status: Mapped[RunStatus] = mapped_column(enum_column(RunStatus), default=RunStatus.QUEUED)
    minimal_change: Mapped[bool] = mapped_column(default=False)
    time_limit_s: Mapped[float] = mapped_column(default=60.0)
    progress: Mapped[float] = mapped_column(default=0.0)
    phase: Mapped[str] = mapped_column(String(50), default="")
    best_weight: Mapped[int | None]
    bound: Mapped[int | None]
    elapsed_s: Mapped[float] = mapped_column(default=0.0)
    cancel_requested: Mapped[bool] = mapped_column(default=False)
    solver_status: Mapped[str] = mapped_column(String(20), default="")
    stats: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    timings: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    # The goals of the quality order, as last reported: [{"name", "value", "bound", "maximise"}].
    goals: Mapped[list[dict[str, Any]] | None] = mapped_column(JSON)
    # Why the solve ended: proven, stalled, time-limit or cancelled (empty before the end).
    stop_reason: Mapped[str | None] = mapped_column(String(20))
    result: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    # Participant id (as text) -> their guaranteed minimum capped by what they can reach,
    # from the data the run was built from (the statistics read it; None: not stored).
    minimums: Mapped[dict[str, int] | None] = mapped_column(JSON, deferred=True)
    log: Mapped[str] = mapped_column(Text, default="")
    error: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    started_at: Mapped[datetime | None]
    heartbeat_at: Mapped[datetime | None]
    finished_at: Mapped[datetime | None]
    applied_at: Mapped[datetime | None]

    event: Mapped[Event] = relationship(back_populates="runs")
    requested_by: Mapped[User | None] = relationship()
