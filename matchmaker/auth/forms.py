"""Account forms: login, sign-up, invitation, password change."""

from __future__ import annotations

from typing import Any

from wtforms import EmailField, PasswordField, SelectChoice, SelectField, StringField
from wtforms.validators import DataRequired, Email, EqualTo, Length, Optional, ValidationError

from matchmaker.auth.countries import country_choices
from matchmaker.auth.emails import normalise_email
from matchmaker.auth.operations import NewOrganisation, Registration
from matchmaker.forms import SafeForm
from matchmaker.models import Organisation, OrganisationType

PASSWORD_MIN_LENGTH = 10
PASSWORD_MAX_LENGTH = 200
NEW_ORGANISATION = "new"


def _strip(value: Any) -> Any:
    return value.strip() if isinstance(value, str) else value


def _email(value: Any) -> Any:
    return normalise_email(value) if isinstance(value, str) else value


class LoginForm(SafeForm):
    """Email and password."""

    email = EmailField("Email", validators=[DataRequired(), Length(max=254)], filters=[_email])
    password = PasswordField(
        "Password", validators=[DataRequired(), Length(max=PASSWORD_MAX_LENGTH)]
    )


def _new_password_fields(label: str = "Password") -> tuple[PasswordField, PasswordField]:
    """A new password and its confirmation (fresh fields, so forms can order them)."""
    password = PasswordField(
        label,
        validators=[
            DataRequired(),
            Length(
                min=PASSWORD_MIN_LENGTH,
                max=PASSWORD_MAX_LENGTH,
                message=f"Use at least {PASSWORD_MIN_LENGTH} characters "
                f"(and at most {PASSWORD_MAX_LENGTH}).",
            ),
        ],
        description=f"At least {PASSWORD_MIN_LENGTH} characters; a few words are easy to remember.",
    )
    confirm = PasswordField(
        f"Repeat the {label.lower()}",
        validators=[DataRequired(), EqualTo("password", message="The two passwords differ.")],
    )
    return password, confirm


class NewPasswordForm(SafeForm):
    """A new password typed twice."""

    password, confirm = _new_password_fields()


class PasswordChangeForm(SafeForm):
    """The current password, then the new one twice."""

    current_password = PasswordField(
        "Current password", validators=[DataRequired(), Length(max=PASSWORD_MAX_LENGTH)]
    )
    password, confirm = _new_password_fields("New password")


class InvitationForm(NewPasswordForm):
    """An invited person chooses a password; the email comes from the invitation."""


class ConfirmForm(SafeForm):
    """A button and its CSRF token, for one-click actions."""


class RegistrationForm(SafeForm):
    """The person and their organisation: an organisation of the event, or a new one."""

    first_name = StringField(
        "First name", validators=[DataRequired(), Length(max=100)], filters=[_strip]
    )
    last_name = StringField(
        "Last name", validators=[DataRequired(), Length(max=100)], filters=[_strip]
    )
    job_title = StringField("Job title", validators=[Optional(), Length(max=200)], filters=[_strip])
    organisation = SelectField(
        "Join an organisation already registered for this event", default=NEW_ORGANISATION
    )
    organisation_name = StringField(
        "Name of a new organisation", validators=[Length(max=200)], filters=[_strip]
    )
    organisation_country = SelectField("Country")
    organisation_type = SelectField(
        "Type",
        choices=[SelectChoice(kind.value, kind.label) for kind in OrganisationType],
        default=OrganisationType.SME.value,
    )

    def __init__(self, organisations: list[Organisation], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.organisation.choices = [
            SelectChoice(NEW_ORGANISATION, "Not listed: register a new organisation"),
            *(SelectChoice(str(item.id), item.name) for item in organisations),
        ]
        self.organisation_country.choices = [
            SelectChoice("", "Choose a country"),
            *(SelectChoice(code, name) for code, name in country_choices()),
        ]

    @property
    def creates_organisation(self) -> bool:
        """Whether the person registers a new organisation rather than joining one."""
        return bool(self.organisation.data == NEW_ORGANISATION)

    def registration(self) -> Registration:
        """The submitted details, for `operations.register`."""
        organisation: int | NewOrganisation
        if self.creates_organisation:
            organisation = NewOrganisation(
                name=self.organisation_name.data,
                country=self.organisation_country.data,
                type=OrganisationType(self.organisation_type.data),
            )
        else:
            organisation = int(self.organisation.data)
        return Registration(
            first_name=self.first_name.data,
            last_name=self.last_name.data,
            job_title=self.job_title.data or "",
            organisation=organisation,
        )

    def validate_organisation_name(self, field: StringField) -> None:
        if not self.creates_organisation:
            return
        if not field.data:
            raise ValidationError("Enter your organisation's name, or choose it in the list.")
        if any(
            choice.label.casefold() == field.data.casefold()
            for choice in self.organisation.choices
            if choice.value != NEW_ORGANISATION
        ):
            raise ValidationError(
                f"{field.data} is already registered for this event: choose it in the list."
            )

    def validate_organisation_country(self, field: SelectField) -> None:
        if self.creates_organisation and not field.data:
            raise ValidationError("Choose your organisation's country.")


class SignupForm(RegistrationForm):
    """A new account and its registration for an event."""

    email = EmailField(
        "Email",
        validators=[DataRequired(), Email(message="Enter a valid email address."), Length(max=254)],
        filters=[_email],
    )
    password, confirm = _new_password_fields()
