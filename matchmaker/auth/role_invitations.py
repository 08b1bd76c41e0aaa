"""Accepting an invitation to a role (event staff, delegation lead) sent to an e-mail.

Without an account for the e-mail, the page opens one (choose a password) and logs it in;
with one, only that account, logged in, takes the role in one click.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from flask import abort, flash, redirect, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_user
from sqlalchemy.exc import IntegrityError
from werkzeug.wrappers import Response

from matchmaker.auth.forms import ConfirmForm, InvitationForm
from matchmaker.auth.login_sessions import open_login_session, remember
from matchmaker.auth.operations import create_user
from matchmaker.auth.queries import user_by_email
from matchmaker.db import get_session
from matchmaker.forms import SafeForm
from matchmaker.models import User


@dataclass(frozen=True)
class InvitationStep:
    """Where the invitation page stands: `answer` to return at once (log in first, or try
    again after a clash), `accepted` once the role is taken, else the `form` to show."""

    form: SafeForm
    new_account: bool
    answer: Response | None = None
    accepted: bool = False


def invitation_step(email: str, accept: Callable[[User], None]) -> InvitationStep:
    """Handle the invitation page's request; `accept(user)` gives the role (no commit)."""
    db = get_session()
    account = user_by_email(db, email)
    if account is not None and not current_user.is_authenticated:
        flash(_("You already have an account: log in to accept the invitation."), "info")
        return InvitationStep(
            ConfirmForm(), False, redirect(url_for("auth.login", next=request.path))
        )
    if account is not None and current_user.id != account.id:
        abort(404)
    form: SafeForm = InvitationForm() if account is None else ConfirmForm()
    if not form.validate_on_submit():
        return InvitationStep(form, account is None)
    user = account
    try:
        if user is None:
            user = create_user(db, email, form.password.data, name="")
            db.flush()
        accept(user)
        login_id = open_login_session(db, user) if account is None else None
        db.commit()
    except IntegrityError:
        db.rollback()
        return InvitationStep(form, account is None, redirect(request.path))
    if login_id is not None:
        session.clear()  # a fresh session for the new account, as at every login
        remember(login_id)
        login_user(user)
    return InvitationStep(form, account is None, accepted=True)
