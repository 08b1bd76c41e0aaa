"""Building the solver problem from an event: weights, exclusions, locks, previous."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from matchmaker.db import utcnow
from matchmaker.models import (
    Meeting,
    Organisation,
    PreferenceLevel,
    Unavailability,
    place_meeting,
)
from matchmaker.schedule import queries
from matchmaker.schedule.scheduling import build_problem


def weights_of(
    session: Session, event: Any, minimal_change: bool = False
) -> dict[tuple[str, str], int]:
    problem = build_problem(queries.event_data(session, event), minimal_change=minimal_change)
    return {(c.a, c.b): c.weight for c in problem.candidates}


def key(first: Any, second: Any) -> tuple[str, str]:
    low, high = sorted((first.id, second.id))
    return (str(low), str(high))


def test_weights_add_both_sides_and_a_mutual_bonus(
    build: Any, session: Session, prefer: Any
) -> None:
    event = build.event()
    a, b, c, d = (build.participant(event) for _ in range(4))
    prefer(a, b, PreferenceLevel.MUST)
    prefer(b, a, PreferenceLevel.MAYBE)
    prefer(a, c, PreferenceLevel.WANT)
    prefer(d, c, PreferenceLevel.MAYBE)
    prefer(c, d, PreferenceLevel.MUST)
    assert weights_of(session, event) == {
        key(a, b): 3 + 1 + 1,
        key(a, c): 2,
        key(c, d): 1 + 3 + 1,
    }


def test_must_outweighs_want_outweighs_maybe(build: Any, session: Session, prefer: Any) -> None:
    event = build.event()
    a, b, c, d = (build.participant(event) for _ in range(4))
    prefer(a, b, PreferenceLevel.MUST)
    prefer(a, c, PreferenceLevel.WANT)
    prefer(a, d, PreferenceLevel.MAYBE)
    weights = weights_of(session, event)
    assert weights[key(a, b)] > weights[key(a, c)] > weights[key(a, d)] > 0


def test_not_from_either_side_removes_the_pair(build: Any, session: Session, prefer: Any) -> None:
    event = build.event()
    a, b, c = (build.participant(event) for _ in range(3))
    prefer(a, b, PreferenceLevel.MUST)
    prefer(b, a, PreferenceLevel.NOT)
    prefer(c, a, PreferenceLevel.NOT)
    prefer(a, c, PreferenceLevel.WANT)
    assert weights_of(session, event) == {}


def test_same_organisation_never_meets_and_withdrawn_people_are_left_out(
    build: Any, session: Session, prefer: Any
) -> None:
    event = build.event()
    shared = Organisation(name="Shared", country="DE", sectors=[], technologies=[])
    a = build.participant(event, organisation=shared)
    b = build.participant(event, organisation=shared)
    c = build.participant(event)
    gone = build.participant(event, withdrawn_at=utcnow())
    prefer(a, b, PreferenceLevel.MUST)
    prefer(a, c, PreferenceLevel.MUST)
    prefer(c, gone, PreferenceLevel.MUST)
    problem = build_problem(queries.event_data(session, event), minimal_change=False)
    assert {(x.a, x.b) for x in problem.candidates} == {key(a, c)}
    assert str(gone.id) not in {p.id for p in problem.participants}


def test_slots_tables_caps_booths_and_unavailability(build: Any, session: Session) -> None:
    event = build.event(tables=2, default_max_meetings=4, timezone="America/Mexico_City")
    capped = build.participant(event, max_meetings=2, location="Booth 7")
    free = build.participant(event)
    first_slot = event.slots[0]
    session.add(Unavailability(participant_id=capped.id, slot_id=first_slot.id))
    session.commit()
    problem = build_problem(queries.event_data(session, event), minimal_change=False)
    assert [s.id for s in problem.slots] == [str(s.id) for s in event.slots]
    assert problem.slots[0].start.hour == 9 and problem.slots[0].start.tzinfo is None
    assert problem.slots[0].session == str(first_slot.block_id)
    assert problem.tables == tuple(str(t.id) for t in event.tables)
    people = problem.participant_by_id
    assert people[str(capped.id)].max_meetings == 2
    assert people[str(capped.id)].location == "Booth 7"
    assert people[str(capped.id)].unavailable == frozenset({str(first_slot.id)})
    assert people[str(free.id)].max_meetings == 4


def test_locked_and_previous_meetings(build: Any, session: Session, prefer: Any) -> None:
    event = build.event(tables=2)
    a, b, c, d = (build.participant(event) for _ in range(4))
    prefer(a, b, PreferenceLevel.WANT)
    slot, table = event.slots[1], event.tables[0]
    locked = Meeting(event_id=event.id, participant_a_id=a.id, participant_b_id=b.id, locked=True)
    place_meeting(session, locked, slot_id=slot.id, table_id=table.id)
    by_hand = Meeting(event_id=event.id, participant_a_id=c.id, participant_b_id=d.id)
    place_meeting(session, by_hand, slot_id=slot.id, table_id=event.tables[1].id)
    session.commit()

    fresh = build_problem(queries.event_data(session, event), minimal_change=False)
    assert [(m.a, m.b, m.slot, m.table) for m in fresh.locked] == [
        (*key(a, b), str(slot.id), str(table.id))
    ]
    assert fresh.previous == ()
    assert key(c, d) in fresh.candidate_by_key

    again = build_problem(queries.event_data(session, event), minimal_change=True)
    assert {(m.a, m.b) for m in again.previous} == {key(a, b), key(c, d)}
