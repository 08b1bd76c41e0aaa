"""A participant on the day: attendance from the phone agenda, leaving, free now."""

from __future__ import annotations

from dataclasses import dataclass

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from sqlalchemy.exc import IntegrityError
from werkzeug.wrappers import Response

from matchmaker.auth.access import login_required, own_event_and_participant_or_404
from matchmaker.db import get_session
from matchmaker.i18n import format_time
from matchmaker.live import operations, queries
from matchmaker.live.clock import now
from matchmaker.live.forms import ActionForm, AttendanceForm, SpotRequestForm
from matchmaker.live.views.base import bp, me_user, meeting_or_404, replan_time_limit
from matchmaker.models import (
    Event,
    Outcome,
    Participant,
    SpotStatus,
    TimeSlot,
)


def _to_agenda(slug: str) -> Response:
    return redirect(url_for("participants.agenda", slug=slug))


@bp.app_template_global()
def check_in_code(participant: Participant) -> str:
    """The participant's check-in code; the first call creates and saves it, so that the
    code on a printed agenda stays the one the desk knows."""
    session = get_session()
    existing = queries.check_in_of(session, participant)
    if existing is not None:
        return existing.code
    row = operations.ensure_check_in(session, participant)
    session.commit()
    return row.code


@bp.app_template_global()
def live_now() -> object:
    """The current moment (the app's clock), for templates."""
    return now()


@bp.post("/events/<slug>/me/meetings/<int:meeting_id>/attendance")
@login_required
def my_attendance(slug: str, meeting_id: int) -> Response:
    """From the agenda: the meeting was held, or the partner did not come."""
    event, me = own_event_and_participant_or_404(slug)
    meeting = meeting_or_404(event, meeting_id)
    if me.id not in (meeting.participant_a_id, meeting.participant_b_id):
        abort(404)
    form = AttendanceForm()
    if not form.validate_on_submit():
        abort(400)
    outcome = Outcome(form.outcome.data)
    partner = meeting.partner_of(me.id)
    session = get_session()
    try:
        operations.mark_attendance(
            session,
            meeting,
            outcome=outcome,
            absent=partner if outcome == Outcome.ABSENT else None,
            user=me_user(),
            now=now(),
        )
    except operations.LiveError as error:
        flash(str(error), "error")
        return _to_agenda(slug)
    session.commit()
    if outcome == Outcome.HELD:
        flash(_("Noted: you met %(name)s.", name=partner.full_name), "success")
    else:
        flash(
            _("Noted: %(name)s did not come. The organisers can see it.", name=partner.full_name),
            "info",
        )
    return _to_agenda(slug)


@bp.post("/events/<slug>/me/left")
@login_required
def i_have_left(slug: str) -> Response:
    """The participant went home: their remaining meetings today are released."""
    event, me = own_event_and_participant_or_404(slug)
    if not ActionForm().validate_on_submit():
        abort(400)
    session = get_session()
    result = operations.release_absentee(
        session, event, me, user=me_user(), now=now(), left=True, time_limit_s=replan_time_limit()
    )
    session.commit()
    flash(
        ngettext(
            "Thank you: your remaining meeting today is cancelled and your partner is told.",
            "Thank you: your %(num)d remaining meetings today are cancelled "
            "and your partners are told.",
            len(result.released),
        ),
        "info",
    )
    return _to_agenda(slug)


@dataclass(frozen=True)
class FreeSlot:
    """A slot of now or next, and my checked-in matches free in it."""

    slot: TimeSlot
    current: bool
    people: list[Participant]


def _free_now(event: Event, me: Participant) -> tuple[list[FreeSlot], bool]:
    """(the current and next slots with free matches, whether I am checked in).

    The current slot counts while it is open for planning (`queries.open_for_planning`).
    Matches with a request pending between us are left out: it is answered above.
    """
    session = get_session()
    moment = now()
    current, upcoming = queries.current_and_next(event, moment)
    slots = [
        s for s in (current, upcoming) if s is not None and queries.open_for_planning(s, moment)
    ]
    rows = queries.check_ins(session, event)
    present = {pid for pid, row in rows.items() if row.present}
    waiting = {r.requester_id for r in queries.pending_requests_for(session, me)} | {
        r.partner_id for r in queries.requests_by(session, me) if r.status == SpotStatus.PENDING
    }
    matches = (set(queries.wished(session, me)) | queries.wished_by(session, me)) - (
        queries.refused_by_either(session, me)
        | queries.met_or_meeting(session, me)
        | waiting
        | {me.id}
    )
    people = [
        p
        for p in queries.participants_by_ids(session, event, matches & present)
        if p.organisation_id != me.organisation_id
    ]
    busy = queries.busy_slots(session, event, [s.id for s in slots])
    free = [
        FreeSlot(slot, slot is current, [p for p in people if (p.id, slot.id) not in busy])
        for slot in slots
        if (me.id, slot.id) not in busy
    ]
    return free, me.id in present


@bp.get("/events/<slug>/me/free")
@login_required
def free_now(slug: str) -> str:
    """Matches who are checked in and free now or next; requests to answer and sent."""
    event, me = own_event_and_participant_or_404(slug)
    session = get_session()
    free, checked_in = _free_now(event, me)
    return render_template(
        "live/free_now.html",
        event=event,
        me=me,
        free=free,
        checked_in=checked_in,
        incoming=queries.pending_requests_for(session, me),
        sent=queries.requests_by(session, me),
        form=ActionForm(),
    )


@bp.post("/events/<slug>/me/requests")
@login_required
def ask(slug: str) -> Response:
    """Ask a free, checked-in match for a meeting now or next."""
    event, me = own_event_and_participant_or_404(slug)
    form = SpotRequestForm()
    back = redirect(url_for(".free_now", slug=slug))
    if not form.validate_on_submit():
        abort(400)
    free, _checked_in = _free_now(event, me)
    option = next((f for f in free if f.slot.id == form.slot_id.data), None)
    partner = next(
        (p for p in (option.people if option else []) if p.id == form.partner_id.data), None
    )
    if option is None or partner is None:
        flash(_("That person is no longer free then: pick another."), "error")
        return back
    session = get_session()
    try:
        operations.request_spot(session, event, me, partner, option.slot, now())
        session.commit()
    except (operations.LiveError, IntegrityError) as error:
        session.rollback()
        message = (
            str(error)
            if isinstance(error, operations.LiveError)
            else _("You have already asked %(name)s.", name=partner.full_name)
        )
        flash(message, "error")
        return back
    flash(_("Asked %(name)s: they see it on their phone.", name=partner.full_name), "success")
    return back


@bp.post("/events/<slug>/me/requests/<int:request_id>/<any(accept, decline):answer>")
@login_required
def answer(slug: str, request_id: int, answer: str) -> Response:
    """Accept (a table is found and the meeting confirmed) or decline a request."""
    event, me = own_event_and_participant_or_404(slug)
    session = get_session()
    spot = queries.spot_request(session, event, request_id)
    if spot is None or spot.partner_id != me.id:
        abort(404)
    if not ActionForm().validate_on_submit():
        abort(400)
    back = redirect(url_for(".free_now", slug=slug))
    try:
        if answer == "decline":
            operations.decline_spot(spot, now())
            session.commit()
            flash(_("Request declined."), "info")
            return back
        meeting = operations.accept_spot(session, event, spot, me_user(), now())
        session.commit()
    except operations.LiveError as error:
        session.rollback()
        flash(str(error), "error")
        return back
    except IntegrityError:
        session.rollback()
        flash(_("That table or one of you was just booked: ask again."), "error")
        return back
    start = meeting.slot.local_start(event.zone)
    flash(
        _(
            "Meeting with %(name)s at %(time)s, %(place)s.",
            name=spot.requester.full_name,
            time=format_time(start),
            place=meeting.place_label,
        ),
        "success",
    )
    return _to_agenda(slug)
