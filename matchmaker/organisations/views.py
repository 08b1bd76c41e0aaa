"""Settling requests to join an organisation: by the event's organisers, or by its members.

Anything not yours answers 404, like everywhere else.
"""

from __future__ import annotations

from typing import cast

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from matchmaker.auth.access import (
    event_or_404,
    login_required,
    organised_event_or_404,
    organiser_required,
    own_participant_or_404,
)
from matchmaker.auth.forms import ConfirmForm
from matchmaker.db import get_session, utcnow
from matchmaker.models import Event, OrganisationMember, Participant, User
from matchmaker.organisations import operations, queries

bp = Blueprint("organisations", __name__, cli_group=None)

VERDICTS = "approve, decline"


@bp.get("/organise/events/<slug>/memberships")
@organiser_required
def requests(slug: str) -> str:
    """The event's pending requests to join an organisation."""
    event = organised_event_or_404(slug)
    pending = queries.pending_in_event(get_session(), event)
    return render_template(
        "organisations/requests.html", event=event, pending=pending, form=ConfirmForm()
    )


@bp.post(f"/organise/events/<slug>/memberships/<int:member_id>/<any({VERDICTS}):verdict>")
@organiser_required
def settle_as_organiser(slug: str, member_id: int, verdict: str) -> Response:
    """Approve or decline a request from someone registered for the organiser's event."""
    event = organised_event_or_404(slug)
    member, participant = _pending_or_404(event, member_id)
    _settle(member, participant, verdict)
    return redirect(url_for(".requests", slug=event.slug))


@bp.post(f"/events/<slug>/organisation/requests/<int:member_id>/<any({VERDICTS}):verdict>")
@login_required
def settle_as_member(slug: str, member_id: int, verdict: str) -> Response:
    """Approve or decline a request to join the organisation the current user speaks for."""
    event = event_or_404(slug)
    me = own_participant_or_404(event)
    member, participant = _pending_or_404(event, member_id)
    if not queries.is_approved_member(get_session(), member.organisation_id, me.user_id or 0):
        abort(404)
    _settle(member, participant, verdict)
    return redirect(url_for("participants.profile", slug=event.slug))


def _pending_or_404(event: Event, member_id: int) -> tuple[OrganisationMember, Participant]:
    for member, participant in queries.pending_in_event(get_session(), event):
        if member.id == member_id:
            return member, participant
    abort(404)


def _settle(member: OrganisationMember, participant: Participant, verdict: str) -> None:
    if not ConfirmForm().validate_on_submit():
        abort(400)
    db = get_session()
    organisation = member.organisation.name
    if verdict == "approve":
        operations.approve(member, cast(User, current_user._get_current_object()), utcnow())
        message = _(
            "%(name)s may now edit the profile of %(organisation)s.",
            name=participant.full_name,
            organisation=organisation,
        )
    else:
        operations.decline(db, member)
        message = _(
            "%(name)s's request to join %(organisation)s is declined; they still "
            "take part, but cannot edit its profile.",
            name=participant.full_name,
            organisation=organisation,
        )
    db.commit()
    flash(message, "success")
