"""Test data: realistic domain objects (`Builder`), the test password and its cheap hash,
and emptying every table between tests. Plain helpers; the fixtures in tests/conftest.py
use them, and tests import them from here."""

from __future__ import annotations

import functools
import itertools
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Engine, delete
from sqlalchemy.orm import Session

from matchmaker.auth.emails import normalise_email
from matchmaker.db import Base
from matchmaker.models import (
    Audience,
    Block,
    Delegation,
    DelegationLead,
    DelegationMember,
    Event,
    Meeting,
    MeetingTable,
    Mission,
    Organisation,
    Participant,
    Phase,
    Preference,
    PreferenceLevel,
    ProgrammeGuest,
    ProgrammeItem,
    ProgrammeKind,
    Role,
    TimeSlot,
    User,
    place_meeting,
)

TEST_PASSWORD = "correct horse battery staple"


def empty_all_tables(engine: Engine) -> None:
    """Delete every row, children first."""
    with engine.begin() as connection:
        for table in reversed(Base.metadata.sorted_tables):
            connection.execute(delete(table))


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

    def delegation(
        self,
        mission: Mission,
        *,
        leads: tuple[User, ...] = (),
        members: tuple[Participant, ...] = (),
        **fields: Any,
    ) -> Delegation:
        """A delegation of `mission` led by `leads`, with `members` (by their e-mail)."""
        number = next(self._numbers)
        delegation = Delegation(
            mission_id=mission.id,
            name=fields.pop("name", f"Delegation {number}"),
            country=fields.pop("country", "PT"),
            cluster=fields.pop("cluster", f"Cluster {number}"),
            **fields,
        )
        self._save(delegation)
        for user in leads:
            self.session.add(DelegationLead(delegation_id=delegation.id, user_id=user.id))
        for person in members:
            self.session.add(
                DelegationMember(
                    mission_id=mission.id, delegation_id=delegation.id, email=person.email.lower()
                )
            )
        self.session.commit()
        return delegation

    def programme_item(
        self,
        mission: Mission,
        *,
        day: date = date(2026, 4, 20),
        start: time = time(9),
        end: time = time(10),
        timezone: str = "Europe/Berlin",
        guests: tuple[Participant, ...] = (),
        **fields: Any,
    ) -> ProgrammeItem:
        """A programme item of `mission` at local `start`-`end` on `day` in `timezone`;
        with `guests`, only they attend."""
        zone = ZoneInfo(timezone)
        number = next(self._numbers)
        item = ProgrammeItem(
            mission_id=mission.id,
            kind=fields.pop("kind", ProgrammeKind.VISIT),
            title=fields.pop("title", f"Company visit {number}"),
            starts_at=datetime.combine(day, start, zone).astimezone(UTC),
            ends_at=datetime.combine(day, end, zone).astimezone(UTC),
            timezone=timezone,
            audience=fields.pop("audience", Audience.PEOPLE if guests else Audience.EVERYONE),
            guests=[ProgrammeGuest(participant_id=person.id) for person in guests],
            **fields,
        )
        self._save(item)
        return item
