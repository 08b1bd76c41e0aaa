"""Organisers: an event's participants: list, edit, withdraw, reinstate."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from werkzeug.wrappers import Response as BaseResponse

from matchmaker.auth.access import organised_event_or_404, organiser_required
from matchmaker.db import get_session, utcnow
from matchmaker.models import Event, Participant
from matchmaker.models.enums import EventMode
from matchmaker.organiser import operations, queries
from matchmaker.organiser.forms import ParticipantForm
from matchmaker.organiser.views.base import Page, bp


def _participant_or_404(event: Event, participant_id: int) -> Participant:
    participant = queries.event_participant(get_session(), event, participant_id)
    if participant is None:
        abort(404)
    return participant


@bp.get("/events/<slug>/participants")
@organiser_required
def participants(slug: str) -> str:
    """Participants with search, counts, withdraw/reinstate and invitations."""
    event = organised_event_or_404(slug)
    db = get_session()
    search = request.args.get("q", "")[:100].strip()
    return render_template(
        "organiser/participants.html",
        event=event,
        search=search,
        participants=queries.event_participants(db, event, search),
        figures=queries.registration_figures(db, event),
        to_invite=len(
            queries.participants_to_invite(db, event, include_invited=False, now=utcnow())
        ),
        without_account=len(
            queries.participants_to_invite(db, event, include_invited=True, now=utcnow())
        ),
    )


@bp.post("/events/<slug>/participants/<int:participant_id>/withdraw")
@organiser_required
def withdraw(slug: str, participant_id: int) -> BaseResponse:
    """Withdraw a participant (kept, but left out of matching and scheduling)."""
    return _set_withdrawn(slug, participant_id, withdraw=True)


@bp.post("/events/<slug>/participants/<int:participant_id>/reinstate")
@organiser_required
def reinstate(slug: str, participant_id: int) -> BaseResponse:
    """Bring a withdrawn participant back."""
    return _set_withdrawn(slug, participant_id, withdraw=False)


def _set_withdrawn(slug: str, participant_id: int, *, withdraw: bool) -> BaseResponse:
    event = organised_event_or_404(slug)
    participant = _participant_or_404(event, participant_id)
    if withdraw:
        cancelled = operations.withdraw(get_session(), participant, utcnow())
        if cancelled:
            message = ngettext(
                "%(name)s withdrawn. Their %(num)d meeting is cancelled: re-solve with minimal "
                "change to fill the freed slot.",
                "%(name)s withdrawn. Their %(num)d meetings are cancelled: re-solve with "
                "minimal change to fill the freed slots.",
                cancelled,
                name=participant.full_name,
            )
        else:
            message = _("%(name)s withdrawn.", name=participant.full_name)
    else:
        operations.reinstate(participant)
        message = _("%(name)s reinstated.", name=participant.full_name)
    get_session().commit()
    flash(message, "success")
    return redirect(url_for(".participants", slug=event.slug, q=request.args.get("q") or None))


@bp.route("/events/<slug>/participants/<int:participant_id>", methods=["GET", "POST"])
@organiser_required
def edit_participant(slug: str, participant_id: int) -> Page:
    """Change a participant's meeting cap and exhibitor booth."""
    event = organised_event_or_404(slug)
    participant = _participant_or_404(event, participant_id)
    form = ParticipantForm(obj=participant)
    if event.mode != EventMode.HYBRID:
        del form.online
    default = event.default_max_meetings
    form.max_meetings.description = (
        _("Empty: the event's default, %(cap)d.", cap=default)
        if default is not None
        else _("Empty: no cap.")
    )
    if form.validate_on_submit():
        operations.update_participant(
            participant,
            form.max_meetings.data,
            form.location.data or "",
            max_meetings_per_day=form.max_meetings_per_day.data,
            min_meetings=form.min_meetings.data,
            online=form.online.data if event.mode == EventMode.HYBRID else None,
        )
        get_session().commit()
        flash(_("%(name)s saved.", name=participant.full_name), "success")
        return redirect(url_for(".participants", slug=event.slug))
    return render_template(
        "organiser/participant_form.html", event=event, participant=participant, form=form
    )
