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
    release_seats,
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
    with pytest.raises(IntegrityError):  # the seat's key to its meeting is checked at commit
        session.commit()


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


def test_a_participant_on_either_side_cannot_meet_twice_in_a_slot(session, build):
    event = build.event()
    low, middle, high = (build.participant(event) for _ in range(3))
    slot = event.slots[0]
    place_meeting(
        session,
        _meeting(session, event.id, low.id, middle.id, slot.id),
        slot_id=slot.id,
        table_id=event.tables[0].id,
    )  # middle is participant b here ...
    session.commit()
    with pytest.raises(IntegrityError):
        place_meeting(  # ... and participant a here
            session,
            _meeting(session, event.id, middle.id, high.id, slot.id),
            slot_id=slot.id,
            table_id=event.tables[1].id,
        )


def test_a_confirmed_meeting_without_seats_is_refused_at_commit(session, build):
    """Writing rows directly, past place_meeting, still cannot double-book anybody."""
    event = build.event()
    one, other = build.participant(event), build.participant(event)
    slot = event.slots[0]
    meeting = _meeting(session, event.id, one.id, other.id, slot.id)
    meeting.table_id = event.tables[0].id
    meeting.seated_slot_id = slot.id
    session.add(meeting)
    session.flush()
    with pytest.raises(IntegrityError):
        session.commit()


def test_a_confirmed_meeting_must_say_where_it_is_seated(session, build):
    event = build.event()
    one, other = build.participant(event), build.participant(event)
    meeting = _meeting(session, event.id, one.id, other.id, event.slots[0].id)
    meeting.table_id = event.tables[0].id  # confirmed, but no seated slot
    session.add(meeting)
    with pytest.raises(IntegrityError):
        session.flush()


def test_swapping_two_meetings_of_one_person_works_through_release_and_place(session, build):
    event = build.event()
    me, first, second = (build.participant(event) for _ in range(3))
    early, late = event.slots[0], event.slots[1]
    table = event.tables[0]
    one = _meeting(session, event.id, me.id, first.id, early.id)
    two = _meeting(session, event.id, me.id, second.id, late.id)
    place_meeting(session, one, slot_id=early.id, table_id=table.id)
    place_meeting(session, two, slot_id=late.id, table_id=table.id)
    session.commit()
    release_seats(session, one)
    release_seats(session, two)
    place_meeting(session, one, slot_id=late.id, table_id=table.id)
    place_meeting(session, two, slot_id=early.id, table_id=table.id)
    session.commit()
    assert (one.slot_id, two.slot_id) == (late.id, early.id)


def test_a_meeting_cannot_use_another_events_slot_or_table(session, build):
    event, other_event = build.event(), build.event()
    one, other = build.participant(event), build.participant(event)
    foreign_slot = other_event.slots[0]
    with pytest.raises(IntegrityError):
        place_meeting(
            session,
            _meeting(session, event.id, one.id, other.id, foreign_slot.id),
            slot_id=foreign_slot.id,
            table_id=event.tables[0].id,
        )
    session.rollback()
    with pytest.raises(IntegrityError):
        place_meeting(
            session,
            _meeting(session, event.id, one.id, other.id, event.slots[0].id),
            slot_id=event.slots[0].id,
            table_id=other_event.tables[0].id,
        )


def test_a_preference_cannot_cross_events(session, build):
    event, other_event = build.event(), build.event()
    mine, theirs = build.participant(event), build.participant(other_event)
    session.add(
        Preference(
            event_id=event.id,
            from_participant_id=mine.id,
            to_participant_id=theirs.id,
            level=PreferenceLevel.WANT,
        )
    )
    with pytest.raises(IntegrityError):
        session.flush()


def test_naive_datetimes_are_refused(session, build):
    from datetime import datetime

    event = build.event()
    event.published_at = datetime(2026, 4, 1, 12, 0)
    with pytest.raises(Exception, match="naive datetime"):
        session.flush()
