"""The live view of a slot (the schedule's "now"), attendance, and same-day recovery."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from matchmaker.auth.access import login_required, organised_event_or_404
from matchmaker.db import get_session
from matchmaker.live import operations, queries
from matchmaker.live.access import staffed_event_or_404
from matchmaker.live.attendance import meeting_on_the_day
from matchmaker.live.clock import now
from matchmaker.live.forms import ActionForm, AttendanceForm, NoShowForm
from matchmaker.live.views.base import (
    bp,
    me_user,
    meeting_or_404,
    participant_or_404,
    replan_time_limit,
)
from matchmaker.models import Event, Outcome, Participant, TimeSlot


def _shown_slot(event: Event) -> TimeSlot | None:
    """The slot asked for (`?slot=`), else the current one, the next, today's first."""
    wanted = request.args.get("slot", "")
    if wanted.isdigit():
        chosen = next((s for s in event.slots if s.id == int(wanted)), None)
        if chosen is None:
            abort(404)
        return chosen
    moment = now()
    current, upcoming = queries.current_and_next(event, moment)
    fallback = queries.todays_slots(event, moment) or event.slots
    return current or upcoming or (fallback[0] if fallback else None)


@bp.get("/events/<slug>/now")
@login_required
def now_view(slug: str) -> str:
    """One slot, table by table: the pair, who is checked in, held or missing."""
    event = staffed_event_or_404(slug)
    session = get_session()
    moment = now()
    slot = _shown_slot(event)
    rows = []
    if slot is not None:
        meetings = queries.slot_meetings(session, event, slot)
        check_ins = queries.check_ins(session, event)
        marks = queries.marks_of(session, meetings)
        rows = [meeting_on_the_day(event, m, check_ins, marks.get(m.id), moment) for m in meetings]
    index = event.slots.index(slot) if slot is not None else 0
    return render_template(
        "live/now.html",
        event=event,
        slot=slot,
        rows=rows,
        moment=moment,
        live=queries.is_live(event, moment),
        previous_slot=event.slots[index - 1] if slot is not None and index > 0 else None,
        next_slot=event.slots[index + 1]
        if slot is not None and index + 1 < len(event.slots)
        else None,
        form=ActionForm(),
        settings_form=NoShowForm(data={"no_show_minutes": event.no_show_minutes}),
        counts=queries.check_in_counts(session, event),
    )


def _back(slug: str) -> Response:
    target = request.form.get("back", "")
    if target.startswith("/") and not target.startswith("//"):
        return redirect(target)
    return redirect(url_for(".now_view", slug=slug))


@bp.post("/events/<slug>/meetings/<int:meeting_id>/attendance")
@login_required
def record_attendance(slug: str, meeting_id: int) -> Response:
    """Staff or organisers mark a meeting held, or one side absent."""
    event = staffed_event_or_404(slug)
    meeting = meeting_or_404(event, meeting_id)
    form = AttendanceForm()
    if not form.validate_on_submit():
        flash(_("Choose held or who was absent."), "error")
        return _back(slug)
    absent: Participant | None = None
    if form.absent_id.data is not None:
        absent = participant_or_404(event, form.absent_id.data)
    session = get_session()
    try:
        operations.mark_attendance(
            session,
            meeting,
            outcome=Outcome(form.outcome.data),
            absent=absent,
            user=me_user(),
            now=now(),
        )
    except operations.LiveError as error:
        flash(str(error), "error")
        return _back(slug)
    session.commit()
    flash(_("Attendance recorded."), "success")
    return _back(slug)


@bp.post("/events/<slug>/participants/<int:participant_id>/release")
@login_required
def release(slug: str, participant_id: int) -> Response:
    """Release an absent person's remaining meetings today and re-plan their partners."""
    event = organised_event_or_404(slug)
    participant = participant_or_404(event, participant_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    session = get_session()
    result = operations.release_absentee(
        session,
        event,
        participant,
        user=me_user(),
        now=now(),
        time_limit_s=replan_time_limit(),
    )
    session.commit()
    flash(
        _(
            "%(released)d meetings of %(name)s released; "
            "%(found)d replacement meetings found for their partners.",
            released=len(result.released),
            name=participant.full_name,
            found=len(result.replacements),
        ),
        "success",
    )
    return _back(slug)


@bp.post("/events/<slug>/no-show")
@login_required
def no_show_setting(slug: str) -> Response:
    """Set after how many minutes someone not checked in has missed a meeting."""
    event = organised_event_or_404(slug)
    form = NoShowForm()
    if form.validate_on_submit():
        event.no_show_minutes = form.no_show_minutes.data
        get_session().commit()
        flash(_("No-show after %(minutes)d minutes.", minutes=event.no_show_minutes), "success")
    else:
        flash(_("Give a number of minutes between 1 and 120."), "error")
    return _back(slug)
