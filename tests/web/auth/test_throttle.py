"""Login throttling per account and per address, stored in the database."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session
from werkzeug.test import TestResponse

from matchmaker import create_app
from matchmaker.auth import operations
from matchmaker.auth.passwords import verify_password
from matchmaker.auth.throttle import address_key
from matchmaker.db import database, utcnow
from matchmaker.models import LoginAttempt, User
from tests.web.auth.conftest import is_logged_in, log_in
from tests.web.auth.test_signup import count, signup_data

WINDOW_S = 600
PER_ADDRESS = 6
WRONG = "not the password"


@pytest.fixture
def app_config(app_config: dict[str, Any]) -> dict[str, Any]:
    return {
        **app_config,
        "LOGIN_MAX_FAILURES": 3,
        "LOGIN_MAX_FAILURES_PER_ADDRESS": PER_ADDRESS,
        "LOGIN_WINDOW_S": WINDOW_S,
        "SIGNUP_MAX_ATTEMPTS": 3,
        "SIGNUP_WINDOW_S": 3600,
    }


def refused(response: TestResponse) -> bool:
    return response.status_code == 429 and "Too many attempts: try again in" in response.text


def test_an_account_is_locked_after_repeated_failures_from_any_address(
    client: FlaskClient, build: Any
) -> None:
    build.user(email="ana@example.org")
    for number in range(3):
        response = log_in(client, "ana@example.org", WRONG, address=f"10.0.0.{number}")
        assert response.status_code == 200
        assert "Wrong email or password." in response.text
    response = log_in(client, "ana@example.org", address="10.0.0.99")
    assert refused(response)
    assert "Wrong email or password." not in response.text
    assert "try again in 10 minutes" in response.text
    assert not is_logged_in(client)


def test_one_persons_failures_do_not_lock_out_others_at_the_same_address(
    client: FlaskClient, build: Any
) -> None:
    build.user(email="ana@example.org")
    build.user(email="ben@example.org")
    for _ in range(6):
        log_in(client, "ana@example.org", WRONG, address="192.0.2.7")
    assert refused(log_in(client, "ana@example.org", address="192.0.2.7"))
    log_in(client, "ben@example.org", address="192.0.2.7")
    assert is_logged_in(client)


def test_an_address_is_locked_after_many_failures_on_several_accounts(
    client: FlaskClient, build: Any
) -> None:
    build.user(email="ana@example.org")
    for number in range(PER_ADDRESS - 1):
        log_in(client, f"guess{number}@example.org", WRONG, address="192.0.2.7")
    log_in(client, "ana@example.org", address="192.0.2.7")
    assert is_logged_in(client)
    client.post("/logout")
    for number in range(PER_ADDRESS):
        log_in(client, f"guess{number}@example.org", WRONG, address="192.0.2.7")
    assert refused(log_in(client, "ana@example.org", address="192.0.2.7"))
    log_in(client, "ana@example.org", address="192.0.2.8")
    assert is_logged_in(client)


def test_unknown_emails_are_throttled_like_known_ones(client: FlaskClient, build: Any) -> None:
    build.user(email="ana@example.org")
    for email in ("ana@example.org", "nobody@example.org"):
        for _ in range(3):
            log_in(client, email, WRONG, address=f"198.51.100.{len(email)}")
    known = log_in(client, "ana@example.org", WRONG, address="203.0.113.1")
    unknown = log_in(client, "nobody@example.org", WRONG, address="203.0.113.2")
    assert refused(known)
    assert refused(unknown)
    assert known.text.replace("ana@example.org", "X") == unknown.text.replace(
        "nobody@example.org", "X"
    )


def test_a_throttled_attempt_does_not_check_the_password(
    client: FlaskClient, build: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    build.user(email="ana@example.org")
    for _ in range(3):
        log_in(client, "ana@example.org", WRONG)

    def forbidden(*_args: object) -> bool:
        raise AssertionError("password checked while throttled")

    monkeypatch.setattr(operations, "verify_password", forbidden)
    assert refused(log_in(client, "ana@example.org"))


def test_an_unknown_email_costs_a_password_check_too(
    client: FlaskClient, build: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    checked: list[str] = []
    real = verify_password

    def spy(password_hash: str, password: str) -> bool:
        checked.append(password_hash)
        return real(password_hash, password)

    monkeypatch.setattr(operations, "verify_password", spy)
    log_in(client, "nobody@example.org", WRONG)
    assert len(checked) == 1
    assert checked[0].startswith("$argon2id$")


def test_a_successful_login_clears_the_accounts_failures(
    client: FlaskClient, build: Any, session: Session
) -> None:
    build.user(email="ana@example.org")
    log_in(client, "ana@example.org", WRONG)
    log_in(client, "ana@example.org", WRONG)
    log_in(client, "ana@example.org")
    assert is_logged_in(client)
    client.post("/logout")
    log_in(client, "ana@example.org", WRONG)
    log_in(client, "ana@example.org", WRONG)
    log_in(client, "ana@example.org")
    assert is_logged_in(client)
    assert session.query(LoginAttempt).count() == 0


def test_failures_older_than_the_window_do_not_count(
    client: FlaskClient, build: Any, session: Session
) -> None:
    build.user(email="ana@example.org")
    now = utcnow()
    old = now - timedelta(seconds=WINDOW_S + 5)
    recent = now - timedelta(seconds=WINDOW_S - 90)
    session.add_all(
        LoginAttempt(email="ana@example.org", address="10.1.1.1", attempted_at=old)
        for _ in range(5)
    )
    session.commit()
    log_in(client, "ana@example.org")
    assert is_logged_in(client)
    client.post("/logout")
    session.add_all(
        LoginAttempt(email="ana@example.org", address="10.1.1.1", attempted_at=recent)
        for _ in range(3)
    )
    session.commit()
    response = log_in(client, "ana@example.org")
    assert refused(response)
    assert "try again in 2 minutes" in response.text


def test_the_limit_holds_across_two_app_instances(app: Flask, app_config: Any, build: Any) -> None:
    build.user(email="ana@example.org")
    second = create_app(app_config)
    try:
        first_client, second_client = app.test_client(), second.test_client()
        log_in(first_client, "ana@example.org", WRONG, address="10.2.0.1")
        log_in(second_client, "ana@example.org", WRONG, address="10.2.0.2")
        log_in(first_client, "ana@example.org", WRONG, address="10.2.0.3")
        assert refused(log_in(second_client, "ana@example.org", address="10.2.0.4"))
        assert refused(log_in(first_client, "ana@example.org", address="10.2.0.5"))
    finally:
        database(second).engine.dispose()


def test_ipv6_clients_are_throttled_by_their_64_network(client: FlaskClient, build: Any) -> None:
    build.user(email="ana@example.org")
    for host in range(1, PER_ADDRESS + 1):
        log_in(client, f"guess{host}@example.org", WRONG, address=f"2001:db8:1:2::{host}")
    assert refused(log_in(client, "ana@example.org", address="2001:db8:1:2:ffff::9"))
    log_in(client, "ana@example.org", address="2001:db8:1:3::1")
    assert is_logged_in(client)


@pytest.mark.parametrize(
    ("remote_addr", "key"),
    [
        ("192.0.2.7", "192.0.2.7"),
        ("::ffff:192.0.2.7", "192.0.2.7"),
        ("2001:db8:1:2:3:4:5:6", "2001:db8:1:2::/64"),
        (None, ""),
        ("not an address", "not an address"),
    ],
)
def test_address_keys(remote_addr: Any, key: Any) -> None:
    assert address_key(remote_addr) == key


def test_parallel_failed_logins_never_exceed_the_limit(
    app: Flask, build: Any, session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Attempts racing each other must not all pass the check before any failure is stored."""
    build.user(email="ana@example.org")
    checked: list[str] = []
    real = verify_password

    def slow_check(password_hash: str, password: str) -> bool:
        checked.append(password_hash)
        time.sleep(0.2)  # like a costly argon2 check: parallel attempts overlap here
        return real(password_hash, password)

    monkeypatch.setattr(operations, "verify_password", slow_check)
    start = threading.Barrier(10)

    def attempt(number: int) -> int:
        client = app.test_client()
        start.wait()
        return log_in(client, "ana@example.org", WRONG, address=f"10.3.0.{number}").status_code

    with ThreadPoolExecutor(max_workers=10) as pool:
        statuses = sorted(pool.map(attempt, range(10)))
    assert len(checked) == 3
    assert statuses == [200] * 3 + [429] * 7
    assert count(session, LoginAttempt) == 3


def test_sign_ups_are_throttled_per_address(
    client: FlaskClient, build: Any, session: Session
) -> None:
    build.event(slug="hannover")
    build.user(email="taken@example.org")

    def sign_up(email: str, address: str = "192.0.2.50") -> TestResponse:
        return client.post(
            "/e/hannover/signup",
            data=signup_data(email=email, organisation_name=f"Company of {email}"),
            environ_overrides={"REMOTE_ADDR": address},
        )

    for _ in range(2):
        assert "already has an account" in sign_up("taken@example.org").text
    assert sign_up("ana@example.org").status_code == 302
    client.post("/logout")
    refused_probe = sign_up("taken@example.org")
    assert refused_probe.status_code == 429
    assert "Too many sign-ups from your network: try again in 60 minutes." in refused_probe.text
    assert "already has an account" not in refused_probe.text
    assert sign_up("new@example.org").status_code == 429
    assert count(session, User) == 2
    assert sign_up("new@example.org", address="192.0.2.51").status_code == 302
    client.post("/logout")
    log_in(client, "taken@example.org", address="192.0.2.50")
    assert is_logged_in(client)
    assert session.scalars(select(LoginAttempt.email).distinct()).all() == [""]
