"""Password reset pages: ask for a link by e-mail, then choose a new password with it."""

from __future__ import annotations

from flask import Blueprint, current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from matchmaker.auth.reset import operations
from matchmaker.auth.reset.forms import ForgotPasswordForm, ResetPasswordForm
from matchmaker.auth.throttle import ThrottleLimits
from matchmaker.db import get_session, utcnow
from matchmaker.responses import token_page

bp = Blueprint("reset", __name__, cli_group=None)


def _limits() -> ThrottleLimits:
    return ThrottleLimits(
        max_attempts=int(current_app.config["PASSWORD_RESET_MAX_PER_EMAIL"]),
        window_s=int(current_app.config["PASSWORD_RESET_WINDOW_S"]),
    )


@bp.route("/password/forgot", methods=["GET", "POST"])
def forgot_password() -> str:
    """Ask for a reset link. The answer never tells whether the address has an account."""
    form = ForgotPasswordForm()
    if form.validate_on_submit():
        db = get_session()
        operations.request_reset(db, form.email.data, _limits(), utcnow())
        db.commit()
        return render_template("auth/reset_requested.html", email=form.email.data)
    return render_template("auth/forgot_password.html", form=form)


@bp.route("/password/reset/<token>", methods=["GET", "POST"])
def reset_password(token: str) -> Response:
    """Choose a new password with a link from the e-mail; it works once, within the hour."""
    db = get_session()
    reset = operations.usable_reset(db, token, utcnow())
    if reset is None:
        return token_page(render_template("auth/reset_unusable.html"), 410)
    form = ResetPasswordForm()
    if form.validate_on_submit():
        operations.complete_reset(db, reset, form.password.data, utcnow())
        db.commit()
        flash(_("Your password is changed and every device is logged out: log in now."), "success")
        return redirect(url_for("auth.login"))
    return token_page(render_template("auth/reset_password.html", form=form))
