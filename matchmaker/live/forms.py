"""Forms of the event day. Every state change carries a CSRF token."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, HiddenField, IntegerField, SelectChoice, SelectField, StringField
from wtforms.validators import DataRequired, Email, Length, NumberRange, Optional

from matchmaker.models import Outcome


class ActionForm(FlaskForm):  # type: ignore[misc]
    """A button that changes something: only the CSRF token."""


class CheckInForm(FlaskForm):  # type: ignore[misc]
    """Check someone in by their typed or scanned code, or by picking them from a search."""

    code = StringField(_l("Check-in code"), validators=[Optional(), Length(max=40)])
    participant_id = HiddenField()


class AttendanceForm(FlaskForm):  # type: ignore[misc]
    """A meeting was held, or one side was absent (who: `absent_id`)."""

    outcome = SelectField(
        _l("Outcome"),
        choices=[SelectChoice(o.value, o.value) for o in Outcome],
        validators=[DataRequired()],
    )
    absent_id = IntegerField(validators=[Optional()])


class StaffForm(FlaskForm):  # type: ignore[misc]
    """Grant the staff role to an existing account."""

    email = EmailField(
        _l("E-mail of their account"), validators=[DataRequired(), Email(), Length(max=254)]
    )


class BoardForm(FlaskForm):  # type: ignore[misc]
    """A new big-screen board link, for the whole venue or one hall."""

    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=100)])
    hall = StringField(
        _l("Hall"),
        validators=[Optional(), Length(max=100)],
        description=_l("Show only the tables whose place mentions this, e.g. “Hall 8”."),
    )


class NoShowForm(FlaskForm):  # type: ignore[misc]
    """After how many minutes someone not checked in has missed a meeting."""

    no_show_minutes = IntegerField(
        _l("No-show after (minutes)"), validators=[DataRequired(), NumberRange(min=1, max=120)]
    )


class SpotRequestForm(FlaskForm):  # type: ignore[misc]
    """Ask a match for a meeting in a slot."""

    partner_id = IntegerField(validators=[DataRequired()])
    slot_id = IntegerField(validators=[DataRequired()])
