"""Tiny problem builders shared by the solver tests.

    make_problem(slots=3, tables=2, people=["P1", person("P2", location="Booth 1")],
                 candidates=[("P1", "P2", 5), ("P1", "P3")])

Slots are "s1".."sN", 30 minutes each from 09:00 on 2026-04-20 (split evenly into `days`
days, each from 09:00), split evenly into `sessions` sessions ("S1", "S2", ...); tables
are "T1".."Tn". People named only in candidates are added automatically; a candidate
without a weight weighs 1. Other keyword arguments set the problem's limits and minimum.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from solver.schema import Candidate, Event, Meeting, Participant, Problem, Slot

REPO_ROOT = Path(__file__).resolve().parents[2]

CandidateSpec = tuple[str, str] | tuple[str, str, int]


def person(
    pid: str,
    *,
    unavailable: Iterable[str] = (),
    max_meetings: int | None = None,
    location: str | None = None,
    name: str | None = None,
    min_meetings: int | None = None,
    max_meetings_per_day: int | None = None,
    online: bool = False,
) -> Participant:
    """A participant with the given id and options (name defaults to 'Person <id>')."""
    return Participant(
        id=pid,
        name=f"Person {pid}" if name is None else name,
        organisation=f"Org {pid}",
        country="DE",
        unavailable=frozenset(unavailable),
        max_meetings=max_meetings,
        location=location,
        min_meetings=min_meetings,
        max_meetings_per_day=max_meetings_per_day,
        online=online,
    )


def meet(
    a: str, b: str, slot: str, table: str | None = None, location: str | None = None
) -> Meeting:
    """A meeting (shorthand for `Meeting`)."""
    return Meeting(a=a, b=b, slot=slot, table=table, location=location)


def make_slots(count: int, sessions: int = 1, days: int = 1) -> tuple[Slot, ...]:
    """`count` 30-minute slots s1..sN split evenly into `sessions` sessions S1..Sk and
    `days` days (each from 09:00)."""
    per_session = -(-count // sessions) if sessions else count
    per_day = -(-count // days) if days else count
    slots = []
    for i in range(count):
        start = datetime(2026, 4, 20 + i // per_day, 9, 0) + timedelta(minutes=30 * (i % per_day))
        slots.append(
            Slot(
                id=f"s{i + 1}",
                start=start,
                end=start + timedelta(minutes=30),
                session=f"S{i // per_session + 1}",
            )
        )
    return tuple(slots)


def make_problem(
    slots: int = 3,
    tables: int = 2,
    people: Sequence[str | Participant] = (),
    candidates: Sequence[CandidateSpec] = (),
    *,
    sessions: int = 1,
    days: int = 1,
    locked: Sequence[Meeting] = (),
    previous: Sequence[Meeting] = (),
    timezone: str = "Europe/Berlin",
    min_meetings: int = 1,
    max_meetings_per_day: int | None = None,
    max_consecutive_meetings: int | None = None,
) -> Problem:
    """A small problem; see the module docstring."""
    participants = [p if isinstance(p, Participant) else person(p) for p in people]
    known = {p.id for p in participants}
    candidate_objects = []
    for spec in candidates:
        a, b = spec[0], spec[1]
        weight = spec[2] if len(spec) == 3 else 1
        candidate_objects.append(Candidate(a=a, b=b, weight=weight))
        for pid in (a, b):
            if pid not in known:
                participants.append(person(pid))
                known.add(pid)
    return Problem(
        event=Event(name="Test B2B", timezone=timezone),
        slots=make_slots(slots, sessions, days),
        tables=tuple(f"T{i + 1}" for i in range(tables)),
        participants=tuple(participants),
        candidates=tuple(candidate_objects),
        locked=tuple(locked),
        previous=tuple(previous),
        min_meetings=min_meetings,
        max_meetings_per_day=max_meetings_per_day,
        max_consecutive_meetings=max_consecutive_meetings,
    )


@pytest.fixture
def bench_dir() -> Path:
    """The shared reference problems (../shared/bench next to the repository)."""
    return (REPO_ROOT / ".." / "shared" / "bench").resolve()
