"""How a request's session ends: a transaction that only read is committed (so PostgreSQL
keeps the statements prepared on the connection), anything that wrote without committing is
rolled back, as is a request that failed."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from flask import Flask
from sqlalchemy import event, select, update

from matchmaker.db import database, get_session
from matchmaker.models import User
from tests.conftest import Builder


@pytest.fixture
def endings(app: Flask) -> Iterator[list[str]]:
    """How each transaction of the app's engine ended, in order."""
    ended: list[str] = []
    engine = database(app).engine
    event.listen(engine, "commit", lambda _connection: ended.append("commit"))
    event.listen(engine, "rollback", lambda _connection: ended.append("rollback"))
    yield ended


def _name(app: Flask) -> str:
    with app.app_context():
        return get_session().scalars(select(User.name)).one()


def test_a_request_that_only_read_commits(app: Flask, build: Builder, endings: list[str]) -> None:
    build.user(name="Ada")

    @app.get("/read")
    def read() -> str:
        return get_session().scalars(select(User.name)).one()

    assert app.test_client().get("/read").text == "Ada"
    assert endings == ["commit"]


def test_a_change_left_uncommitted_is_rolled_back(
    app: Flask, build: Builder, endings: list[str]
) -> None:
    build.user(name="Ada")

    @app.get("/change")
    def change() -> str:
        get_session().scalars(select(User)).one().name = "Changed"
        return "changed"

    @app.get("/flush")
    def flush() -> str:
        session = get_session()
        session.scalars(select(User)).one().name = "Flushed"
        session.flush()
        return "flushed"

    @app.get("/execute")
    def execute() -> str:
        get_session().execute(update(User).values(name="Executed"))
        return "executed"

    client = app.test_client()
    for path in ("/change", "/flush", "/execute"):
        endings.clear()
        assert client.get(path).status_code == 200
        assert endings == ["rollback"], path
        assert _name(app) == "Ada", path


def test_a_failed_request_is_rolled_back(app: Flask, build: Builder, endings: list[str]) -> None:
    build.user(name="Ada")
    app.testing = False

    @app.get("/fail")
    def fail() -> str:
        get_session().scalars(select(User.name)).one()
        raise RuntimeError("failed after reading")

    assert app.test_client().get("/fail").status_code == 500
    assert endings == ["rollback"]
