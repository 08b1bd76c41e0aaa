"""Re-solving: locked meetings stay put; after a withdrawal, minimal change moves nobody else."""

from __future__ import annotations

from typing import Any

from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from matchmaker.db import utcnow
from matchmaker.models import MeetingStatus, PreferenceLevel, ScheduleRun


def solve_and_apply(client: FlaskClient, session: Session, event: Any, **form: str) -> Any:
    response = client.post(
        f"/organise/events/{event.slug}/schedule/solve", data={"time_limit": "2", **form}
    )
    run = session.scalars(
        select(ScheduleRun)
        .where(ScheduleRun.event_id == event.id)
        .order_by(ScheduleRun.id.desc())
        .execution_options(populate_existing=True)
    ).first()
    session.commit()
    assert run is not None and response.headers["Location"].endswith(f"/runs/{run.id}")
    review = client.get(response.headers["Location"])
    client.post(f"/organise/events/{event.slug}/schedule/runs/{run.id}/apply")
    return review


def test_a_locked_meeting_survives_a_fresh_solve(
    logged_in: FlaskClient,
    small_event: Any,
    session: Session,
    seat: Any,
    confirmed: Any,
) -> None:
    event, p = small_event.event, small_event.people
    locked = seat(event, p[0], p[3], 3, 2)
    locked.locked = True
    session.commit()
    solve_and_apply(logged_in, session, event)
    meetings = {m.id: m for m in confirmed(event)}
    assert len(meetings) == 9
    kept = meetings[locked.id]
    assert (kept.slot_id, kept.table_id, kept.locked, kept.sequence) == (
        event.slots[3].id,
        event.tables[2].id,
        True,
        0,
    )


def test_minimal_change_after_a_withdrawal_moves_nobody_else(
    logged_in: FlaskClient,
    small_event: Any,
    session: Session,
    confirmed: Any,
) -> None:
    event, p = small_event.event, small_event.people
    solve_and_apply(logged_in, session, event)
    before = {m.id: (m.slot_id, m.table_id, m.sequence) for m in confirmed(event)}
    assert len(before) == 9
    gone = p[5]
    gone.withdrawn_at = utcnow()
    session.commit()

    review = solve_and_apply(logged_in, session, event, minimal_change="y")
    assert b"3 cancelled" in review.data and b"0 moved" in review.data
    after = confirmed(event)
    assert len(after) == 6
    for meeting in after:
        assert gone.id not in (meeting.participant_a_id, meeting.participant_b_id)
        assert (meeting.slot_id, meeting.table_id, meeting.sequence) == before[meeting.id]
    session.expire_all()
    dropped = [m for m in event.meetings if m.status == MeetingStatus.CANCELLED]
    session.commit()
    assert len(dropped) == 3
    assert all(gone.id in (m.participant_a_id, m.participant_b_id) for m in dropped)


def test_minimal_change_after_late_registrations_only_adds(
    logged_in: FlaskClient,
    small_event: Any,
    session: Session,
    confirmed: Any,
    build: Any,
    prefer: Any,
) -> None:
    event = small_event.event
    solve_and_apply(logged_in, session, event)
    before = {m.id: (m.slot_id, m.table_id, m.sequence) for m in confirmed(event)}
    late = [build.participant(event), build.participant(event)]
    prefer(late[0], late[1], PreferenceLevel.MUST)
    prefer(late[1], late[0], PreferenceLevel.WANT)

    review = solve_and_apply(logged_in, session, event, minimal_change="y")
    assert b"1 added" in review.data and b"0 moved" in review.data
    after = confirmed(event)
    assert len(after) == 10
    for meeting in after:
        if meeting.id in before:
            assert (meeting.slot_id, meeting.table_id, meeting.sequence) == before[meeting.id]
        else:
            assert (meeting.participant_a_id, meeting.participant_b_id) == (late[0].id, late[1].id)


def test_applying_an_older_run_leaves_out_people_who_withdrew_since(
    logged_in: FlaskClient, small_event: Any, session: Session, confirmed: Any
) -> None:
    event, gone = small_event.event, small_event.people[5]
    logged_in.post(f"/organise/events/{event.slug}/schedule/solve", data={"time_limit": "2"})
    run = session.scalars(select(ScheduleRun).where(ScheduleRun.event_id == event.id)).one()
    session.commit()
    assert run.stats["meetings"] == 9
    gone.withdrawn_at = utcnow()
    session.commit()
    review = logged_in.get(f"/organise/events/{event.slug}/schedule/runs/{run.id}")
    assert b"6 added" in review.data
    logged_in.post(f"/organise/events/{event.slug}/schedule/runs/{run.id}/apply")
    after = confirmed(event)
    assert len(after) == 6
    assert all(gone.id not in (m.participant_a_id, m.participant_b_id) for m in after)
