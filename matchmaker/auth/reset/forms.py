"""Forms of the password reset."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField
from wtforms.validators import DataRequired, Email, Length

from matchmaker.auth.emails import normalise_email
from matchmaker.auth.forms import NewPasswordForm


def _normalised(value: Any) -> Any:
    return normalise_email(value) if isinstance(value, str) else value


class ForgotPasswordForm(FlaskForm):  # type: ignore[misc]
    """The address of the account."""

    email = EmailField(
        _l("Email"),
        validators=[
            DataRequired(),
            Length(max=254),
            Email(message=_l("Enter an email address, like name@example.org.")),
        ],
        filters=[_normalised],
    )


class ResetPasswordForm(NewPasswordForm):
    """The new password, typed twice."""
