"""Where a login without a `next` page leads."""

from __future__ import annotations

from flask.testing import FlaskClient

from matchmaker.db import utcnow
from matchmaker.models import Role
from tests.builders import TEST_PASSWORD, Builder


def _login(client: FlaskClient, email: str) -> str:
    response = client.post("/login", data={"email": email, "password": TEST_PASSWORD})
    assert response.status_code == 302
    return response.headers["Location"]


def test_a_participant_lands_on_their_newest_event(client: FlaskClient, build: Builder) -> None:
    user = build.user(email="ana@tice.example")
    build.participant(build.event(slug="older"), user=user)
    build.participant(build.event(slug="computex-b2b"), user=user)
    assert _login(client, "ana@tice.example") == "/e/computex-b2b"


def test_a_withdrawn_registration_is_no_landing_page(client: FlaskClient, build: Builder) -> None:
    user = build.user(email="ana@tice.example")
    build.participant(build.event(slug="gone"), user=user, withdrawn_at=utcnow())
    assert _login(client, "ana@tice.example") == "/"


def test_an_organiser_lands_on_the_dashboard(client: FlaskClient, build: Builder) -> None:
    build.user(role=Role.ORGANISER, email="olga@cluster.example")
    assert _login(client, "olga@cluster.example") == "/organise/"
