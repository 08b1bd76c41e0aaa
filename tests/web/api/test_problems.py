"""Everything that goes wrong under /api answers RFC 9457 problem details; the rate limit."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from matchmaker.models import ApiToken, Role, User
from tests.builders import Builder
from tests.web.api.conftest import Api

PROBLEM = "application/problem+json"


@pytest.fixture
def user(build: Builder) -> User:
    return build.user(role=Role.ORGANISER)


def _is_problem(response: Any, status: int) -> None:
    assert response.status_code == status, response.get_data(as_text=True)
    assert response.mimetype == PROBLEM
    body = response.json
    assert body["status"] == status and body["title"] and body["type"] == "about:blank"
    assert body["instance"].startswith("/api")


@pytest.mark.parametrize(
    "url",
    [
        "/api",
        "/api/",
        "/api/v2/me",
        "/api/v1/nothing",
        "/api/v1/events/%00/agenda",
        "/api/v1/organise/events/x/solves/99999999999999999999",
    ],
)
def test_unknown_urls_are_404_problems(client: FlaskClient, url: str) -> None:
    _is_problem(client.get(url), 404)


def test_a_wrong_method_is_a_405_problem_with_allow(client: FlaskClient) -> None:
    response = client.delete("/api/v1/me")
    _is_problem(response, 405)
    assert "GET" in response.headers["Allow"]


def test_no_token_is_a_401_problem_with_www_authenticate(client: FlaskClient) -> None:
    response = client.get("/api/v1/me", headers={"Authorization": "Basic eDp5"})
    _is_problem(response, 401)
    assert response.headers["WWW-Authenticate"].startswith("Bearer")


def test_a_login_cookie_is_no_token_and_needs_no_csrf(
    app: Flask, client: FlaskClient, user: User, log_in: Callable[[User], None]
) -> None:
    log_in(user)
    app.config["WTF_CSRF_ENABLED"] = True
    assert client.get("/").status_code == 200
    _is_problem(client.get("/api/v1/me"), 401)
    _is_problem(client.post("/api/v1/organise/events/x/solves", data={"csrf_token": "no"}), 401)


@pytest.mark.parametrize(
    ("data", "content_type", "status"),
    [
        ("{", "application/json", 400),
        ("[1, 2]", "application/json", 400),
        ('"text"', "application/json", 400),
        ("\x00", "application/json", 400),
        ('{"level": "want"', "application/json", 400),
        ("level=want", "application/x-www-form-urlencoded", 415),
        ('{"level": "' + "x" * 200_000 + '"}', "application/json", 422),
        ('{"level": "want", "note": {"a": 1}}', "application/json", 422),
        ('{"level": "want", "note": "\\u0000"}', "application/json", 422),
    ],
)
def test_hostile_bodies_are_problems(
    api_as: Callable[..., Api], build: Builder, data: str, content_type: str, status: int
) -> None:
    person = build.user()
    event = build.event()
    build.participant(event, user=person)
    other = build.participant(event)
    api = api_as(person)
    response = api.put(
        f"/api/v1/events/{event.slug}/marks/{other.id}", data=data, content_type=content_type
    )
    _is_problem(response, status)


def test_too_large_a_body_is_a_413_problem(
    app: Flask, api_as: Callable[..., Api], user: User, build: Builder
) -> None:
    event = build.event(organisers=(user,))
    app.config["MAX_CONTENT_LENGTH"] = 1000
    api = api_as(user)
    response = api.client.post(
        f"/api/v1/organise/events/{event.slug}/participants/import",
        data=b"x" * 5000,
        content_type="text/csv",
        headers={"Authorization": f"Bearer {api.token}"},
    )
    _is_problem(response, 413)


def test_the_rate_limit_counts_per_token(
    app: Flask, api_as: Callable[..., Api], user: User, session: Session
) -> None:
    app.config["API_RATE_LIMIT"] = 3
    first, second = api_as(user), api_as(user)
    for _ in range(3):
        assert first.get("/api/v1/me").status_code == 200
    refused = first.get("/api/v1/me")
    _is_problem(refused, 429)
    assert 1 <= int(refused.headers["Retry-After"]) <= 60
    assert second.get("/api/v1/me").status_code == 200
    stored = session.scalars(select(ApiToken).order_by(ApiToken.id)).all()
    assert [token.window_requests for token in stored] == [4, 1]
    assert stored[0].last_used_at is not None
    app.config["API_RATE_WINDOW_S"] = 0
    assert first.get("/api/v1/me").status_code == 200


@pytest.mark.parametrize("depth", [100_000])
def test_a_deeply_nested_body_is_a_400_problem(
    api_as: Callable[..., Api], user: User, build: Builder, depth: int
) -> None:
    event = build.event(organisers=(user,))
    response = api_as(user).post(
        f"/api/v1/organise/events/{event.slug}/solves",
        data="[" * depth + "]" * depth,
        content_type="application/json",
    )
    _is_problem(response, 400)


def test_problems_and_answers_name_the_language_they_are_in(
    api_as: Callable[..., Api], user: User, client: FlaskClient
) -> None:
    german = {"Accept-Language": "de"}
    for response, status in (
        (api_as(None).get("/api/v1/me", headers=german), 401),
        (api_as(user).get("/api/v1/events/no-such-event", headers=german), 404),
        (client.get("/api/v1/nothing", headers=german), 404),
    ):
        _is_problem(response, status)
        assert set(response.json) == {"type", "title", "status", "detail", "instance"}
        assert response.json["detail"]
        assert response.headers["Content-Language"] == "de"
    answer = api_as(user).get("/api/v1/me", headers=german)
    assert answer.status_code == 200 and answer.json["id"] == user.id
    assert answer.headers["Content-Language"] == "de"
    taiwan = api_as(user).get("/api/v1/me", headers={"Accept-Language": "zh-TW, en;q=0.5"})
    assert taiwan.headers["Content-Language"] == "zh-TW"
    assert api_as(user).get("/api/v1/me").headers["Content-Language"] == "en"
    assert client.get("/api/v1/openapi.json", headers=german).headers["Content-Language"] == "en"
