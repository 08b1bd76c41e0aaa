"""The delegation calendar feed (by its private token) and accepting a lead invitation."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response as BaseResponse

from matchmaker.auth.role_invitations import invitation_step
from matchmaker.auth.tokens import hash_token
from matchmaker.db import get_session, utcnow
from matchmaker.delegations import operations, queries
from matchmaker.delegations.calendar import delegation_calendar
from matchmaker.delegations.views.base import bp
from matchmaker.responses import file_response, token_page


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
    step = invitation_step(
        invitation.email, lambda user: operations.accept_lead_invitation(db, invitation, user)
    )
    if step.answer is not None:
        return step.answer
    if step.accepted:
        flash(_("You lead %(name)s: register your SMEs here.", name=delegation.name), "success")
        return redirect(url_for(".overview", delegation_id=delegation.id))
    return token_page(
        render_template(
            "delegations/invitation.html",
            delegation=delegation,
            invitation=invitation,
            form=step.form,
            new_account=step.new_account,
        )
    )
