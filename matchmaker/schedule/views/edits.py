"""Organisers: hand edits of meetings (move, swap, cancel, lock, add)."""

from __future__ import annotations

from collections.abc import Callable

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from werkzeug.wrappers import Response as BaseResponse

from matchmaker.auth.access import organised_event_or_404, organiser_required
from matchmaker.commits import commit_or_refuse
from matchmaker.db import get_session
from matchmaker.i18n import format_time, format_weekday_day
from matchmaker.models import Event, Meeting
from matchmaker.schedule import operations, queries
from matchmaker.schedule.forms import ActionForm, AddMeetingForm, LockForm, MoveForm, SwapForm
from matchmaker.schedule.views.base import bp, now

CONFLICT_MESSAGE = _l(
    "That time or place is taken: someone would have two meetings at once, or the table "
    "is in use. Nothing was changed."
)
BOOTH_LABEL = _l("At the exhibitor's booth")


def _meeting_or_404(event: Event, meeting_id: int) -> Meeting:
    meeting = queries.event_meeting(get_session(), event, meeting_id)
    if meeting is None:
        abort(404)
    return meeting


def _slot_choices(event: Event) -> list[tuple[int, str]]:
    zone = event.zone
    return [
        (
            slot.id,
            f"{format_weekday_day(slot.local_start(zone))} "
            f"{format_time(slot.local_start(zone))}–{format_time(slot.local_end(zone))}",
        )
        for slot in event.slots
    ]


def _place_choices(event: Event) -> list[tuple[str, str]]:
    tables = [(str(t.id), f"{t.name} · {t.place}" if t.place else t.name) for t in event.tables]
    return [*tables, ("booth", str(BOOTH_LABEL))]


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
            _(
                "%(when)s · %(first)s & %(second)s",
                when=slot_labels[m.slot_id],
                first=m.participant_a.full_name,
                second=m.participant_b.full_name,
            ),
        )
        for m in queries.confirmed_meetings(get_session(), event)
        if m.id != meeting.id
    ]
    session = get_session()
    return {
        "move": move,
        "swap": swap,
        "lock": LockForm(locked="0" if meeting.locked else "1"),
        "move_choices": queries.move_choices(session, event, meeting) if meeting.confirmed else [],
        "swap_choices": queries.swap_choices(session, event, meeting) if meeting.confirmed else [],
        "slots": {slot.id: slot for slot in event.slots},
        "tables": {table.id: table for table in event.tables},
    }


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
    """One meeting: move, swap, lock or cancel it; the slots it can move to and the meetings
    it can swap with, computed by the rulebook, each one click away."""
    event = organised_event_or_404(slug)
    return _meeting_page(event, _meeting_or_404(event, meeting_id))


def _refusal(edit: Callable[[], object]) -> str | None:
    """Run a hand edit and commit it (None), or roll it back and say why it was refused."""
    return commit_or_refuse(edit, operations.ScheduleError, conflict=str(CONFLICT_MESSAGE)).refusal


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
        flash(_("Choose a time and a place."), "error")
        return redirect(url_for("schedule.meeting", slug=slug, meeting_id=meeting_id))
    session = get_session()
    refusal = _refusal(
        lambda: operations.move_meeting(
            session,
            event,
            found,
            slot_id=form.slot.data,
            place=form.place.data,
            now=now(),
            override=bool(form.override.data),
        )
    )
    if refusal is not None:
        flash(refusal, "error")
        return _meeting_page(event, found, move=form)
    flash(_("Meeting moved."), "success")
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
        flash(_("Choose the meeting to swap with."), "error")
        return redirect(url_for("schedule.meeting", slug=slug, meeting_id=meeting_id))
    other = _meeting_or_404(event, form.other.data)
    session = get_session()
    refusal = _refusal(lambda: operations.swap_meetings(session, event, found, other, now()))
    if refusal is not None:
        flash(refusal, "error")
        return _meeting_page(event, found, swap=form)
    flash(_("Meetings swapped."), "success")
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
        _("Meeting cancelled."),
        lambda: operations.cancel_by_hand(session, event, found, now()),
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
        _("Meeting locked.") if locked else _("Meeting unlocked."),
        lambda: operations.set_locked(get_session(), event, found, locked),
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
                    now=now(),
                    override=bool(form.override.data),
                )
            )
        )
        if refusal is None:
            flash(_("Meeting added."), "success")
            return redirect(url_for("schedule.meeting", slug=slug, meeting_id=added[0].id))
        flash(refusal, "error")
    return render_template("schedule/add_meeting.html", event=event, form=form)
