"""Fixtures for the public pages: logging in, and stand-ins for other areas' pages."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from flask import Flask
from flask.testing import FlaskClient

from matchmaker.models import User
from tests.builders import TEST_PASSWORD

LINKED_ENDPOINTS = (
    ("participants.profile", "/events/<slug>/profile"),
    ("participants.availability", "/events/<slug>/availability"),
    ("participants.catalogue", "/events/<slug>/catalogue"),
    ("participants.agenda", "/events/<slug>/agenda"),
    ("organiser.event", "/organise/events/<slug>"),
    ("organiser.dashboard", "/organise/"),
)


@pytest.fixture
def log_in(client: FlaskClient) -> Callable[[User], None]:
    """Log a built user in through the login form."""

    def log_in_user(user: User) -> None:
        response = client.post("/login", data={"email": user.email, "password": TEST_PASSWORD})
        assert response.status_code == 302, response.text

    return log_in_user


@pytest.fixture
def linked_endpoints(app: Flask) -> dict[str, str]:
    """Every page the event page links to, with a stand-in for those another area has not built.

    Returns endpoint -> URL rule, so tests know which URL to expect for each link.
    """
    rules = {}
    for endpoint, rule in LINKED_ENDPOINTS:
        if endpoint not in app.view_functions:
            app.add_url_rule(f"/stand-in{rule}", endpoint=endpoint, view_func=lambda **_: "")
        rules[endpoint] = next(r.rule for r in app.url_map.iter_rules(endpoint))
    return rules
