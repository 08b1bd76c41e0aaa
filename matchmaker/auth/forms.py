"""Account forms: login, sign-up, invitation, password change."""

from __future__ import annotations

from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    EmailField,
    PasswordField,
    RadioField,
    SelectChoice,
    SelectField,
    StringField,
)
from wtforms.validators import DataRequired, Email, EqualTo, Length, Optional, ValidationError

from matchmaker.auth.countries import country_choices, display_name
from matchmaker.auth.emails import normalise_email
from matchmaker.auth.operations import NewOrganisation, Registration
from matchmaker.forms import SafeForm, select_choices
from matchmaker.i18n import language_choices
from matchmaker.models import Organisation, OrganisationType
from matchmaker.models.enums import ORGANISATION_TYPE_CHOICES
from matchmaker.organisations.queries import name_key

PASSWORD_MIN_LENGTH = 10
PASSWORD_MAX_LENGTH = 200
NEW_ORGANISATION = "new"
JOIN_ORGANISATION = "join"


def _strip(value: Any) -> Any:
    return value.strip() if isinstance(value, str) else value


def _email(value: Any) -> Any:
    return normalise_email(value) if isinstance(value, str) else value


class LoginForm(SafeForm):
    """Email and password."""

    email = EmailField(_l("Email"), validators=[DataRequired(), Length(max=254)], filters=[_email])
    password = PasswordField(
        _l("Password"), validators=[DataRequired(), Length(max=PASSWORD_MAX_LENGTH)]
    )


def _new_password_fields(current: bool = False) -> tuple[PasswordField, PasswordField]:
    """A new password and its confirmation (fresh fields, so forms can order them); `current`
    when the form also asks for the current password (the labels then say "new")."""
    password = PasswordField(
        _l("New password") if current else _l("Password"),
        validators=[
            DataRequired(),
            Length(
                min=PASSWORD_MIN_LENGTH,
                max=PASSWORD_MAX_LENGTH,
                message=_l(
                    "Use at least %(min)d characters (and at most %(max)d).",
                    min=PASSWORD_MIN_LENGTH,
                    max=PASSWORD_MAX_LENGTH,
                ),
            ),
        ],
        description=_l(
            "At least %(min)d characters; a few words are easy to remember.",
            min=PASSWORD_MIN_LENGTH,
        ),
    )
    confirm = PasswordField(
        _l("Repeat the new password") if current else _l("Repeat the password"),
        validators=[DataRequired(), EqualTo("password", message=_l("The two passwords differ."))],
    )
    return password, confirm


class NewPasswordForm(SafeForm):
    """A new password typed twice."""

    password, confirm = _new_password_fields()


class PasswordChangeForm(SafeForm):
    """The current password, then the new one twice."""

    current_password = PasswordField(
        _l("Current password"), validators=[DataRequired(), Length(max=PASSWORD_MAX_LENGTH)]
    )
    password, confirm = _new_password_fields(current=True)


class InvitationForm(NewPasswordForm):
    """An invited person chooses a password; the email comes from the invitation."""


class LanguageForm(SafeForm):
    """The language of the account's pages and e-mails; none: the browser's."""

    locale = SelectField(_l("Language"), validators=[Optional()])

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.locale.choices = [
            SelectChoice("", _("Browser's language")),
            *(
                SelectChoice(code, name, render_kw={"lang": code.replace("_", "-")})
                for code, name in language_choices()
            ),
        ]


class ConfirmForm(SafeForm):
    """A button and its CSRF token, for one-click actions."""


class LogoutEverywhereForm(SafeForm):
    """End every session; optionally switch off every calendar link too."""

    revoke_feeds = BooleanField(
        _l("Also switch off my calendar links"),
        description=_l("Calendars subscribed to them stop updating; you can make new links later."),
    )


class RegistrationForm(SafeForm):
    """The person and their organisation: a new one, or one already registered that they
    ask to join. Registered organisations are never listed: the form offers only those that
    match the name typed (or the e-mail's domain), see `settle_organisation`."""

    first_name = StringField(
        _l("First name"), validators=[DataRequired(), Length(max=100)], filters=[_strip]
    )
    last_name = StringField(
        _l("Last name"), validators=[DataRequired(), Length(max=100)], filters=[_strip]
    )
    job_title = StringField(
        _l("Job title"), validators=[Optional(), Length(max=200)], filters=[_strip]
    )
    organisation = RadioField(
        _l("Is your organisation new here?"),
        choices=[
            SelectChoice(NEW_ORGANISATION, _l("Register a new organisation")),
            SelectChoice(
                JOIN_ORGANISATION, _l("Join an organisation already registered by a colleague")
            ),
        ],
        default=NEW_ORGANISATION,
    )
    organisation_name = StringField(
        _l("Organisation name"),
        validators=[
            DataRequired(_l("Enter your organisation's name.")),
            Length(max=200),
        ],
        filters=[_strip],
    )
    organisation_id = RadioField(_l("Which one is yours?"), choices=[], validate_choice=False)
    organisation_country = SelectField(_l("Country"))
    organisation_type = SelectField(
        _l("Type"),
        choices=select_choices(ORGANISATION_TYPE_CHOICES),
        default=OrganisationType.SME.value,
    )

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.organisation_country.choices = [
            SelectChoice("", _("Choose a country")),
            *(SelectChoice(code, name) for code, name in country_choices()),
        ]

    @property
    def creates_organisation(self) -> bool:
        """Whether the person registers a new organisation rather than joining one."""
        return bool(self.organisation.data != JOIN_ORGANISATION)

    def settle_organisation(self, matches: list[Organisation]) -> bool:
        """Check the organisation part against `matches`, the organisations that fit what
        was typed; offer them to choose from. False (with an error) when the person must
        choose or change something."""
        self.organisation_id.choices = [
            SelectChoice(str(item.id), _organisation_label(item)) for item in matches
        ]
        if self.creates_organisation:
            typed = name_key(self.organisation_name.data)
            twin = next(
                (
                    item
                    for item in matches
                    if name_key(item.name) == typed
                    and item.country == self.organisation_country.data
                ),
                None,
            )
            if twin is None:
                return True
            self.organisation_name.errors.append(
                _(
                    "%(name)s is already registered: choose “Join an organisation already "
                    "registered by a colleague” to ask to join it.",
                    name=twin.name,
                )
            )
            return False
        if not matches:
            self.organisation_name.errors.append(
                _(
                    "No registered organisation matches this name: check the spelling, or "
                    "register it as a new organisation."
                )
            )
            return False
        if self.organisation_id.data not in {str(item.id) for item in matches}:
            self.organisation_id.errors.append(
                _("Choose your organisation, then send the form again.")
            )
            return False
        return True

    def registration(self) -> Registration:
        """The submitted details, for `operations.register` (after `settle_organisation`)."""
        organisation: int | NewOrganisation
        if self.creates_organisation:
            organisation = NewOrganisation(
                name=self.organisation_name.data,
                country=self.organisation_country.data,
                type=OrganisationType(self.organisation_type.data),
            )
        else:
            organisation = int(self.organisation_id.data)
        return Registration(
            first_name=self.first_name.data,
            last_name=self.last_name.data,
            job_title=self.job_title.data or "",
            organisation=organisation,
        )

    def validate_organisation_country(self, field: SelectField) -> None:
        if self.creates_organisation and not field.data:
            raise ValidationError(_("Choose your organisation's country."))


def _organisation_label(organisation: Organisation) -> str:
    country = display_name(organisation.country) if organisation.country else ""
    return f"{organisation.name} ({country})" if country else organisation.name


class SignupForm(RegistrationForm):
    """A new account and its registration for an event."""

    email = EmailField(
        _l("Email"),
        validators=[
            DataRequired(),
            Email(message=_l("Enter a valid email address.")),
            Length(max=254),
        ],
        filters=[_email],
    )
    password, confirm = _new_password_fields()
