"""Organisers: the schedule overview, solve runs (start, progress, cancel, apply), publishing."""

from __future__ import annotations

from flask import Response, abort, current_app, flash, jsonify, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext
from flask_login import current_user
from werkzeug.wrappers import Response as BaseResponse

from matchmaker.auth.access import organised_event_or_404, organiser_required
from matchmaker.auth.queries import registration_open
from matchmaker.commits import commit_or_refuse
from matchmaker.db import get_session
from matchmaker.models import Event, RunStatus, ScheduleRun
from matchmaker.schedule import jobs, operations, queries
from matchmaker.schedule.forms import ActionForm, PublishForm, SolveForm, time_limit_choices
from matchmaker.schedule.scheduling import diff_proposal
from matchmaker.schedule.views.base import bp, current_figures, figures, missed_list, now

# The goals of the quality order: (what is measured, what its bound is called).
GOAL_LABELS = {
    "below_minimum": (_l("People below their guaranteed minimum"), _l("fewest possible")),
    "weight": (_l("Weight of the wishes met"), _l("upper bound")),
    "holes": (_l("Holes (idle slots between meetings)"), _l("target")),
    "moved": (_l("Meetings moved from today's schedule"), _l("target")),
}
STOP_LABELS = {
    "proven": _l("Finished early: every goal is at its proven bound."),
    "stalled": _l("Stopped: no gain for a while, so more time would hardly help."),
    "time-limit": _l("Stopped at the time limit with the best schedule found."),
    "cancelled": _l("Cancelled: the best schedule found so far is kept."),
}
# The solve's stages as the worker stores them (`ScheduleRun.phase`), in words.
STAGE_LABELS = {
    "preparing": _l("reading the requests"),
    "greedy": _l("drafting a first schedule"),
    "choose": _l("choosing the meetings"),
    "tables": _l("placing meetings at tables"),
    "improve": _l("improving the schedule"),
    "done": _l("done"),
}
RUN_STATUS_LABELS = {
    RunStatus.QUEUED: _l("queued"),
    RunStatus.RUNNING: _l("running"),
    RunStatus.SUCCEEDED: _l("succeeded"),
    RunStatus.FAILED: _l("failed"),
    RunStatus.CANCELLED: lazy_pgettext("solve", "cancelled"),
}


def stage_label(run: ScheduleRun) -> str:
    """The stage the solve is in, in words ("waiting for a worker" before one takes it)."""
    if not run.phase:
        return str(_("waiting for a worker"))
    return str(STAGE_LABELS.get(run.phase, run.phase))


def stop_label(run: ScheduleRun) -> str | None:
    """Why the run stopped, in the organiser's words (None while it has not)."""
    label = STOP_LABELS.get(run.stop_reason or "")
    return None if label is None else str(label)


def goal_rows(run: ScheduleRun) -> list[dict[str, object]]:
    """The run's goals in the quality order, labelled, with whether each is at its bound."""
    rows = []
    for goal in run.goals or []:
        label, bound_label = GOAL_LABELS.get(goal["name"], (goal["name"], _l("bound")))
        value, bound = goal.get("value"), goal.get("bound")
        at_bound = (
            value is not None
            and bound is not None
            and (value >= bound if goal.get("maximise") else value <= bound)
        )
        rows.append(
            {
                "name": goal["name"],
                "label": str(label),
                "bound_label": str(bound_label),
                "value": value,
                "bound": bound,
                "at_bound": at_bound,
            }
        )
    return rows


def _look_after(run: ScheduleRun) -> None:
    """Mark a run whose worker stopped responding failed; make sure a queued one gets a worker.

    After a restart of the web process the embedded consumer starts again on first enqueue,
    or here, when someone looks at a run still waiting in the queue.
    """
    if operations.expire_if_stale(run, current_app.config["RUN_HEARTBEAT_TIMEOUT_S"], now()):
        get_session().commit()
    elif run.status == RunStatus.QUEUED:
        jobs.ensure_consumer(current_app._get_current_object())  # type: ignore[attr-defined]


def run_or_404(event: Event, run_id: int) -> ScheduleRun:
    """The event's run, looked after (see `_look_after`)."""
    run = queries.event_run(get_session(), event, run_id)
    if run is None:
        abort(404)
    _look_after(run)
    return run


def active_run(event: Event) -> ScheduleRun | None:
    """The event's queued or running run, looked after (see `_look_after`)."""
    run = queries.active_run(get_session(), event)
    if run is None:
        return None
    _look_after(run)
    return run if run.status.active else None


def _solve_form(**defaults: object) -> SolveForm:
    form = SolveForm(**defaults)
    form.time_limit.choices = time_limit_choices(_default_time_limit())
    return form


def _default_time_limit() -> int:
    return max(1, round(float(current_app.config["SOLVER_TIME_LIMIT_S"])))


@bp.post("/events/<slug>/schedule/solve")
@organiser_required
def solve(slug: str) -> BaseResponse:
    """Queue a solve (or show the run already under way) and go to its progress page."""
    event = organised_event_or_404(slug)
    form = _solve_form()
    if not form.validate_on_submit():
        flash(_("Choose a time limit."), "error")
        return redirect(url_for("schedule.overview", slug=slug))
    session = get_session()
    active_run(event)
    run, created = operations.create_run(
        session,
        event,
        current_user._get_current_object(),
        time_limit_s=float(form.time_limit.data),
        minimal_change=bool(form.minimal_change.data),
    )
    session.commit()
    if created:
        jobs.enqueue_solve(current_app._get_current_object(), run.id)  # type: ignore[attr-defined]
    else:
        flash(_("A solve is already under way for this event: here it is."), "info")
    return redirect(url_for("schedule.run", slug=slug, run_id=run.id))


@bp.get("/events/<slug>/schedule/runs/<int:run_id>")
@organiser_required
def run(slug: str, run_id: int) -> str:
    """A run: live progress while it works; then its figures, changes and unscheduled pairs."""
    event = organised_event_or_404(slug)
    run = run_or_404(event, run_id)
    context: dict[str, object] = {}
    if run.result is not None and not run.status.active:
        proposal = queries.run_proposal(get_session(), event, run)
        current = queries.confirmed_meetings(get_session(), event)
        context = {
            "figures": figures(event, [(m.a, m.b, m.slot_id) for m in proposal]),
            "current_figures": current_figures(event),
            "diff": diff_proposal(current, proposal),
            "missed": missed_list(event, run, set()),
            "people": {p.id: p for p in queries.event_participants(get_session(), event)},
            "slots": {s.id: s for s in event.slots},
            "tables": {t.id: t for t in event.tables},
        }
    return render_template(
        "schedule/run.html",
        event=event,
        run=run,
        action=ActionForm(),
        goals=goal_rows(run),
        stop=stop_label(run),
        stage=stage_label(run),
        **context,
    )


def _run_status(event: Event, run: ScheduleRun) -> dict[str, object]:
    return {
        "id": run.id,
        "status": run.status.value,
        "status_label": str(RUN_STATUS_LABELS[run.status]),
        "active": run.status.active,
        "phase": run.phase,
        "phase_label": stage_label(run),
        "progress": round(run.progress, 3),
        "best_weight": run.best_weight,
        "bound": run.bound,
        "elapsed_s": round(run.elapsed_s, 1),
        "time_limit_s": run.time_limit_s,
        "error": run.error,
        "goals": goal_rows(run),
        "stop": stop_label(run),
        "url": url_for("schedule.run", slug=event.slug, run_id=run.id),
    }


@bp.get("/events/<slug>/schedule/runs/<int:run_id>/status")
@organiser_required
def run_status(slug: str, run_id: int) -> Response:
    """The run's progress as JSON, polled by static/js/schedule.js."""
    event = organised_event_or_404(slug)
    response = jsonify(_run_status(event, run_or_404(event, run_id)))
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.post("/events/<slug>/schedule/runs/<int:run_id>/cancel")
@organiser_required
def cancel_run(slug: str, run_id: int) -> BaseResponse:
    """Stop a queued or running solve."""
    event = organised_event_or_404(slug)
    run = run_or_404(event, run_id)
    if ActionForm().validate_on_submit():
        try:
            operations.request_cancel(run, now())
        except operations.ScheduleError as error:
            flash(str(error), "warning")
        else:
            get_session().commit()
            flash(_("Cancelling the solve."), "info")
    return redirect(url_for("schedule.run", slug=slug, run_id=run.id))


@bp.post("/events/<slug>/schedule/runs/<int:run_id>/apply")
@organiser_required
def apply_run(slug: str, run_id: int) -> BaseResponse:
    """Make the run's schedule the event's schedule."""
    event = organised_event_or_404(slug)
    run = run_or_404(event, run_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    phase_before = event.phase
    outcome = commit_or_refuse(
        lambda: operations.apply_run(get_session(), event, run, now()),
        operations.ScheduleError,
        conflict=_(
            "The schedule changed since this solve, so its meetings no longer fit. "
            "Nothing was changed: solve again."
        ),
    )
    if outcome.value is None:
        flash(str(outcome.refusal), "warning")
        return redirect(url_for("schedule.run", slug=slug, run_id=run_id))
    diff = outcome.value
    applied = _(
        "Schedule applied: %(added)d added, %(moved)d moved, %(cancelled)d cancelled, "
        "%(unchanged)d unchanged.",
        added=len(diff.added),
        moved=len(diff.moved),
        cancelled=len(diff.cancelled),
        unchanged=diff.unchanged,
    )
    if event.phase != phase_before:
        applied += " " + _(
            "The event moved from the phase “%(before)s” to “%(after)s”: registration and "
            "choosing meetings are closed.",
            before=phase_before.value,
            after=event.phase.value,
        )
    flash(applied, "success")
    return redirect(url_for("schedule.overview", slug=slug))


@bp.post("/events/<slug>/schedule/publish")
@organiser_required
def publish(slug: str) -> str | BaseResponse:
    """Publish the agendas to participants; while registration is still open, ask first."""
    event = organised_event_or_404(slug)
    form = PublishForm()
    if form.validate_on_submit():
        session = get_session()
        ask = form.confirmed.data != "1" and registration_open(event, now())
        if ask and queries.confirmed_meetings(session, event):
            return render_template(
                "schedule/publish_confirm.html", event=event, form=PublishForm(confirmed="1")
            )
        try:
            operations.publish(session, event, now())
        except operations.ScheduleError as error:
            flash(str(error), "warning")
        else:
            session.commit()
            flash(_("Agendas published: participants now see their meetings."), "success")
    return redirect(url_for("schedule.overview", slug=slug))


@bp.get("/events/<slug>/schedule")
@organiser_required
def overview(slug: str) -> str:
    """The schedule's home: solve, the latest runs, today's figures, links to the rest."""
    event = organised_event_or_404(slug)
    session = get_session()
    active = active_run(event)
    meetings = queries.confirmed_meetings(session, event)
    form = _solve_form(time_limit=_default_time_limit(), minimal_change=bool(meetings))
    applied = queries.last_applied_run(session, event)
    return render_template(
        "schedule/overview.html",
        event=event,
        form=form,
        action=ActionForm(),
        publish_form=PublishForm(),
        active=active,
        runs=queries.recent_runs(session, event),
        meetings=meetings,
        figures=current_figures(event),
        missed=missed_list(
            event, applied, {(m.participant_a_id, m.participant_b_id) for m in meetings}
        ),
    )
