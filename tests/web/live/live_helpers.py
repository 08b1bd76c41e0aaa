"""Helpers for the event-day tests (web and browser): a settable clock and a live event.

The live event is published and runs on Monday 20 April 2026 in Berlin, 09:00–11:00 in four
30-minute slots at three tables. Six people of six organisations, each with an account:
- Ana (0) meets Ben (1) at 09:00 and Cleo (2) at 09:30; Ana will not come;
- Ben wants Dan (3); Cleo wants Eva (4); Dan meets Eva at 10:00;
- Finn (5) meets Ben at 10:30.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from matchmaker.models import (
    Event,
    Meeting,
    Organisation,
    Participant,
    Phase,
    PreferenceLevel,
    Role,
    User,
)
from tests.builders import Builder

BERLIN = ZoneInfo("Europe/Berlin")
EVENT_DAY = date(2026, 4, 20)
NAMES = ("Ana", "Ben", "Cleo", "Dan", "Eva", "Finn")


def berlin(hour: int, minute: int = 0) -> datetime:
    """A moment of the event day, Berlin wall time, as aware UTC."""
    return datetime.combine(EVENT_DAY, time(hour, minute), BERLIN).astimezone(UTC)


@dataclass
class Clock:
    """The app's clock in tests: call it for "now", set `at` to move time."""

    at: datetime = field(default_factory=lambda: berlin(8, 30))

    def __call__(self) -> datetime:
        return self.at


@dataclass
class LiveEvent:
    """The published event of the module docstring, its organiser and people."""

    event: Event
    organiser: User
    people: list[Participant]
    meetings: dict[str, Meeting]

    def person(self, name: str) -> Participant:
        return self.people[NAMES.index(name)]


def build_live_event(build: Builder, session: Session) -> LiveEvent:
    """Create the live event of the module docstring."""
    organiser = build.user(role=Role.ORGANISER, email="organiser@example.org", name="Olga")
    event = build.event(
        organisers=(organiser,),
        tables=3,
        phase=Phase.PUBLISHED,
        first_day=EVENT_DAY,
        blocks=((time(9), time(11)),),
        published_at=berlin(7),
        venue="Hall 8",
    )
    people = []
    for name in NAMES:
        user = build.user(email=f"{name.lower()}@example.org", name=name)
        people.append(
            build.participant(
                event,
                user=user,
                first_name=name,
                last_name="Tester",
                organisation=Organisation(
                    name=f"{name} GmbH", country="DE", sectors=[], technologies=[]
                ),
            )
        )
    ana, ben, cleo, dan, eva, finn = people
    build.preference(ben, dan, PreferenceLevel.WANT)
    build.preference(cleo, eva, PreferenceLevel.MUST)
    slots, tables = event.slots, event.tables
    meetings = {
        "ana-ben": build.meeting(ana, ben, slots[0], table=tables[0]),
        "ana-cleo": build.meeting(ana, cleo, slots[1], table=tables[0]),
        "dan-eva": build.meeting(dan, eva, slots[2], table=tables[1]),
        "ben-finn": build.meeting(ben, finn, slots[3], table=tables[0]),
    }
    session.commit()
    return LiveEvent(event, organiser, people, meetings)
