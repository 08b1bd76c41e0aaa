"""CLI commands of this area (registered by create_app): `demo`, `events` and `serve`."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import click
from flask import current_app
from flask.cli import with_appcontext
from flask_babel import gettext as _
from werkzeug.serving import WSGIRequestHandler, run_simple

from matchmaker.core import queries
from matchmaker.db import session_scope
from matchmaker.demo import DemoRefused, load_demo
from matchmaker.demo.building import has_missions
from matchmaker.demo.scaled import MIN_PARTICIPANTS, load_scaled_demo
from matchmaker.serving import load_templates


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
@click.option(
    "--participants",
    type=click.IntRange(min=MIN_PARTICIPANTS),
    default=None,
    help="Instead of the demo missions, add one large event of this many participants "
    "(the same every time), next to whatever the database holds.",
)
@with_appcontext
def demo_command(if_empty: bool, participants: int | None) -> None:
    """Load the demo missions into an empty database and print the demo accounts."""
    with session_scope(current_app) as session:
        if if_empty and has_missions(session):
            click.echo(_("The database already holds missions: the demo is not loaded."))
            return
        try:
            if participants is None:
                accounts = load_demo(session)
            else:
                accounts = load_scaled_demo(session, participants)
        except DemoRefused as refusal:
            raise click.ClickException(
                _("Demo not loaded: %(reason)s.", reason=refusal)
            ) from refusal
    click.echo(_("Demo loaded.") + "\n")
    click.echo(_events_listing())
    click.echo("\n" + _("Demo accounts (passwords shown once)") + "\n")
    rows = [
        (account.role.value, account.email, account.password, account.name, account.detail)
        for account in accounts.accounts
    ]
    click.echo("\n".join(table_lines(("role", "email", "password", "name", "detail"), rows)))


@click.command("events")
@with_appcontext
def events_command() -> None:
    """List missions and their events with slugs, dates, time zones and counts."""
    click.echo(_events_listing())


def _events_listing() -> str:
    """Each mission on a line of its own, then its events in columns aligned across missions."""
    with session_scope(current_app) as session:
        missions = queries.missions_with_events(session)
        event_ids = [event.id for mission in missions for event in mission.events]
        counts = queries.participant_counts(session, event_ids)
        meetings = queries.confirmed_meeting_counts(session, event_ids)
        rows = [
            (
                event.slug,
                event.name,
                _dates(sorted(block.day for block in event.blocks)),
                event.timezone,
                event.phase.value,
                counts.get(event.id, 0),
                meetings.get(event.id, 0),
            )
            for mission in missions
            for event in mission.events
        ]
    if not missions:
        return str(_("No missions yet."))
    headers = (
        _("slug"),
        _("event"),
        _("dates"),
        _("time zone"),
        _("phase"),
        _("participants"),
        _("meetings"),
    )
    header, *formatted = table_lines(headers, rows)
    event_lines = iter(formatted)
    output: list[str] = []
    for mission in missions:
        market = f", target market {mission.target_market}" if mission.target_market else ""
        output += ["", f"{mission.name} ({mission.slug}{market})", f"  {header}"]
        output += [f"  {next(event_lines)}" for _event in mission.events]
        if not mission.events:
            output.append("  (no events yet)")
    return "\n".join(output[1:])


def _dates(days: list[date]) -> str:
    if not days:
        return "-"
    if days[0] == days[-1]:
        return days[0].isoformat()
    return f"{days[0].isoformat()} to {days[-1].isoformat()}"


class QuietRequestHandler(WSGIRequestHandler):
    """Werkzeug's request handler without the versions of Werkzeug and Python in `Server`."""

    def version_string(self) -> str:
        return "matchmaker"


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=int)
@with_appcontext
def serve_command(host: str, port: int) -> None:
    """Serve the app with Werkzeug's threaded server (the embedded default of `make run`)."""
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    load_templates(app)
    run_simple(
        host,
        port,
        app,
        threaded=True,
        request_handler=QuietRequestHandler,
    )


COMMANDS: tuple[click.Command, ...] = (demo_command, events_command, serve_command)
