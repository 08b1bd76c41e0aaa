"""Forms of the messages area."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length

from matchmaker.messages.kinds import optional_kinds

SUBJECT_MAX_LENGTH = 300
BODY_MAX_LENGTH = 20_000


def _strip(value: Any) -> Any:
    return value.strip() if isinstance(value, str) else value


class ConfirmForm(FlaskForm):  # type: ignore[misc]
    """A button and its CSRF token."""


class BroadcastForm(FlaskForm):  # type: ignore[misc]
    """An organisers' message to a group of the event's participants."""

    audience = SelectField(_l("Send to"), default="everyone")
    subject = StringField(
        _l("Subject"),
        validators=[
            DataRequired(message=_l("Write a subject.")),
            Length(max=SUBJECT_MAX_LENGTH, message=_l("Keep the subject under 300 characters.")),
        ],
        filters=[_strip],
    )
    body = TextAreaField(
        _l("Message"),
        validators=[
            DataRequired(message=_l("Write the message.")),
            Length(max=BODY_MAX_LENGTH, message=_l("Keep the message under 20,000 characters.")),
        ],
        description=_l(
            "Plain text; an empty line starts a new paragraph. The greeting "
            "(“Hello <name>,”) and the footer are added for you."
        ),
    )

    def __init__(self, choices: dict[str, list[tuple[str, str]]], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.audience.choices = {group: options for group, options in choices.items() if options}


class MessagePreferencesForm(FlaskForm):  # type: ignore[misc]
    """One checkbox per optional kind of message: ticked means "send me these"."""


for _kind in optional_kinds():
    setattr(
        MessagePreferencesForm,
        _kind.name,
        BooleanField(_kind.label, description=_kind.description),
    )
