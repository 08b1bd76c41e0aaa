"""Organisers: an event's name, description and sector and technology labels in other languages."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response as BaseResponse

from matchmaker.auth.access import organised_event_or_404, organiser_required
from matchmaker.db import get_session
from matchmaker.i18n import language_in_sentence, language_name
from matchmaker.organiser.translations import (
    event_terms,
    other_locales,
    save_translation,
    translation_form,
)
from matchmaker.organiser.views.base import Page, bp


@bp.route("/events/<slug>/translations", methods=["GET", "POST"])
@organiser_required
def event_translations(slug: str) -> Page | BaseResponse:
    """The event's texts in one other language (``?locale=de``; default: the first other)."""
    event = organised_event_or_404(slug)
    locales = other_locales(event)
    locale = request.args.get("locale", locales[0])
    if locale not in locales:
        abort(404)
    form = translation_form(event, locale, request.form if request.method == "POST" else None)
    if form.validate_on_submit():
        save_translation(event, locale, form)
        get_session().commit()
        flash(
            _(
                "The event's texts in %(language)s are saved.",
                language=language_in_sentence(locale),
            ),
            "success",
        )
        return redirect(url_for(".event_translations", slug=event.slug, locale=locale))
    return render_template(
        "organiser/event_translations.html",
        event=event,
        form=form,
        locale=locale,
        languages=[(code, language_name(code)) for code in locales],
        terms=event_terms(event),
    )
