"""Reads for outcomes: feedback, survey answers, the rows the figures are computed from."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, selectinload

from matchmaker.live.queries import marks_of
from matchmaker.models import (
    Event,
    FeedbackLink,
    FollowUpAnswer,
    Meeting,
    MeetingFeedback,
    MeetingStatus,
    Mission,
    Participant,
    TimeSlot,
)
from matchmaker.outcomes.kpis import OutcomeData


def participant_by_link_hash(session: Session, token_hash: str) -> Participant | None:
    """The participant whose feedback link has this hash."""
    return session.scalar(
        select(Participant)
        .join(FeedbackLink, FeedbackLink.participant_id == Participant.id)
        .where(FeedbackLink.token_hash == token_hash)
    )


def confirmed_meetings(session: Session, events: Sequence[Event]) -> list[Meeting]:
    """The confirmed meetings of these events, with their slots and people."""
    return list(
        session.scalars(
            select(Meeting)
            .where(
                Meeting.event_id.in_([e.id for e in events]),
                Meeting.status == MeetingStatus.CONFIRMED,
            )
            .options(
                selectinload(Meeting.slot),
                selectinload(Meeting.participant_a).selectinload(Participant.organisation),
                selectinload(Meeting.participant_b).selectinload(Participant.organisation),
            )
        )
    )


def outcome_data(session: Session, events: Sequence[Event]) -> OutcomeData:
    """Everything the figures of these events are computed from."""
    participants = list(
        session.scalars(
            select(Participant)
            .where(Participant.event_id.in_([e.id for e in events]))
            .options(selectinload(Participant.organisation))
        )
    )
    meetings = confirmed_meetings(session, events)
    ids = [m.id for m in meetings]
    feedback = (
        list(session.scalars(select(MeetingFeedback).where(MeetingFeedback.meeting_id.in_(ids))))
        if ids
        else []
    )
    answers = (
        list(session.scalars(select(FollowUpAnswer).where(FollowUpAnswer.meeting_id.in_(ids))))
        if ids
        else []
    )
    return OutcomeData(participants, meetings, marks_of(session, meetings), feedback, answers)


def ended_meetings_of(session: Session, participant: Participant, now: datetime) -> list[Meeting]:
    """The participant's confirmed meetings whose slot has ended, in time order."""
    return list(
        session.scalars(
            select(Meeting)
            .join(TimeSlot, TimeSlot.id == Meeting.slot_id)
            .where(
                Meeting.status == MeetingStatus.CONFIRMED,
                or_(
                    Meeting.participant_a_id == participant.id,
                    Meeting.participant_b_id == participant.id,
                ),
                TimeSlot.ends_at <= now,
            )
            .order_by(TimeSlot.starts_at)
        )
    )


def feedback_of(
    session: Session, meeting: Meeting, participant: Participant
) -> MeetingFeedback | None:
    """The participant's feedback on the meeting, if any."""
    return session.get(MeetingFeedback, (meeting.id, participant.id))


def answer_of(
    session: Session, meeting: Meeting, participant: Participant, wave: int
) -> FollowUpAnswer | None:
    """The participant's survey answer on the meeting for `wave`, if any."""
    return session.get(FollowUpAnswer, (meeting.id, participant.id, wave))


def answered_waves(session: Session, participant: Participant) -> set[int]:
    """The survey waves the participant has answered for at least one meeting."""
    return set(
        session.scalars(
            select(FollowUpAnswer.wave)
            .where(FollowUpAnswer.participant_id == participant.id)
            .distinct()
        )
    )


def mission_events(mission: Mission) -> list[Event]:
    """The mission's events, in order."""
    return list(mission.events)
