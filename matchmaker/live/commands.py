"""`flask --app matchmaker bench-replan [PROBLEM]`: time the same-day re-plan at scale.

Builds a throw-away event in a temporary SQLite database from a solver problem file (by
default the 2,000-person reference problem), places a schedule greedily and publishes it,
checks in most people, then releases absentees one by one during the first day and prints
how long each release with its re-plan took. The app's own database is not touched.
"""

from __future__ import annotations

import json
import random
import statistics
import tempfile
import time as timer
from collections import defaultdict
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import click
from flask import current_app
from flask.cli import with_appcontext
from sqlalchemy.orm import Session

from matchmaker.config import PROJECT_ROOT
from matchmaker.db import Base, make_engine
from matchmaker.live.operations import release_absentee
from matchmaker.models import (
    Block,
    CheckIn,
    Event,
    Meeting,
    MeetingSeat,
    MeetingTable,
    Mission,
    Organisation,
    Participant,
    Phase,
    Preference,
    PreferenceLevel,
    TimeSlot,
    User,
)

DEFAULT_PROBLEM = PROJECT_ROOT.parent / "shared" / "bench" / "L-2000.json"
CHECKED_IN_SHARE = 0.9
LEVEL_OF_WEIGHT = {1: PreferenceLevel.MAYBE, 2: PreferenceLevel.WANT}


def _load(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text())
    return data


def _build_event(session: Session, data: dict[str, Any]) -> tuple[Event, dict[str, TimeSlot]]:
    """The event of a problem file: sessions as blocks, slots, tables, people, wishes."""
    zone = ZoneInfo(data["event"].get("timezone", "UTC"))
    mission = Mission(slug="bench", name="Bench mission")
    event = Event(
        mission=mission,
        slug="bench-event",
        name=data["event"]["name"],
        timezone=zone.key,
        phase=Phase.PUBLISHED,
        default_max_meetings=None,
    )
    blocks: dict[str, Block] = {}
    slots: dict[str, TimeSlot] = {}
    for raw in data["slots"]:
        start = datetime.fromisoformat(raw["start"]).replace(tzinfo=zone)
        end = datetime.fromisoformat(raw["end"]).replace(tzinfo=zone)
        block = blocks.get(raw["session"])
        if block is None:
            block = Block(
                event=event, day=start.date(), start_time=start.time(), end_time=end.time()
            )
            blocks[raw["session"]] = block
        block.end_time = max(block.end_time, end.time())
        slots[raw["id"]] = TimeSlot(
            event=event, block=block, starts_at=start.astimezone(UTC), ends_at=end.astimezone(UTC)
        )
    for position, name in enumerate(data["tables"]):
        MeetingTable(event=event, name=str(name), position=position)
    session.add(event)
    session.flush()
    people: dict[str, Participant] = {}
    organisations: dict[str, Organisation] = {}
    for raw in data["participants"]:
        organisation = organisations.setdefault(
            raw["organisation"],
            Organisation(
                name=raw["organisation"],
                country=raw.get("country", ""),
                sectors=[],
                technologies=[],
            ),
        )
        people[raw["id"]] = Participant(
            event=event,
            organisation=organisation,
            first_name=raw["id"],
            last_name=raw.get("name", ""),
            email=f"{raw['id'].lower()}@bench.example.org",
            max_meetings=raw.get("max_meetings"),
            location=raw.get("location"),
        )
    session.add_all(people.values())
    session.flush()
    for raw in data["candidates"]:
        a, b = people[raw["a"]], people[raw["b"]]
        level = LEVEL_OF_WEIGHT.get(int(raw["weight"]), PreferenceLevel.MUST)
        for source, target in ((a, b), (b, a)):
            session.add(
                Preference(
                    event_id=event.id,
                    from_participant_id=source.id,
                    to_participant_id=target.id,
                    level=level,
                )
            )
    session.flush()
    return event, slots


def _greedy_schedule(session: Session, event: Event, data: dict[str, Any]) -> int:
    """Place candidate pairs, heaviest first, in the first slot both are free with a table."""
    people = {p.first_name: p for p in event.participants}
    tables = [t.id for t in event.tables]
    busy: set[tuple[int, int]] = set()
    used: dict[int, int] = defaultdict(int)
    count: dict[int, int] = defaultdict(int)
    placed = 0
    for raw in sorted(data["candidates"], key=lambda c: -int(c["weight"])):
        a, b = sorted((people[raw["a"]], people[raw["b"]]), key=lambda p: p.id)
        if any(p.max_meetings is not None and count[p.id] >= p.max_meetings for p in (a, b)):
            continue
        for slot in event.slots:
            booth = a.location or b.location
            if (a.id, slot.id) in busy or (b.id, slot.id) in busy:
                continue
            if booth is None and used[slot.id] >= len(tables):
                continue
            table_id = None if booth else tables[used[slot.id]]
            if booth is None:
                used[slot.id] += 1
            meeting = Meeting(
                event_id=event.id,
                participant_a_id=a.id,
                participant_b_id=b.id,
                slot_id=slot.id,
                seated_slot_id=slot.id,
                table_id=table_id,
                location=booth,
            )
            meeting.seats = [MeetingSeat(participant_id=p.id, slot_id=slot.id) for p in (a, b)]
            session.add(meeting)
            busy.update({(a.id, slot.id), (b.id, slot.id)})
            count[a.id] += 1
            count[b.id] += 1
            placed += 1
            break
    session.flush()
    return placed


@click.command("bench-replan")
@click.argument(
    "problem", required=False, type=click.Path(exists=True, dir_okay=False, path_type=Path)
)
@click.option("--absentees", default=10, show_default=True, help="People to release, one by one.")
@click.option("--seed", default=13, show_default=True)
@with_appcontext
def bench_replan(problem: Path | None, absentees: int, seed: int) -> None:
    """Print how long releasing an absentee and re-planning their partners takes."""
    path = problem or DEFAULT_PROBLEM
    if not path.exists():
        raise click.ClickException(f"No problem file at {path}: pass one.")
    data = _load(path)
    limit = float(current_app.config["REPLAN_TIME_LIMIT_S"])
    with tempfile.TemporaryDirectory() as folder:
        engine = make_engine(f"sqlite:///{folder}/bench.sqlite3")
        Base.metadata.create_all(engine)
        with Session(engine, expire_on_commit=False) as session:
            started = timer.perf_counter()
            event, _slots = _build_event(session, data)
            meetings = _greedy_schedule(session, event, data)
            organiser = User(email="bench@example.org", password_hash="-", name="Bench")
            session.add(organiser)
            first_day = event.slots[0].starts_at.astimezone(event.zone).date()
            day_slots = [
                s for s in event.slots if s.starts_at.astimezone(event.zone).date() == first_day
            ]
            now = day_slots[0].starts_at + timedelta(minutes=5)
            event.published_at = now - timedelta(days=1)
            rng = random.Random(seed)
            people = sorted(event.participants, key=lambda p: p.id)
            absent = set(rng.sample(people, int(len(people) * (1 - CHECKED_IN_SHARE))))
            for index, person in enumerate(people):
                session.add(
                    CheckIn(
                        participant_id=person.id,
                        event_id=event.id,
                        code=f"B{index:07d}",
                        arrived_at=None if person in absent else now - timedelta(minutes=30),
                    )
                )
            session.commit()
            click.echo(
                f"{len(people)} participants, {len(event.slots)} slots, {len(event.tables)} "
                f"tables, {meetings} meetings published; {len(people) - len(absent)} checked "
                f"in (built in {timer.perf_counter() - started:.1f} s)."
            )
            times = []
            for person in sorted(absent, key=lambda p: p.id)[:absentees]:
                started = timer.perf_counter()
                result = release_absentee(
                    session, event, person, user=organiser, now=now, time_limit_s=limit
                )
                session.commit()
                elapsed = timer.perf_counter() - started
                times.append(elapsed)
                click.echo(
                    f"released {len(result.released)} meetings of {person.first_name}, "
                    f"{len(result.replacements)} replacements in {elapsed:.2f} s"
                )
        engine.dispose()
    if times:
        click.echo(
            f"same-day re-plan on a {len(people)}-person event: median "
            f"{statistics.median(times):.2f} s, max {max(times):.2f} s (limit {limit:.1f} s)"
        )


COMMANDS: tuple[click.Command, ...] = (bench_replan,)
