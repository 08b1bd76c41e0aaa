"""A programme item's time is unavailability for its attendees: in the solver's problem, in
a real solve, in the same-day re-plan, and in hand edits (whose refusal names the item)."""

from __future__ import annotations

from datetime import time, timedelta
from typing import Any

from flask.testing import FlaskClient
from sqlalchemy.orm import Session

from matchmaker.db import utcnow
from matchmaker.models import Audience, CheckIn, Delegation, ProgrammeDelegation
from matchmaker.schedule import queries, scheduling
from matchmaker.schedule.replan import day_problem
from tests.web.schedule.conftest import at, page_text


def test_the_problem_makes_an_attendee_unavailable_during_the_item(
    small_event: Any, build: Any, session: Session
) -> None:
    event, p = small_event.event, small_event.people
    # The event's slots: 09:00, 09:30, 10:00, 10:30 in Berlin; the visit 09:40-10:10.
    build.programme_item(event.mission, start=time(9, 40), end=time(10, 10), guests=(p[3],))
    data = queries.event_data(session, event)
    problem = scheduling.build_problem(data, minimal_change=False)
    by_id = {person.id: person for person in problem.participants}
    assert by_id[str(p[3].id)].unavailable == {str(event.slots[1].id), str(event.slots[2].id)}
    assert by_id[str(p[4].id)].unavailable == frozenset()

    result = scheduling.run_solver(problem, time_limit_s=10, workers=1)
    theirs = [m for m in result["meetings"] if str(p[3].id) in (m["a"], m["b"])]
    assert theirs, "p[3] still meets, outside the visit"
    assert all(m["slot"] in {str(event.slots[0].id), str(event.slots[3].id)} for m in theirs)


def test_cancelled_items_and_items_of_other_missions_block_nothing(
    small_event: Any, build: Any, session: Session
) -> None:
    event, p = small_event.event, small_event.people
    build.programme_item(event.mission, guests=(p[0],), cancelled_at=utcnow())
    elsewhere = build.event()
    build.programme_item(elsewhere.mission)
    assert queries.unavailable_slots(session, event) == {}


def test_the_members_of_a_chosen_delegation_are_busy(
    small_event: Any, build: Any, session: Session
) -> None:
    event, p = small_event.event, small_event.people
    delegation: Delegation = build.delegation(event.mission, members=(p[1], p[2]))
    item = build.programme_item(
        event.mission, audience=Audience.DELEGATIONS, start=time(9), end=time(9, 30)
    )
    session.add(
        ProgrammeDelegation(
            item_id=item.id, delegation_id=delegation.id, mission_id=event.mission_id
        )
    )
    session.commit()
    busy = queries.unavailable_slots(session, event)
    assert busy == {p[1].id: {event.slots[0].id}, p[2].id: {event.slots[0].id}}


def test_a_hand_edit_into_an_item_is_refused_naming_it(
    logged_in: FlaskClient, small_event: Any, build: Any
) -> None:
    event, p = small_event.event, small_event.people
    build.programme_item(
        event.mission,
        title="Visit: Continental innovation centre",
        place="Continental AG",
        start=time(9, 30),
        end=time(10),
        guests=(p[4],),
    )
    data = {
        "first": p[1].id,
        "second": p[4].id,
        "slot": event.slots[1].id,
        "place": event.tables[0].id,
    }
    response = logged_in.post(f"/organise/events/{event.slug}/schedule/meetings/new", data=data)
    text = page_text(response)
    assert (
        f"{p[4].full_name} is at “Visit: Continental innovation centre” on {at(event, 1)}" in text
    )
    assert "Continental AG" in text


def test_the_same_day_replan_keeps_attendees_free_for_their_item(
    small_event: Any, build: Any, session: Session
) -> None:
    event, p = small_event.event, small_event.people
    build.programme_item(event.mission, start=time(10), end=time(10, 30), guests=(p[0],))
    for person in (p[0], p[3]):
        session.add(
            CheckIn(
                participant_id=person.id,
                event_id=event.id,
                code=f"C{person.id}",
                arrived_at=event.slots[0].starts_at,
            )
        )
    session.commit()
    freed = {p[0].id: {s.id for s in event.slots}, p[3].id: {s.id for s in event.slots}}
    problem = day_problem(session, event, freed, event.slots[0].starts_at - timedelta(hours=1))
    assert problem is not None
    assert event.slots[2].id in problem.unavailable[p[0].id]
    assert event.slots[2].id not in problem.unavailable.get(p[3].id, set())
