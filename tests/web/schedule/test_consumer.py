"""A real Huey consumer (the embedded one, in a thread of the web process) runs a queued solve."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from matchmaker.models import RunStatus, ScheduleRun
from matchmaker.schedule import jobs

WAIT_S = 60.0


@pytest.fixture
def app_config(app_config: dict[str, Any]) -> dict[str, Any]:
    return {
        **app_config,
        "HUEY_IMMEDIATE": False,
        "HUEY_CONSUMER_IN_PROCESS": True,
        "SOLVER_TIME_LIMIT_S": 3.0,
    }


@pytest.fixture
def consumer_stopped(app: Flask) -> Iterator[None]:
    yield
    jobs.stop_consumer(app)


def test_the_embedded_consumer_solves_a_queued_run(
    logged_in: FlaskClient,
    small_event: Any,
    session: Session,
    app: Flask,
    consumer_stopped: None,
) -> None:
    event = small_event.event
    response = logged_in.post(
        f"/organise/events/{event.slug}/schedule/solve", data={"time_limit": "3"}
    )
    assert "/schedule/runs/" in response.headers["Location"]
    assert jobs.CONSUMER_EXTENSION in app.extensions
    deadline = time.monotonic() + WAIT_S
    while True:
        run = session.scalars(
            select(ScheduleRun)
            .where(ScheduleRun.event_id == event.id)
            .execution_options(populate_existing=True)
        ).one()
        session.commit()
        if not run.status.active or time.monotonic() > deadline:
            break
        time.sleep(0.2)
    assert run.status == RunStatus.SUCCEEDED, (run.status, run.error)
    assert run.started_at is not None and run.heartbeat_at is not None
    assert run.stats["meetings"] == 9
    page = logged_in.get(response.headers["Location"])
    assert b"Apply this schedule" in page.data
