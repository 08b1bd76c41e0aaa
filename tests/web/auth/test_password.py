"""Password change: the current password is checked; other sessions end, this one stays."""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import event
from werkzeug.test import TestResponse

from matchmaker.db import database
from tests.builders import TEST_PASSWORD
from tests.web.auth.conftest import is_logged_in, log_in

NEW = "a brand new passphrase"


def change(
    client: FlaskClient, current: str = TEST_PASSWORD, new: str = NEW, confirm: str = NEW
) -> TestResponse:
    return client.post(
        "/account/password",
        data={"current_password": current, "password": new, "confirm": confirm},
    )


def test_changing_the_password_keeps_this_session_and_ends_the_others(
    app: Flask, client: FlaskClient, build: Any
) -> None:
    build.user(email="ana@example.org")
    other_device = app.test_client()
    log_in(client, "ana@example.org")
    log_in(other_device, "ana@example.org")
    response = change(client)
    assert response.status_code == 302
    assert response.headers["Location"] == "/account"
    assert is_logged_in(client)
    assert not is_logged_in(other_device)
    assert "Wrong email or password." in log_in(other_device, "ana@example.org").text
    log_in(other_device, "ana@example.org", NEW)
    assert is_logged_in(other_device)


def test_a_wrong_current_password_changes_nothing(client: FlaskClient, build: Any) -> None:
    build.user(email="ana@example.org")
    log_in(client, "ana@example.org")
    response = change(client, current="not my password")
    assert response.status_code == 200
    assert "That is not your current password." in response.text
    client.post("/logout")
    log_in(client, "ana@example.org")
    assert is_logged_in(client)


def test_a_mismatched_or_short_new_password_is_refused(client: FlaskClient, build: Any) -> None:
    build.user(email="ana@example.org")
    log_in(client, "ana@example.org")
    assert "The two passwords differ." in change(client, confirm="something else").text
    assert "at least 10 characters" in change(client, new="short", confirm="short").text
    client.post("/logout")
    log_in(client, "ana@example.org")
    assert is_logged_in(client)


def test_the_password_page_needs_a_login(client: FlaskClient) -> None:
    response = client.get("/account/password")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login")


def test_guessing_the_current_password_is_throttled(client: FlaskClient, build: Any) -> None:
    build.user(email="ana@example.org")
    log_in(client, "ana@example.org")
    for _ in range(5):
        assert "That is not your current password." in change(client, current="a guess").text
    response = change(client)
    assert "Too many attempts: try again in 15 minutes." in response.text
    assert "That is not your current password." not in response.text
    client.post("/logout")
    response = log_in(client, "ana@example.org")
    assert "Too many attempts" in response.text
    assert "Wrong email or password." not in response.text


@pytest.mark.parametrize(("current", "status"), [(TEST_PASSWORD, 302), ("a guess", 200)])
def test_a_password_change_commits_once(
    app: Flask, client: FlaskClient, build: Any, current: Any, status: Any
) -> None:
    build.user(email="ana@example.org")
    log_in(client, "ana@example.org")
    commits: list[object] = []
    event.listen(database(app).sessions, "after_commit", commits.append)
    assert change(client, current=current).status_code == status
    assert len(commits) == 1
