"""Every schedule page is 404 for anyone but the event's organisers (and admins)."""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy.orm import Session

from matchmaker.models import Role, ScheduleRun, StaffGrant


def schedule_urls(
    app: Flask, slug: str, run_id: int, meeting_id: int, participant_id: int
) -> list[tuple[str, str]]:
    """(method, url) of every route of the schedule blueprint for this event."""
    values = {
        "slug": slug,
        "run_id": run_id,
        "meeting_id": meeting_id,
        "participant_id": participant_id,
        "kind": "meetings",
    }
    urls = []
    with app.test_request_context():
        for rule in app.url_map.iter_rules():
            if rule.endpoint.startswith("schedule."):
                path = rule.build({**values, "fmt": "csv"}, append_unknown=False)
                assert path is not None
                for method in sorted((rule.methods or set()) - {"HEAD", "OPTIONS"}):
                    urls.append((method, path[1]))
    return urls


@pytest.fixture
def targets(app: Flask, small_event: Any, session: Session, seat: Any) -> list[tuple[str, str]]:
    event, p = small_event.event, small_event.people
    meeting = seat(event, p[0], p[3], 0, 0)
    run = ScheduleRun(event_id=event.id)
    session.add(run)
    session.commit()
    urls = schedule_urls(app, event.slug, run.id, meeting.id, p[0].id)
    assert len(urls) >= 18
    return urls


def test_the_events_organiser_reaches_every_page(
    logged_in: FlaskClient, targets: list[tuple[str, str]]
) -> None:
    for method, url in targets:
        if method == "GET":
            assert logged_in.get(url).status_code == 200, url


@pytest.mark.parametrize("role", [Role.ORGANISER, Role.PARTICIPANT])
def test_everyone_else_gets_404_everywhere(
    client: FlaskClient,
    build: Any,
    log_in: Any,
    small_event: Any,
    targets: list[tuple[str, str]],
    role: Role,
) -> None:
    stranger = build.user(role=role)
    if role == Role.PARTICIPANT:
        build.participant(small_event.event, user=stranger)
    else:
        build.event(organisers=(stranger,))
    log_in(stranger)
    for method, url in targets:
        response = client.open(url, method=method)
        assert response.status_code == 404, (method, url, response.status_code)


def test_anonymous_visitors_are_sent_to_log_in(
    client: FlaskClient, targets: list[tuple[str, str]]
) -> None:
    for method, url in targets:
        if method == "GET":
            response = client.get(url)
            assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_another_events_run_and_meeting_are_404_for_this_organiser(
    logged_in: FlaskClient, small_event: Any, build: Any, session: Session, seat: Any
) -> None:
    other = build.event()
    a, b = build.participant(other), build.participant(other)
    meeting = seat(other, a, b, 0, 0)
    run = ScheduleRun(event_id=other.id)
    session.add(run)
    session.commit()
    slug = small_event.event.slug
    base = f"/organise/events/{slug}/schedule"
    assert logged_in.get(f"{base}/runs/{run.id}").status_code == 404
    assert logged_in.get(f"{base}/runs/{run.id}/status").status_code == 404
    assert logged_in.get(f"{base}/meetings/{meeting.id}").status_code == 404
    assert logged_in.post(f"{base}/meetings/{meeting.id}/cancel").status_code == 404


def test_the_events_staff_get_404_everywhere(
    client: FlaskClient,
    build: Any,
    log_in: Any,
    session: Session,
    small_event: Any,
    targets: list[tuple[str, str]],
) -> None:
    """Staff check people in and record attendance; the schedule is not theirs."""
    staff = build.user(role=Role.PARTICIPANT, email="staff@example.org")
    session.add(StaffGrant(event_id=small_event.event.id, user_id=staff.id))
    session.commit()
    log_in(staff)
    for method, url in targets:
        if method == "GET":
            assert client.get(url).status_code == 404, url
