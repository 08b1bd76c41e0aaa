"""The app-wide guards: the base form's checks, URL parts, dates in range, headers."""

from __future__ import annotations

import threading
import urllib.request
from datetime import date
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session
from werkzeug.serving import make_server

from matchmaker.core.commands import QuietRequestHandler
from matchmaker.forms import CONTROL_MESSAGE
from matchmaker.models import Block, Role
from tests.builders import TEST_PASSWORD, Builder


def _logged_in(app: Flask, email: str) -> FlaskClient:
    client = app.test_client()
    assert (
        client.post("/login", data={"email": email, "password": TEST_PASSWORD}).status_code == 302
    )
    return client


@pytest.mark.parametrize("value", ["ana\x00@example.org", "ana\x1b@example.org"])
def test_control_characters_get_a_form_error(client: FlaskClient, value: str) -> None:
    response = client.post("/login", data={"email": value, "password": "x\x00y"})
    assert response.status_code == 200
    assert str(CONTROL_MESSAGE) in response.get_data(as_text=True)


def test_stray_line_breaks_in_a_one_line_field_become_spaces(
    app: Flask, build: Builder, session: Session
) -> None:
    user = build.user()
    event = build.event()
    build.participant(event, user=user)
    client = _logged_in(app, user.email)
    response = client.post(
        f"/events/{event.slug}/profile",
        data={
            "job_title": "CEO\tand\r\nfounder",
            "email": user.email,
            "offers": "Line one\nline two",
        },
    )
    assert response.status_code == 302, response.get_data(as_text=True)
    session.expire_all()
    participant = user_participant(session, event.id, user.id)
    assert participant.job_title == "CEO and founder"
    assert participant.offers == "Line one\nline two"


def user_participant(session: Session, event_id: int, user_id: int) -> Any:
    from matchmaker.models import Participant

    return session.scalars(
        select(Participant).where(Participant.event_id == event_id, Participant.user_id == user_id)
    ).one()


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/e/%00", 404),
        ("/e/a%01b/signup", 404),
        ("/?q=%00", 400),
        ("/organise/events/x/participants/2147483648", 404),
        ("/organise/events/x/participants/9223372036854775808", 404),
    ],
)
def test_urls_with_control_characters_or_huge_ids_name_nothing(
    client: FlaskClient, url: str, status: int
) -> None:
    assert client.get(url).status_code == status


def test_a_block_outside_the_missions_days_or_in_year_9999_is_refused(
    app: Flask, build: Builder, session: Session
) -> None:
    organiser = build.user(role=Role.ORGANISER)
    event = build.event(organisers=(organiser,))
    event.mission.start_date, event.mission.end_date = date(2026, 4, 19), date(2026, 4, 22)
    session.commit()
    client = _logged_in(app, organiser.email)
    url = f"/organise/events/{event.slug}/setup"
    for day, message in (
        ("2026-04-23", "outside the mission"),
        ("9999-12-31", "between 2000 and 2100"),
        ("0001-01-01", "between 2000 and 2100"),
    ):
        data = {"form": "block", "day": day, "start_time": "14:00", "end_time": "16:00"}
        response = client.post(url, data=data)
        assert response.status_code == 400
        assert message in response.get_data(as_text=True)
    assert session.scalar(select(func.count()).select_from(Block)) == 1
    ok = {"form": "block", "day": "2026-04-21", "start_time": "14:00", "end_time": "16:00"}
    assert client.post(url, data=ok).status_code == 302


def test_deadlines_after_the_events_first_day_are_refused(
    app: Flask, build: Builder, session: Session
) -> None:
    organiser = build.user(role=Role.ORGANISER)
    event = build.event(organisers=(organiser,), first_day=date(2026, 4, 20))
    client = _logged_in(app, organiser.email)
    form = {
        "name": "Event",
        "timezone": "Europe/Berlin",
        "slot_minutes": "30",
        "break_minutes": "0",
        "registration_deadline": "2026-04-25T12:00",
        "preferences_deadline": "9999-12-31T12:00",
    }
    page = client.post(f"/organise/events/{event.slug}/edit", data=form).get_data(as_text=True)
    assert "set a deadline before it" in page
    assert "between 2000 and 2100" in page
    form |= {"registration_deadline": "2026-04-01T12:00", "preferences_deadline": ""}
    assert client.post(f"/organise/events/{event.slug}/edit", data=form).status_code == 302


def test_signed_in_pages_and_downloads_are_not_stored(
    app: Flask, build: Builder, client: FlaskClient
) -> None:
    organiser = build.user(role=Role.ORGANISER)
    event = build.event(organisers=(organiser,))
    assert "no-store" not in client.get("/").headers.get("Cache-Control", "")
    signed_in = _logged_in(app, organiser.email)
    assert signed_in.get("/").headers["Cache-Control"] == "no-store"
    assert "no-store" not in signed_in.get("/static/css/app.css").headers.get("Cache-Control", "")
    download = signed_in.get(f"/calendar/organise/{event.slug}/event.ics")
    assert download.headers["Cache-Control"] == "no-store"
    assert "Strict-Transport-Security" not in download.headers


def test_hsts_when_the_public_address_is_https(app: Flask, client: FlaskClient) -> None:
    app.config["PUBLIC_BASE_URL"] = "https://b2b.example.org"
    assert client.get("/").headers["Strict-Transport-Security"].startswith("max-age=")


def test_the_embedded_server_names_no_versions(app: Flask) -> None:
    server = make_server("127.0.0.1", 0, app, threaded=True, request_handler=QuietRequestHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{server.server_port}/health") as response:
            assert response.headers["Server"] == "matchmaker"
    finally:
        server.shutdown()
        thread.join()
