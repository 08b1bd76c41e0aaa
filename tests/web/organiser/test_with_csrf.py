"""With CSRF protection on, as in production: forms carry tokens; a too big upload still
gets the friendly page although the CSRF check is what reads the body first."""

from __future__ import annotations

import io
import re
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy.orm import Session

from matchmaker.models import Event, User
from tests.builders import TEST_PASSWORD
from tests.web.organiser.uploads import csv_bytes, good_row


@pytest.fixture
def app_config(app_config: dict[str, Any]) -> dict[str, Any]:
    return {**app_config, "WTF_CSRF_ENABLED": True, "MAX_CONTENT_LENGTH": 1024 * 1024}


def csrf_token(client: FlaskClient, url: str) -> str:
    page = client.get(url).get_data(as_text=True)
    match = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page) or re.search(
        r'name="csrf_token" value="([^"]+)"', page
    )
    assert match, page
    return match.group(1)


@pytest.fixture
def logged_in(client: FlaskClient, organiser: User) -> FlaskClient:
    token = csrf_token(client, "/login")
    response = client.post(
        "/login", data={"email": organiser.email, "password": TEST_PASSWORD, "csrf_token": token}
    )
    assert response.status_code == 302
    return client


def test_a_too_big_upload_gets_the_friendly_page(
    app: Flask, logged_in: FlaskClient, event: Event
) -> None:
    url = f"/organise/events/{event.slug}/import"
    token = csrf_token(logged_in, url)
    big = csv_bytes([good_row(1)]) + b" " * (2 * 1024 * 1024)

    response = logged_in.post(
        url,
        data={"csrf_token": token, "file": (io.BytesIO(big), "participants.csv")},
        content_type="multipart/form-data",
    )

    assert response.status_code == 413
    assert "The file is larger than 1 MB." in response.get_data(as_text=True)


def test_posts_without_a_token_are_refused(logged_in: FlaskClient, event: Event) -> None:
    url = f"/organise/events/{event.slug}/import"
    response = logged_in.post(
        url,
        data={"file": (io.BytesIO(csv_bytes([good_row(1)])), "participants.csv")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 400
    phase = logged_in.post(f"/organise/events/{event.slug}/phase", data={"direction": "back"})
    assert phase.status_code == 400


def test_the_import_round_trip_with_tokens(logged_in: FlaskClient, event: Event) -> None:
    url = f"/organise/events/{event.slug}/import"
    response = logged_in.post(
        url,
        data={
            "csrf_token": csrf_token(logged_in, url),
            "file": (io.BytesIO(csv_bytes([good_row(1)])), "participants.csv"),
        },
        content_type="multipart/form-data",
    )
    preview = response.headers["Location"]
    token = csrf_token(logged_in, preview)
    confirmed = logged_in.post(f"{preview}/confirm", data={"csrf_token": token})
    assert confirmed.status_code == 302
    page = logged_in.get(confirmed.headers["Location"]).get_data(as_text=True)
    assert "1 participant added, 0 participants updated." in page
    assert "Person1 Family1" in page


def test_an_event_s_default_language_is_set_through_its_settings(
    logged_in: FlaskClient, session: Session, event: Event
) -> None:
    url = f"/organise/events/{event.slug}/edit"
    page = logged_in.get(url).get_data(as_text=True)
    assert "Default language" in page
    assert '<option value="de">Deutsch</option>' in page
    form = {
        "csrf_token": csrf_token(logged_in, url),
        "name": event.name,
        "timezone": event.timezone,
        "mode": event.mode.value,
        "default_locale": "de",
        "slot_minutes": str(event.slot_minutes),
        "break_minutes": str(event.break_minutes),
        "min_meetings": "1",
        "sectors": "\n".join(event.sectors),
        "technologies": "\n".join(event.technologies),
    }

    response = logged_in.post(url, data=form)

    assert response.status_code == 302
    session.expire_all()
    assert event.default_locale == "de"
    summary = logged_in.get(f"/organise/events/{event.slug}").get_data(as_text=True)
    assert "<dt>Default language</dt><dd>Deutsch ·" in summary
