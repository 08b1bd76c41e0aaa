"""Reads for the schedule messages: who is owed what, and what they were told."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import exists, or_, select
from sqlalchemy.orm import Session

from matchmaker.models import Event, Meeting, Participant, Phase, Preference, PreferenceLevel
from matchmaker.models.notices import MessageOccasion, NotifiedMeeting, PendingChangeNotice

# Participants see the schedule from publication on, in every later phase too.
VISIBLE_PHASES = tuple(list(Phase)[list(Phase).index(Phase.PUBLISHED) :])


def meetings_by_participant(meetings: Iterable[Meeting]) -> dict[int, list[Meeting]]:
    """Each participant's meetings among `meetings`, in time order (as on agendas)."""
    grouped: dict[int, list[Meeting]] = defaultdict(list)
    for meeting in sorted(meetings, key=lambda m: (m.slot.starts_at, m.id)):
        grouped[meeting.participant_a_id].append(meeting)
        grouped[meeting.participant_b_id].append(meeting)
    return grouped


def notified_meetings(session: Session, event: Event) -> dict[int, dict[int, NotifiedMeeting]]:
    """What each participant of the event was last told: participant id -> meeting id -> row."""
    rows = session.scalars(
        select(NotifiedMeeting)
        .join(Participant, Participant.id == NotifiedMeeting.participant_id)
        .where(Participant.event_id == event.id)
    )
    told: dict[int, dict[int, NotifiedMeeting]] = defaultdict(dict)
    for row in rows:
        told[row.participant_id][row.meeting_id] = row
    return told


def occasion_holders(session: Session, event: Event, kind: str, occasion: str = "") -> set[int]:
    """The participants of the event who already had the one-off message `kind`/`occasion`."""
    return set(
        session.scalars(
            select(MessageOccasion.participant_id)
            .join(Participant, Participant.id == MessageOccasion.participant_id)
            .where(
                Participant.event_id == event.id,
                MessageOccasion.kind == kind,
                MessageOccasion.occasion == occasion,
            )
        )
    )


def changed_before(session: Session, moment: datetime) -> list[int]:
    """The events owed change notices since `moment` or earlier, oldest change first."""
    return list(
        session.scalars(
            select(PendingChangeNotice.event_id)
            .where(PendingChangeNotice.changed_at <= moment)
            .order_by(PendingChangeNotice.changed_at)
        )
    )


def events_in_phase(session: Session, phase: Phase) -> list[Event]:
    """Every event in `phase`."""
    return list(session.scalars(select(Event).where(Event.phase == phase).order_by(Event.id)))


def participants_to_nudge(session: Session, event: Event) -> list[tuple[Participant, bool]]:
    """Active participants who marked nobody to meet or never saved their availability,
    each with whether they marked anybody."""
    marked = (
        exists()
        .where(
            Preference.from_participant_id == Participant.id,
            Preference.level != PreferenceLevel.NOT,
        )
        .correlate(Participant)
    )
    rows = session.execute(
        select(Participant, marked)
        .where(
            Participant.event_id == event.id,
            Participant.withdrawn_at.is_(None),
            or_(~marked, Participant.availability_saved_at.is_(None)),
        )
        .order_by(Participant.id)
    )
    return [(participant, bool(has_marks)) for participant, has_marks in rows]


def published_events(session: Session) -> list[Event]:
    """Events whose schedule participants can see (published, or in a later phase)."""
    return list(
        session.scalars(select(Event).where(Event.phase.in_(VISIBLE_PHASES)).order_by(Event.id))
    )
