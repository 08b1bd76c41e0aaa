"""With CSRF protection on (as in production), forms without their token are refused."""

from __future__ import annotations

import re
from typing import Any

import pytest
from flask.testing import FlaskClient
from sqlalchemy.orm import Session

from matchmaker.models import User
from tests.builders import TEST_PASSWORD
from tests.web.auth.test_signup import count, signup_data


@pytest.fixture
def app_config(app_config: dict[str, Any]) -> dict[str, Any]:
    return {**app_config, "WTF_CSRF_ENABLED": True}


def token_of(page: str) -> str:
    match = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page) or re.search(
        r'name="csrf_token" value="([^"]+)"', page
    )
    assert match, "no CSRF token on the page"
    return match.group(1)


def log_in_with_token(client: FlaskClient, email: str) -> None:
    token = token_of(client.get("/login").text)
    response = client.post(
        "/login", data={"email": email, "password": TEST_PASSWORD, "csrf_token": token}
    )
    assert response.status_code == 302


def test_login_without_a_token_is_refused(client: FlaskClient, build: Any) -> None:
    build.user(email="ana@example.org")
    response = client.post("/login", data={"email": "ana@example.org", "password": TEST_PASSWORD})
    assert response.status_code == 400
    log_in_with_token(client, "ana@example.org")
    assert client.get("/account").status_code == 200


def test_logout_without_a_token_is_refused(client: FlaskClient, build: Any) -> None:
    build.user(email="ana@example.org")
    log_in_with_token(client, "ana@example.org")
    assert client.post("/logout").status_code == 400
    assert client.get("/account").status_code == 200
    token = token_of(client.get("/account").text)
    assert client.post("/logout", data={"csrf_token": token}).status_code == 302
    assert client.get("/account").status_code == 302


def test_signup_without_a_token_is_refused(
    client: FlaskClient, build: Any, session: Session
) -> None:
    build.event(slug="hannover")
    assert client.post("/e/hannover/signup", data=signup_data()).status_code == 400
    assert count(session, User) == 0
    token = token_of(client.get("/e/hannover/signup").text)
    response = client.post("/e/hannover/signup", data={**signup_data(), "csrf_token": token})
    assert response.status_code == 302


def test_logout_everywhere_and_password_change_need_the_token(
    client: FlaskClient, build: Any
) -> None:
    build.user(email="ana@example.org")
    log_in_with_token(client, "ana@example.org")
    assert client.post("/account/logout-everywhere").status_code == 400
    new = {"current_password": TEST_PASSWORD, "password": "x" * 12, "confirm": "x" * 12}
    assert client.post("/account/password", data=new).status_code == 400
    assert client.get("/account").status_code == 200
