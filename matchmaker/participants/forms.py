"""Forms of a participant's pages: profile, availability, catalogue search, preferences."""

from __future__ import annotations

from dataclasses import replace
from typing import Any
from zoneinfo import available_timezones

from flask_babel import gettext as _
from flask_babel import lazy_gettext, ngettext
from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    EmailField,
    HiddenField,
    IntegerField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
    URLField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import (
    URL,
    DataRequired,
    Email,
    Length,
    NumberRange,
    Optional,
    Regexp,
    ValidationError,
)
from wtforms.widgets import CheckboxInput, ListWidget

from matchmaker.auth.countries import COUNTRY_NAMES
from matchmaker.forms import SafeForm, SafeGetForm, select_choices
from matchmaker.i18n import country_name
from matchmaker.models import Event, OrganisationType, Participant, PreferenceLevel
from matchmaker.models.enums import ORGANISATION_TYPE_CHOICES, EventMode
from matchmaker.organiser.forms import timezone_choices
from matchmaker.participants.catalogue import SORT_ORDERS, CatalogueFilters
from matchmaker.participants.operations import OrganisationChanges, PersonChanges

LONG_TEXT = 5000
NOTE_LENGTH = 1000
LEVEL_LABELS = {
    PreferenceLevel.MUST: _l("Must meet"),
    PreferenceLevel.WANT: _l("Want to meet"),
    PreferenceLevel.MAYBE: _l("Maybe"),
    PreferenceLevel.NOT: _l("Not interested"),
}


def level_labels() -> dict[PreferenceLevel, str]:
    """The levels' labels in the current language, translated once for a page that shows
    them on every card (a lazy label is translated anew each time it is shown)."""
    return {level: str(label) for level, label in LEVEL_LABELS.items()}


def _strip(value: Any) -> Any:
    return value.strip() if isinstance(value, str) else value


def _web_address(value: Any) -> Any:
    """'www.example.eu' -> 'https://www.example.eu'; anything else is left to the validator."""
    if not isinstance(value, str):
        return value
    value = value.strip()
    if value and "://" not in value and ":" not in value and " " not in value and "." in value:
        return f"https://{value}"
    return value


class CheckboxListField(SelectMultipleField):  # type: ignore[misc]
    """A multiple choice shown as a list of labelled checkboxes."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


def country_choices() -> list[tuple[str, str]]:
    """ISO codes with their names in the current language, sorted by name."""
    return sorted(((code, country_name(code)) for code in COUNTRY_NAMES), key=lambda item: item[1])


ORGANISATION_FIELDS = (
    "name",
    "country",
    "cluster",
    "type",
    "sectors",
    "technologies",
    "website",
    "description",
)


class ProfileForm(SafeForm):
    """The organisation (shared by its people, lasting across events) and the person's own
    details for this event. Without `edits_organisation` the organisation's fields are
    left out: only its approved members change it."""

    name = StringField(
        _l("Organisation name"), validators=[DataRequired(), Length(max=200)], filters=[_strip]
    )
    country = SelectField(_l("Country"), validators=[DataRequired(_l("Choose a country."))])
    cluster = StringField(
        _l("Cluster"),
        validators=[Optional(), Length(max=200)],
        filters=[_strip],
        description=_l("The cluster organisation you are a member of, if any."),
    )
    type = SelectField(
        _l("Type of organisation"), choices=select_choices(ORGANISATION_TYPE_CHOICES)
    )
    sectors = CheckboxListField(_l("Sectors"))
    technologies = CheckboxListField(_l("Technologies"))
    website = URLField(
        _l("Website"),
        validators=[
            Optional(),
            Length(max=500),
            URL(message=_l("Enter a web address such as https://www.example.eu.")),
            Regexp(
                r"(?i)^https?://", message=_l("The address must start with http:// or https://.")
            ),
        ],
        filters=[_web_address],
    )
    description = TextAreaField(
        _l("About the organisation"),
        validators=[Optional(), Length(max=LONG_TEXT)],
        filters=[_strip],
    )
    offers = TextAreaField(
        _l("What you offer at this event"),
        validators=[Optional(), Length(max=LONG_TEXT)],
        filters=[_strip],
        description=_l(
            "Products, services, know-how you bring here. Naming the event's"
            " technologies helps us suggest the right people."
        ),
    )
    seeks = TextAreaField(
        _l("What you are looking for at this event"),
        validators=[Optional(), Length(max=LONG_TEXT)],
        filters=[_strip],
        description=_l("Partners, suppliers, technologies, markets: for this event only."),
    )
    job_title = StringField(
        _l("Job title"), validators=[Optional(), Length(max=200)], filters=[_strip]
    )
    email = EmailField(
        _l("Contact email"),
        validators=[
            DataRequired(),
            Email(message=_l("Enter a valid email address.")),
            Length(max=254),
        ],
        filters=[_strip],
        description=_l("Shown to the people you meet."),
    )
    phone = StringField(
        _l("Phone"),
        validators=[
            Optional(),
            Length(max=50),
            Regexp(
                r"^\+?[0-9 ()./-]{5,}$",
                message=_l("Use digits, spaces and + ( ) - / . only, e.g. +49 511 123456."),
            ),
        ],
        filters=[_strip],
        description=_l("Shown to the people you meet, for the day of the event."),
    )
    location = StringField(
        _l("Exhibitor booth"),
        validators=[Optional(), Length(max=200)],
        filters=[_strip],
        description=_l("Only if you exhibit: your meetings then take place at your booth."),
    )
    max_meetings = IntegerField(
        _l("Most meetings you want"),
        validators=[Optional(), NumberRange(min=0, message=_l("Enter 0 or more."))],
    )
    online = BooleanField(
        lazy_gettext("I attend online"),
        description=lazy_gettext("Your meetings are then video calls, wherever your partner is."),
    )
    video_link = URLField(
        lazy_gettext("Your own video room"),
        validators=[
            Optional(),
            URL(message=lazy_gettext("Enter a full https:// address.")),
            Length(max=500),
        ],
        filters=[_strip],
        description=lazy_gettext(
            "Optional: a link to your own room (Teams, Zoom, Jitsi...); "
            "without one, each meeting gets its own room."
        ),
    )
    timezone = SelectField(
        lazy_gettext("Your time zone"),
        validate_choice=False,
        description=lazy_gettext("Your agenda shows times in your zone first."),
    )

    def __init__(
        self, event: Event, *, edits_organisation: bool, cap: int | None, **kwargs: Any
    ) -> None:
        """`cap`: the most meetings the person may ask for (the event's default cap, or
        the organisers' higher cap for them)."""
        super().__init__(**kwargs)
        self.event = event
        self.cap = cap
        self.edits_organisation = edits_organisation
        if event.mode != EventMode.HYBRID:
            del self.online
        if event.mode == EventMode.ON_SITE:
            del self.video_link
            del self.timezone
        else:
            self.timezone.choices = {
                _("Default"): [SelectChoice("", _("The event's time zone"))],
                **timezone_choices(self.timezone.data),
            }
        if cap is not None:
            self.max_meetings.description = _("Up to %(cap)d; leave empty for %(cap)d.", cap=cap)
        else:
            self.max_meetings.description = _("Leave empty for no limit of your own.")
        if not edits_organisation:
            for name in ORGANISATION_FIELDS:
                delattr(self, name)
            return
        self.country.choices = [("", _("Choose a country")), *country_choices()]
        self.sectors.choices = select_choices(event.term_choices(event.sectors))
        self.technologies.choices = select_choices(event.term_choices(event.technologies))

    def validate_video_link(self, field: URLField) -> None:
        if field.data and not field.data.startswith("https://"):
            raise ValidationError(_("Enter a full https:// address."))

    def validate_timezone(self, field: SelectField) -> None:
        if field.data and field.data not in available_timezones():
            raise ValidationError(_("Choose a time zone from the list."))

    def validate_max_meetings(self, field: IntegerField) -> None:
        if field.data is not None and self.cap is not None and field.data > self.cap:
            raise ValidationError(
                ngettext(
                    "You can ask for at most %(num)d meeting at this event.",
                    "You can ask for at most %(num)d meetings at this event.",
                    self.cap,
                )
            )

    def organisation_changes(self) -> OrganisationChanges | None:
        """The validated organisation part, if the person may change the organisation."""
        if not self.edits_organisation:
            return None
        return OrganisationChanges(
            name=self.name.data,
            country=self.country.data,
            cluster=self.cluster.data or "",
            type=OrganisationType(self.type.data),
            sectors=list(self.sectors.data or []),
            technologies=list(self.technologies.data or []),
            website=self.website.data or "",
            description=self.description.data or "",
        )

    def person_changes(self) -> PersonChanges:
        """The validated person part."""
        return PersonChanges(
            job_title=self.job_title.data or "",
            phone=self.phone.data or "",
            email=self.email.data,
            location=self.location.data or None,
            max_meetings=self.max_meetings.data,
            offers=self.offers.data or "",
            seeks=self.seeks.data or "",
            online=bool(self.online.data) if self.online is not None else None,
            video_link=(self.video_link.data or None) if self.video_link is not None else None,
            timezone=(self.timezone.data or None) if self.timezone is not None else None,
        )


def profile_form_data(event: Event, participant: Participant) -> dict[str, Any]:
    """The profile form's values as saved: the organisation's and the person's."""
    organisation = participant.organisation
    return {
        "name": organisation.name,
        "country": organisation.country,
        "cluster": organisation.cluster,
        "type": organisation.type.value,
        "sectors": [term for term in organisation.sectors if term in event.sectors],
        "technologies": [term for term in organisation.technologies if term in event.technologies],
        "website": organisation.website,
        "description": organisation.description,
        "offers": participant.offers,
        "seeks": participant.seeks,
        "job_title": participant.job_title,
        "email": participant.email,
        "phone": participant.phone,
        "location": participant.location or "",
        "max_meetings": participant.max_meetings,
        "online": participant.online,
        "video_link": participant.video_link or "",
        "timezone": participant.timezone or "",
    }


class AvailabilityForm(SafeForm):
    """Only the CSRF token: the slot checkboxes are read from the request by the view."""


class PreferenceForm(SafeForm):
    """Mark one person (an empty level clears the mark), with an optional private note."""

    participant_id = HiddenField(validators=[DataRequired(), Regexp(r"^\d+$")])
    level = SelectField(
        _l("Level"),
        choices=[
            SelectChoice("", _l("Clear")),
            *(SelectChoice(level.value, label) for level, label in LEVEL_LABELS.items()),
        ],
        validate_choice=True,
    )
    note = TextAreaField(
        _l("Private note"),
        validators=[Optional(), Length(max=NOTE_LENGTH)],
        filters=[_strip],
        description=_l("Only you and the organisers see it."),
    )
    next = HiddenField()


class CatalogueSearchForm(SafeGetForm):
    """The catalogue's GET filters (no CSRF: they change nothing and make shareable URLs)."""

    q = StringField(_l("Search"), filters=[_strip])
    country = SelectField(_l("Country"), validate_choice=False)
    sector = SelectField(_l("Sector"), validate_choice=False)
    technology = SelectField(_l("Technology"), validate_choice=False)
    type = SelectField(_l("Type"), validate_choice=False)
    sort = SelectField(
        _l("Order"),
        choices=select_choices(SORT_ORDERS.items()),
        validate_choice=False,
    )

    def __init__(self, event: Event, countries: list[str], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.country.choices = select_choices(
            [
                ("", _("Any country")),
                *sorted(
                    ((code, country_name(code)) for code in countries),
                    key=lambda item: item[1],
                ),
            ]
        )
        self.sector.choices = select_choices(
            [("", _("Any sector")), *event.term_choices(event.sectors)]
        )
        self.technology.choices = select_choices(
            [("", _("Any technology")), *event.term_choices(event.technologies)]
        )
        self.type.choices = select_choices([("", _("Any type")), *ORGANISATION_TYPE_CHOICES])

    def _known(self, field: SelectField) -> str:
        value = field.data or ""
        return value if value in {choice.value for choice in field.iter_choices()} else ""

    def filters(self) -> CatalogueFilters:
        """The filters, with values not offered by the lists dropped."""
        return CatalogueFilters(
            text=(self.q.data or "")[:200],
            country=self._known(self.country),
            sector=self._known(self.sector),
            technology=self._known(self.technology),
            type=self._known(self.type),
            sort=self._known(self.sort),
        )

    @property
    def active(self) -> bool:
        """Whether any filter narrows the list (the order does not)."""
        return replace(self.filters(), sort="") != CatalogueFilters()
