"""One rulebook: a hand edit is refused for the rule `solver.validation` names, the
organiser may knowingly go over a cap (the meeting is locked and solves keep it), and a
lock is refused for a meeting no solve could keep."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from flask.testing import FlaskClient
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from matchmaker.db import utcnow
from matchmaker.models import Event, Organisation, Participant, Unavailability
from matchmaker.schedule import operations
from matchmaker.schedule.queries import event_data
from matchmaker.schedule.scheduling import (
    build_problem,
    proposed_meetings,
    run_solver,
    solver_meeting,
)
from solver.schema import Schedule
from solver.validation import validate
from tests.web.schedule.conftest import at, meeting_url, page_text

Setup = Callable[[Any, Session, Any], tuple[Participant, Participant, int]]


def validator_rules(session: Session, event: Event) -> set[str]:
    """The rule codes the validator gives for the event's meetings as stored."""
    session.expire_all()
    data = event_data(session, event)
    problem = build_problem(data, minimal_change=False)
    schedule = Schedule(meetings=tuple(solver_meeting(m) for m in data.confirmed))
    session.commit()
    return {v.rule for v in validate(problem, schedule)}


def unavailable(small: Any, session: Session, seat: Any) -> tuple[Participant, Participant, int]:
    p = small.people
    session.add(Unavailability(participant_id=p[3].id, slot_id=small.event.slots[2].id))
    session.commit()
    return p[0], p[3], 2


def over_cap(small: Any, session: Session, seat: Any) -> tuple[Participant, Participant, int]:
    p = small.people
    p[0].max_meetings = 1
    seat(small.event, p[0], p[3], 0, 0)
    return p[0], p[4], 1


def over_day_cap(small: Any, session: Session, seat: Any) -> tuple[Participant, Participant, int]:
    p = small.people
    small.event.max_meetings_per_day = 1
    seat(small.event, p[0], p[3], 0, 0)
    return p[0], p[4], 3


def over_consecutive(
    small: Any, session: Session, seat: Any
) -> tuple[Participant, Participant, int]:
    p = small.people
    small.event.max_consecutive_meetings = 1
    seat(small.event, p[0], p[3], 0, 0)
    return p[0], p[4], 1


def colleagues(small: Any, session: Session, seat: Any) -> tuple[Participant, Participant, int]:
    p = small.people
    p[1].organisation = p[0].organisation
    session.commit()
    return p[0], p[1], 0


def withdrawn(small: Any, session: Session, seat: Any) -> tuple[Participant, Participant, int]:
    p = small.people
    p[4].withdrawn_at = utcnow()
    session.commit()
    return p[0], p[4], 0


@pytest.mark.parametrize(
    ("setup", "rule"),
    [
        (unavailable, "unavailable"),
        (over_cap, "over-cap"),
        (over_day_cap, "over-day-cap"),
        (over_consecutive, "over-consecutive"),
        (colleagues, "not-candidate"),
        (withdrawn, "unknown-participant"),
    ],
)
def test_a_refused_edit_names_the_rule_the_validator_gives(
    app: Any, small_event: Any, session: Session, seat: Any, build: Any, setup: Setup, rule: str
) -> None:
    event = small_event.event
    first, second, slot = setup(small_event, session, seat)
    session.commit()
    with pytest.raises(operations.RuleRefusal) as refused:
        operations.add_meeting(
            session,
            event,
            first,
            second,
            slot_id=event.slots[slot].id,
            place=str(event.tables[1].id),
            now=utcnow(),
        )
    session.rollback()
    assert refused.value.breaks[0].rule == rule
    # The same meeting stored without any check: the validator names the same rule.
    build.meeting(first, second, event.slots[slot], table=event.tables[1])
    assert rule in validator_rules(session, event)


def test_the_refusal_names_people_and_times_in_the_events_zone(
    logged_in: FlaskClient, small_event: Any, session: Session, seat: Any, confirmed: Any
) -> None:
    event, p = small_event.event, small_event.people
    event.max_meetings_per_day = 1
    session.commit()
    seat(event, p[0], p[3], 0, 0)
    added = logged_in.post(
        f"/organise/events/{event.slug}/schedule/meetings/new",
        data={
            "first": p[0].id,
            "second": p[5].id,
            "slot": event.slots[2].id,
            "place": event.tables[0].id,
        },
    )
    day = event.slots[2].local_start(event.zone).strftime("%a %d %b")
    assert f"{p[0].full_name} would go over their cap of 1 meeting on {day}." in page_text(added)
    assert len(confirmed(event)) == 1


def test_the_database_still_refuses_a_double_booking(
    app: Any, small_event: Any, session: Session, seat: Any, build: Any
) -> None:
    event, p = small_event.event, small_event.people
    seat(event, p[0], p[3], 0, 0)
    with pytest.raises(IntegrityError):
        build.meeting(p[0], p[4], event.slots[0], table=event.tables[1])
    session.rollback()


def test_over_the_limit_places_the_meeting_locked_and_a_re_solve_keeps_it(
    logged_in: FlaskClient, small_event: Any, session: Session, seat: Any, confirmed: Any
) -> None:
    event, p = small_event.event, small_event.people
    p[0].max_meetings = 1
    session.commit()
    seat(event, p[0], p[3], 0, 0)
    data = {
        "first": p[0].id,
        "second": p[4].id,
        "slot": event.slots[1].id,
        "place": event.tables[0].id,
    }
    url = f"/organise/events/{event.slug}/schedule/meetings/new"
    refused = page_text(logged_in.post(url, data=data))
    assert f"{p[0].full_name} would go over their cap of 1 meeting." in refused
    assert len(confirmed(event)) == 1
    response = logged_in.post(url, data={**data, "override": "y"})
    assert response.status_code == 302
    added = next(m for m in confirmed(event) if p[4].id in (m.participant_a_id, m.participant_b_id))
    assert added.locked
    session.expire_all()
    problem = build_problem(event_data(session, event), minimal_change=False)
    session.commit()
    result = run_solver(problem, time_limit_s=2, workers=1)
    kept = {(m.a, m.b, m.slot_id, m.table_id) for m in proposed_meetings(result)}
    assert (added.participant_a_id, added.participant_b_id, event.slots[1].id,
            event.tables[0].id) in kept  # fmt: skip


def test_the_override_never_covers_a_clash(
    app: Any, small_event: Any, session: Session, seat: Any
) -> None:
    event, p = small_event.event, small_event.people
    seat(event, p[0], p[3], 0, 0)
    with pytest.raises(operations.RuleRefusal) as refused:
        operations.add_meeting(
            session,
            event,
            p[0],
            p[4],
            slot_id=event.slots[0].id,
            place=str(event.tables[1].id),
            now=utcnow(),
            override=True,
        )
    session.rollback()
    assert [b.rule for b in refused.value.breaks] == ["double-booked"]
    assert f"{p[0].full_name} already meets {p[3].full_name} on {at(event, 0)}." in str(
        refused.value
    )


def test_moving_a_meeting_of_someone_already_over_a_lowered_cap_is_allowed(
    app: Any, small_event: Any, session: Session, seat: Any
) -> None:
    event, p = small_event.event, small_event.people
    meeting = seat(event, p[0], p[3], 0, 0)
    seat(event, p[0], p[4], 1, 0)
    p[0].max_meetings = 1
    session.commit()
    operations.move_meeting(
        session, event, meeting, slot_id=event.slots[2].id, place=str(event.tables[1].id),
        now=utcnow(),
    )  # fmt: skip
    session.commit()
    assert meeting.slot_id == event.slots[2].id


def test_a_meeting_that_breaks_a_rule_where_it_is_cannot_be_locked(
    logged_in: FlaskClient, small_event: Any, session: Session, seat: Any, reload: Any
) -> None:
    event, p = small_event.event, small_event.people
    meeting = seat(event, p[0], p[3], 0, 0)
    session.add(Unavailability(participant_id=p[3].id, slot_id=event.slots[0].id))
    session.commit()
    response = logged_in.post(meeting_url(event, meeting, "lock"), data={"locked": "1"})
    page = page_text(logged_in.get(response.headers["Location"]))
    assert f"{p[3].full_name} is not available on {at(event, 0)}." in page
    assert not reload(meeting).locked


def test_a_colleague_pair_is_refused_even_with_the_override(
    app: Any, small_event: Any, session: Session, build: Any
) -> None:
    event, p = small_event.event, small_event.people
    colleague = build.participant(
        event, organisation=Organisation(name="Solo", country="FR", sectors=[], technologies=[])
    )
    colleague.organisation = p[0].organisation
    session.commit()
    with pytest.raises(operations.RuleRefusal, match="colleagues do not meet"):
        operations.add_meeting(
            session, event, p[0], colleague, slot_id=event.slots[0].id,
            place=str(event.tables[0].id), now=utcnow(), override=True,
        )  # fmt: skip
    session.rollback()
