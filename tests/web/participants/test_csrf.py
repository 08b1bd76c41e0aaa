"""With CSRF protection on (as in production), every participant form needs its token."""

from __future__ import annotations

import re
from typing import Any

import pytest
from flask.testing import FlaskClient
from sqlalchemy import func, select

from matchmaker.models import Participant, Preference, Unavailability
from tests.builders import TEST_PASSWORD, Builder
from tests.web.participants.conftest import Me


@pytest.fixture
def app_config(app_config: dict[str, Any]) -> dict[str, Any]:
    return {**app_config, "WTF_CSRF_ENABLED": True}


def _token(client: FlaskClient, url: str) -> str:
    match = re.search(
        r'name="csrf_token" type="hidden" value="([^"]+)"|'
        r'name="csrf_token" value="([^"]+)"',
        client.get(url).get_data(as_text=True),
    )
    assert match is not None, url
    return match.group(1) or match.group(2)


@pytest.fixture
def csrf_logged_in(client: FlaskClient, me: Me) -> Me:
    token = _token(client, "/login")
    response = client.post(
        "/login", data={"email": me.user.email, "password": TEST_PASSWORD, "csrf_token": token}
    )
    assert response.status_code == 302
    return me


def test_posts_without_the_token_are_refused_and_change_nothing(
    client, csrf_logged_in: Me, build: Builder, session
):
    guest = build.participant(csrf_logged_in.event)
    base = "/events/hannover-b2b"
    client.post(f"{base}/profile", data={"name": "Hijacked", "country": "PT", "email": "x@y.z"})
    client.post(f"{base}/availability", data={})
    response = client.post(
        f"{base}/preferences/mark", data={"participant_id": guest.id, "level": "must"}
    )
    assert response.status_code == 400
    assert session.get(Participant, csrf_logged_in.participant.id).organisation.name == (
        "Tice Robotics"
    )
    assert session.scalar(select(func.count()).select_from(Unavailability)) == 0
    assert session.scalar(select(func.count()).select_from(Preference)) == 0


def test_the_pages_carry_the_token_and_posts_with_it_work(
    client, csrf_logged_in: Me, build: Builder, session
):
    guest = build.participant(csrf_logged_in.event)
    base = "/events/hannover-b2b"
    token = _token(client, f"{base}/catalogue")
    response = client.post(
        f"{base}/preferences/mark",
        data={"participant_id": guest.id, "level": "must", "csrf_token": token},
    )
    assert response.status_code == 302
    assert _token(client, f"{base}/availability") and _token(client, f"{base}/profile")
    assert session.scalar(select(func.count()).select_from(Preference)) == 1
