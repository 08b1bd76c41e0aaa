"""Writes for outcomes: a side's feedback on a meeting, a survey answer."""

from __future__ import annotations

from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy.orm import Session

from matchmaker.models import (
    FollowUpAnswer,
    Meeting,
    MeetingFeedback,
    Participant,
    Result,
    ValueBand,
)
from matchmaker.outcomes import queries


class FeedbackError(Exception):
    """Feedback that cannot be recorded; the message says why."""


def _check_side(meeting: Meeting, participant: Participant, now: datetime) -> None:
    if participant.id not in (meeting.participant_a_id, meeting.participant_b_id):
        raise FeedbackError(_("This is not one of your meetings."))
    if not meeting.confirmed:
        raise FeedbackError(_("This meeting was cancelled."))
    if meeting.slot.ends_at > now:
        raise FeedbackError(_("Feedback opens when the meeting has ended."))


def save_feedback(
    session: Session,
    meeting: Meeting,
    participant: Participant,
    *,
    held: bool | None,
    rating: int | None,
    result: Result | None,
    note: str,
    now: datetime,
) -> MeetingFeedback:
    """Record (or replace) the participant's feedback on a meeting that has ended."""
    _check_side(meeting, participant, now)
    row = queries.feedback_of(session, meeting, participant)
    if row is None:
        row = MeetingFeedback(meeting_id=meeting.id, participant_id=participant.id)
        session.add(row)
    row.held = held
    row.rating = rating
    row.result = result
    row.note = note
    session.flush()
    return row


def save_answer(
    session: Session,
    meeting: Meeting,
    participant: Participant,
    *,
    wave: int,
    result: Result,
    value_band: ValueBand,
    note: str,
    now: datetime,
) -> FollowUpAnswer:
    """Record (or replace) the participant's answer on a meeting in survey `wave`."""
    _check_side(meeting, participant, now)
    row = queries.answer_of(session, meeting, participant, wave)
    if row is None:
        row = FollowUpAnswer(meeting_id=meeting.id, participant_id=participant.id, wave=wave)
        session.add(row)
    row.result = result
    row.value_band = value_band
    row.note = note
    session.flush()
    return row
