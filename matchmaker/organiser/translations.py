"""An event's own texts in other languages: the form organisers fill and how it is stored."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from wtforms import Field, StringField, TextAreaField
from wtforms.validators import Length, Optional

from matchmaker.forms import SafeForm
from matchmaker.i18n import LOCALES
from matchmaker.models import Event


def other_locales(event: Event) -> list[str]:
    """The interface languages an event's texts can be translated into: all but its default."""
    return [code for code in LOCALES if code != event.default_locale]


def event_terms(event: Event) -> list[str]:
    """The event's sectors, then its technologies, each term once."""
    return list(dict.fromkeys([*event.sectors, *event.technologies]))


class TranslationForm(SafeForm):
    """The event's name and description in one language; a field per term is added by
    `translation_form`."""

    name = StringField(
        _l("Name"),
        validators=[Optional(), Length(max=200)],
        description=_l("Empty: people reading this language see the name as written."),
    )
    description = TextAreaField(_l("Description"), validators=[Optional(), Length(max=5000)])

    def term_fields(self) -> list[Field]:
        """The fields of the event's sector and technology labels, in the lists' order."""
        return [field for field in self if field.name.startswith("term_")]


def translation_form(event: Event, locale: str, formdata: Any = None) -> TranslationForm:
    """The form for `locale`, filled with what is stored; a text field per term of the
    event's lists, labelled with the term as written."""
    terms = event_terms(event)

    class EventTranslationForm(TranslationForm):
        pass

    for index, term in enumerate(terms):
        setattr(
            EventTranslationForm,
            f"term_{index}",
            StringField(term, validators=[Optional(), Length(max=200)]),
        )
    stored = (event.translations or {}).get(locale, {})
    stored_terms = stored.get("terms", {})
    data = {
        "name": stored.get("name", ""),
        "description": stored.get("description", ""),
        **{f"term_{index}": stored_terms.get(term, "") for index, term in enumerate(terms)},
    }
    return EventTranslationForm(formdata=formdata, data=data)


def save_translation(event: Event, locale: str, form: TranslationForm) -> None:
    """Store the form's texts for `locale`; empty fields fall back to the default language."""
    terms = event_terms(event)
    given = {term: (form[f"term_{index}"].data or "").strip() for index, term in enumerate(terms)}
    translations = dict(event.translations or {})
    translations[locale] = {
        "name": (form.name.data or "").strip(),
        "description": (form.description.data or "").strip(),
        "terms": {term: label for term, label in given.items() if label},
    }
    # A new dict: the JSON column only notices assignment.
    event.translations = translations
