"""Organisers: solving, reviewing, adjusting, publishing and exporting schedules."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    flash,
    jsonify,
    redirect,
    render_template,
    url_for,
)
from flask_login import current_user
from sqlalchemy.exc import IntegrityError
from werkzeug.wrappers import Response as BaseResponse

from matchmaker import jobs
from matchmaker.auth.access import organised_event_or_404, organiser_required
from matchmaker.db import get_session, utcnow
from matchmaker.models import Event, Meeting, RunStatus, ScheduleRun
from matchmaker.schedule import charts, exports, operations, queries
from matchmaker.schedule.forms import (
    ActionForm,
    AddMeetingForm,
    LockForm,
    MoveForm,
    SolveForm,
    SwapForm,
    time_limit_choices,
)
from matchmaker.schedule.statistics import ScheduleFigures, schedule_figures
from matchmaker.scheduling import diff_proposal, unscheduled_pairs

bp = Blueprint("schedule", __name__, url_prefix="/organise", cli_group=None)

CONFLICT_MESSAGE = (
    "That time or place is taken: someone would have two meetings at once, or the table "
    "is in use. Nothing was changed."
)
BOOTH_CHOICE = ("booth", "At the exhibitor's booth")


def _now() -> datetime:
    return utcnow()


def _look_after(run: ScheduleRun) -> None:
    """Mark a run whose worker stopped responding failed; make sure a queued one gets a worker.

    After a restart of the web process the embedded consumer starts again on first enqueue,
    or here, when someone looks at a run still waiting in the queue.
    """
    if operations.expire_if_stale(run, current_app.config["RUN_HEARTBEAT_TIMEOUT_S"], _now()):
        get_session().commit()
    elif run.status == RunStatus.QUEUED:
        jobs.ensure_consumer(current_app._get_current_object())  # type: ignore[attr-defined]


def _run_or_404(event: Event, run_id: int) -> ScheduleRun:
    """The event's run, looked after (see `_look_after`)."""
    run = queries.event_run(get_session(), event, run_id)
    if run is None:
        abort(404)
    _look_after(run)
    return run


def _meeting_or_404(event: Event, meeting_id: int) -> Meeting:
    meeting = queries.event_meeting(get_session(), event, meeting_id)
    if meeting is None:
        abort(404)
    return meeting


def _figures(event: Event, triples: list[tuple[int, int, int]]) -> ScheduleFigures:
    session = get_session()
    return schedule_figures(
        event,
        queries.event_participants(session, event),
        queries.requests(session, event),
        triples,
        queries.unavailable_slots(session, event),
    )


def _current_figures(event: Event) -> ScheduleFigures:
    meetings = queries.confirmed_meetings(get_session(), event)
    return _figures(event, [(m.participant_a_id, m.participant_b_id, m.slot_id) for m in meetings])


def _slot_choices(event: Event) -> list[tuple[int, str]]:
    zone = event.zone
    return [
        (
            slot.id,
            f"{slot.local_start(zone):%a %d %b %H:%M}–{slot.local_end(zone):%H:%M}",
        )
        for slot in event.slots
    ]


def _place_choices(event: Event) -> list[tuple[str, str]]:
    tables = [(str(t.id), f"{t.name} · {t.place}" if t.place else t.name) for t in event.tables]
    return [*tables, BOOTH_CHOICE]


def _active_run(event: Event) -> ScheduleRun | None:
    """The event's queued or running run, looked after (see `_look_after`)."""
    run = queries.active_run(get_session(), event)
    if run is None:
        return None
    _look_after(run)
    return run if run.status.active else None


@bp.get("/events/<slug>/schedule")
@organiser_required
def overview(slug: str) -> str:
    """The schedule's home: solve, the latest runs, today's figures, links to the rest."""
    event = organised_event_or_404(slug)
    session = get_session()
    active = _active_run(event)
    meetings = queries.confirmed_meetings(session, event)
    form = _solve_form(time_limit=_default_time_limit(), minimal_change=bool(meetings))
    applied = queries.last_applied_run(session, event)
    return render_template(
        "schedule/overview.html",
        event=event,
        form=form,
        action=ActionForm(),
        active=active,
        runs=queries.recent_runs(session, event),
        meetings=meetings,
        figures=_current_figures(event),
        unscheduled=_named_unscheduled(event, applied),
    )


def _solve_form(**defaults: object) -> SolveForm:
    form = SolveForm(**defaults)
    form.time_limit.choices = time_limit_choices(_default_time_limit())
    return form


def _default_time_limit() -> int:
    return max(1, round(float(current_app.config["SOLVER_TIME_LIMIT_S"])))


def _named_unscheduled(event: Event, run: ScheduleRun | None) -> list[dict[str, object]]:
    if run is None or run.result is None:
        return []
    names = {p.id: p for p in queries.event_participants(get_session(), event)}
    return [
        {"a": names.get(u.a), "b": names.get(u.b), "reason": u.reason_label, "detail": u.detail}
        for u in unscheduled_pairs(run.result)
    ]


@bp.post("/events/<slug>/schedule/solve")
@organiser_required
def solve(slug: str) -> BaseResponse:
    """Queue a solve (or show the run already under way) and go to its progress page."""
    event = organised_event_or_404(slug)
    form = _solve_form()
    if not form.validate_on_submit():
        flash("Choose a time limit.", "error")
        return redirect(url_for("schedule.overview", slug=slug))
    session = get_session()
    _active_run(event)
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
        flash("A solve is already under way for this event: here it is.", "info")
    return redirect(url_for("schedule.run", slug=slug, run_id=run.id))


@bp.get("/events/<slug>/schedule/runs/<int:run_id>")
@organiser_required
def run(slug: str, run_id: int) -> str:
    """A run: live progress while it works; then its figures, changes and unscheduled pairs."""
    event = organised_event_or_404(slug)
    run = _run_or_404(event, run_id)
    context: dict[str, object] = {}
    if run.result is not None and not run.status.active:
        proposal = queries.run_proposal(get_session(), event, run)
        current = queries.confirmed_meetings(get_session(), event)
        context = {
            "figures": _figures(event, [(m.a, m.b, m.slot_id) for m in proposal]),
            "current_figures": _current_figures(event),
            "diff": diff_proposal(current, proposal),
            "unscheduled": _named_unscheduled(event, run),
            "people": {p.id: p for p in queries.event_participants(get_session(), event)},
            "slots": {s.id: s for s in event.slots},
            "tables": {t.id: t for t in event.tables},
        }
    return render_template(
        "schedule/run.html", event=event, run=run, action=ActionForm(), **context
    )


def _run_status(event: Event, run: ScheduleRun) -> dict[str, object]:
    return {
        "id": run.id,
        "status": run.status.value,
        "active": run.status.active,
        "phase": run.phase,
        "progress": round(run.progress, 3),
        "best_weight": run.best_weight,
        "bound": run.bound,
        "elapsed_s": round(run.elapsed_s, 1),
        "time_limit_s": run.time_limit_s,
        "error": run.error,
        "url": url_for("schedule.run", slug=event.slug, run_id=run.id),
    }


@bp.get("/events/<slug>/schedule/runs/<int:run_id>/status")
@organiser_required
def run_status(slug: str, run_id: int) -> Response:
    """The run's progress as JSON, polled by static/js/schedule.js."""
    event = organised_event_or_404(slug)
    response = jsonify(_run_status(event, _run_or_404(event, run_id)))
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.post("/events/<slug>/schedule/runs/<int:run_id>/cancel")
@organiser_required
def cancel_run(slug: str, run_id: int) -> BaseResponse:
    """Stop a queued or running solve."""
    event = organised_event_or_404(slug)
    run = _run_or_404(event, run_id)
    if ActionForm().validate_on_submit():
        try:
            operations.request_cancel(run, _now())
        except operations.ScheduleError as error:
            flash(str(error), "warning")
        else:
            get_session().commit()
            flash("Cancelling the solve.", "info")
    return redirect(url_for("schedule.run", slug=slug, run_id=run.id))


@bp.post("/events/<slug>/schedule/runs/<int:run_id>/apply")
@organiser_required
def apply_run(slug: str, run_id: int) -> BaseResponse:
    """Make the run's schedule the event's schedule."""
    event = organised_event_or_404(slug)
    run = _run_or_404(event, run_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    session = get_session()
    try:
        diff = operations.apply_run(session, event, run, _now())
        session.commit()
    except operations.ScheduleError as error:
        session.rollback()
        flash(str(error), "warning")
        return redirect(url_for("schedule.run", slug=slug, run_id=run_id))
    except IntegrityError:
        session.rollback()
        flash(
            "The schedule changed since this solve, so its meetings no longer fit. "
            "Nothing was changed: solve again.",
            "error",
        )
        return redirect(url_for("schedule.run", slug=slug, run_id=run_id))
    flash(
        f"Schedule applied: {len(diff.added)} added, {len(diff.moved)} moved, "
        f"{len(diff.cancelled)} cancelled, {diff.unchanged} unchanged.",
        "success",
    )
    return redirect(url_for("schedule.overview", slug=slug))


@bp.post("/events/<slug>/schedule/publish")
@organiser_required
def publish(slug: str) -> BaseResponse:
    """Publish the agendas to participants."""
    event = organised_event_or_404(slug)
    if ActionForm().validate_on_submit():
        session = get_session()
        try:
            operations.publish(session, event, _now())
        except operations.ScheduleError as error:
            flash(str(error), "warning")
        else:
            session.commit()
            flash("Agendas published: participants now see their meetings.", "success")
    return redirect(url_for("schedule.overview", slug=slug))


@bp.get("/events/<slug>/schedule/grid")
@organiser_required
def grid(slug: str) -> str:
    """The schedule as slots × places: the shared tables, then the exhibitors' booths."""
    event = organised_event_or_404(slug)
    meetings = queries.confirmed_meetings(get_session(), event)
    places = [(f"t{t.id}", t.name, t.place) for t in event.tables]
    booths = sorted({m.location for m in meetings if m.table_id is None and m.location})
    places += [(f"b{booth}", booth, "Booth") for booth in booths]
    cells: dict[tuple[int, str], list[Meeting]] = {}
    for m in meetings:
        place = f"t{m.table_id}" if m.table_id is not None else f"b{m.location}"
        cells.setdefault((m.slot_id, place), []).append(m)
    return render_template(
        "schedule/grid.html", event=event, places=places, cells=cells, meetings=meetings
    )


@bp.get("/events/<slug>/schedule/people")
@organiser_required
def people(slug: str) -> str:
    """The schedule as participants × slots."""
    event = organised_event_or_404(slug)
    session = get_session()
    cells: dict[tuple[int, int], Meeting] = {}
    for m in queries.confirmed_meetings(session, event):
        cells[(m.participant_a_id, m.slot_id)] = m
        cells[(m.participant_b_id, m.slot_id)] = m
    participants = [p for p in queries.event_participants(session, event) if p.active]
    return render_template(
        "schedule/people.html",
        event=event,
        participants=participants,
        cells=cells,
        unavailable=queries.unavailable_slots(session, event),
    )


def _meeting_forms(
    event: Event, meeting: Meeting, move: MoveForm | None = None, swap: SwapForm | None = None
) -> dict[str, object]:
    """The meeting page's forms: fresh, or as posted (a refused edit keeps the choices)."""
    if move is None:
        move = MoveForm(prefix="move", slot=meeting.slot_id, place=str(meeting.table_id or "booth"))
    move.slot.choices = _slot_choices(event)
    move.place.choices = _place_choices(event)
    if swap is None:
        swap = SwapForm(prefix="swap")
    slot_labels = dict(_slot_choices(event))
    swap.other.choices = [
        (
            m.id,
            f"{slot_labels[m.slot_id]} · {m.participant_a.full_name} & {m.participant_b.full_name}",
        )
        for m in queries.confirmed_meetings(get_session(), event)
        if m.id != meeting.id
    ]
    return {"move": move, "swap": swap, "lock": LockForm(locked="0" if meeting.locked else "1")}


def _meeting_page(
    event: Event, meeting: Meeting, move: MoveForm | None = None, swap: SwapForm | None = None
) -> str:
    return render_template(
        "schedule/meeting.html",
        event=event,
        meeting=meeting,
        action=ActionForm(),
        **_meeting_forms(event, meeting, move, swap),
    )


@bp.get("/events/<slug>/schedule/meetings/<int:meeting_id>")
@organiser_required
def meeting(slug: str, meeting_id: int) -> str:
    """One meeting: move, swap, lock or cancel it."""
    event = organised_event_or_404(slug)
    return _meeting_page(event, _meeting_or_404(event, meeting_id))


def _refusal(edit: Callable[[], object]) -> str | None:
    """Run a hand edit and commit it (None), or roll it back and say why it was refused."""
    session = get_session()
    try:
        edit()
        session.commit()
    except operations.ScheduleError as error:
        session.rollback()
        return str(error)
    except IntegrityError:
        session.rollback()
        return CONFLICT_MESSAGE
    return None


def _edit(event: Event, meeting: Meeting, change: str, edit: Callable[[], object]) -> BaseResponse:
    """Run a hand edit, say how it went and go back to the meeting."""
    refusal = _refusal(edit)
    if refusal is None:
        flash(change, "success")
    else:
        flash(refusal, "error")
    return redirect(url_for("schedule.meeting", slug=event.slug, meeting_id=meeting.id))


@bp.post("/events/<slug>/schedule/meetings/<int:meeting_id>/move")
@organiser_required
def move(slug: str, meeting_id: int) -> str | BaseResponse:
    """Move a meeting to another slot and place; a refused move shows the choices again."""
    event = organised_event_or_404(slug)
    found = _meeting_or_404(event, meeting_id)
    form = MoveForm(prefix="move")
    form.slot.choices = _slot_choices(event)
    form.place.choices = _place_choices(event)
    if not form.validate_on_submit():
        flash("Choose a time and a place.", "error")
        return redirect(url_for("schedule.meeting", slug=slug, meeting_id=meeting_id))
    session = get_session()
    refusal = _refusal(
        lambda: operations.move_meeting(
            session, event, found, slot_id=form.slot.data, place=form.place.data, now=_now()
        )
    )
    if refusal is not None:
        flash(refusal, "error")
        return _meeting_page(event, found, move=form)
    flash("Meeting moved.", "success")
    return redirect(url_for("schedule.meeting", slug=slug, meeting_id=meeting_id))


@bp.post("/events/<slug>/schedule/meetings/<int:meeting_id>/swap")
@organiser_required
def swap(slug: str, meeting_id: int) -> str | BaseResponse:
    """Swap the times of two meetings; a refused swap shows the choice again."""
    event = organised_event_or_404(slug)
    found = _meeting_or_404(event, meeting_id)
    form = SwapForm(prefix="swap")
    form.other.choices = [
        (m.id, str(m.id)) for m in queries.confirmed_meetings(get_session(), event)
    ]
    if not form.validate_on_submit():
        flash("Choose the meeting to swap with.", "error")
        return redirect(url_for("schedule.meeting", slug=slug, meeting_id=meeting_id))
    other = _meeting_or_404(event, form.other.data)
    session = get_session()
    refusal = _refusal(lambda: operations.swap_meetings(session, event, found, other, _now()))
    if refusal is not None:
        flash(refusal, "error")
        return _meeting_page(event, found, swap=form)
    flash("Meetings swapped.", "success")
    return redirect(url_for("schedule.meeting", slug=slug, meeting_id=meeting_id))


@bp.post("/events/<slug>/schedule/meetings/<int:meeting_id>/cancel")
@organiser_required
def cancel_meeting(slug: str, meeting_id: int) -> BaseResponse:
    """Cancel a meeting (its row stays, calendars show it cancelled)."""
    event = organised_event_or_404(slug)
    found = _meeting_or_404(event, meeting_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    session = get_session()
    return _edit(
        event,
        found,
        "Meeting cancelled.",
        lambda: operations.cancel_by_hand(session, event, found, _now()),
    )


@bp.post("/events/<slug>/schedule/meetings/<int:meeting_id>/lock")
@organiser_required
def lock(slug: str, meeting_id: int) -> BaseResponse:
    """Lock a meeting (re-solves keep it) or unlock it."""
    event = organised_event_or_404(slug)
    found = _meeting_or_404(event, meeting_id)
    form = LockForm()
    if not form.validate_on_submit():
        abort(400)
    locked = form.locked.data == "1"
    return _edit(
        event,
        found,
        "Meeting locked." if locked else "Meeting unlocked.",
        lambda: operations.set_locked(found, locked),
    )


def _add_form(event: Event) -> AddMeetingForm:
    form = AddMeetingForm()
    people = [
        (p.id, f"{p.full_name} · {p.organisation.name}")
        for p in queries.event_participants(get_session(), event)
        if p.active
    ]
    form.first.choices = people
    form.second.choices = people
    form.slot.choices = _slot_choices(event)
    form.place.choices = _place_choices(event)
    return form


@bp.route("/events/<slug>/schedule/meetings/new", methods=["GET", "POST"])
@organiser_required
def add_meeting(slug: str) -> str | BaseResponse:
    """Add a meeting by hand; a refused one shows the form again with the choices made."""
    event = organised_event_or_404(slug)
    form = _add_form(event)
    if form.validate_on_submit():
        session = get_session()
        people = {p.id: p for p in queries.event_participants(session, event)}
        added: list[Meeting] = []
        refusal = _refusal(
            lambda: added.append(
                operations.add_meeting(
                    session,
                    event,
                    people[form.first.data],
                    people[form.second.data],
                    slot_id=form.slot.data,
                    place=form.place.data,
                    now=_now(),
                )
            )
        )
        if refusal is None:
            flash("Meeting added.", "success")
            return redirect(url_for("schedule.meeting", slug=slug, meeting_id=added[0].id))
        flash(refusal, "error")
    return render_template("schedule/add_meeting.html", event=event, form=form)


@bp.get("/events/<slug>/schedule/statistics")
@organiser_required
def statistics(slug: str) -> str:
    """Today's schedule in figures and charts."""
    event = organised_event_or_404(slug)
    figures = _current_figures(event)
    return render_template(
        "schedule/statistics.html",
        event=event,
        figures=figures,
        country_chart=charts.country_pair_heatmap(figures.country_pairs),
        hour_chart=charts.meetings_per_hour(figures.per_hour),
        met_chart=charts.requests_met_histogram(figures.share_met_of),
    )


@bp.get("/events/<slug>/schedule/export/<kind>.<fmt>")
@organiser_required
def export(slug: str, kind: str, fmt: str) -> Response:
    """Meetings or participants as CSV or XLSX."""
    event = organised_event_or_404(slug)
    if kind not in exports.SHEETS or fmt not in exports.FORMATS:
        abort(404)
    rows = exports.SHEETS[kind](get_session(), event)
    body, mimetype = exports.FORMATS[fmt](rows, kind)
    response = Response(body, mimetype=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{event.slug}-{kind}.{fmt}"'
    return response


@bp.get("/events/<slug>/schedule/print")
@organiser_required
def print_tables(slug: str) -> str:
    """One printable page per table for the venue staff."""
    event = organised_event_or_404(slug)
    meetings = queries.confirmed_meetings(get_session(), event)
    by_table = {table.id: [m for m in meetings if m.table_id == table.id] for table in event.tables}
    return render_template("schedule/print.html", event=event, by_table=by_table)
