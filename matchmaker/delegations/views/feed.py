"""The delegation calendar feed (by its private token) and accepting a lead invitation."""

from __future__ import annotations

from flask import abort, current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_user
from sqlalchemy.exc import IntegrityError
from werkzeug.wrappers import Response as BaseResponse

from matchmaker.auth.forms import ConfirmForm, InvitationForm
from matchmaker.auth.login_sessions import open_login_session, remember
from matchmaker.auth.operations import create_user
from matchmaker.auth.queries import user_by_email
from matchmaker.auth.tokens import hash_token
from matchmaker.db import get_session, utcnow
from matchmaker.delegations import operations, queries
from matchmaker.delegations.calendar import delegation_calendar
from matchmaker.delegations.views.base import bp
from matchmaker.responses import file_response


@bp.get("/delegations/feed/<token>.ics")
def feed(token: str) -> BaseResponse:
    """Every meeting of the delegation's members, addressed by its private token."""
    db = get_session()
    delegation = queries.delegation_by_feed_hash(db, hash_token(token))
    if delegation is None:
        abort(404)
    return file_response(
        delegation_calendar(db, delegation),
        "text/calendar; charset=utf-8",
        f"delegation-{delegation.id}.ics",
        attachment=False,
    )


@bp.route("/delegations/invitations/<token>", methods=["GET", "POST"])
def lead_invitation(token: str) -> BaseResponse:
    """Accept an invitation to lead a delegation: open an account for the e-mail, or (when
    the account exists, and only logged in as it) take the role in one click."""
    db = get_session()
    invitation = queries.invitation_by_hash(db, hash_token(token))
    if invitation is None or invitation.expires_at < utcnow():
        abort(404)
    delegation = invitation.delegation
    account = user_by_email(db, invitation.email)
    if account is not None and not current_user.is_authenticated:
        flash(_("You already have an account: log in to accept the invitation."), "info")
        return redirect(url_for("auth.login", next=request.path))
    if account is not None and current_user.id != account.id:
        abort(404)
    form = InvitationForm() if account is None else ConfirmForm()
    if form.validate_on_submit():
        user = account
        try:
            if user is None:
                user = create_user(db, invitation.email, form.password.data, name="")
                db.flush()
            operations.accept_lead_invitation(db, invitation, user)
            login_id = open_login_session(db, user) if account is None else None
            db.commit()
        except IntegrityError:
            db.rollback()
            return redirect(request.path)
        if login_id is not None:
            session.clear()  # a fresh session for the new account, as at every login
            remember(login_id)
            login_user(user)
        flash(_("You lead %(name)s: register your SMEs here.", name=delegation.name), "success")
        return redirect(url_for(".overview", delegation_id=delegation.id))
    response = current_app.make_response(
        render_template(
            "delegations/invitation.html",
            delegation=delegation,
            invitation=invitation,
            form=form,
            new_account=account is None,
        )
    )
    response.headers["Referrer-Policy"] = "no-referrer"  # the URL holds the token
    return response
