"""Reads for calendars: the meetings a calendar shows, with everything it prints loaded."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from typing import Any

from sqlalchemy import Select, or_, select
from sqlalchemy.orm import Session, aliased, joinedload, selectinload

from matchmaker.calendars.entries import EventMeeting, MeetingFacts, Side
from matchmaker.models import (
    Event,
    Meeting,
    MeetingStatus,
    MeetingTable,
    Organisation,
    Participant,
    TimeSlot,
    shown_to_participants,
)
from matchmaker.models.enums import EventMode
from matchmaker.video import link_of


def _shown_meetings(event: Event) -> Select[Meeting]:
    """The event's meetings that calendars show (cancelled ones so that calendars drop them)."""
    return (
        select(Meeting)
        .where(
            Meeting.event_id == event.id,
            shown_to_participants(),
        )
        .options(
            selectinload(Meeting.slot),
            selectinload(Meeting.table),
            selectinload(Meeting.participant_a).selectinload(Participant.organisation),
            selectinload(Meeting.participant_b).selectinload(Participant.organisation),
        )
        .order_by(Meeting.id)
    )


def event_meetings(session: Session, event: Event) -> list[Meeting]:
    """Every meeting on the event's calendar."""
    return list(session.scalars(_shown_meetings(event)))


def people_meeting_rows(
    session: Session, event: Event, participant_ids: Collection[int]
) -> list[EventMeeting]:
    """The event's calendar meetings of any of these participants (each meeting once), in
    one query of columns."""
    rows = session.execute(
        _meeting_rows(event).where(
            or_(
                Meeting.participant_a_id.in_(participant_ids),
                Meeting.participant_b_id.in_(participant_ids),
            )
        )
    )
    return _event_meetings(event, rows)


def _meeting_rows(event: Event) -> Select[*tuple[Any, ...]]:
    """The columns of the meetings calendars show (see `_shown_meetings`), by id."""
    person_a, person_b = aliased(Participant), aliased(Participant)
    organisation_a, organisation_b = aliased(Organisation), aliased(Organisation)

    def side(person: type[Participant], organisation: type[Organisation]) -> tuple[Any, ...]:
        return (
            person.first_name,
            person.last_name,
            person.job_title,
            person.email,
            person.phone,
            organisation.name,
            organisation.country,
            person.online,
            person.video_link,
        )

    return (
        select(
            Meeting.uid,
            Meeting.sequence,
            TimeSlot.starts_at,
            TimeSlot.ends_at,
            MeetingTable.name,
            MeetingTable.place,
            Meeting.location,
            Meeting.status,
            Meeting.created_at,
            Meeting.updated_at,
            *side(person_a, organisation_a),
            *side(person_b, organisation_b),
        )
        .join(TimeSlot, TimeSlot.id == Meeting.slot_id)
        .outerjoin(MeetingTable, MeetingTable.id == Meeting.table_id)
        .join(person_a, person_a.id == Meeting.participant_a_id)
        .join(organisation_a, organisation_a.id == person_a.organisation_id)
        .join(person_b, person_b.id == Meeting.participant_b_id)
        .join(organisation_b, organisation_b.id == person_b.organisation_id)
        .where(Meeting.event_id == event.id, shown_to_participants())
        .order_by(Meeting.id)
    )


def _event_meetings(event: Event, rows: Iterable[Sequence[Any]]) -> list[EventMeeting]:
    """Rows of `_meeting_rows` as calendar meetings; a side attends online as
    `Participant.attends_online` says, from the event's mode and their choice."""
    mode = event.mode
    everyone_online = mode == EventMode.ONLINE
    some_online = mode == EventMode.HYBRID
    meetings = []
    for row in rows:
        uid, sequence, starts, ends, table, place, location, status, created, updated = row[:10]
        a_first, a_last, *a_rest, a_online, a_link = row[10:19]
        b_first, b_last, *b_rest, b_online, b_link = row[19:28]
        people = [
            (everyone_online or (some_online and a_online), a_link),
            (everyone_online or (some_online and b_online), b_link),
        ]
        facts = MeetingFacts(
            uid,
            sequence,
            starts,
            ends,
            table,
            place,
            location,
            status == MeetingStatus.CANCELLED,
            created,
            updated,
            link_of(uid, people),
        )
        meetings.append(
            EventMeeting(
                facts,
                Side(f"{a_first} {a_last}".strip(), *a_rest),
                Side(f"{b_first} {b_last}".strip(), *b_rest),
            )
        )
    return meetings


def event_meeting_rows(session: Session, event: Event) -> list[EventMeeting]:
    """Every meeting on the event's calendar, in one query of columns."""
    return _event_meetings(event, session.execute(_meeting_rows(event)))


def table_meeting_rows(session: Session, table: MeetingTable) -> list[EventMeeting]:
    """The meetings at one table, in one query of columns."""
    event = table.event
    rows = session.execute(_meeting_rows(event).where(Meeting.table_id == table.id))
    return _event_meetings(event, rows)


def event_table(session: Session, event: Event, table_id: int) -> MeetingTable | None:
    """A table of this event (None for another event's table)."""
    return session.scalar(
        select(MeetingTable).where(MeetingTable.id == table_id, MeetingTable.event_id == event.id)
    )


def event_participants(session: Session, event: Event) -> list[Participant]:
    """The event's active participants, for per-person exports."""
    return list(
        session.scalars(
            select(Participant)
            .where(Participant.event_id == event.id, Participant.withdrawn_at.is_(None))
            .order_by(Participant.last_name, Participant.first_name, Participant.id)
        )
    )


def participant_by_feed_hash(session: Session, token_hash: str) -> Participant | None:
    """The participant whose calendar-feed token has this hash, with the event, account and
    organisation the feed reads (its language, its name, the meetings' reasons) loaded by the
    same query."""
    return session.scalar(
        select(Participant)
        .where(Participant.feed_token_hash == token_hash)
        .options(
            joinedload(Participant.event),
            joinedload(Participant.user),
            joinedload(Participant.organisation),
        )
    )


def feeds_of_user(session: Session, user_id: int) -> list[Participant]:
    """The user's registrations, withdrawn ones included, whose calendar feed is on."""
    return list(
        session.scalars(
            select(Participant)
            .where(Participant.user_id == user_id, Participant.feed_token_hash.is_not(None))
            .order_by(Participant.id)
        )
    )
