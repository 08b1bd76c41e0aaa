"""Forms of the organiser pages."""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Sequence
from datetime import UTC, date, datetime
from typing import Any
from zoneinfo import ZoneInfo, available_timezones

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel.speaklater import LazyString
from flask_wtf.file import FileField, FileRequired
from wtforms import (
    BooleanField,
    DateField,
    DateTimeLocalField,
    EmailField,
    HiddenField,
    IntegerField,
    SelectChoice,
    SelectField,
    StringField,
    TextAreaField,
    TimeField,
)
from wtforms.validators import (
    DataRequired,
    Email,
    InputRequired,
    Length,
    NumberRange,
    Optional,
    ValidationError,
)

from matchmaker.forms import SafeForm
from matchmaker.i18n import DEFAULT_LOCALE, format_day, language_choices, region_name, zone_city
from matchmaker.models import Phase, TermKind
from matchmaker.models.enums import EventMode
from matchmaker.organiser.importing import MAX_TERM_LENGTH, UnknownTerm
from matchmaker.organiser.operations import TermDecision
from matchmaker.organiser.terms import Vocabularies

MAX_TABLES = 500
LOCAL_INPUT_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S"]  # the first renders


TIMEZONE_REGIONS = (
    "Africa",
    "America",
    "Antarctica",
    "Asia",
    "Atlantic",
    "Australia",
    "Europe",
    "Indian",
    "Pacific",
)
# Backward-compatibility names of tzdata's "backward" file that sit under a region prefix;
# the names without a region (CET, US/Eastern, Etc/GMT+1 …) are left out by the prefix rule.
DEPRECATED_ZONES = frozenset(
    [
        "Africa/Asmera",
        "Africa/Timbuktu",
        "America/Argentina/ComodRivadavia",
        "America/Atka",
        "America/Buenos_Aires",
        "America/Catamarca",
        "America/Coral_Harbour",
        "America/Cordoba",
        "America/Ensenada",
        "America/Fort_Wayne",
        "America/Godthab",
        "America/Indianapolis",
        "America/Jujuy",
        "America/Knox_IN",
        "America/Louisville",
        "America/Mendoza",
        "America/Montreal",
        "America/Nipigon",
        "America/Pangnirtung",
        "America/Porto_Acre",
        "America/Rainy_River",
        "America/Rosario",
        "America/Santa_Isabel",
        "America/Shiprock",
        "America/Thunder_Bay",
        "America/Virgin",
        "America/Yellowknife",
        "Antarctica/South_Pole",
        "Asia/Ashkhabad",
        "Asia/Calcutta",
        "Asia/Choibalsan",
        "Asia/Chongqing",
        "Asia/Chungking",
        "Asia/Dacca",
        "Asia/Harbin",
        "Asia/Istanbul",
        "Asia/Kashgar",
        "Asia/Katmandu",
        "Asia/Macao",
        "Asia/Rangoon",
        "Asia/Saigon",
        "Asia/Tel_Aviv",
        "Asia/Thimbu",
        "Asia/Ujung_Pandang",
        "Asia/Ulan_Bator",
        "Atlantic/Faeroe",
        "Atlantic/Jan_Mayen",
        "Australia/ACT",
        "Australia/Canberra",
        "Australia/Currie",
        "Australia/LHI",
        "Australia/NSW",
        "Australia/North",
        "Australia/Queensland",
        "Australia/South",
        "Australia/Tasmania",
        "Australia/Victoria",
        "Australia/West",
        "Australia/Yancowinna",
        "Europe/Belfast",
        "Europe/Kiev",
        "Europe/Tiraspol",
        "Europe/Uzhgorod",
        "Europe/Zaporozhye",
        "Pacific/Enderbury",
        "Pacific/Johnston",
        "Pacific/Ponape",
        "Pacific/Samoa",
        "Pacific/Truk",
        "Pacific/Yap",
    ]
)

ZoneGroups = dict[str, list[SelectChoice]]


@functools.cache
def canonical_timezones() -> tuple[str, ...]:
    """The current IANA zone names of this system: regional zones and UTC, no old aliases."""
    prefixes = tuple(f"{region}/" for region in TIMEZONE_REGIONS)
    return (
        "UTC",
        *sorted(
            zone
            for zone in available_timezones()
            if zone.startswith(prefixes) and zone not in DEPRECATED_ZONES
        ),
    )


def timezone_choices(current: str | None = None) -> ZoneGroups:
    """The canonical zones grouped by region (for <optgroup>), city names readable.

    `current`, a zone the system knows but the list leaves out (an event created with an
    old alias), is offered first so that saving the event keeps it.
    """
    groups: ZoneGroups = {}
    if current and current not in canonical_timezones() and current in available_timezones():
        groups[_("Current")] = [SelectChoice(current, current.replace("_", " "))]
    universal = _("Universal")
    for zone in canonical_timezones():
        region, _slash, place = zone.partition("/")
        label = zone_city(ZoneInfo(zone)) if place else region
        group = region_name(region) if place else universal
        groups.setdefault(group, []).append(SelectChoice(zone, label))
    return {
        group: sorted(zones, key=lambda choice: choice.label) for group, zones in groups.items()
    }


def _lines(text: str | None) -> list[str]:
    """The non-empty, trimmed lines of a textarea, each once, in order."""
    seen: list[str] = []
    for line in (text or "").splitlines():
        item = " ".join(line.split())
        if item and item.casefold() not in {existing.casefold() for existing in seen}:
            seen.append(item)
    return seen


def local_input_to_utc(value: datetime | None, zone: str) -> datetime | None:
    """A naive wall-clock datetime of the event's zone as aware UTC."""
    if value is None:
        return None
    return value.replace(tzinfo=ZoneInfo(zone)).astimezone(UTC)


def utc_to_local_input(value: datetime | None, zone: str) -> datetime | None:
    """An aware UTC datetime as the naive wall-clock time of the event's zone (for inputs)."""
    if value is None:
        return None
    return value.astimezone(ZoneInfo(zone)).replace(tzinfo=None)


class MissionForm(SafeForm):
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=200)])
    partnership = StringField(
        _l("Cluster partnership"),
        validators=[Optional(), Length(max=200)],
        description=_l("E.g. the ESCP-4i partnership organising the mission."),
    )
    target_market = StringField(
        _l("Target market"),
        validators=[Optional(), Length(max=200)],
        description=_l("E.g. USA, Taiwan, Mexico."),
    )
    start_date = DateField(_l("First day"), validators=[Optional()])
    end_date = DateField(_l("Last day"), validators=[Optional()])
    description = TextAreaField(_l("Description"), validators=[Optional(), Length(max=5000)])
    follow_up_months_first = IntegerField(
        _l("First follow-up survey, months after the event"),
        default=3,
        validators=[Optional(), NumberRange(min=1, max=36)],
        description=_l("3 unless you change it."),
    )
    follow_up_months_second = IntegerField(
        _l("Second follow-up survey, months after the event"),
        default=6,
        validators=[Optional(), NumberRange(min=1, max=36)],
        description=_l("6 unless you change it."),
    )

    def validate_end_date(self, field: DateField) -> None:
        if field.data and self.start_date.data and field.data < self.start_date.data:
            raise ValidationError(_("The last day cannot be before the first day."))


def _optional_limit(label: LazyString, description: LazyString) -> IntegerField:
    return IntegerField(
        label,
        validators=[Optional(), NumberRange(min=0, max=1000)],
        description=description,
    )


class EventForm(SafeForm):
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=200)])
    venue = StringField(
        _l("Venue"),
        validators=[Optional(), Length(max=300)],
        description=_l("E.g. Hannover Messe, Hall 8, EU pavilion."),
    )
    description = TextAreaField(_l("Description"), validators=[Optional(), Length(max=5000)])
    timezone = SelectField(
        _l("Time zone"),
        choices=timezone_choices,
        default="Europe/Berlin",
        description=_l("The venue's time zone: blocks and deadlines are in this local time."),
    )
    mode = SelectField(
        _l("Where meetings happen"),
        choices=[
            SelectChoice(EventMode.ON_SITE.value, _l("On site")),
            SelectChoice(EventMode.ONLINE.value, _l("Online: every meeting by video")),
            SelectChoice(EventMode.HYBRID.value, _l("Hybrid: participants may attend online")),
        ],
        default=EventMode.ON_SITE.value,
        coerce=EventMode,
        description=_l(
            "Meetings with someone attending online need no table: they get a video link."
        ),
    )
    default_locale = SelectField(
        _l("Default language"),
        choices=language_choices,
        default=DEFAULT_LOCALE,
        description=_l(
            "The language of e-mails to people who have not chosen one, and of the event's "
            "texts where no translation is given."
        ),
    )
    slot_minutes = IntegerField(
        _l("Meeting length (minutes)"),
        default=30,
        validators=[InputRequired(), NumberRange(5, 240)],
    )
    break_minutes = IntegerField(
        _l("Break between meetings (minutes)"),
        default=0,
        validators=[InputRequired(), NumberRange(0, 120)],
    )
    default_max_meetings = _optional_limit(
        _l("Meetings per participant (default cap)"),
        _l("Empty: no cap. Each participant's cap can be changed."),
    )
    min_meetings = IntegerField(
        _l("Guaranteed minimum of meetings"),
        default=1,
        validators=[Optional(), NumberRange(min=0, max=100)],
        description=_l(
            "The solver first gives as many people as possible this many meetings, "
            "then maximises the wishes met. It is lowered for someone whose wishes, "
            "availability or caps allow fewer. 0: no minimum; empty: 1."
        ),
    )
    max_meetings_per_day = _optional_limit(
        _l("Meetings per participant per day"),
        _l("Empty: no cap per day. Each participant's cap per day can be changed."),
    )
    max_consecutive_meetings = IntegerField(
        _l("Longest run of back-to-back meetings"),
        validators=[Optional(), NumberRange(min=1, max=100)],
        description=_l(
            "After this many meetings in a row, a participant gets a free slot. Empty: no limit."
        ),
    )
    limit_must = _optional_limit(_l("“Must meet” choices per participant"), _l("Empty: no limit."))
    limit_want = _optional_limit(
        _l("“Want to meet” choices per participant"), _l("Empty: no limit.")
    )
    limit_maybe = _optional_limit(_l("“Maybe” choices per participant"), _l("Empty: no limit."))
    sectors = TextAreaField(
        _l("Sectors"), validators=[Optional(), Length(max=10000)], description=_l("One per line.")
    )
    technologies = TextAreaField(
        _l("Technologies"),
        validators=[Optional(), Length(max=10000)],
        description=_l("One per line."),
    )
    registration_deadline = DateTimeLocalField(
        _l("Registration deadline"),
        format=LOCAL_INPUT_FORMATS,
        validators=[Optional()],
        description=_l("In the event's local time."),
    )
    preferences_deadline = DateTimeLocalField(
        _l("Deadline for choosing meetings"),
        format=LOCAL_INPUT_FORMATS,
        validators=[Optional()],
        description=_l("In the event's local time."),
    )

    def __init__(self, *args: Any, first_day: date | None = None, **kwargs: Any) -> None:
        """`first_day`: the event's first day (its first block's, else the mission's), which
        no deadline may pass."""
        super().__init__(*args, **kwargs)
        self.first_day = first_day
        self.timezone.choices = timezone_choices(self.timezone.data)

    def _before_the_event(self, field: DateTimeLocalField) -> None:
        if field.data and self.first_day and field.data.date() > self.first_day:
            raise ValidationError(
                _(
                    "The event starts on %(day)s: set a deadline before it.",
                    day=format_day(self.first_day),
                )
            )

    def validate_registration_deadline(self, field: DateTimeLocalField) -> None:
        self._before_the_event(field)

    def validate_timezone(self, field: SelectField) -> None:
        if field.data not in available_timezones():
            raise ValidationError(_("Choose a time zone from the list."))

    def validate_sectors(self, field: TextAreaField) -> None:
        _check_terms(field)

    def validate_technologies(self, field: TextAreaField) -> None:
        _check_terms(field)

    def validate_preferences_deadline(self, field: DateTimeLocalField) -> None:
        self._before_the_event(field)
        registration = self.registration_deadline.data
        if field.data and registration and field.data < registration:
            raise ValidationError(_("Choosing meetings cannot end before registration does."))

    def terms(self, name: str) -> list[str]:
        """The taxonomy entered in the `sectors` or `technologies` box."""
        return _lines(getattr(self, name).data)


def _check_terms(field: Any) -> None:
    for term in _lines(field.data):
        if len(term) > 100:
            raise ValidationError(_("“%(term)s…” is longer than 100 characters.", term=term[:40]))
        if ";" in term or "," in term:
            raise ValidationError(
                _("“%(term)s”: no commas or semicolons (they separate terms).", term=term)
            )


class NewEventForm(EventForm):
    phase = SelectField(
        _l("Phase"),
        choices=[
            SelectChoice(Phase.DRAFT.value, _l("Draft (only organisers see it)")),
            SelectChoice(Phase.REGISTRATION.value, _l("Registration open")),
        ],
        default=Phase.DRAFT.value,
    )


class BlockForm(SafeForm):
    day = DateField(_l("Day"), validators=[InputRequired(message=_l("Enter the day."))])
    start_time = TimeField(
        _l("Start"), validators=[InputRequired(message=_l("Enter the start time."))]
    )
    end_time = TimeField(_l("End"), validators=[InputRequired(message=_l("Enter the end time."))])
    name = StringField(
        _l("Name"), validators=[Optional(), Length(max=100)], description=_l("E.g. Morning B2B.")
    )

    def validate_end_time(self, field: TimeField) -> None:
        if field.data and self.start_time.data and field.data <= self.start_time.data:
            raise ValidationError(_("The block must end after it starts."))


class TableCountForm(SafeForm):
    count = IntegerField(
        _l("Number of tables"),
        validators=[InputRequired(), NumberRange(min=1, max=MAX_TABLES)],
        description=_l("Named Table 1, Table 2 …"),
    )


class TableListForm(SafeForm):
    tables = TextAreaField(
        _l("Tables and meeting points"),
        validators=[DataRequired()],
        description=_l(
            "One per line: name; place (the place is optional). E.g. “Table A; Hall 8 lounge”."
        ),
    )

    def validate_tables(self, field: TextAreaField) -> None:
        names: set[str] = set()
        for number, (name, place) in enumerate(self.entries(), start=1):
            if not name:
                raise ValidationError(_("Line %(number)d: the name is missing.", number=number))
            if len(name) > 100 or len(place) > 200:
                raise ValidationError(
                    _(
                        "Line %(number)d: name up to 100, place up to 200 characters.",
                        number=number,
                    )
                )
            if name.casefold() in names:
                raise ValidationError(
                    _("Line %(number)d: “%(name)s” is listed twice.", number=number, name=name)
                )
            names.add(name.casefold())
        if len(names) > MAX_TABLES:
            raise ValidationError(_("At most %(count)d tables.", count=MAX_TABLES))

    def entries(self) -> list[tuple[str, str]]:
        """(name, place) per non-empty line."""
        entries = []
        for line in (self.tables.data or "").splitlines():
            if line.strip():
                name, _separator, place = line.partition(";")
                entries.append((" ".join(name.split()), " ".join(place.split())))
        return entries


class PhaseForm(SafeForm):
    direction = HiddenField(validators=[DataRequired()])

    def validate_direction(self, field: HiddenField) -> None:
        if field.data not in ("forward", "back"):
            raise ValidationError(_("Unknown direction."))


class ParticipantForm(SafeForm):
    max_meetings = IntegerField(
        _l("Meeting cap"),
        validators=[Optional(), NumberRange(min=0, max=1000)],
        description=_l("Empty: no cap."),
    )
    max_meetings_per_day = IntegerField(
        _l("Meeting cap per day"),
        validators=[Optional(), NumberRange(min=0, max=1000)],
        description=_l("Empty: the event's cap per day."),
    )
    min_meetings = IntegerField(
        _l("Guaranteed minimum of meetings"),
        validators=[Optional(), NumberRange(min=0, max=100)],
        description=_l("Empty: the event's minimum."),
    )
    location = StringField(
        _l("Exhibitor booth"),
        validators=[Optional(), Length(max=200)],
        description=_l("Exhibitors meet at their booth. Empty: meets at the shared tables."),
    )
    online = BooleanField(
        _l("Attends online"),
        description=_l("At a hybrid event: their meetings are video calls."),
    )


class ImportForm(SafeForm):
    file = FileField(
        _l("CSV or XLSX file"),
        validators=[FileRequired(message=_l("Choose a file."))],
        description=_l("One participant per row; the first row names the columns."),
    )


ADDABLE_KINDS = (TermKind.SECTOR, TermKind.TECHNOLOGY)
# The heading of a term list's whole list in the mapping menus.
EVERY_TERM = {
    TermKind.SECTOR: _l("Every sector"),
    TermKind.TECHNOLOGY: _l("Every technology"),
    TermKind.COUNTRY: _l("Every country"),
    TermKind.TYPE: _l("Every organisation type"),
}


class TermMappingForm(SafeForm):
    """One choice per unknown term of an import: a value of its list, a new term of the
    event's list, leave it out, or decide later. Built by `term_mapping_form`."""

    terms: list[tuple[UnknownTerm, SelectField]]

    def decisions(self) -> list[TermDecision]:
        """What the organiser chose, for the terms they decided."""
        chosen: list[TermDecision] = []
        for term, select in self.terms:
            action, _colon, value = select.data.partition(":")
            if action == "map":
                chosen.append(TermDecision(term.kind, term.key, term.text, value))
            elif action == "new":
                chosen.append(TermDecision(term.kind, term.key, term.text, term.text, add=True))
            elif action == "drop":
                chosen.append(TermDecision(term.kind, term.key, term.text, ""))
        return chosen


def term_field_name(term: UnknownTerm) -> str:
    """A stable field name for the term (the same on the page and when posted)."""
    digest = hashlib.sha256(f"{term.kind.value}:{term.key}".encode()).hexdigest()[:16]
    return f"term_{digest}"


def _term_choices(term: UnknownTerm, lists: Vocabularies) -> list[SelectChoice]:
    vocabulary = lists.of(term.kind)
    choices = [SelectChoice("", _("Decide later (the rows wait)"))]
    choices += [
        SelectChoice(f"map:{value}", vocabulary.choices[value], optgroup=_("Nearest"))
        for value in term.suggestions
    ]
    if term.kind in ADDABLE_KINDS:
        other = _("Other")
        if len(term.text) <= MAX_TERM_LENGTH:
            if term.kind == TermKind.SECTOR:
                label = _("Add “%(term)s” to the event's sector list", term=term.text)
            else:
                label = _("Add “%(term)s” to the event's technology list", term=term.text)
            choices.append(SelectChoice("new", label, optgroup=other))
        label = _("Leave “%(term)s” out of the rows", term=term.text)
        choices.append(SelectChoice("drop", label, optgroup=other))
    every = str(EVERY_TERM[term.kind])
    choices += [
        SelectChoice(f"map:{value}", label, optgroup=every)
        for value, label in sorted(vocabulary.choices.items(), key=lambda item: item[1].casefold())
    ]
    return choices


def term_mapping_form(unknown: Sequence[UnknownTerm], lists: Vocabularies) -> TermMappingForm:
    """A form asking how to read each unknown term; the nearest terms are offered first."""

    class Form(TermMappingForm):
        pass

    for term in unknown:
        setattr(
            Form,
            term_field_name(term),
            SelectField(f"“{term.text}”", choices=_term_choices(term, lists), default=""),
        )
    form = Form()
    form.terms = [(term, getattr(form, term_field_name(term))) for term in unknown]
    return form


class OrganiserForm(SafeForm):
    email = EmailField(_l("Email"), validators=[DataRequired(), Email(), Length(max=254)])
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=200)])


class MissionOrganiserForm(SafeForm):
    mission = SelectField(_l("Mission"), coerce=int)
    user = SelectField(_l("Organiser"), coerce=int)
