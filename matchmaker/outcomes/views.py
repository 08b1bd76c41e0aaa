"""Feedback on meetings (agenda and token link), dashboards, reports and exports."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from matchmaker.auth.access import (
    event_or_404,
    login_required,
    organised_event_or_404,
    organiser_required,
    own_participant_or_404,
)
from matchmaker.commits import commit_or_refuse
from matchmaker.db import get_session
from matchmaker.live.clock import now
from matchmaker.models import AttendanceMark, Event, Meeting, Mission, Outcome, Participant
from matchmaker.organiser.views.base import mission_or_404
from matchmaker.outcomes import exports, links, operations, queries, report, surveys
from matchmaker.outcomes.dashboard import dashboard_charts
from matchmaker.outcomes.forms import FeedbackForm, FollowUpForm
from matchmaker.outcomes.kpis import Kpis, compute_kpis
from matchmaker.outcomes.labels import RESULT_LABELS, VALUE_BAND_LABELS
from matchmaker.responses import token_page
from matchmaker.schedule.queries import event_meeting

bp = Blueprint("outcomes", __name__, url_prefix="/outcomes")
bp.record_once(
    lambda state: state.app.jinja_env.globals.update(
        RESULT_LABELS=RESULT_LABELS, VALUE_BAND_LABELS=VALUE_BAND_LABELS
    )
)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@bp.app_template_global()
def feedback_form(meeting: Meeting, participant: Participant) -> FeedbackForm:
    """The participant's feedback form on a meeting, filled with what they said before
    (or with the event day's attendance mark)."""
    session = get_session()
    mark = session.get(AttendanceMark, meeting.id)
    held = None if mark is None else mark.outcome == Outcome.HELD
    row = queries.feedback_of(session, meeting, participant)
    return FeedbackForm.of(row, held, prefix=f"m{meeting.id}")


def _meeting_of(participant: Participant, meeting_id: int) -> Meeting:
    meeting = event_meeting(get_session(), participant.event, meeting_id)
    if meeting is None or participant.id not in (
        meeting.participant_a_id,
        meeting.participant_b_id,
    ):
        abort(404)
    return meeting


def _record_feedback(participant: Participant, meeting: Meeting) -> bool:
    form = FeedbackForm(prefix=f"m{meeting.id}")
    if not form.validate_on_submit():
        abort(400)
    outcome = commit_or_refuse(
        lambda: operations.save_feedback(
            get_session(),
            meeting,
            participant,
            held=form.held_value,
            rating=form.rating_value,
            result=form.result_value,
            note=(form.note.data or "").strip(),
            now=now(),
        ),
        operations.FeedbackError,
    )
    if outcome.refusal:
        flash(outcome.refusal, "error")
        return False
    flash(
        _(
            "Thank you: your feedback on the meeting with %(name)s is saved.",
            name=meeting.partner_of(participant.id).full_name,
        ),
        "success",
    )
    return True


@bp.post("/events/<slug>/me/meetings/<int:meeting_id>/feedback")
@login_required
def my_feedback(slug: str, meeting_id: int) -> Response:
    """Feedback from the agenda, once the meeting has ended."""
    event = event_or_404(slug)
    me = own_participant_or_404(event)
    meeting = _meeting_of(me, meeting_id)
    _record_feedback(me, meeting)
    return redirect(url_for("participants.agenda", slug=slug, _anchor=f"meeting-{meeting.id}"))


def _token_participant(token: str) -> Participant:
    participant = links.participant_for_feedback_token(get_session(), token)
    if participant is None:
        abort(404)
    return participant


@bp.get("/feedback/<token>")
def feedback_page(token: str) -> Response:
    """Without login: the participant's ended meetings, each with its feedback form, and
    the follow-up questions of any survey that is due."""
    participant = _token_participant(token)
    session = get_session()
    moment = now()
    meetings = queries.ended_meetings_of(session, participant, moment)
    waves = surveys.due_waves(participant.event, moment)
    answers = {
        (m.id, wave): queries.answer_of(session, m, participant, wave)
        for m in meetings
        for wave in waves
    }
    follow_forms = {
        key: FollowUpForm(
            prefix=f"f{key[0]}-{key[1]}",
            data={"result": row.result.value, "value_band": row.value_band.value, "note": row.note}
            if row
            else None,
        )
        for key, row in answers.items()
    }
    page = render_template(
        "outcomes/feedback.html",
        event=participant.event,
        me=participant,
        token=token,
        meetings=meetings,
        waves=waves,
        answers=answers,
        follow_forms=follow_forms,
    )
    response = token_page(page)
    # Nor may a cache keep it, or a search engine list it.
    response.headers["Cache-Control"] = "no-store"
    response.headers["X-Robots-Tag"] = "noindex"
    return response


@bp.post("/feedback/<token>/meetings/<int:meeting_id>")
def token_feedback(token: str, meeting_id: int) -> Response:
    """Without login: save feedback on one meeting."""
    participant = _token_participant(token)
    _record_feedback(participant, _meeting_of(participant, meeting_id))
    return redirect(url_for(".feedback_page", token=token, _anchor=f"meeting-{meeting_id}"))


@bp.post("/feedback/<token>/meetings/<int:meeting_id>/follow-up/<int:wave>")
def token_follow_up(token: str, meeting_id: int, wave: int) -> Response:
    """Without login: answer a due follow-up survey about one meeting."""
    participant = _token_participant(token)
    meeting = _meeting_of(participant, meeting_id)
    if wave not in surveys.due_waves(participant.event, now()):
        abort(404)
    form = FollowUpForm(prefix=f"f{meeting_id}-{wave}")
    if not form.validate_on_submit():
        abort(400)
    outcome = commit_or_refuse(
        lambda: operations.save_answer(
            get_session(),
            meeting,
            participant,
            wave=wave,
            result=form.result_value,
            value_band=form.value_band_value,
            note=(form.note.data or "").strip(),
            now=now(),
        ),
        operations.FeedbackError,
    )
    flash(
        outcome.refusal or _("Thank you: your answer is saved."),
        "error" if outcome.refusal else "success",
    )
    return redirect(url_for(".feedback_page", token=token, _anchor=f"meeting-{meeting_id}"))


def _dashboard(
    template: str, event: Event, kpis: Kpis, delegation: str | None, **context: object
) -> str:
    return render_template(
        template,
        event=event,
        kpis=kpis,
        charts=dashboard_charts(kpis),
        delegation=delegation,
        **context,
    )


def _event_kpis(event: Event, delegation: str | None) -> Kpis:
    data = queries.outcome_data(get_session(), [event])
    if delegation is None:
        return compute_kpis(data)
    members = [p.id for p in data.participants if data.delegation_of(p) == delegation]
    return compute_kpis(data, members)


def _delegation_arg() -> str | None:
    return request.args.get("delegation") or None


@bp.get("/events/<slug>/dashboard")
@organiser_required
def event_dashboard(slug: str) -> str:
    """The event's outcome figures (optionally one delegation's), charts beside tables."""
    event = organised_event_or_404(slug)
    delegation = _delegation_arg()
    kpis = _event_kpis(event, delegation)
    data = queries.outcome_data(get_session(), [event])
    return _dashboard(
        "outcomes/dashboard.html",
        event,
        kpis,
        delegation,
        delegations=sorted(compute_kpis(data).by_delegation),
        notes=[row for row in data.feedback if row.note and row.meeting_id in kpis.state_of],
    )


@bp.get("/events/<slug>/report")
@organiser_required
def event_report(slug: str) -> str:
    """The printable report (its print stylesheet makes it a clean paper or PDF)."""
    event = organised_event_or_404(slug)
    delegation = _delegation_arg()
    kpis = _event_kpis(event, delegation)
    return _dashboard("outcomes/report.html", event, kpis, delegation)


@bp.get("/events/<slug>/report.pdf")
@organiser_required
def event_report_pdf(slug: str) -> Response:
    """The report as a PDF file."""
    event = organised_event_or_404(slug)
    delegation = _delegation_arg()
    kpis = _event_kpis(event, delegation)
    body = report.report_pdf(event.display_name, delegation, kpis)
    return download(body, "application/pdf", f"{event.slug}-outcomes.pdf")


@bp.get("/events/<slug>/outcomes.xlsx")
@organiser_required
def event_xlsx(slug: str) -> Response:
    """Meetings and outcomes, and the figures by delegation, country and sector."""
    event = organised_event_or_404(slug)
    delegation = _delegation_arg()
    data = queries.outcome_data(get_session(), [event])
    body = exports.outcomes_workbook(data, _event_kpis(event, delegation), delegation)
    return download(body, XLSX, f"{event.slug}-outcomes.xlsx")


def download(body: bytes, mimetype: str, filename: str) -> Response:
    """`body` as a file to save, kept out of caches."""
    response = current_app.response_class(body, mimetype=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.headers["Cache-Control"] = "no-store"
    return response


def _mission_kpis(mission: Mission) -> tuple[Kpis, list[tuple[Event, Kpis]]]:
    session = get_session()
    events = queries.mission_events(mission)
    per_event = [(event, compute_kpis(queries.outcome_data(session, [event]))) for event in events]
    return compute_kpis(queries.outcome_data(session, events)), per_event


@bp.get("/missions/<slug>/dashboard")
@organiser_required
def mission_dashboard(slug: str) -> str:
    """The mission's figures: events and delegations side by side, and the totals."""
    mission = mission_or_404(slug)
    total, per_event = _mission_kpis(mission)
    by_event = [
        {group.name: group for group in kpis.groups["delegation"]} for _event, kpis in per_event
    ]
    return render_template(
        "outcomes/mission.html",
        mission=mission,
        kpis=total,
        charts=dashboard_charts(total),
        per_event=per_event,
        delegation_rows=[
            (group, [groups.get(group.name) for groups in by_event])
            for group in total.groups["delegation"]
        ],
    )


@bp.get("/missions/<slug>/outcomes.xlsx")
@organiser_required
def mission_xlsx(slug: str) -> Response:
    """The mission's meetings and outcomes, and its figures by delegation, country, sector."""
    mission = mission_or_404(slug)
    session = get_session()
    data = queries.outcome_data(session, queries.mission_events(mission))
    body = exports.outcomes_workbook(data, compute_kpis(data), None)
    return download(body, XLSX, f"{mission.slug}-outcomes.xlsx")
