"""Route × role: organisers reach every event-day page, staff the desk and attendance only,
participants their own day, everyone else 404; the board needs only its token."""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask
from werkzeug.routing import BuildError

from matchmaker.models import Role, StaffGrant
from tests.builders import TEST_PASSWORD
from tests.web.live.live_helpers import LiveEvent

STAFF = {"live.desk", "live.check_in", "live.counts", "live.now_view", "live.record_attendance"}
ORGANISER_ONLY = {
    "live.release",
    "live.no_show_setting",
    "live.staff",
    "live.revoke_staff",
    "live.boards",
    "live.revoke_board",
}
PARTICIPANT = {"live.my_attendance", "live.i_have_left", "live.free_now", "live.ask", "live.answer"}
PUBLIC = {"live.board", "live.staff_invitation"}
STAFF_HOME = {"live.staff_home"}  # each staff account sees its own events there


def _urls(
    app: Flask, prefixes: tuple[str, ...], values: dict[str, Any]
) -> list[tuple[str, str, str]]:
    """(endpoint, method, url) of every route under these endpoint prefixes."""
    urls = []
    with app.test_request_context():
        for rule in app.url_map.iter_rules():
            if not rule.endpoint.startswith(prefixes):
                continue
            try:
                built = rule.build(values, append_unknown=False)
            except (BuildError, TypeError):
                continue
            if built is None:
                continue
            for method in sorted((rule.methods or set()) - {"HEAD", "OPTIONS"}):
                urls.append((rule.endpoint, method, built[1]))
    return urls


@pytest.fixture
def targets(app: Flask, live: LiveEvent) -> list[tuple[str, str, str]]:
    values = {
        "slug": live.event.slug,
        "meeting_id": live.meetings["ana-ben"].id,
        "participant_id": live.person("Ana").id,
        "user_id": live.organiser.id,
        "board_id": 1,
        "request_id": 1,
        "answer": "accept",
        "token": "x",
    }
    urls = _urls(app, ("live.",), values)
    assert {endpoint for endpoint, _, _ in urls} == (
        STAFF | ORGANISER_ONLY | PARTICIPANT | PUBLIC | STAFF_HOME
    )
    return urls


def test_the_organiser_reaches_every_page(
    client: Any, log_in: Any, live: LiveEvent, targets: list[tuple[str, str, str]]
) -> None:
    log_in(live.organiser)
    for endpoint, method, url in targets:
        if method == "GET" and endpoint in STAFF | ORGANISER_ONLY:
            assert client.get(url).status_code == 200, url


def test_staff_reach_the_desk_and_attendance_and_nothing_else(
    client: Any, log_in: Any, staff_user: Any, targets: list[tuple[str, str, str]]
) -> None:
    log_in(staff_user)
    for endpoint, method, url in targets:
        if endpoint in STAFF and method == "GET":
            assert client.get(url).status_code == 200, url
        elif endpoint in ORGANISER_ONLY | PARTICIPANT:
            assert client.open(url, method=method).status_code == 404, (method, url)


def test_staff_of_one_event_cannot_open_organiser_or_schedule_pages(
    app: Flask, client: Any, log_in: Any, live: LiveEvent, staff_user: Any
) -> None:
    log_in(staff_user)
    values = {"slug": live.event.slug, "meeting_id": 1, "run_id": 1, "participant_id": 1}
    values |= {"kind": "meetings", "fmt": "csv", "table_id": 1, "mission_slug": "x"}
    urls = _urls(app, ("schedule.", "organiser."), values)
    assert len(urls) > 20
    for _endpoint, method, url in urls:
        if method == "GET":
            assert client.get(url).status_code == 404, url


@pytest.mark.parametrize("role", ["participant", "other organiser", "other event's staff"])
def test_everyone_else_gets_404_on_desk_live_view_and_organiser_pages(
    client: Any,
    build: Any,
    session: Any,
    log_in: Any,
    live: LiveEvent,
    targets: list[tuple[str, str, str]],
    role: str,
) -> None:
    if role == "participant":
        user = live.person("Ben").user
    elif role == "other organiser":
        user = build.user(role=Role.ORGANISER)
        build.event(organisers=(user,))
    else:
        user = build.user()
        other = build.event()
        session.add(StaffGrant(event_id=other.id, user_id=user.id))
        session.commit()
    log_in(user)
    for endpoint, method, url in targets:
        if endpoint in STAFF | ORGANISER_ONLY:
            assert client.open(url, method=method).status_code == 404, (method, url)


def test_anonymous_visitors_are_sent_to_log_in_except_for_the_board(
    client: Any, targets: list[tuple[str, str, str]]
) -> None:
    for endpoint, method, url in targets:
        if method == "GET" and endpoint not in PUBLIC:
            response = client.get(url)
            assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_staff_land_on_their_events_desk_and_live_view_and_see_no_other_event(
    client: Any, build: Any, session: Any, live: LiveEvent, staff_user: Any
) -> None:
    other = build.event(name="Another fair")
    response = client.post("/login", data={"email": staff_user.email, "password": TEST_PASSWORD})
    assert response.headers["Location"] == "/live/staff"
    page = client.get("/live/staff").get_data(as_text=True)
    assert live.event.name in page and other.name not in page
    assert f'href="/live/events/{live.event.slug}/desk"' in page
    assert f'href="/live/events/{live.event.slug}/now"' in page
    assert "/organise" not in page
    desk = client.get(f"/live/events/{live.event.slug}/desk").get_data(as_text=True)
    assert 'href="/live/staff"' in desk  # the event day's tabs lead back here


@pytest.mark.parametrize("role", ["participant", "organiser"])
def test_accounts_that_are_nobodys_staff_get_404_on_the_staff_page(
    client: Any, log_in: Any, live: LiveEvent, role: str
) -> None:
    """Organisers reach their events' desks from the schedule's tabs instead."""
    log_in(live.person("Ben").user if role == "participant" else live.organiser)
    assert client.get("/live/staff").status_code == 404
