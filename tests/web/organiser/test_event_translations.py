"""Organisers give an event's name, description and term labels in other languages."""

from __future__ import annotations

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy.orm import Session

from matchmaker.models import Event
from tests.web.organiser.uploads import SECTORS


def test_the_organiser_gives_the_event_texts_in_german(
    app: Flask, organiser_client: FlaskClient, session: Session, event: Event
) -> None:
    page = organiser_client.get(f"/organise/events/{event.slug}/translations?locale=de")
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert SECTORS[0] in text  # each term is a field labelled as written
    assert "Deutsch" in text and "中文" in text  # the languages in their own names

    response = organiser_client.post(
        f"/organise/events/{event.slug}/translations?locale=de",
        data={
            "name": "  EU–US-Kooperationsbörse  ",
            "description": "Treffen Sie Unternehmen aus den USA.",
            "term_0": "Erster Sektor",
            "term_1": "",
        },
    )
    assert response.status_code == 302
    session.expire_all()
    assert event.translations["de"] == {
        "name": "EU–US-Kooperationsbörse",
        "description": "Treffen Sie Unternehmen aus den USA.",
        "terms": {SECTORS[0]: "Erster Sektor"},
    }
    assert event.name == "EU–US Cluster B2B, Hannover Messe"  # the text as written stays

    visitor = app.test_client()
    german = visitor.get(f"/e/{event.slug}", headers={"Accept-Language": "de-DE,de;q=0.9"})
    assert "EU–US-Kooperationsbörse" in german.get_data(as_text=True)
    assert "Treffen Sie Unternehmen aus den USA." in german.get_data(as_text=True)
    french = visitor.get(f"/e/{event.slug}", headers={"Accept-Language": "fr"})
    assert "EU–US Cluster B2B, Hannover Messe" in french.get_data(as_text=True)


def test_the_default_language_has_no_translation_page(
    organiser_client: FlaskClient, event: Event
) -> None:
    assert (
        organiser_client.get(f"/organise/events/{event.slug}/translations?locale=en").status_code
        == 404
    )
    assert (
        organiser_client.get(f"/organise/events/{event.slug}/translations?locale=xx").status_code
        == 404
    )
