"""CLI commands of this area (registered by create_app): solve, publish, worker."""

from __future__ import annotations

import logging

import click
from flask import current_app
from flask.cli import with_appcontext
from sqlalchemy.orm import Session

from matchmaker.auth.queries import event_by_slug
from matchmaker.db import session_scope, utcnow
from matchmaker.models import Event, RunStatus, ScheduleRun
from matchmaker.schedule import jobs, operations, queries
from matchmaker.schedule.scheduling import diff_proposal


def _event(session: Session, slug: str) -> Event:
    event = event_by_slug(session, slug)
    if event is None:
        raise click.ClickException(f"no event with the slug {slug!r}")
    return event


def _summary(session: Session, event: Event, run: ScheduleRun) -> str:
    stats = run.stats
    lines = [
        f"run #{run.id}: {run.status.value} ({run.solver_status or 'no result'}) "
        f"in {run.elapsed_s:.1f} s",
        f"weight {stats.get('weight')} of at most {stats.get('bound')}; "
        f"{stats.get('meetings')} meetings, {stats.get('holes')} holes, "
        f"{stats.get('zero_meeting_participants')} people without a meeting, "
        f"{stats.get('below_minimum_participants')} below their guaranteed minimum",
    ]
    if run.stop_reason:
        lines.append(f"stopped: {run.stop_reason} ({run.log})")
    if run.result is not None:
        diff = diff_proposal(
            queries.confirmed_meetings(session, event), queries.run_proposal(session, event, run)
        )
        unscheduled = run.result.get("unscheduled", [])
        lines.append(
            f"against today's schedule: {len(diff.added)} added, {len(diff.moved)} moved, "
            f"{len(diff.cancelled)} cancelled, {diff.unchanged} unchanged; "
            f"{len(unscheduled)} requested pairs without a meeting"
        )
    return "\n".join(lines)


@click.command("solve")
@click.argument("slug")
@click.option(
    "--time-limit",
    type=click.FloatRange(min=1),
    default=None,
    help="Seconds the solver may use (default: SOLVER_TIME_LIMIT_S).",
)
@click.option(
    "--minimal-change",
    is_flag=True,
    help="Keep today's meetings where possible (after late registrations or withdrawals).",
)
@click.option(
    "--apply",
    "apply_result",
    is_flag=True,
    help="Make the result the event's schedule. Without it, only print what would change.",
)
@with_appcontext
def solve_command(
    slug: str, time_limit: float | None, minimal_change: bool, apply_result: bool
) -> None:
    """Solve an event now, with the same code as the Solve button, and print a summary.

    The result is stored as a run (see it on the event's schedule page) and applied only
    with --apply.
    """
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    limit = time_limit or float(app.config["SOLVER_TIME_LIMIT_S"])
    with session_scope(app) as session:
        event = _event(session, slug)
        run, created = operations.create_run(
            session, event, None, time_limit_s=limit, minimal_change=minimal_change
        )
        if not created:
            raise click.ClickException(f"a solve of this event is under way (run #{run.id})")
        run_id = run.id
    click.echo(f"solving {slug} for up to {limit:g} s …")
    jobs.run_solve(run_id)
    with session_scope(app) as session:
        event = _event(session, slug)
        run = session.get_one(ScheduleRun, run_id)
        click.echo(_summary(session, event, run))
        if run.status != RunStatus.SUCCEEDED:
            raise click.ClickException(run.error or f"the solve ended {run.status.value}")
        if apply_result:
            diff = operations.apply_run(session, event, run, utcnow())
            click.echo(
                f"applied: {len(diff.added)} added, {len(diff.moved)} moved, "
                f"{len(diff.cancelled)} cancelled"
            )
        else:
            click.echo("not applied (add --apply, or apply it on the schedule page)")


@click.command("publish")
@click.argument("slug")
@with_appcontext
def publish_command(slug: str) -> None:
    """Publish an event's schedule: participants see their agendas."""
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    with session_scope(app) as session:
        event = _event(session, slug)
        try:
            operations.publish(session, event, utcnow())
        except operations.ScheduleError as error:
            raise click.ClickException(str(error)) from error
        click.echo(
            f"{slug}: published ({len(queries.confirmed_meetings(session, event))} meetings)"
        )


@click.command("worker")
@click.option("--workers", type=click.IntRange(min=1), default=1, help="Solves run at once.")
@with_appcontext
def worker_command(workers: int) -> None:
    """Run a Huey consumer for solves (scale-out; the web process has its own by default).

    Set HUEY_CONSUMER_IN_PROCESS to false in the web processes when you run workers.
    """
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    jobs.run_consumer(app, workers)


COMMANDS: tuple[click.Command, ...] = (solve_command, publish_command, worker_command)
