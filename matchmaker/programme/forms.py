"""Forms of the programme pages."""

from __future__ import annotations

from typing import Any
from zoneinfo import available_timezones

from flask_babel import lazy_gettext as _l
from wtforms import (
    DateTimeLocalField,
    IntegerField,
    RadioField,
    SelectChoice,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, NumberRange, Optional, ValidationError

from matchmaker.forms import SafeForm
from matchmaker.models import Audience
from matchmaker.organiser.forms import LOCAL_INPUT_FORMATS, timezone_choices
from matchmaker.participants.forms import CheckboxListField
from matchmaker.programme.labels import AUDIENCE_LABELS, KIND_LABELS


class ProgrammeItemForm(SafeForm):
    kind = SelectField(
        _l("Kind"), choices=[SelectChoice(kind.value, label) for kind, label in KIND_LABELS.items()]
    )
    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=200)])
    description = TextAreaField(_l("Description"), validators=[Optional(), Length(max=5000)])
    timezone = SelectField(
        _l("Time zone"),
        choices=timezone_choices,
        description=_l("Where the item takes place: start and end are in this local time."),
    )
    starts_at = DateTimeLocalField(
        _l("Start"), format=LOCAL_INPUT_FORMATS, validators=[DataRequired()]
    )
    ends_at = DateTimeLocalField(_l("End"), format=LOCAL_INPUT_FORMATS, validators=[DataRequired()])
    place = StringField(
        _l("Place"),
        validators=[Optional(), Length(max=200)],
        description=_l("E.g. Siemens Technology Centre, EU pavilion."),
    )
    address = StringField(
        _l("Address"),
        validators=[Optional(), Length(max=500)],
        description=_l("Street, city: the map link is made from it."),
    )
    audience = RadioField(
        _l("Who attends"),
        choices=[
            SelectChoice(audience.value, label) for audience, label in AUDIENCE_LABELS.items()
        ],
        default=Audience.EVERYONE.value,
    )
    delegations = CheckboxListField(_l("Delegations"), coerce=int, validate_choice=False)
    guests = CheckboxListField(_l("People"), coerce=int, validate_choice=False)
    capacity = IntegerField(
        _l("Places"),
        validators=[Optional(), NumberRange(min=1, max=10000)],
        description=_l(
            "Empty: everyone invited attends. A number: invited people sign up, up to this many."
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.timezone.choices = timezone_choices(self.timezone.data)

    def validate_timezone(self, field: SelectField) -> None:
        if field.data not in available_timezones():
            raise ValidationError(_l("Choose a time zone from the list."))

    def validate_ends_at(self, field: DateTimeLocalField) -> None:
        if field.data and self.starts_at.data and field.data <= self.starts_at.data:
            raise ValidationError(_l("The end must be after the start."))

    def validate_delegations(self, field: CheckboxListField) -> None:
        if self.audience.data == Audience.DELEGATIONS.value and not field.data:
            raise ValidationError(_l("Choose at least one delegation."))

    def validate_guests(self, field: CheckboxListField) -> None:
        if self.audience.data == Audience.PEOPLE.value and not field.data:
            raise ValidationError(_l("Choose at least one person."))


class HomeZoneForm(SafeForm):
    timezone = SelectField(
        _l("Home time zone"),
        description=_l(
            "Itineraries show each time in its own place's zone and, where it "
            "differs, in this one. Empty: the zone of your organisation's country."
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        groups = timezone_choices(self.timezone.data)
        self.timezone.choices = {
            str(_l("Default")): [SelectChoice("", _l("From my organisation’s country"))],
            **groups,
        }

    def validate_timezone(self, field: SelectField) -> None:
        if field.data and field.data not in available_timezones():
            raise ValidationError(_l("Choose a time zone from the list."))
