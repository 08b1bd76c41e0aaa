"""Organisers grant the event-scoped staff role: check-in and attendance, nothing else.

An existing account is added by its e-mail; another e-mail gets an invitation link, which
the organiser passes on and which opens the account and the role in one step.
"""

from __future__ import annotations

from flask import (
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    url_for,
)
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from matchmaker.auth.access import login_required, organised_event_or_404, organiser_required
from matchmaker.auth.emails import normalise_email
from matchmaker.auth.queries import user_by_email
from matchmaker.auth.role_invitations import invitation_step
from matchmaker.auth.tokens import hash_token
from matchmaker.calendars.tokens import current_token
from matchmaker.db import get_session
from matchmaker.links import external_url
from matchmaker.live import operations, queries
from matchmaker.live.forms import ActionForm, StaffForm
from matchmaker.live.views.base import bp, me_user
from matchmaker.models import StaffInvitation
from matchmaker.responses import token_page


def invitation_url(invitation: StaffInvitation) -> str | None:
    """The invitation's link, or None when the secret key changed since it was made."""
    token = current_token(
        "staff",
        invitation.id,
        invitation.created_at,
        invitation.token_hash,
        current_app.config["SECRET_KEY"],
    )
    return external_url("live.staff_invitation", token=token) if token else None


@bp.get("/staff")
@login_required
def staff_home() -> str:
    """Where staff land: the events they check people in at, each with its desk and live
    view; 404 for an account that is nobody's staff."""
    events = queries.staffed_events(get_session(), me_user().id)
    if not events:
        abort(404)
    return render_template("live/staff_home.html", events=events)


@bp.route("/events/<slug>/staff", methods=["GET", "POST"])
@organiser_required
def staff(slug: str) -> Response | str:
    """The event's staff and open invitations; a form to add someone by e-mail."""
    event = organised_event_or_404(slug)
    db = get_session()
    form = StaffForm()
    if form.validate_on_submit():
        email = normalise_email(form.email.data)
        user = user_by_email(db, email)
        if user is None:
            operations.invite_staff(db, event, email, me_user(), current_app.config["SECRET_KEY"])
            db.commit()
            flash(
                _(
                    "%(email)s has no account yet: send them the invitation link below.",
                    email=email,
                ),
                "info",
            )
        else:
            added = operations.grant_staff(db, event, user, me_user())
            db.commit()
            flash(
                _("%(email)s can now check people in and record attendance.", email=user.email)
                if added
                else _("%(email)s is already staff of this event.", email=user.email),
                "success" if added else "info",
            )
        return redirect(url_for(".staff", slug=slug))
    return render_template(
        "live/staff.html",
        event=event,
        form=form,
        grants=queries.staff_of(db, event),
        invitations=[(i, invitation_url(i)) for i in queries.staff_invitations(db, event)],
        action=ActionForm(),
    )


@bp.post("/events/<slug>/staff/<int:user_id>/revoke")
@organiser_required
def revoke_staff(slug: str, user_id: int) -> Response:
    """End an account's staff role at the event."""
    event = organised_event_or_404(slug)
    if not ActionForm().validate_on_submit():
        abort(400)
    operations.revoke_staff(get_session(), event, user_id)
    get_session().commit()
    flash(_("Staff access removed."), "info")
    return redirect(url_for(".staff", slug=slug))


@bp.route("/staff-invitations/<token>", methods=["GET", "POST"])
def staff_invitation(token: str) -> Response:
    """Accept a staff invitation: open an account for the e-mail, or (when the account
    exists, and only logged in as it) take the role in one click."""
    db = get_session()
    invitation = queries.staff_invitation_by_hash(db, hash_token(token))
    if invitation is None:
        abort(404)
    event = invitation.event
    step = invitation_step(
        invitation.email, lambda user: operations.accept_staff_invitation(db, invitation, user)
    )
    if step.answer is not None:
        return step.answer
    if step.accepted:
        flash(
            _("You are staff of %(event)s: here is the check-in desk.", event=event.display_name),
            "success",
        )
        return redirect(url_for(".desk", slug=event.slug))
    return token_page(
        render_template(
            "live/staff_invitation.html",
            event=event,
            invitation=invitation,
            form=step.form,
            new_account=step.new_account,
        )
    )
