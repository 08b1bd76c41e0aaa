"""The whole organiser path: preferences → solve (Huey immediate) → apply → publish."""

from __future__ import annotations

from typing import Any

from flask.testing import FlaskClient
from sqlalchemy.orm import Session

from matchmaker.models import Phase, RunStatus
from tests.web.schedule.conftest import runs_of

SOLVE = {"time_limit": "2"}


def test_solve_apply_publish(
    logged_in: FlaskClient, small_event: Any, session: Session, confirmed: Any, reload: Any
) -> None:
    event = small_event.event
    page = logged_in.get(f"/organise/events/{event.slug}/schedule")
    assert page.status_code == 200
    assert b"No meetings yet" in page.data

    response = logged_in.post(f"/organise/events/{event.slug}/schedule/solve", data=SOLVE)
    assert response.status_code == 302
    [run] = runs_of(session, event)
    assert response.headers["Location"].endswith(f"/schedule/runs/{run.id}")
    assert run.status == RunStatus.SUCCEEDED, run.error
    assert run.progress == 1.0 and run.heartbeat_at is not None
    assert run.stats["meetings"] == 9 and run.best_weight == 18
    assert run.result is not None and len(run.result["meetings"]) == 9

    review = logged_in.get(response.headers["Location"])
    assert review.status_code == 200
    assert b"9 added" in review.data and b"Apply this schedule" in review.data
    status = logged_in.get(f"/organise/events/{event.slug}/schedule/runs/{run.id}/status")
    assert status.json is not None
    assert status.json["status"] == "succeeded" and status.json["active"] is False

    assert confirmed(event) == []
    applied = logged_in.post(f"/organise/events/{event.slug}/schedule/runs/{run.id}/apply")
    assert applied.status_code == 302
    meetings = confirmed(event)
    assert len(meetings) == 9
    assert all(m.sequence == 0 and m.changed_at is None for m in meetings)
    reload(event)
    assert event.phase == Phase.SCHEDULED

    again = logged_in.post(f"/organise/events/{event.slug}/schedule/runs/{run.id}/apply")
    assert again.status_code == 302
    assert len(confirmed(event)) == 9

    published = logged_in.post(f"/organise/events/{event.slug}/schedule/publish")
    assert published.status_code == 302
    reload(event)
    assert event.phase == Phase.PUBLISHED and event.published_at is not None

    overview = logged_in.get(f"/organise/events/{event.slug}/schedule")
    assert b"9 confirmed meetings" in overview.data
    for page_name in ("grid", "people", "statistics", "print"):
        assert (
            logged_in.get(f"/organise/events/{event.slug}/schedule/{page_name}").status_code == 200
        )


def test_publish_without_a_schedule_is_refused(
    logged_in: FlaskClient, small_event: Any, reload: Any
) -> None:
    event = small_event.event
    response = logged_in.post(
        f"/organise/events/{event.slug}/schedule/publish", follow_redirects=True
    )
    assert b"no schedule to publish" in response.data
    reload(event)
    assert event.published_at is None
