"""Shared fixtures: an app on a clean database (SQLite, or `TEST_DATABASE_URL`), the
`build` fixture (a `tests.builders.Builder`) and logging in.

The schema is created once per test session; after each test every table is emptied, so
tests see an empty database whatever they committed.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from matchmaker import create_app
from matchmaker.catalogues import compile_all
from matchmaker.db import Base, database, make_engine
from matchmaker.models import User
from tests.builders import TEST_PASSWORD, Builder, empty_all_tables


def pytest_sessionstart(session: pytest.Session) -> None:
    """Compile the translation catalogues the app reads (``make run`` does the same)."""
    compile_all()


TEST_DATABASE_URL = os.environ.get("TEST_DATABASE_URL")


@pytest.fixture(autouse=True)
def _push_request_context() -> Iterator[None]:
    """Override pytest-flask's fixture: one request context per test leaks `g` (see DESIGN)."""
    yield


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    if TEST_DATABASE_URL:
        return TEST_DATABASE_URL
    return f"sqlite:///{tmp_path_factory.mktemp('database') / 'test.sqlite3'}"


@pytest.fixture(scope="session")
def schema_engine(database_url: str) -> Iterator[Engine]:
    engine = make_engine(database_url)
    Base.metadata.drop_all(engine)
    Base.metadata.create_all(engine)
    yield engine
    Base.metadata.drop_all(engine)
    engine.dispose()


@pytest.fixture
def app_config(database_url: str) -> dict[str, Any]:
    """The configuration the `app` fixture uses; override it in a module to change it."""
    return {
        "TESTING": True,
        "DATABASE_URL": database_url,
        "SECRET_KEY": "test-secret",
        "WTF_CSRF_ENABLED": False,
        "HUEY_IMMEDIATE": True,
        "HUEY_CONSUMER_IN_PROCESS": False,
        "SOLVER_TIME_LIMIT_S": 5.0,
    }


@pytest.fixture
def app(
    schema_engine: Engine,
    app_config: dict[str, Any],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> Iterator[Flask]:
    monkeypatch.setenv("MATCHMAKER_INSTANCE_PATH", str(tmp_path / "instance"))
    application = create_app(app_config)
    yield application
    database(application).engine.dispose()
    empty_all_tables(schema_engine)


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    """A test client that keeps no context between requests.

    pytest-flask's own `client` runs inside `with app.test_client()`, which keeps the last
    request's app context pushed, so a second client's request would reuse its `g` (the
    cached user, the database session) and appear logged in.
    """
    return app.test_client()


@pytest.fixture
def session(app: Flask) -> Iterator[Session]:
    """A database session outside any request, for arranging and checking data.

    Its SQLite transactions begin deferred, so a test that reads through it does not hold
    the write lock that the next request of the app under test needs.
    """
    engine = make_engine(app.config["DATABASE_URL"], immediate_transactions=False)
    db_session = Session(engine, expire_on_commit=False)
    yield db_session
    db_session.close()
    engine.dispose()


@pytest.fixture
def build(session: Session) -> Builder:
    return Builder(session)


@pytest.fixture
def log_in(client: FlaskClient) -> Callable[[User], None]:
    """`log_in(user)` logs the test client in through the real login form."""

    def log_in_user(user: User) -> None:
        response = client.post("/login", data={"email": user.email, "password": TEST_PASSWORD})
        assert response.status_code == 302, response.get_data(as_text=True)

    return log_in_user


@pytest.fixture(autouse=True)
def _cheap_password_hashing(monkeypatch: pytest.MonkeyPatch) -> None:
    """Passwords hashed during tests use cheap argon2 parameters (seconds add up)."""
    from argon2 import PasswordHasher

    from matchmaker.auth import passwords

    monkeypatch.setattr(
        passwords, "_hasher", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    )
