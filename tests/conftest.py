"""Shared fixtures: an app on a clean database (SQLite, or `TEST_DATABASE_URL`), and builders.

The schema is created once per test session; after each test every table is emptied, so
tests see an empty database whatever they committed.
"""

from __future__ import annotations

import functools
import itertools
import os
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import Engine, delete
from sqlalchemy.orm import Session

from matchmaker import create_app
from matchmaker.auth.emails import normalise_email
from matchmaker.db import Base, database, make_engine
from matchmaker.models import (
    Block,
    Event,
    Meeting,
    MeetingTable,
    Mission,
    Organisation,
    Participant,
    Phase,
    Preference,
    PreferenceLevel,
    Role,
    TimeSlot,
    User,
    place_meeting,
)

TEST_DATABASE_URL = os.environ.get("TEST_DATABASE_URL")
TEST_PASSWORD = "correct horse battery staple"


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


def empty_all_tables(engine: Engine) -> None:
    """Delete every row, children first."""
    with engine.begin() as connection:
        for table in reversed(Base.metadata.sorted_tables):
            connection.execute(delete(table))


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


@functools.cache
def hash_of_test_password() -> str:
    """An argon2 hash of TEST_PASSWORD with cheap parameters, computed once per run.

    argon2 stores its parameters in the hash, so the app verifies it the usual way.
    """
    from argon2 import PasswordHasher

    return PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1).hash(TEST_PASSWORD)


class Builder:
    """Creates realistic domain objects with sensible defaults; each call commits."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self._numbers = itertools.count(1)

    def _save(self, *objects: Any) -> None:
        self.session.add_all(objects)
        self.session.commit()

    def user(self, role: Role = Role.PARTICIPANT, email: str | None = None, **fields: Any) -> User:
        number = next(self._numbers)
        user = User(
            email=normalise_email(email or f"user{number}@example.org"),
            password_hash=hash_of_test_password(),
            name=fields.pop("name", f"User {number}"),
            role=role,
            **fields,
        )
        self._save(user)
        return user

    def event(
        self,
        *,
        days: int = 1,
        blocks: tuple[tuple[time, time], ...] = ((time(9), time(11)),),
        tables: int = 3,
        timezone: str = "Europe/Berlin",
        first_day: date = date(2026, 4, 20),
        phase: Phase = Phase.REGISTRATION,
        organisers: tuple[User, ...] = (),
        **fields: Any,
    ) -> Event:
        """An event with blocks on consecutive days, their slots and numbered tables."""
        number = next(self._numbers)
        mission = Mission(slug=f"mission-{number}", name=f"Mission {number}")
        mission.organisers.extend(organisers)
        event = Event(
            mission=mission,
            slug=fields.pop("slug", f"event-{number}"),
            name=fields.pop("name", f"Event {number}"),
            timezone=timezone,
            phase=phase,
            **fields,
        )
        zone = ZoneInfo(timezone)
        for day_index in range(days):
            day = first_day + timedelta(days=day_index)
            for start, end in blocks:
                block = Block(event=event, day=day, start_time=start, end_time=end)
                moment = datetime.combine(day, start, zone)
                finish = datetime.combine(day, end, zone)
                step = timedelta(minutes=event.slot_minutes or 30)
                while moment + step <= finish:
                    TimeSlot(
                        event=event,
                        block=block,
                        starts_at=moment.astimezone(UTC),
                        ends_at=(moment + step).astimezone(UTC),
                    )
                    moment += step
        for index in range(tables):
            MeetingTable(event=event, name=f"T{index + 1}", position=index)
        self._save(mission, event)
        return event

    def participant(
        self,
        event: Event,
        *,
        user: User | None = None,
        organisation: Organisation | None = None,
        **fields: Any,
    ) -> Participant:
        number = next(self._numbers)
        organisation = organisation or Organisation(
            name=f"Organisation {number}", country="DE", sectors=[], technologies=[]
        )
        participant = Participant(
            event=event,
            user=user,
            organisation=organisation,
            first_name=fields.pop("first_name", f"First{number}"),
            last_name=fields.pop("last_name", f"Last{number}"),
            email=fields.pop("email", user.email if user else f"person{number}@example.org"),
            **fields,
        )
        self._save(participant)
        return participant

    def preference(
        self, source: Participant, target: Participant, level: PreferenceLevel
    ) -> Preference:
        """Record that `source` marked `target` at `level`."""
        preference = Preference(
            event_id=source.event_id,
            from_participant_id=source.id,
            to_participant_id=target.id,
            level=level,
        )
        self._save(preference)
        return preference

    def meeting(
        self,
        one: Participant,
        other: Participant,
        slot: TimeSlot,
        *,
        table: MeetingTable | None = None,
        location: str | None = None,
    ) -> Meeting:
        """A confirmed meeting of two participants, placed with `place_meeting` (seats kept)."""
        low, high = sorted((one.id, other.id))
        meeting = Meeting(event_id=one.event_id, participant_a_id=low, participant_b_id=high)
        place_meeting(
            self.session,
            meeting,
            slot_id=slot.id,
            table_id=table.id if table is not None else None,
            location=location,
        )
        self.session.commit()
        return meeting


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
