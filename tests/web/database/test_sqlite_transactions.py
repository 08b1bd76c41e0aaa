"""SQLite: read-only requests take no write lock; a GET that writes still writes."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import Engine, event, select, text, update
from sqlalchemy.exc import OperationalError

from matchmaker.db import get_session, make_engine
from matchmaker.models import User
from tests.conftest import TEST_DATABASE_URL, Builder

pytestmark = pytest.mark.skipif(
    bool(TEST_DATABASE_URL), reason="SQLite's locking (PostgreSQL has row locks)"
)


@pytest.fixture
def writer(app: Flask) -> Iterator[Engine]:
    """Another process's connection that never waits for the write lock."""
    engine = make_engine(app.config["DATABASE_URL"])

    @event.listens_for(engine, "connect")
    def _no_waiting(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.execute("PRAGMA busy_timeout=0")

    yield engine
    engine.dispose()


def _write_at_once(writer: Engine, name: str) -> None:
    """Rename every user in a transaction of its own, failing if the lock is taken."""
    with writer.connect() as connection:
        connection.execute(update(User).values(name=name))
        connection.commit()


def test_a_get_reading_does_not_block_a_writer(app: Flask, build: Builder, writer: Engine) -> None:
    build.user(name="Before")
    with app.test_request_context("/", method="GET"):
        session = get_session()
        assert session.scalars(select(User.name)).one() == "Before"
        _write_at_once(writer, "Written meanwhile")
        assert session.scalars(select(User.name)).one() == "Before", "one snapshot per request"


def test_a_post_takes_the_write_lock_when_it_begins(
    app: Flask, build: Builder, writer: Engine
) -> None:
    build.user(name="Before")
    with app.test_request_context("/", method="POST"):
        get_session().scalars(select(User.name)).one()
        with pytest.raises(OperationalError, match="database is locked"):
            _write_at_once(writer, "Blocked")


def test_a_get_that_writes_after_someone_else_wrote_still_writes(
    app: Flask, build: Builder, writer: Engine
) -> None:
    build.user(name="Before")
    with app.test_request_context("/", method="GET"):
        session = get_session()
        user = session.scalars(select(User)).one()
        _write_at_once(writer, "Written meanwhile")
        user.name = "Seen by the GET"
        session.commit()
        session.execute(update(User).values(email="get@example.org"))
        session.commit()
    check = sqlite3.connect(app.config["DATABASE_URL"].removeprefix("sqlite:///"))
    assert check.execute("SELECT name, email FROM users").fetchall() == [
        ("Seen by the GET", "get@example.org")
    ]
    check.close()


def test_a_get_that_writes_holds_the_lock_until_it_commits(
    app: Flask, build: Builder, writer: Engine
) -> None:
    build.user(name="Before")
    with app.test_request_context("/", method="GET"):
        session = get_session()
        session.scalars(select(User)).one().name = "Changed"
        session.flush()
        with pytest.raises(OperationalError, match="database is locked"):
            _write_at_once(writer, "Blocked")
        session.commit()
        assert session.scalar(text("SELECT name FROM users")) == "Changed"
