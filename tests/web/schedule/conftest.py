"""Fixtures of the schedule area: an organiser, a small event with people and wishes."""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

import pytest
from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from matchmaker.models import (
    Event,
    Meeting,
    MeetingStatus,
    Organisation,
    Participant,
    Preference,
    PreferenceLevel,
    Role,
    ScheduleRun,
    User,
)
from tests.builders import Builder

TEST_PASSWORD = "correct horse battery staple"
T = TypeVar("T")
SOLVE_SECONDS = 2

Prefer = Callable[[Participant, Participant, PreferenceLevel], Preference]
Login = Callable[[User], None]
Confirmed = Callable[[Event], list[Meeting]]


@dataclass
class SmallEvent:
    """An organised event with six people of six organisations and their wishes."""

    event: Event
    organiser: User
    people: list[Participant]


@pytest.fixture
def app_config(app_config: dict[str, Any]) -> dict[str, Any]:
    """Tiny events: a short solver time limit is plenty."""
    return {**app_config, "SOLVER_TIME_LIMIT_S": SOLVE_SECONDS}


@pytest.fixture
def prefer(build: Builder) -> Prefer:
    """Record that `source` marked `target` at `level`."""
    return build.preference


@pytest.fixture
def confirmed(session: Session) -> Confirmed:
    """The event's confirmed meetings, fresh from the database."""

    def load(event: Event) -> list[Meeting]:
        meetings = list(
            session.scalars(
                select(Meeting)
                .where(Meeting.event_id == event.id, Meeting.status == MeetingStatus.CONFIRMED)
                .options(selectinload(Meeting.seats))
                .order_by(Meeting.id)
                .execution_options(populate_existing=True)
            )
        )
        session.commit()  # end the read: SQLite transactions hold the write lock
        return meetings

    return load


@pytest.fixture
def reload(session: Session) -> Callable[[T], T]:
    """The object with its columns read again, ending the read transaction."""

    def load(row: T) -> T:
        session.refresh(row)
        session.commit()  # SQLite transactions hold the write lock
        return row

    return load


@pytest.fixture
def seat(build: Builder) -> Callable[[Event, Participant, Participant, int, int], Meeting]:
    """Confirm a meeting of two people in the event's slot and table of these indexes."""

    def place(event: Event, a: Participant, b: Participant, slot: int, table: int) -> Meeting:
        return build.meeting(a, b, event.slots[slot], table=event.tables[table])

    return place


@pytest.fixture
def organiser(build: Any) -> User:
    user: User = build.user(role=Role.ORGANISER, email="organiser@example.org")
    return user


@pytest.fixture
def small_event(build: Any, prefer: Prefer, organiser: User) -> SmallEvent:
    """Six people of six organisations; each of the first three wants each of the others."""
    event = build.event(organisers=(organiser,), tables=3, default_max_meetings=3)
    countries = ["DE", "FR", "ES", "MX", "KR", "IT"]
    people = [
        build.participant(
            event,
            organisation=Organisation(
                name=f"Org {index}",
                country=country,
                sectors=["Energy" if index % 2 else "Health"],
                technologies=[],
            ),
        )
        for index, country in enumerate(countries)
    ]
    for source in people[:3]:
        for target in people[3:]:
            prefer(source, target, PreferenceLevel.WANT)
    return SmallEvent(event, organiser, people)


@pytest.fixture
def logged_in(client: FlaskClient, small_event: SmallEvent, log_in: Login) -> FlaskClient:
    """The test client, logged in as the small event's organiser."""
    log_in(small_event.organiser)
    return client


def runs_of(session: Session, event: Any) -> list[ScheduleRun]:
    """The event's runs, fresh, in creation order (ends the read transaction)."""
    runs = list(
        session.scalars(
            select(ScheduleRun)
            .where(ScheduleRun.event_id == event.id)
            .order_by(ScheduleRun.id)
            .execution_options(populate_existing=True)
        )
    )
    session.commit()
    return runs


def at(event: Event, slot: int) -> str:
    """ "Mon 20 Apr at 16:30": the event's slot of this index, as messages say it."""
    start = event.slots[slot].local_start(event.zone)
    return f"{start:%a %d %b} at {start:%H:%M}"


def page_text(response: Any) -> str:
    """The response's HTML with entities decoded, to find messages with names in it."""
    return html.unescape(response.get_data(as_text=True))


def meeting_url(event: Event, meeting: Meeting, action: str = "") -> str:
    """The organiser's page of a meeting, or one of its actions (move, swap, cancel …)."""
    base = f"/organise/events/{event.slug}/schedule/meetings/{meeting.id}"
    return f"{base}/{action}" if action else base
