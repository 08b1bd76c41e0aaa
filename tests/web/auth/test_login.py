"""Login and logout: fresh sessions, generic failures, safe redirects, logout everywhere."""

from __future__ import annotations

from typing import Any

import pytest
from argon2 import PasswordHasher, extract_parameters
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy.orm import Session

from matchmaker.auth import passwords
from matchmaker.db import utcnow
from matchmaker.models import Role, User
from tests.builders import TEST_PASSWORD
from tests.web.auth.conftest import is_logged_in, log_in


def session_cookie(client: FlaskClient) -> str:
    """The value of the client's session cookie (it must have one)."""
    cookie = client.get_cookie("session")
    assert cookie is not None
    return cookie.value


def test_login_with_the_right_password_logs_in_and_records_the_time(
    client: FlaskClient, build: Any, session: Session
) -> None:
    user = build.user(email="ana@example.org")
    response = log_in(client, "ana@example.org")
    assert response.status_code == 302
    assert response.headers["Location"] == "/"
    assert is_logged_in(client)
    session.expire_all()
    assert session.get_one(User, user.id).last_login_at is not None


@pytest.mark.parametrize("role", [Role.ORGANISER, Role.ADMIN])
def test_organisers_land_on_their_dashboard(client: FlaskClient, build: Any, role: Any) -> None:
    build.user(email="org@example.org", role=role)
    assert log_in(client, "org@example.org").headers["Location"] == "/organise/"
    assert client.get("/login").headers["Location"] == "/organise/"
    client.post("/logout")
    response = log_in(client, "org@example.org", next_url="/e/some-event")
    assert response.headers["Location"] == "/e/some-event"


def test_login_ignores_the_case_of_the_email(client: FlaskClient, build: Any) -> None:
    build.user(email="ana@example.org")
    log_in(client, "  Ana@Example.ORG ")
    assert is_logged_in(client)


def _error_of(body: str) -> str:
    start = body.index('class="alert alert--error"')
    return body[start : body.index("</div>", start)]


def test_wrong_password_and_unknown_email_get_the_same_answer(
    client: FlaskClient, build: Any
) -> None:
    build.user(email="ana@example.org")
    wrong_password = log_in(client, "ana@example.org", "not the password")
    unknown_email = log_in(client, "nobody@example.org", "not the password")
    assert wrong_password.status_code == unknown_email.status_code == 200
    assert _error_of(wrong_password.text) == _error_of(unknown_email.text)
    assert "Wrong email or password." in wrong_password.text
    assert not is_logged_in(client)


def test_a_deactivated_account_cannot_log_in(client: FlaskClient, build: Any) -> None:
    build.user(email="gone@example.org", active=False)
    response = log_in(client, "gone@example.org")
    assert "Wrong email or password." in response.text
    assert not is_logged_in(client)


def test_login_starts_a_fresh_session(client: FlaskClient, build: Any) -> None:
    build.user(email="ana@example.org")
    client.get("/login")
    with client.session_transaction() as before:
        before["planted"] = "by an attacker"
    cookie_before = session_cookie(client)
    log_in(client, "ana@example.org")
    with client.session_transaction() as after:
        assert "planted" not in after
        assert "_user_id" in after
    assert session_cookie(client) != cookie_before


def test_logout_ends_the_session_and_needs_a_post(client: FlaskClient, build: Any) -> None:
    build.user(email="ana@example.org")
    log_in(client, "ana@example.org")
    assert client.get("/logout").status_code == 405
    assert is_logged_in(client)
    response = client.post("/logout")
    assert response.status_code == 302
    assert not is_logged_in(client)


def test_logout_everywhere_invalidates_every_session_cookie(
    app: Flask, build: Any, session: Session
) -> None:
    user = build.user(email="ana@example.org")
    phone, laptop = app.test_client(), app.test_client()
    log_in(phone, "ana@example.org")
    log_in(laptop, "ana@example.org")
    stolen_cookie = session_cookie(phone)
    assert phone.post("/account/logout-everywhere").status_code == 302
    assert not is_logged_in(phone)
    assert not is_logged_in(laptop)
    replay = app.test_client()
    replay.set_cookie("session", stolen_cookie)
    assert not is_logged_in(replay)
    token = user.session_token
    session.expire_all()
    assert session.get_one(User, user.id).session_token != token


@pytest.mark.parametrize(
    "session_id", ["{id}:guessed-token", "{id}", "{id}:", "²:{token}", "x:{token}", ":{token}"]
)
def test_a_tampered_session_id_does_not_authenticate(
    app: Flask, build: Any, session_id: Any
) -> None:
    user = build.user(email="ana@example.org")
    client = app.test_client()
    log_in(client, "ana@example.org")
    with client.session_transaction() as forged:
        forged["_user_id"] = session_id.format(id=user.id, token=user.session_token)
    assert not is_logged_in(client)
    with client.session_transaction() as genuine:
        genuine["_user_id"] = user.get_id()
    assert is_logged_in(client)


def test_a_session_id_without_an_open_login_does_not_authenticate(app: Flask, build: Any) -> None:
    user = build.user(email="ana@example.org")
    client = app.test_client()
    with client.session_transaction() as forged:
        forged["_user_id"] = user.get_id()
        forged["login"] = "made-up"
    assert not is_logged_in(client)


def test_logout_refuses_a_copy_of_its_cookie_but_keeps_other_devices(
    app: Flask, build: Any
) -> None:
    build.user(email="ana@example.org")
    phone, laptop = app.test_client(), app.test_client()
    log_in(phone, "ana@example.org")
    log_in(laptop, "ana@example.org")
    copied_cookie = session_cookie(phone)
    assert phone.post("/logout").status_code == 302
    replay = app.test_client()
    replay.set_cookie("session", copied_cookie)
    assert not is_logged_in(replay)
    assert not is_logged_in(phone)
    assert is_logged_in(laptop)


def test_deactivating_an_account_ends_its_sessions(
    client: FlaskClient, build: Any, session: Session
) -> None:
    user = build.user(email="ana@example.org")
    log_in(client, "ana@example.org")
    session.get_one(User, user.id).active = False
    session.commit()
    assert not is_logged_in(client)


def test_pages_that_need_a_login_send_back_after_it(client: FlaskClient, build: Any) -> None:
    build.user(email="ana@example.org")
    response = client.get("/account/password")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login?next=")
    response = log_in(client, "ana@example.org", next_url="/account/password")
    assert response.headers["Location"] == "/account/password"


@pytest.mark.parametrize(
    "target",
    [
        "https://evil.example/",
        "//evil.example/path",
        "/\\evil.example",
        "javascript:alert(1)",
        "/\t/evil.example",
        "evil.example",
        "",
    ],
)
def test_login_never_redirects_off_site(client: FlaskClient, build: Any, target: Any) -> None:
    build.user(email="ana@example.org")
    response = log_in(client, "ana@example.org", next_url=target)
    assert response.status_code == 302
    assert response.headers["Location"] == "/"


def test_the_login_page_redirects_someone_already_logged_in(
    client: FlaskClient, build: Any
) -> None:
    build.user(email="ana@example.org")
    log_in(client, "ana@example.org")
    response = client.get("/login?next=/account")
    assert response.headers["Location"] == "/account"


def test_the_account_page_lists_the_users_active_events(
    client: FlaskClient, build: Any, session: Session
) -> None:
    user = build.user(email="ana@example.org")
    build.participant(build.event(name="Hannover B2B"), user=user)
    build.participant(build.event(name="Old B2B"), user=user, withdrawn_at=utcnow())
    build.participant(build.event(name="Someone else's B2B"))
    log_in(client, "ana@example.org")
    page = client.get("/account").text
    assert "Hannover B2B" in page
    assert "Old B2B" not in page
    assert "Someone else&#39;s B2B" not in page


def test_a_login_rehashes_a_password_stored_with_other_parameters(
    client: FlaskClient, build: Any, session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    current = PasswordHasher(time_cost=2, memory_cost=2048, parallelism=1)
    monkeypatch.setattr(passwords, "_hasher", current)
    user = build.user(email="ana@example.org")
    cheap = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1).hash(TEST_PASSWORD)
    user.password_hash = cheap
    session.commit()
    assert passwords.needs_rehash(cheap)
    log_in(client, "ana@example.org", "not the password")
    session.expire_all()
    assert session.get_one(User, user.id).password_hash == cheap
    session.commit()
    log_in(client, "ana@example.org")
    assert is_logged_in(client)
    session.expire_all()
    rehashed = session.get_one(User, user.id).password_hash
    assert rehashed != cheap
    assert extract_parameters(rehashed) == extract_parameters(current.hash("x"))
    assert not passwords.needs_rehash(rehashed)
    assert passwords.verify_password(rehashed, TEST_PASSWORD)
