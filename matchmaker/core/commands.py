"""CLI commands of this area (registered by create_app): `demo` and `events`."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import click
from flask import current_app
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from matchmaker.db import session_scope
from matchmaker.demo import DemoRefused, load_demo
from matchmaker.demo.building import has_missions
from matchmaker.models import Block, Event, Meeting, MeetingStatus, Mission, Participant


def table_lines(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> list[str]:
    """Upper-case headers and rows as aligned text columns; integer columns right-aligned."""
    cells = [[str(value) for value in row] for row in rows]
    widths = [
        max([len(header), *(len(row[column]) for row in cells)])
        for column, header in enumerate(headers)
    ]
    numeric = [
        bool(rows) and all(isinstance(row[column], int) for row in rows)
        for column in range(len(headers))
    ]

    def line(values: Sequence[str]) -> str:
        padded = (
            value.rjust(width) if right else value.ljust(width)
            for value, width, right in zip(values, widths, numeric, strict=True)
        )
        return "  ".join(padded).rstrip()

    return [line([header.upper() for header in headers]), *map(line, cells)]


@click.command("demo")
@click.option(
    "--if-empty",
    is_flag=True,
    help="Do nothing (and succeed) when the database already holds missions.",
)
def demo_command(if_empty: bool) -> None:
    """Load the demo missions into an empty database and print the demo accounts."""
    with session_scope(current_app) as session:
        if if_empty and has_missions(session):
            click.echo("The database already holds missions: the demo is not loaded.")
            return
        try:
            accounts = load_demo(session)
        except DemoRefused as refusal:
            raise click.ClickException(f"Demo not loaded: {refusal}.") from refusal
    click.echo("Demo loaded.\n")
    click.echo(_events_listing())
    click.echo("\nDemo accounts (passwords shown once)\n")
    rows = [
        (account.role.value, account.email, account.password, account.name, account.detail)
        for account in accounts.accounts
    ]
    click.echo("\n".join(table_lines(("role", "email", "password", "name", "detail"), rows)))


@click.command("events")
def events_command() -> None:
    """List missions and their events with slugs, dates, time zones and counts."""
    click.echo(_events_listing())


@dataclass(frozen=True)
class EventLine:
    """One event as the `events` command lists it."""

    mission: Mission
    event: Event | None
    first_day: date | None
    last_day: date | None
    participants: int
    meetings: int


def _event_lines(session: Session) -> list[EventLine]:
    """Every mission with each of its events (a mission without events gets one line)."""
    participants = (
        select(func.count(Participant.id))
        .where(Participant.event_id == Event.id, Participant.withdrawn_at.is_(None))
        .scalar_subquery()
    )
    meetings = (
        select(func.count(Meeting.id))
        .where(Meeting.event_id == Event.id, Meeting.status == MeetingStatus.CONFIRMED)
        .scalar_subquery()
    )
    first_day = select(func.min(Block.day)).where(Block.event_id == Event.id).scalar_subquery()
    last_day = select(func.max(Block.day)).where(Block.event_id == Event.id).scalar_subquery()
    rows = session.execute(
        select(Mission, Event, first_day, last_day, participants, meetings)
        .outerjoin(Event, Event.mission_id == Mission.id)
        .order_by(Mission.start_date, Mission.id, Event.id)
    )
    return [EventLine(*row) for row in rows]


def _events_listing() -> str:
    """Each mission on a line of its own, then its events in columns aligned across missions."""
    with session_scope(current_app) as session:
        lines = _event_lines(session)
    if not lines:
        return "No missions yet."
    rows = [
        (
            line.event.slug,
            line.event.name,
            _dates(line.first_day, line.last_day),
            line.event.timezone,
            line.event.phase.value,
            line.participants,
            line.meetings,
        )
        for line in lines
        if line.event is not None
    ]
    headers = ("slug", "event", "dates", "time zone", "phase", "participants", "meetings")
    header, *formatted = table_lines(headers, rows)
    by_event = iter(formatted)
    output: list[str] = []
    previous: Mission | None = None
    for line in lines:
        mission = line.mission
        if mission is not previous:
            market = f", target market {mission.target_market}" if mission.target_market else ""
            output += ["", f"{mission.name} ({mission.slug}{market})", f"  {header}"]
            previous = mission
        output.append(f"  {next(by_event)}" if line.event else "  (no events yet)")
    return "\n".join(output[1:])


def _dates(first: date | None, last: date | None) -> str:
    if first is None or last is None:
        return "-"
    if first == last:
        return first.isoformat()
    return f"{first.isoformat()} to {last.isoformat()}"


COMMANDS: tuple[click.Command, ...] = (demo_command, events_command)
