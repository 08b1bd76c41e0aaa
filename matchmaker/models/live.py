"""The event day: check-ins, attendance marks, staff grants, on-the-spot requests, board
links and the log of every change made to the published schedule on the day.

The published schedule stays the reference: a meeting row keeps its slot and table when its
people do not come; what happened is recorded here, next to it.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from matchmaker.db import Base, utcnow
from matchmaker.models.enums import enum_column

if TYPE_CHECKING:
    from matchmaker.models.meetings import Meeting
    from matchmaker.models.missions import Event, TimeSlot
    from matchmaker.models.participants import Participant
    from matchmaker.models.users import User

_PENDING = text("status = 'pending'")


class Outcome(StrEnum):
    """What happened to a meeting on the day."""

    HELD = "held"
    ABSENT = "absent"


class SpotStatus(StrEnum):
    """An on-the-spot meeting request's state."""

    PENDING = "pending"
    ACCEPTED = "accepted"
    DECLINED = "declined"


class ChangeKind(StrEnum):
    """A change made to the published schedule on the event's days."""

    RELEASED = "released"
    REPLACEMENT = "replacement"
    SPOT = "spot"
    EDITED = "edited"  # an organiser's hand edit (add, move, swap, cancel) on the day


class CheckIn(Base):
    """A participant's personal check-in code, their arrival and (if they said so) departure.

    The row exists from the moment the code is first needed; `arrived_at` is empty until the
    desk (or a scan) checks them in.
    """

    __tablename__ = "check_ins"
    __table_args__ = (UniqueConstraint("event_id", "code"),)

    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participants.id", ondelete="CASCADE"), primary_key=True
    )
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    code: Mapped[str] = mapped_column(String(16))
    arrived_at: Mapped[datetime | None]
    checked_in_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL")
    )
    left_at: Mapped[datetime | None]

    participant: Mapped[Participant] = relationship()

    @property
    def present(self) -> bool:
        """Checked in and not gone home."""
        return self.arrived_at is not None and self.left_at is None


class AttendanceMark(Base):
    """Whether a meeting was held or whose side was absent; the latest mark counts."""

    __tablename__ = "attendance_marks"
    __table_args__ = (
        CheckConstraint(
            "(outcome = 'absent') = (absent_participant_id IS NOT NULL)",
            name="absent_names_who",
        ),
    )

    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meetings.id", ondelete="CASCADE"), primary_key=True
    )
    outcome: Mapped[Outcome] = mapped_column(enum_column(Outcome))
    absent_participant_id: Mapped[int | None] = mapped_column(
        ForeignKey("participants.id", ondelete="CASCADE")
    )
    marked_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    marked_at: Mapped[datetime] = mapped_column(default=utcnow)

    meeting: Mapped[Meeting] = relationship()


class StaffGrant(Base):
    """An account that may check people in and record attendance at one event."""

    __tablename__ = "staff_grants"

    event_id: Mapped[int] = mapped_column(
        ForeignKey("events.id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    granted_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    user: Mapped[User] = relationship(foreign_keys=[user_id])


class StaffInvitation(Base):
    """An invitation to be staff at one event, for an e-mail without an account yet.

    Its link token is derived like a board's and stored only as a hash; accepting opens the
    account and turns the invitation into a `StaffGrant`.
    """

    __tablename__ = "staff_invitations"
    __table_args__ = (UniqueConstraint("event_id", "email"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"))
    email: Mapped[str] = mapped_column(String(254))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    invited_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    event: Mapped[Event] = relationship()


class SpotRequest(Base):
    """One participant asks a checked-in match for a meeting in the current or next slot.

    A partial unique index allows one pending request per pair and direction.
    """

    __tablename__ = "spot_requests"
    __table_args__ = (
        CheckConstraint("requester_id <> partner_id", name="not_self"),
        Index(
            "uq_spot_requests_pending",
            "requester_id",
            "partner_id",
            unique=True,
            sqlite_where=_PENDING,
            postgresql_where=_PENDING,
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    requester_id: Mapped[int] = mapped_column(ForeignKey("participants.id", ondelete="CASCADE"))
    partner_id: Mapped[int] = mapped_column(
        ForeignKey("participants.id", ondelete="CASCADE"), index=True
    )
    slot_id: Mapped[int] = mapped_column(ForeignKey("time_slots.id", ondelete="CASCADE"))
    status: Mapped[SpotStatus] = mapped_column(enum_column(SpotStatus), default=SpotStatus.PENDING)
    meeting_id: Mapped[int | None] = mapped_column(ForeignKey("meetings.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    answered_at: Mapped[datetime | None]

    requester: Mapped[Participant] = relationship(foreign_keys=[requester_id])
    partner: Mapped[Participant] = relationship(foreign_keys=[partner_id])
    slot: Mapped[TimeSlot] = relationship()


class BoardLink(Base):
    """A read-only big-screen board of one hall, reached by a revocable token link.

    Like calendar feeds, the token is derived from the server's secret key and `issued_at`
    and stored only as a hash. `hall` limits the board to tables whose place mentions it.
    """

    __tablename__ = "board_links"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    hall: Mapped[str] = mapped_column(String(100), default="")
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    issued_at: Mapped[datetime] = mapped_column(default=utcnow)

    event: Mapped[Event] = relationship()


class LiveChange(Base):
    """A change to the published schedule on the day, recorded against the meeting it
    touched: a released meeting, a replacement, an on-the-spot meeting, a hand edit."""

    __tablename__ = "live_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meetings.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[ChangeKind] = mapped_column(enum_column(ChangeKind))
    participant_id: Mapped[int | None] = mapped_column(
        ForeignKey("participants.id", ondelete="SET NULL")
    )
    by_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    at: Mapped[datetime] = mapped_column(default=utcnow)

    meeting: Mapped[Meeting] = relationship()
