"""Forms of the delegation pages: organisers' and leads'."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    EmailField,
    HiddenField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Email, Length, Optional, Regexp

from matchmaker.auth.countries import country_choices
from matchmaker.forms import SafeForm
from matchmaker.participants.forms import LEVEL_LABELS


def _country_choices() -> list[SelectChoice]:
    return [
        SelectChoice("", _l("Choose a country")),
        *(SelectChoice(c, n) for c, n in country_choices()),
    ]


class DelegationForm(SafeForm):
    """A new delegation of a mission (a partner cluster's)."""

    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=200)])
    cluster = StringField(
        _l("Cluster"),
        validators=[Optional(), Length(max=200)],
        description=_l("The partner cluster that leads it."),
    )
    country = SelectField(_l("Country"), validators=[Optional()])

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.country.choices = _country_choices()


class EmailForm(SafeForm):
    """One e-mail: a lead to add or invite, a member to add."""

    email = EmailField(_l("E-mail"), validators=[DataRequired(), Email(), Length(max=254)])


class EventsMayMeetForm(SafeForm):
    """Whether members of one delegation may meet each other at an event."""

    may_meet = BooleanField(_l("Members of one delegation may meet each other"))


class MemberForm(SafeForm):
    """An SME person a lead registers or edits (the organisation's name only on
    registration; its profile is the SME's own)."""

    organisation = StringField(_l("Organisation"), validators=[DataRequired(), Length(max=200)])
    country = SelectField(_l("Country"), validators=[DataRequired()])
    first_name = StringField(_l("First name"), validators=[DataRequired(), Length(max=100)])
    last_name = StringField(_l("Last name"), validators=[DataRequired(), Length(max=100)])
    email = EmailField(_l("E-mail"), validators=[DataRequired(), Email(), Length(max=254)])
    job_title = StringField(_l("Job title"), validators=[Optional(), Length(max=200)])
    phone = StringField(_l("Phone"), validators=[Optional(), Length(max=50)])
    offers = TextAreaField(_l("What they offer"), validators=[Optional(), Length(max=5000)])
    seeks = TextAreaField(_l("What they seek"), validators=[Optional(), Length(max=5000)])

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.country.choices = _country_choices()


class MarkForm(SafeForm):
    """A lead marks one person for an SME (an empty level clears the mark)."""

    participant_id = HiddenField(validators=[DataRequired(), Regexp(r"^\d+$")])
    level = SelectField(
        _l("Level"),
        choices=[
            SelectChoice("", _l("No mark")),
            *(SelectChoice(level.value, label) for level, label in LEVEL_LABELS.items()),
        ],
        validate_choice=True,
    )


class ConsentForm(SafeForm):
    """A participant allows (or stops allowing) their delegation's leads to mark for them."""

    allow = HiddenField(validators=[DataRequired(), Regexp(r"^[01]$")])
