"""The domain model's database constraints, on SQLite and (with TEST_DATABASE_URL) PostgreSQL."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from matchmaker.models import (
    Meeting,
    MeetingSeat,
    MeetingStatus,
    Preference,
    PreferenceLevel,
    RunStatus,
    ScheduleRun,
    cancel_meeting,
    place_meeting,
)


def _meeting(session: Session, event_id: int, a: int, b: int, slot_id: int) -> Meeting:
    low, high = sorted((a, b))
    return Meeting(event_id=event_id, participant_a_id=low, participant_b_id=high, slot_id=slot_id)


def test_a_participant_cannot_be_double_booked_in_a_slot(session, build):
    event = build.event()
    people = [build.participant(event) for _ in range(3)]
    slot, table_1, table_2 = event.slots[0], event.tables[0], event.tables[1]
    place_meeting(
        session,
        _meeting(session, event.id, people[0].id, people[1].id, slot.id),
        slot_id=slot.id,
        table_id=table_1.id,
    )
    session.commit()
    with pytest.raises(IntegrityError):
        place_meeting(
            session,
            _meeting(session, event.id, people[0].id, people[2].id, slot.id),
            slot_id=slot.id,
            table_id=table_2.id,
        )


def test_a_table_cannot_be_double_booked_in_a_slot(session, build):
    event = build.event()
    people = [build.participant(event) for _ in range(4)]
    slot, table = event.slots[0], event.tables[0]
    place_meeting(
        session,
        _meeting(session, event.id, people[0].id, people[1].id, slot.id),
        slot_id=slot.id,
        table_id=table.id,
    )
    session.commit()
    with pytest.raises(IntegrityError):
        place_meeting(
            session,
            _meeting(session, event.id, people[2].id, people[3].id, slot.id),
            slot_id=slot.id,
            table_id=table.id,
        )


def test_a_seat_cannot_disagree_with_its_meetings_slot(session, build):
    event = build.event()
    people = [build.participant(event) for _ in range(3)]
    meeting = _meeting(session, event.id, people[0].id, people[1].id, event.slots[0].id)
    place_meeting(session, meeting, slot_id=event.slots[0].id, table_id=event.tables[0].id)
    session.commit()
    session.add(
        MeetingSeat(meeting_id=meeting.id, participant_id=people[2].id, slot_id=event.slots[1].id)
    )
    with pytest.raises(IntegrityError):
        session.flush()


def test_a_cancelled_meeting_frees_the_slot_and_keeps_its_row(session, build):
    event = build.event()
    people = [build.participant(event) for _ in range(3)]
    slot, table = event.slots[0], event.tables[0]
    first = _meeting(session, event.id, people[0].id, people[1].id, slot.id)
    place_meeting(session, first, slot_id=slot.id, table_id=table.id)
    cancel_meeting(session, first)
    place_meeting(
        session,
        _meeting(session, event.id, people[0].id, people[2].id, slot.id),
        slot_id=slot.id,
        table_id=table.id,
    )
    session.commit()
    statuses = session.scalars(select(Meeting.status).order_by(Meeting.id)).all()
    assert statuses == [MeetingStatus.CANCELLED, MeetingStatus.CONFIRMED]


def test_a_pairing_has_one_meeting_row_per_event(session, build):
    event = build.event()
    people = [build.participant(event) for _ in range(2)]
    for slot in event.slots[:2]:
        meeting = _meeting(session, event.id, people[0].id, people[1].id, slot.id)
        meeting.location = "Booth 1"
        session.add(meeting)
    with pytest.raises(IntegrityError):
        session.flush()


def test_duplicate_preference_is_refused(session, build):
    event = build.event()
    giver, receiver = build.participant(event), build.participant(event)
    for level in (PreferenceLevel.MUST, PreferenceLevel.WANT):
        session.add(
            Preference(
                event_id=event.id,
                from_participant_id=giver.id,
                to_participant_id=receiver.id,
                level=level,
            )
        )
    with pytest.raises(IntegrityError):
        session.flush()


def test_a_preference_for_oneself_is_refused(session, build):
    event = build.event()
    person = build.participant(event)
    session.add(
        Preference(
            event_id=event.id,
            from_participant_id=person.id,
            to_participant_id=person.id,
            level=PreferenceLevel.WANT,
        )
    )
    with pytest.raises(IntegrityError):
        session.flush()


def test_one_active_schedule_run_per_event(session, build):
    event = build.event()
    session.add(ScheduleRun(event_id=event.id, status=RunStatus.SUCCEEDED))
    session.add(ScheduleRun(event_id=event.id, status=RunStatus.RUNNING))
    session.commit()
    session.add(ScheduleRun(event_id=event.id, status=RunStatus.QUEUED))
    with pytest.raises(IntegrityError):
        session.flush()


def test_datetimes_come_back_as_aware_utc(session, build):
    event = build.event()
    session.expire_all()
    assert event.slots[0].starts_at.tzinfo is not None
    assert event.slots[0].starts_at.utcoffset().total_seconds() == 0
