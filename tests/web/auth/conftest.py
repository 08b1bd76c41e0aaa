"""Helpers for account tests: log in through the form like a browser does."""

from __future__ import annotations

from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from tests.builders import TEST_PASSWORD


def log_in(
    client: FlaskClient,
    email: str,
    password: str = TEST_PASSWORD,
    next_url: str | None = None,
    address: str = "127.0.0.1",
) -> TestResponse:
    """POST the login form from `address` (optionally with a `next` page)."""
    query = {"next": next_url} if next_url is not None else {}
    return client.post(
        "/login",
        query_string=query,
        data={"email": email, "password": password},
        environ_overrides={"REMOTE_ADDR": address},
    )


def is_logged_in(client: FlaskClient) -> bool:
    """Whether the client's session authenticates (the account page needs a login)."""
    return client.get("/account").status_code == 200
