"""The run page shows the goals in order with their proven bounds and why the solve
stopped; applying says it moves the event's phase; publishing while registration is open
asks first."""

from __future__ import annotations

from typing import Any

from flask.testing import FlaskClient
from sqlalchemy.orm import Session

from matchmaker.db import utcnow
from matchmaker.models import Phase, RunStatus, ScheduleRun
from matchmaker.schedule import operations
from matchmaker.schedule.scheduling import Progress
from solver.schema import Goal
from tests.web.schedule.conftest import page_text, runs_of

SOLVE = {"time_limit": "10"}


def test_a_finished_solve_shows_its_goals_in_order_and_why_it_stopped(
    logged_in: FlaskClient, small_event: Any, session: Session
) -> None:
    event = small_event.event
    response = logged_in.post(f"/organise/events/{event.slug}/schedule/solve", data=SOLVE)
    [run] = runs_of(session, event)
    assert run.status == RunStatus.SUCCEEDED, run.error
    assert [g["name"] for g in run.goals or []] == ["below_minimum", "weight", "holes"]
    below, weight, _holes = run.goals or []
    assert below["value"] == 0 and weight["value"] == run.best_weight == 18
    assert run.stop_reason == "proven"  # a tiny event: every goal at its bound at once
    page = page_text(logged_in.get(response.headers["Location"]))
    assert "1. People below their guaranteed minimum" in page
    assert "2. Weight of the wishes met" in page
    assert "Finished early: every goal is at its proven bound." in page
    status = logged_in.get(f"/organise/events/{event.slug}/schedule/runs/{run.id}/status").json
    assert status is not None
    assert [g["name"] for g in status["goals"]] == ["below_minimum", "weight", "holes"]
    assert all(g["at_bound"] for g in status["goals"])
    assert status["stop"].startswith("Finished early")


def test_progress_reports_store_the_goals_against_their_bounds(
    app: Any, small_event: Any, session: Session
) -> None:
    run = ScheduleRun(event_id=small_event.event.id, status=RunStatus.RUNNING)
    session.add(run)
    session.commit()
    report = Progress(
        phase="improving",
        best_weight=10,
        bound=12,
        elapsed_s=1.0,
        time_limit_s=10.0,
        goals=(Goal("below_minimum", 2, 1, False), Goal("weight", 10, 12, True)),
    )
    operations.record_progress(session, run.id, report, 10.0, utcnow())
    session.commit()
    assert run.goals == [
        {"name": "below_minimum", "value": 2, "bound": 1, "maximise": False},
        {"name": "weight", "value": 10, "bound": 12, "maximise": True},
    ]


def test_applying_says_it_moves_the_events_phase(
    logged_in: FlaskClient, small_event: Any, session: Session, reload: Any
) -> None:
    event = small_event.event
    assert event.phase == Phase.REGISTRATION
    response = logged_in.post(f"/organise/events/{event.slug}/schedule/solve", data=SOLVE)
    review = page_text(logged_in.get(response.headers["Location"]))
    assert "Applying also moves the event from the phase “registration” to “scheduled”" in review
    [run] = runs_of(session, event)
    applied = logged_in.post(f"/organise/events/{event.slug}/schedule/runs/{run.id}/apply")
    overview = page_text(logged_in.get(applied.headers["Location"]))
    assert "The event moved from the phase “registration” to “scheduled”" in overview
    assert reload(event).phase == Phase.SCHEDULED


def test_publishing_while_registration_is_open_asks_first(
    logged_in: FlaskClient, small_event: Any, session: Session, seat: Any, reload: Any
) -> None:
    event, p = small_event.event, small_event.people
    seat(event, p[0], p[3], 0, 0)
    assert event.phase == Phase.REGISTRATION and event.registration_deadline is None
    url = f"/organise/events/{event.slug}/schedule/publish"
    asked = logged_in.post(url)
    assert asked.status_code == 200
    assert "Publish while registration is still open?" in page_text(asked)
    assert reload(event).published_at is None
    confirmed = logged_in.post(url, data={"confirmed": "1"})
    assert confirmed.status_code == 302
    assert reload(event).published_at is not None


def test_publishing_after_registration_closed_does_not_ask(
    logged_in: FlaskClient, small_event: Any, session: Session, seat: Any, reload: Any
) -> None:
    event, p = small_event.event, small_event.people
    seat(event, p[0], p[3], 0, 0)
    event.phase = Phase.SCHEDULED
    session.commit()
    response = logged_in.post(f"/organise/events/{event.slug}/schedule/publish")
    assert response.status_code == 302
    assert reload(event).published_at is not None


def test_a_finished_run_shows_the_schedules_own_bounds_not_a_stale_report() -> None:
    # The last stored report came before the proof (a whole-problem solve proves at once).
    stale = [
        {"name": "below_minimum", "value": 3, "bound": 1, "maximise": False},
        {"name": "weight", "value": 1600, "bound": 1864, "maximise": True},
        {"name": "holes", "value": 4, "bound": 0, "maximise": False},
    ]
    stats = {"below_minimum_participants": 0, "weight": 1692, "bound": 1692, "holes": 2}
    proven = operations.final_goals(stale, stats, proven=True)
    assert [(g["value"], g["bound"]) for g in proven] == [(0, 0), (1692, 1692), (2, 2)]
    stopped = operations.final_goals(stale, {**stats, "bound": 1700}, proven=False)
    assert [(g["value"], g["bound"]) for g in stopped] == [(0, 1), (1692, 1700), (2, 0)]
