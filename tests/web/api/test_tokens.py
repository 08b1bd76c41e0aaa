"""Personal access tokens on the account page: made, shown once, stored hashed, revoked."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from matchmaker.models import ApiToken, TokenScope, User
from tests.builders import Builder


def _made_token(page: str) -> str:
    found = re.search(r'id="new-api-token"[^>]*>([^<]+)<', page)
    assert found, page
    return found.group(1)


def test_a_token_is_made_shown_once_stored_hashed_and_revoked(
    client: FlaskClient, build: Builder, session: Session, log_in: Callable[[User], None]
) -> None:
    user = build.user()
    log_in(user)
    made = client.post("/account/tokens", data={"name": "CRM sync", "scope": "read"})
    assert made.status_code == 201
    token = _made_token(made.get_data(as_text=True))
    assert token.startswith("mm_") and len(token) > 40
    stored = session.scalars(select(ApiToken)).one()
    assert stored.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in (stored.hint, stored.name) and stored.scope is TokenScope.READ
    account = client.get("/account").get_data(as_text=True)
    assert "CRM sync" in account and token not in account and stored.hint in account
    assert "new-api-token" not in account
    api_headers = {"Authorization": f"Bearer {token}"}
    assert client.get("/api/v1/me", headers=api_headers).status_code == 200
    revoked = client.post(f"/account/tokens/{stored.id}/revoke")
    assert revoked.status_code == 302
    session.commit()
    assert session.scalars(select(ApiToken)).first() is None
    assert client.get("/api/v1/me", headers=api_headers).status_code == 401


def test_bad_token_forms_and_other_peoples_tokens(
    client: FlaskClient,
    build: Builder,
    session: Session,
    log_in: Callable[[User], None],
    app: Flask,
) -> None:
    owner, other = build.user(), build.user()
    log_in(owner)
    assert client.post("/account/tokens", data={"name": "", "scope": "read"}).status_code == 400
    bad_scope = client.post("/account/tokens", data={"name": "x", "scope": "admin"})
    assert bad_scope.status_code == 400
    client.post("/account/tokens", data={"name": "mine", "scope": "read-write"})
    mine = session.scalars(select(ApiToken)).one()
    assert mine.scope is TokenScope.READ_WRITE
    client.get("/logout")
    log_in(other)
    assert client.post(f"/account/tokens/{mine.id}/revoke").status_code == 404
    session.commit()
    assert session.scalars(select(ApiToken)).one().id == mine.id
    app.config["WTF_CSRF_ENABLED"] = True
    assert client.post("/account/tokens", data={"name": "x", "scope": "read"}).status_code == 400


def test_the_account_page_on_a_phone_lists_the_token_form(
    client: FlaskClient, build: Builder, log_in: Callable[[User], None]
) -> None:
    log_in(build.user())
    page = client.get("/account").get_data(as_text=True)
    assert 'action="/account/tokens"' in page and "/api/v1/openapi.json" in page
