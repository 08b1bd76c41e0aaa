"""After the meetings: each side's feedback, follow-up survey answers, feedback links.

Feedback is per meeting and per side (a participant speaks for themselves); the event-day
`AttendanceMark` stays the reference for whether a meeting was held where one exists.
Follow-up answers are per meeting, side and wave (the months after the event a survey
asked, e.g. 3 and 6), so a later wave never overwrites an earlier one.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING

from sqlalchemy import CheckConstraint, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from matchmaker.db import Base, utcnow
from matchmaker.models.enums import enum_column

if TYPE_CHECKING:
    from matchmaker.models.meetings import Meeting
    from matchmaker.models.participants import Participant


class Result(StrEnum):
    """What came of a meeting, from no result to the most binding ones."""

    NONE = "none"
    FURTHER_TALKS = "further_talks"
    OFFER = "offer"
    LETTER_OF_INTENT = "letter_of_intent"
    MOU = "mou"
    COMMERCIAL_AGREEMENT = "commercial_agreement"
    TECHNOLOGY_TRANSFER = "technology_transfer"
    JOINT_PROJECT = "joint_project"
    OTHER = "other"


class ValueBand(StrEnum):
    """The rough value of what came of a meeting, in euros."""

    NONE = "none"
    UNDER_10K = "under_10k"
    FROM_10K = "10k_100k"
    FROM_100K = "100k_1m"
    OVER_1M = "over_1m"
    UNKNOWN = "unknown"


class MeetingFeedback(Base):
    """One side's feedback on a meeting: held or not, a rating, the result, a private note
    for the organisers. Every field may stay empty until the person fills it in."""

    __tablename__ = "meeting_feedback"
    __table_args__ = (
        CheckConstraint("rating IS NULL OR (rating >= 1 AND rating <= 5)", name="rating_1_to_5"),
    )

    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meetings.id", ondelete="CASCADE"), primary_key=True
    )
    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participants.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    held: Mapped[bool | None]
    rating: Mapped[int | None]
    result: Mapped[Result | None] = mapped_column(enum_column(Result))
    note: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    meeting: Mapped[Meeting] = relationship()
    participant: Mapped[Participant] = relationship()


class FollowUpAnswer(Base):
    """One side's answer to a follow-up survey about one meeting: what came of it and its
    value band, `wave` months after the event."""

    __tablename__ = "follow_up_answers"
    __table_args__ = (CheckConstraint("wave > 0", name="wave_positive"),)

    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meetings.id", ondelete="CASCADE"), primary_key=True
    )
    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participants.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    wave: Mapped[int] = mapped_column(primary_key=True)
    result: Mapped[Result] = mapped_column(enum_column(Result))
    value_band: Mapped[ValueBand] = mapped_column(enum_column(ValueBand))
    note: Mapped[str] = mapped_column(Text, default="")
    answered_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    meeting: Mapped[Meeting] = relationship()


class FeedbackLink(Base):
    """A participant's link to give feedback and answer surveys without logging in.

    The token is derived like a calendar feed's (secret key, participant, `issued_at`) and
    stored only as a hash; the row is made the first time a message needs the link.
    """

    __tablename__ = "feedback_links"

    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participants.id", ondelete="CASCADE"), primary_key=True
    )
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    issued_at: Mapped[datetime] = mapped_column(default=utcnow)

    participant: Mapped[Participant] = relationship()
