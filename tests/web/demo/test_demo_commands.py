"""The `demo` and `events` commands, run through Flask's CLI runner."""

from __future__ import annotations

import re

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from matchmaker.demo import DemoAccounts
from matchmaker.models import Participant, Role, User
from tests.builders import Builder

ACCOUNTS_HEADING = "Demo accounts (passwords shown once)"


def _printed_accounts(output: str) -> dict[str, tuple[str, str]]:
    """email -> (role, password) from the table printed under the accounts heading."""
    table = output.split(ACCOUNTS_HEADING, 1)[1].strip().splitlines()
    assert table[0].split()[:3] == ["ROLE", "EMAIL", "PASSWORD"]
    rows = [line.split() for line in table[1:]]
    return {email: (role, password) for role, email, password, *_rest in rows}


def _count(session: Session, column: InstrumentedAttribute[int]) -> int:
    """Rows of `column`'s table, ending the read at once (SQLite: it holds the write lock)."""
    number = session.scalar(select(func.count(column)))
    session.rollback()
    return number or 0


def _logged_in(client: FlaskClient) -> bool:
    return client.get("/account").status_code == 200


def test_demo_command_loads_and_its_accounts_log_in(
    app: Flask, session: Session, client: FlaskClient
) -> None:
    result = app.test_cli_runner().invoke(args=["demo"])
    assert result.exit_code == 0, result.output
    assert "hannover-messe-2027" in result.output
    accounts = _printed_accounts(result.output)
    roles = sorted(role for role, _password in accounts.values())
    assert roles == ["admin", "organiser", *["participant"] * (5 + 6)]  # 6 delegation leads
    # 150, 42 at the pilot event with outcomes, 32 at the hybrid event
    assert _count(session, Participant.id) == 150 + 42 + 32
    for email, (_role, password) in accounts.items():
        assert re.fullmatch(r"[a-z0-9]{5}(-[a-z0-9]{5}){3}", password)
        assert not _logged_in(client)
        response = client.post("/login", data={"email": email, "password": password})
        assert response.status_code == 302, email
        assert _logged_in(client), email
        client.post("/logout")
    wrong = client.post("/login", data={"email": email, "password": "not-the-password"})
    assert wrong.status_code == 200
    assert not _logged_in(client)


def test_demo_refuses_a_database_with_missions(
    app: Flask, session: Session, build: Builder
) -> None:
    build.event(slug="existing")
    result = app.test_cli_runner().invoke(args=["demo"])
    assert result.exit_code == 1
    assert "already holds missions" in result.output
    assert _count(session, User.id) == 0

    result = app.test_cli_runner().invoke(args=["demo", "--if-empty"])
    assert result.exit_code == 0
    assert "not loaded" in result.output
    assert _count(session, User.id) == 0


def test_demo_refuses_when_a_demo_email_is_taken(
    app: Flask, session: Session, build: Builder
) -> None:
    build.user(role=Role.ADMIN, email="admin@demo.matchmaker.example")
    result = app.test_cli_runner().invoke(args=["demo"])
    assert result.exit_code == 1
    assert "already taken" in result.output
    assert _count(session, Participant.id) == 0


def test_events_on_an_empty_database(app: Flask) -> None:
    result = app.test_cli_runner().invoke(args=["events"])
    assert result.exit_code == 0
    assert result.output.strip() == "No missions yet."


def test_events_lists_both_demo_events_in_aligned_columns(app: Flask, demo: DemoAccounts) -> None:
    result = app.test_cli_runner().invoke(args=["events"])
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert (
        "EU–US Cluster Partnership at Hannover Messe (eu-us-hannover-messe-2027, target market USA)"
        in lines
    )
    assert (
        "EU–Taiwan Cluster Mission to Computex (eu-taiwan-computex-2027, target market Taiwan)"
        in lines
    )
    rows = {line.split()[0]: line for line in lines if line.startswith("  ") and "-20" in line}
    hannover, computex = rows["hannover-messe-2027"], rows["computex-2027"]
    assert "2027-04-19 to 2027-04-20" in hannover
    assert "Europe/Berlin" in hannover
    assert "preferences" in hannover
    assert "Asia/Taipei" in computex
    assert "registration" in computex
    assert hannover.split()[-2:] == ["120", "0"]
    assert computex.split()[-2:] == ["30", "0"]
    headers = [line for line in lines if line.strip().startswith("SLUG")]
    assert len(headers) == 2
    assert headers[0] == headers[1]
    column = headers[0].index("TIME ZONE")
    assert hannover.index("Europe/Berlin") == computex.index("Asia/Taipei") == column
    assert len(hannover) == len(computex) == len(headers[0])
