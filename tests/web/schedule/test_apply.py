"""Applying a solver result to the meeting rows: one row per pairing, sequences, no clashes."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy.orm import Session

from matchmaker.models import MeetingStatus
from matchmaker.schedule import queries
from matchmaker.schedule.scheduling import ProposedMeeting, apply_proposal

NOW = datetime(2026, 4, 1, 12, tzinfo=UTC)


def proposal(event: Any, *rows: tuple[Any, Any, int, int]) -> list[ProposedMeeting]:
    return [
        ProposedMeeting(
            min(a.id, b.id), max(a.id, b.id), event.slots[slot].id, event.tables[table].id, None
        )
        for a, b, slot, table in rows
    ]


def apply(session: Session, event: Any, rows: list[ProposedMeeting]) -> Any:
    diff = apply_proposal(session, event, queries.event_meetings(session, event), rows, now=NOW)
    session.commit()
    return diff


def test_a_full_reshuffle_moves_rows_without_tripping_the_constraints(
    small_event: Any, session: Session, seat: Any
) -> None:
    event = small_event.event
    p = small_event.people
    first = seat(event, p[0], p[3], 0, 0)
    second = seat(event, p[1], p[4], 1, 1)
    # each meeting takes the other's slot and table, and the people are busy in both slots
    busy = seat(event, p[0], p[5], 1, 0)
    diff = apply(
        session,
        event,
        proposal(event, (p[0], p[3], 1, 1), (p[1], p[4], 0, 0), (p[0], p[5], 0, 1)),
    )
    assert (len(diff.moved), len(diff.added), len(diff.cancelled)) == (3, 0, 0)
    for meeting, slot, table in ((first, 1, 1), (second, 0, 0), (busy, 0, 1)):
        session.refresh(meeting)
        assert (meeting.slot_id, meeting.table_id) == (event.slots[slot].id, event.tables[table].id)
        assert meeting.sequence == 1 and meeting.status == MeetingStatus.CONFIRMED
        assert {s.slot_id for s in meeting.seats} == {event.slots[slot].id}
        assert meeting.changed_at is None and meeting.previous_slot_id is None
    session.commit()


def test_dropped_pairs_are_cancelled_in_place_and_new_ones_inserted(
    small_event: Any, session: Session, seat: Any
) -> None:
    event = small_event.event
    p = small_event.people
    kept = seat(event, p[0], p[3], 0, 0)
    dropped = seat(event, p[1], p[4], 0, 1)
    uid = dropped.uid
    diff = apply(session, event, proposal(event, (p[0], p[3], 0, 0), (p[2], p[5], 0, 1)))
    assert (diff.unchanged, len(diff.cancelled), len(diff.added)) == (1, 1, 1)
    session.refresh(kept)
    session.refresh(dropped)
    assert kept.sequence == 0
    assert dropped.status == MeetingStatus.CANCELLED and dropped.uid == uid
    assert dropped.sequence == 1 and dropped.seats == []
    [added] = [m for m in queries.confirmed_meetings(session, event) if m.id not in (kept.id,)]
    assert (added.participant_a_id, added.participant_b_id) == (p[2].id, p[5].id)
    assert added.sequence == 0 and added.uid not in (kept.uid, uid)

    # the pair comes back later: the same row is revived, its sequence rises again
    apply(session, event, proposal(event, (p[0], p[3], 0, 0), (p[1], p[4], 2, 2)))
    session.refresh(dropped)
    assert dropped.status == MeetingStatus.CONFIRMED and dropped.uid == uid
    assert dropped.sequence == 2
    session.commit()


def test_after_publication_changes_are_flagged(
    small_event: Any, session: Session, seat: Any
) -> None:
    event = small_event.event
    p = small_event.people
    moved = seat(event, p[0], p[3], 0, 0)
    event.published_at = NOW
    session.commit()
    apply(session, event, proposal(event, (p[0], p[3], 2, 1)))
    session.refresh(moved)
    assert moved.sequence == 1
    assert moved.previous_slot_id == event.slots[0].id
    assert moved.changed_at == NOW
    session.commit()
