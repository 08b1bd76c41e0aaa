"""The organisers' API: missions and events, participants and their import, the schedule,
its solves and exports. Access is the pages' own: organisers of the event's mission and
admins (`organised_event_or_404`); anyone else gets 404."""

from __future__ import annotations

from typing import Any

from flask import Response, abort, current_app, jsonify, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from matchmaker.api.pages import by_cursor, cursor_page
from matchmaker.api.problems import ApiProblem
from matchmaker.api.shapes import event_json, meeting_json, mission_json, profile_json, run_json
from matchmaker.api.views.base import bp, conflict, json_object
from matchmaker.auth.access import organised_event_or_404
from matchmaker.commits import commit_or_refuse
from matchmaker.db import get_session, utcnow
from matchmaker.models import Meeting, MeetingStatus, Participant, ScheduleRun
from matchmaker.organiser import importing, operations, queries
from matchmaker.organiser.spreadsheets import Limits, SpreadsheetError
from matchmaker.responses import file_response
from matchmaker.schedule import exports, jobs
from matchmaker.schedule import operations as scheduling
from matchmaker.schedule.forms import time_limit_choices
from matchmaker.schedule.views.runs import active_run, run_or_404

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
UPLOAD_NAMES = {"text/csv": "upload.csv", XLSX: "upload.xlsx"}


def _organiser_only() -> None:
    if not current_user.is_organiser:
        abort(404)


@bp.get("/organise/missions")
def missions() -> Response:
    """The missions the account organises (an admin: all), with their events' slugs."""
    _organiser_only()
    found = queries.managed_missions(get_session(), current_user)
    return cursor_page(found, lambda mission: mission.id, mission_json)


@bp.get("/organise/events/<slug>")
def organised_event(slug: str) -> Response:
    """An organised event with its registration figures."""
    _organiser_only()
    found = organised_event_or_404(slug)
    figures = queries.registration_figures(get_session(), found)
    return jsonify(
        {
            **event_json(found),
            "participants": figures.active,
            "withdrawn": figures.withdrawn,
            "slots": len(found.slots),
            "tables": len(found.tables),
        }
    )


@bp.get("/organise/events/<slug>/participants")
def participants(slug: str) -> Response:
    """Everyone registered for the event (withdrawn people too, marked), in id order."""
    _organiser_only()
    found = organised_event_or_404(slug)
    statement = (
        select(Participant)
        .where(Participant.event_id == found.id)
        .options(joinedload(Participant.organisation))
    )
    return by_cursor(statement, Participant.id, profile_json, lambda person: person.id)


def _upload() -> tuple[str, bytes]:
    """The uploaded file: a multipart `file`, or the body typed text/csv or XLSX."""
    if request.mimetype == "multipart/form-data":
        upload = request.files.get("file")
        if upload is None:
            raise ApiProblem(422, _("Send the file in the form field `file`."))
        return upload.filename or "", upload.read()
    name = UPLOAD_NAMES.get(request.mimetype)
    if name is None:
        raise ApiProblem(
            415, _("Send a CSV (text/csv) or an .xlsx file, as the body or as multipart `file`.")
        )
    return name, request.get_data()


def _import_report(checked: importing.CheckedImport) -> dict[str, Any]:
    return {
        "rows": len(checked.rows),
        "new": checked.count("new"),
        "update": checked.count("update"),
        "unchanged": checked.count("unchanged"),
        "refused": [
            {
                "row": row.number,
                "email": row.email,
                "errors": [
                    {"column": error.column, "message": error.message} for error in row.errors
                ],
            }
            for row in checked.refused
        ],
        "unknown_terms": [
            {
                "kind": term.kind.value,
                "text": term.text,
                "rows": list(term.rows),
                "suggestions": list(term.suggestions),
            }
            for term in checked.unknown_terms
        ],
    }


@bp.post("/organise/events/<slug>/participants/import")
def import_participants(slug: str) -> Response:
    """Import participants from a CSV or XLSX file with the Import page's checks: the rows
    that are ready import, the refused ones are listed with their reasons.
    `?dry_run=1` only checks."""
    _organiser_only()
    found = organised_event_or_404(slug)
    filename, data = _upload()
    try:
        table = importing.read_table(filename, data, Limits.configured(current_app.config))
    except SpreadsheetError as refusal:
        raise ApiProblem(422, str(refusal)) from refusal
    session = get_session()
    checked = queries.checked_import(session, found, table)
    report = _import_report(checked)
    if request.args.get("dry_run") in ("1", "true"):
        return jsonify(imported=False, added=0, updated=0, **report)
    if not checked.ready:
        raise ApiProblem(
            422,
            _("No row is ready to import: fix the rows, or map their terms on the Import page."),
            **report,
        )
    counts = operations.import_participants(session, found, checked.ready)
    session.commit()
    return jsonify(imported=True, added=counts.added, updated=counts.updated, **report)


@bp.get("/organise/events/<slug>/schedule")
def schedule(slug: str) -> Response:
    """The event's confirmed meetings, in id order."""
    _organiser_only()
    found = organised_event_or_404(slug)
    statement = (
        select(Meeting)
        .where(Meeting.event_id == found.id, Meeting.status == MeetingStatus.CONFIRMED)
        .options(
            joinedload(Meeting.slot),
            joinedload(Meeting.table),
            joinedload(Meeting.participant_a),
            joinedload(Meeting.participant_b),
        )
    )
    return by_cursor(statement, Meeting.id, meeting_json, lambda meeting: meeting.id)


@bp.post("/organise/events/<slug>/schedule/publish")
def publish(slug: str) -> Response:
    """Publish the agendas to the participants."""
    _organiser_only()
    found = organised_event_or_404(slug)
    session = get_session()
    try:
        scheduling.publish(session, found, utcnow())
    except scheduling.ScheduleError as refusal:
        session.rollback()
        raise conflict(str(refusal)) from refusal
    session.commit()
    return jsonify(event_json(found))


@bp.get("/organise/events/<slug>/exports/<kind>.<fmt>")
def export(slug: str, kind: str, fmt: str) -> Response:
    """The schedule's exports (`meetings` or `participants`, as `csv` or `xlsx`)."""
    _organiser_only()
    found = organised_event_or_404(slug)
    if kind not in exports.SHEETS or fmt not in exports.FORMATS:
        abort(404)
    body, mimetype = exports.FORMATS[fmt](exports.SHEETS[kind](get_session(), found), kind)
    return file_response(body, mimetype, f"{found.slug}-{kind}.{fmt}", attachment=True)


@bp.get("/organise/events/<slug>/solves")
def solves(slug: str) -> Response:
    """The event's solves, oldest first."""
    _organiser_only()
    found = organised_event_or_404(slug)
    statement = select(ScheduleRun).where(ScheduleRun.event_id == found.id)
    return by_cursor(statement, ScheduleRun.id, run_json, lambda run: run.id)


@bp.post("/organise/events/<slug>/solves")
def start_solve(slug: str) -> tuple[Response, int, dict[str, str]]:
    """Queue a solve: `{"time_limit_s": 60, "minimal_change": false}` (both optional).
    202 with the new solve; 200 with the one already under way."""
    _organiser_only()
    found = organised_event_or_404(slug)
    body = json_object() if request.content_length else {}
    configured = max(1, round(float(current_app.config["SOLVER_TIME_LIMIT_S"])))
    allowed = [seconds for seconds, _label in time_limit_choices(configured)]
    time_limit = body.get("time_limit_s", configured)
    minimal_change = body.get("minimal_change", False)
    if time_limit not in allowed or isinstance(time_limit, bool):
        raise ApiProblem(
            422,
            _("`time_limit_s` must be one of %(allowed)s.", allowed=allowed),
            errors={"time_limit_s": [_("One of %(allowed)s.", allowed=allowed)]},
        )
    if not isinstance(minimal_change, bool):
        raise ApiProblem(
            422,
            _("`minimal_change` must be true or false."),
            errors={"minimal_change": [_("true or false.")]},
        )
    session = get_session()
    active_run(found)
    run, created = scheduling.create_run(
        session, found, current_user, time_limit_s=float(time_limit), minimal_change=minimal_change
    )
    session.commit()
    if created:
        jobs.enqueue_solve(current_app._get_current_object(), run.id)  # type: ignore[attr-defined]
    location = url_for(".solve", slug=slug, run_id=run.id)
    return jsonify(run_json(run)), 202 if created else 200, {"Location": location}


@bp.get("/organise/events/<slug>/solves/<int:run_id>")
def solve(slug: str, run_id: int) -> Response:
    """A solve's progress, and once finished how it stopped and its figures."""
    _organiser_only()
    return jsonify(run_json(run_or_404(organised_event_or_404(slug), run_id)))


@bp.post("/organise/events/<slug>/solves/<int:run_id>/cancel")
def cancel_solve(slug: str, run_id: int) -> Response:
    """Stop a queued or running solve (it keeps the best schedule found)."""
    _organiser_only()
    run = run_or_404(organised_event_or_404(slug), run_id)
    try:
        scheduling.request_cancel(run, utcnow())
    except scheduling.ScheduleError as refusal:
        raise conflict(str(refusal)) from refusal
    get_session().commit()
    return jsonify(run_json(run))


@bp.post("/organise/events/<slug>/solves/<int:run_id>/apply")
def apply_solve(slug: str, run_id: int) -> Response:
    """Make the solve's schedule the event's schedule."""
    _organiser_only()
    found = organised_event_or_404(slug)
    run = run_or_404(found, run_id)
    outcome = commit_or_refuse(
        lambda: scheduling.apply_run(get_session(), found, run, utcnow()),
        scheduling.ScheduleError,
        conflict=_(
            "The schedule changed since this solve, so its meetings no longer fit. "
            "Nothing was changed: solve again."
        ),
    )
    if outcome.value is None:
        raise conflict(str(outcome.refusal))
    diff = outcome.value
    return jsonify(
        solve=run_json(run),
        added=len(diff.added),
        moved=len(diff.moved),
        cancelled=len(diff.cancelled),
        unchanged=diff.unchanged,
        phase=found.phase.value,
    )
