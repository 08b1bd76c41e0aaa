"""What the schedule messages remember: what each person was told, what is due, what went.

- `NotifiedMeeting`: a meeting as its participant last heard of it (in the agenda mail or
  a change notice): the snapshot that the next change notice is compared with.
- `PendingChangeNotice`: an event whose schedule changed after publication; its notices
  go out a short delay after the first change, so quick changes make one notice per person.
- `MessageOccasion`: a one-off message already written for a person (the agenda, the
  nudge, the reminder of one day); its primary key makes each go once.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from matchmaker.db import Base, utcnow


class NotifiedMeeting(Base):
    """One meeting of one participant, as the last message to them described it."""

    __tablename__ = "notified_meetings"

    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participants.id", ondelete="CASCADE"), primary_key=True
    )
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meetings.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    starts_at: Mapped[datetime]
    ends_at: Mapped[datetime]
    place: Mapped[str] = mapped_column(String(300), default="")
    cancelled: Mapped[bool] = mapped_column(default=False)
    notified_at: Mapped[datetime] = mapped_column(default=utcnow)


class PendingChangeNotice(Base):
    """An event whose participants are owed change notices since its first change."""

    __tablename__ = "pending_change_notices"

    event_id: Mapped[int] = mapped_column(
        ForeignKey("events.id", ondelete="CASCADE"), primary_key=True
    )
    changed_at: Mapped[datetime]


class MessageOccasion(Base):
    """A one-off message written for a participant; `occasion` tells repeats apart
    (the day of a reminder; empty for once-per-event kinds)."""

    __tablename__ = "message_occasions"

    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participants.id", ondelete="CASCADE"), primary_key=True
    )
    kind: Mapped[str] = mapped_column(String(40), primary_key=True)
    occasion: Mapped[str] = mapped_column(String(40), primary_key=True, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
