"""Solve runs: one active run per event, cancel, heartbeat timeout, failures recorded."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy.orm import Session

from matchmaker.db import utcnow
from matchmaker.models import (
    Meeting,
    RunStatus,
    ScheduleRun,
    Unavailability,
    place_meeting,
)
from matchmaker.schedule import jobs
from tests.web.schedule.conftest import runs_of


def queue_run(session: Session, event: Any, **fields: Any) -> ScheduleRun:
    fields.setdefault("time_limit_s", 3.0)
    run = ScheduleRun(event_id=event.id, **fields)
    session.add(run)
    session.commit()
    return run


def test_a_second_click_shows_the_run_under_way(
    logged_in: FlaskClient, small_event: Any, session: Session
) -> None:
    event = small_event.event
    waiting = queue_run(session, event)
    response = logged_in.post(
        f"/organise/events/{event.slug}/schedule/solve", data={"time_limit": "2"}
    )
    assert response.headers["Location"].endswith(f"/runs/{waiting.id}")
    assert [r.id for r in runs_of(session, event)] == [waiting.id]
    page = logged_in.get(response.headers["Location"])
    assert b"already under way" in page.data
    assert b"Cancel the solve" in page.data
    assert b'http-equiv="refresh"' in page.data


def test_cancelling_a_queued_run_ends_it_and_frees_the_event(
    logged_in: FlaskClient, small_event: Any, session: Session
) -> None:
    event = small_event.event
    waiting = queue_run(session, event)
    logged_in.post(f"/organise/events/{event.slug}/schedule/runs/{waiting.id}/cancel")
    [run] = runs_of(session, event)
    assert run.status == RunStatus.CANCELLED and run.finished_at is not None
    logged_in.post(f"/organise/events/{event.slug}/schedule/solve", data={"time_limit": "2"})
    statuses = [r.status for r in runs_of(session, event)]
    assert statuses == [RunStatus.CANCELLED, RunStatus.SUCCEEDED]


def test_cancelling_a_running_run_asks_its_worker_to_stop(
    logged_in: FlaskClient, small_event: Any, session: Session, app: Flask
) -> None:
    event = small_event.event
    running = queue_run(session, event)
    logged_in.post(f"/organise/events/{event.slug}/schedule/runs/{running.id}/cancel")
    assert runs_of(session, event)[0].status == RunStatus.CANCELLED

    running = queue_run(session, event, status=RunStatus.RUNNING, heartbeat_at=utcnow())
    logged_in.post(f"/organise/events/{event.slug}/schedule/runs/{running.id}/cancel")
    later = runs_of(session, event)[-1]
    assert later.status == RunStatus.RUNNING and later.cancel_requested


def test_the_worker_stops_at_the_cancel_flag(
    small_event: Any, session: Session, app: Flask
) -> None:
    run = queue_run(session, small_event.event, cancel_requested=True, time_limit_s=30.0)
    with app.app_context():
        jobs.run_solve(run.id)
    [done] = runs_of(session, small_event.event)
    assert done.status == RunStatus.CANCELLED  # not SUCCEEDED after its 30 s limit
    assert done.heartbeat_at is not None


def test_a_silent_worker_is_marked_failed_when_someone_looks(
    logged_in: FlaskClient, small_event: Any, session: Session, app: Flask
) -> None:
    event = small_event.event
    timeout = app.config["RUN_HEARTBEAT_TIMEOUT_S"]
    alive = queue_run(session, event, status=RunStatus.RUNNING, heartbeat_at=utcnow())
    status = logged_in.get(f"/organise/events/{event.slug}/schedule/runs/{alive.id}/status")
    assert status.json is not None and status.json["status"] == "running"

    alive.heartbeat_at = utcnow() - timedelta(seconds=timeout + 5)
    session.commit()
    page = logged_in.get(f"/organise/events/{event.slug}/schedule/runs/{alive.id}")
    assert b"worker stopped responding" in page.data
    [run] = runs_of(session, event)
    assert run.status == RunStatus.FAILED and run.error == "worker stopped responding"


def test_a_solver_refusal_is_recorded_as_a_failure(
    logged_in: FlaskClient, small_event: Any, session: Session
) -> None:
    event = small_event.event
    a, b = small_event.people[0], small_event.people[3]
    locked = Meeting(event_id=event.id, participant_a_id=a.id, participant_b_id=b.id, locked=True)
    place_meeting(session, locked, slot_id=event.slots[0].id, table_id=event.tables[0].id)
    session.add(Unavailability(participant_id=a.id, slot_id=event.slots[0].id))
    session.commit()
    logged_in.post(f"/organise/events/{event.slug}/schedule/solve", data={"time_limit": "2"})
    [run] = runs_of(session, event)
    assert run.status == RunStatus.FAILED
    assert "locked" in run.error
    page = logged_in.get(f"/organise/events/{event.slug}/schedule/runs/{run.id}")
    assert b"The solve failed" in page.data
    assert b"Apply this schedule" not in page.data


def test_the_worker_records_an_unexpected_error(
    small_event: Any, session: Session, app: Flask
) -> None:
    event = small_event.event
    event.timezone = "Nowhere/Atlantis"
    run = queue_run(session, event)
    with app.app_context():
        jobs.run_solve(run.id)
    [done] = runs_of(session, event)
    assert done.status == RunStatus.FAILED and done.finished_at is not None
    assert "Nowhere/Atlantis" in done.error
    assert "Traceback" in done.log


def test_an_overrunning_solver_is_stopped_and_its_best_schedule_kept(
    small_event: Any, session: Session, app: Flask, monkeypatch: Any
) -> None:
    monkeypatch.setattr(jobs, "OVERRUN_GRACE_S", -30.0)  # "overran" from the first second
    run = queue_run(session, small_event.event, time_limit_s=20.0)
    with app.app_context():
        jobs.run_solve(run.id)
    [done] = runs_of(session, small_event.event)
    assert done.status == RunStatus.SUCCEEDED
    assert done.result is not None
