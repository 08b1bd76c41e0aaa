"""The base of every form: text with control characters is refused, dates stay in range.

Every form of the app derives from `SafeForm` (or `SafeGetForm` for GET filters), so each
new field gets the same checks without being told: a NUL byte, which PostgreSQL cannot
store, or a year no page can show never reaches the database.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel.speaklater import LazyString
from flask_wtf import FlaskForm
from wtforms import (
    DateField,
    DateTimeLocalField,
    Field,
    Form,
    PasswordField,
    SelectChoice,
    StringField,
    TextAreaField,
)
from wtforms.meta import DefaultMeta
from wtforms.validators import ValidationError

EARLIEST_YEAR = 2000
LATEST_YEAR = 2100
# C0 and C1 control characters, except tab and line breaks (allowed in multi-line text).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_LINE_BREAKS = re.compile(r"[\t\r\n]+")
CONTROL_MESSAGE = _l("Remove the invisible control characters from this text.")


def no_control_characters(_form: Any, field: Field) -> None:
    """Refuse text holding a control character other than tab or a line break."""
    if isinstance(field.data, str) and _CONTROL.search(field.data):
        raise ValidationError(str(CONTROL_MESSAGE))


def date_in_range(_form: Any, field: Field) -> None:
    """Refuse dates outside the years any event can take place in."""
    value = field.data
    if isinstance(value, date | datetime) and not EARLIEST_YEAR <= value.year <= LATEST_YEAR:
        raise ValidationError(
            _("Enter a date between %(first)d and %(last)d.", first=EARLIEST_YEAR, last=LATEST_YEAR)
        )


def _one_line(value: Any) -> Any:
    """Tabs and line breaks in a one-line field are stray whitespace: make them spaces."""
    return _LINE_BREAKS.sub(" ", value) if isinstance(value, str) else value


def _checks_for(field_class: type[Field]) -> tuple[list[Any], list[Any]]:
    """The validators and filters every field of this class gets, before its own."""
    if issubclass(field_class, DateField | DateTimeLocalField):
        return [date_in_range], []
    if issubclass(field_class, PasswordField):
        return [no_control_characters], []
    if issubclass(field_class, TextAreaField):
        return [no_control_characters], []
    if issubclass(field_class, StringField):
        return [no_control_characters], [_one_line]
    return [], []


def select_choices(pairs: Iterable[tuple[str, Any]]) -> list[SelectChoice]:
    """(value, label) pairs as select-field choices (WTForms drops plain tuples in 3.4)."""
    return [SelectChoice(value, label) for value, label in pairs]


class SafeMeta(DefaultMeta):  # type: ignore[misc]
    """Adds the app-wide checks to every field when a form is built."""

    def bind_field(self, form: Any, unbound_field: Any, options: dict[str, Any]) -> Any:
        validators, filters = _checks_for(unbound_field.field_class)
        if validators or filters:
            kwargs = unbound_field.kwargs
            options = {
                **options,
                "validators": [*validators, *kwargs.get("validators", ())],
                "filters": [*filters, *kwargs.get("filters", ())],
            }
        return super().bind_field(form, unbound_field, options)


class _PlainErrors:
    """Validation messages become plain text in the request's language once checked: a lazy
    message (`lazy_gettext`) counts as markup in templates, so it would not be escaped."""

    def validate(self, extra_validators: Any = None) -> bool:
        valid = bool(super().validate(extra_validators))  # type: ignore[misc]
        for field in self._fields.values():  # type: ignore[attr-defined]
            if isinstance(field.errors, list | tuple):
                field.errors = [
                    str(error) if isinstance(error, LazyString) else error for error in field.errors
                ]
        return valid


class SafeForm(_PlainErrors, FlaskForm):  # type: ignore[misc]
    """A form posted with a CSRF token, with the app-wide checks on every field."""

    class Meta(SafeMeta):
        pass


class SafeGetForm(_PlainErrors, Form):  # type: ignore[misc]
    """A form read from the query string (no CSRF), with the app-wide checks."""

    Meta = SafeMeta
