"""CLI commands of this area (registered by create_app): solve, publish, worker."""

from __future__ import annotations

import logging

import click
from flask import current_app
from flask.cli import with_appcontext
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy.orm import Session

from matchmaker.auth.queries import event_by_slug
from matchmaker.db import session_scope, utcnow
from matchmaker.i18n import DEFAULT_LOCALE
from matchmaker.models import Event, RunStatus, ScheduleRun
from matchmaker.schedule import jobs, operations, queries
from matchmaker.schedule.scheduling import diff_proposal


def _event(session: Session, slug: str) -> Event:
    event = event_by_slug(session, slug)
    if event is None:
        raise click.ClickException(_("no event with the slug %(slug)r", slug=slug))
    return event


def _summary(session: Session, event: Event, run: ScheduleRun) -> str:
    stats = run.stats
    lines = [
        _(
            "run #%(id)d: %(status)s (%(solver)s) in %(seconds).1f s",
            id=run.id,
            status=run.status.value,
            solver=run.solver_status or _("no result"),
            seconds=run.elapsed_s,
        ),
        _(
            "weight %(weight)s of at most %(bound)s; %(meetings)s meetings, %(holes)s holes, "
            "%(without)s people without a meeting, %(below)s below their guaranteed minimum",
            weight=stats.get("weight"),
            bound=stats.get("bound"),
            meetings=stats.get("meetings"),
            holes=stats.get("holes"),
            without=stats.get("zero_meeting_participants"),
            below=stats.get("below_minimum_participants"),
        ),
    ]
    if run.stop_reason:
        lines.append(_("stopped: %(reason)s (%(log)s)", reason=run.stop_reason, log=run.log))
    if run.result is not None:
        diff = diff_proposal(
            queries.confirmed_meetings(session, event), queries.run_proposal(session, event, run)
        )
        unscheduled = run.result.get("unscheduled", [])
        lines.append(
            _(
                "against today's schedule: %(added)d added, %(moved)d moved, "
                "%(cancelled)d cancelled, %(unchanged)d unchanged; %(unscheduled)d requested "
                "pairs without a meeting",
                added=len(diff.added),
                moved=len(diff.moved),
                cancelled=len(diff.cancelled),
                unchanged=diff.unchanged,
                unscheduled=len(unscheduled),
            )
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
    # No request, so no language of its own: the command speaks the default one.
    with force_locale(DEFAULT_LOCALE):
        _solve(slug, time_limit, minimal_change, apply_result)


def _solve(slug: str, time_limit: float | None, minimal_change: bool, apply_result: bool) -> None:
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    limit = time_limit or float(app.config["SOLVER_TIME_LIMIT_S"])
    with session_scope(app) as session:
        event = _event(session, slug)
        run, created = operations.create_run(
            session, event, None, time_limit_s=limit, minimal_change=minimal_change
        )
        if not created:
            raise click.ClickException(
                _("a solve of this event is under way (run #%(id)d)", id=run.id)
            )
        run_id = run.id
    click.echo(_("solving %(slug)s for up to %(seconds)g s …", slug=slug, seconds=limit))
    jobs.run_solve(run_id)
    with session_scope(app) as session:
        event = _event(session, slug)
        run = session.get_one(ScheduleRun, run_id)
        click.echo(_summary(session, event, run))
        if run.status != RunStatus.SUCCEEDED:
            raise click.ClickException(
                run.error or _("the solve ended %(status)s", status=run.status.value)
            )
        if apply_result:
            diff = operations.apply_run(session, event, run, utcnow())
            click.echo(
                _(
                    "applied: %(added)d added, %(moved)d moved, %(cancelled)d cancelled",
                    added=len(diff.added),
                    moved=len(diff.moved),
                    cancelled=len(diff.cancelled),
                )
            )
        else:
            click.echo(_("not applied (add --apply, or apply it on the schedule page)"))


@click.command("publish")
@click.argument("slug")
@with_appcontext
def publish_command(slug: str) -> None:
    """Publish an event's schedule: participants see their agendas."""
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    with force_locale(DEFAULT_LOCALE), session_scope(app) as session:
        event = _event(session, slug)
        try:
            operations.publish(session, event, utcnow())
        except operations.ScheduleError as error:
            raise click.ClickException(str(error)) from error
        click.echo(
            _(
                "%(slug)s: published (%(count)d meetings)",
                slug=slug,
                count=len(queries.confirmed_meetings(session, event)),
            )
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
