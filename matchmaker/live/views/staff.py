"""Organisers grant the event-scoped staff role: check-in and attendance, nothing else."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from werkzeug.wrappers import Response

from matchmaker.auth.access import organised_event_or_404, organiser_required
from matchmaker.auth.emails import normalise_email
from matchmaker.auth.queries import user_by_email
from matchmaker.db import get_session
from matchmaker.live import operations, queries
from matchmaker.live.forms import ActionForm, StaffForm
from matchmaker.live.views.base import bp, me_user


@bp.route("/events/<slug>/staff", methods=["GET", "POST"])
@organiser_required
def staff(slug: str) -> Response | str:
    """The event's staff, and a form to add an existing account by e-mail."""
    event = organised_event_or_404(slug)
    session = get_session()
    form = StaffForm()
    if form.validate_on_submit():
        user = user_by_email(session, normalise_email(form.email.data))
        if user is None:
            form.email.errors.append(
                "No account uses this e-mail: ask them to sign up, then add them here."
            )
        else:
            added = operations.grant_staff(session, event, user, me_user())
            session.commit()
            flash(
                f"{user.email} can now check people in and record attendance."
                if added
                else f"{user.email} is already staff of this event.",
                "success" if added else "info",
            )
            return redirect(url_for(".staff", slug=slug))
    return render_template(
        "live/staff.html",
        event=event,
        form=form,
        grants=queries.staff_of(session, event),
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
    flash("Staff access removed.", "info")
    return redirect(url_for(".staff", slug=slug))
