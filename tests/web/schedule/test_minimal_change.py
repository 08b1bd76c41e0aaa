"""What a minimal-change re-solve may touch, and pairs the organiser keeps apart."""

from __future__ import annotations

from typing import Any

from flask.testing import FlaskClient
from sqlalchemy.orm import Session

from matchmaker.db import utcnow
from matchmaker.models import Participant, Unavailability
from matchmaker.schedule.queries import event_data
from matchmaker.schedule.scheduling import build_problem


def locked_pairs(session: Session, event: Any) -> set[tuple[str, str]]:
    session.expire_all()
    problem = build_problem(event_data(session, event), minimal_change=True)
    session.commit()
    return {(m.a, m.b) for m in problem.locked}


def pair(one: Any, other: Any) -> tuple[str, str]:
    low, high = sorted((one.id, other.id))
    return (str(low), str(high))


def test_untouched_people_keep_every_meeting_exactly(
    small_event: Any, session: Session, seat: Any
) -> None:
    event, p = small_event.event, small_event.people
    seat(event, p[0], p[3], 0, 0)
    seat(event, p[1], p[4], 0, 1)
    seat(event, p[2], p[5], 0, 2)
    seat(event, p[1], p[3], 1, 0)
    assert locked_pairs(session, event) == {
        pair(p[0], p[3]),
        pair(p[1], p[4]),
        pair(p[2], p[5]),
        pair(p[1], p[3]),
    }
    assert build_problem(event_data(session, event), minimal_change=False).locked == ()


def test_a_withdrawal_leaves_every_other_meeting_where_it_is(
    small_event: Any, session: Session, seat: Any
) -> None:
    """The leaver's meetings are gone; new meetings fill the freed slots around the rest."""
    event, p = small_event.event, small_event.people
    seat(event, p[0], p[3], 0, 0)  # p[0] withdraws
    seat(event, p[1], p[3], 1, 0)
    seat(event, p[2], p[5], 0, 2)
    session.get(Participant, p[0].id).withdrawn_at = utcnow()
    session.commit()
    assert locked_pairs(session, event) == {pair(p[1], p[3]), pair(p[2], p[5])}


def test_lost_availability_frees_both_sides_so_they_can_swap(
    small_event: Any, session: Session, seat: Any
) -> None:
    event, p = small_event.event, small_event.people
    seat(event, p[0], p[3], 0, 0)
    seat(event, p[0], p[4], 1, 0)
    seat(event, p[2], p[5], 0, 2)
    session.add(Unavailability(participant_id=p[4].id, slot_id=event.slots[1].id))
    session.commit()
    assert locked_pairs(session, event) == {pair(p[2], p[5])}


def test_a_lowered_cap_frees_that_persons_meetings(
    small_event: Any, session: Session, seat: Any
) -> None:
    event, p = small_event.event, small_event.people
    seat(event, p[0], p[3], 0, 0)
    seat(event, p[0], p[4], 1, 0)
    seat(event, p[2], p[5], 0, 2)
    session.get(Participant, p[0].id).max_meetings = 1
    session.commit()
    assert locked_pairs(session, event) == {pair(p[2], p[5])}


def test_a_pair_cancelled_by_hand_stays_apart_in_every_solve(
    logged_in: FlaskClient, small_event: Any, session: Session, seat: Any
) -> None:
    event, p = small_event.event, small_event.people
    meeting = seat(event, p[0], p[3], 0, 0)
    response = logged_in.post(
        f"/organise/events/{event.slug}/schedule/meetings/{meeting.id}/cancel"
    )
    assert response.status_code == 302
    for minimal_change in (False, True):
        session.expire_all()
        problem = build_problem(event_data(session, event), minimal_change=minimal_change)
        session.commit()
        assert pair(p[0], p[3]) not in {(c.a, c.b) for c in problem.candidates}
        assert pair(p[1], p[3]) in {(c.a, c.b) for c in problem.candidates}


def test_the_cap_counts_locked_meetings_too(small_event: Any, session: Session, seat: Any) -> None:
    event, p = small_event.event, small_event.people
    locked = seat(event, p[0], p[3], 0, 0)
    locked.locked = True
    seat(event, p[0], p[4], 1, 0)
    seat(event, p[0], p[5], 2, 0)
    session.get(Participant, p[0].id).max_meetings = 2
    session.commit()
    assert locked_pairs(session, event) == {pair(p[0], p[3])}  # only the organiser's lock
