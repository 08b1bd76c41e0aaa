"""API fixtures: tokens for users, and a client that sends one and checks every answer
against the OpenAPI document."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from flask.testing import FlaskClient
from sqlalchemy.orm import Session
from werkzeug.test import TestResponse

from matchmaker.api.tokens import create_token
from matchmaker.models import TokenScope, User
from tests.web.api.contract import check_answer

MakeToken = Callable[..., str]


@pytest.fixture
def make_token(session: Session) -> MakeToken:
    """`make_token(user, scope=TokenScope.READ_WRITE)`: a new token of the user, in clear."""

    def make(user: User, scope: TokenScope = TokenScope.READ_WRITE) -> str:
        token = create_token(session, user, "tests", scope)
        session.commit()
        return token

    return make


class Api:
    """The Flask test client with a bearer token; every answer is checked against the
    OpenAPI document (documented status, media type and body schema)."""

    def __init__(self, client: FlaskClient, token: str | None) -> None:
        self.client = client
        self.token = token

    def call(self, method: str, url: str, **options: Any) -> TestResponse:
        headers = dict(options.pop("headers", {}))
        if self.token is not None:
            headers.setdefault("Authorization", f"Bearer {self.token}")
        response = self.client.open(url, method=method, headers=headers, **options)
        check_answer(method, url, response.status_code, response.mimetype, response.data)
        return response

    def get(self, url: str, **options: Any) -> TestResponse:
        return self.call("GET", url, **options)

    def post(self, url: str, **options: Any) -> TestResponse:
        return self.call("POST", url, **options)

    def put(self, url: str, **options: Any) -> TestResponse:
        return self.call("PUT", url, **options)

    def delete(self, url: str, **options: Any) -> TestResponse:
        return self.call("DELETE", url, **options)


@pytest.fixture
def api_as(client: FlaskClient, make_token: MakeToken) -> Callable[..., Api]:
    """`api_as(user, scope=…)`: an `Api` client acting with a new token of `user`
    (`api_as(None)`: no token)."""

    def acting(user: User | None, scope: TokenScope = TokenScope.READ_WRITE) -> Api:
        return Api(client, None if user is None else make_token(user, scope))

    return acting
