"""The catalogue's rows are kept per event and reloaded once its people change."""

from __future__ import annotations

import re

from flask import Flask
from flask.testing import FlaskClient
from flask_babel import force_locale, gettext
from sqlalchemy import text
from sqlalchemy.orm import Session

from matchmaker.db import utcnow
from matchmaker.models import Preference, PreferenceLevel
from matchmaker.models.enums import EventMode
from tests.conftest import Builder
from tests.web.participants.conftest import Me, organisation

URL = "/events/hannover-b2b/catalogue"


def _names(client: FlaskClient, query: str = "") -> list[str]:
    page = client.get(URL + query).get_data(as_text=True)
    return re.findall(r'class="card__title person-card__name"[^>]*>([^<]+)<', page)


def _organisations(client: FlaskClient) -> set[str]:
    page = client.get(URL).get_data(as_text=True)
    return set(re.findall(r"Acme[^<]*", page))


def test_rows_are_kept_until_something_changes(
    client: FlaskClient, logged_in: Me, build: Builder, session: Session
) -> None:
    other = build.participant(logged_in.event, first_name="Zoe", last_name="Plain")
    assert _names(client) == ["Zoe Plain"]
    # A change that bypasses the models (and their updated_at) is not seen: the search
    # still runs over the kept rows, and the kept card is shown.
    session.execute(
        text("UPDATE participants SET first_name = 'Hidden' WHERE id = :id"), {"id": other.id}
    )
    session.commit()
    assert _names(client, "?q=hidden") == []
    assert _names(client, "?q=zoe") == ["Zoe Plain"]
    # A change through the models is seen at once.
    other.last_name = "Renamed"
    session.commit()
    assert _names(client, "?q=hidden") == ["Hidden Renamed"]


def test_new_withdrawn_and_edited_people_show_at_once(
    client: FlaskClient, logged_in: Me, build: Builder, session: Session
) -> None:
    first = build.participant(
        logged_in.event, first_name="Ana", last_name="First", organisation=organisation("Acme")
    )
    assert _names(client) == ["Ana First"]
    build.participant(logged_in.event, first_name="Ben", last_name="Second")
    assert _names(client, "?sort=name") == ["Ana First", "Ben Second"]
    first.withdrawn_at = utcnow()
    session.commit()
    assert _names(client) == ["Ben Second"]
    first.withdrawn_at = None
    session.commit()
    first.organisation.name = "Acme Robotics"
    session.commit()
    assert "Acme Robotics" in _organisations(client)
    assert _names(client, "?q=robotics") == ["Ana First"]


def test_a_taxonomy_change_of_the_event_rebuilds_the_match_profiles(
    client: FlaskClient, logged_in: Me, build: Builder, session: Session
) -> None:
    logged_in.participant.organisation.requests = "We seek quantum widgets."
    session.commit()
    build.participant(
        logged_in.event,
        first_name="Max",
        last_name="Maker",
        organisation=organisation("Print3D", offers="Industrial quantum widgets"),
    )
    assert "Quantum widgets" not in client.get(URL).get_data(as_text=True)
    logged_in.event.technologies = [*logged_in.event.technologies, "Quantum widgets"]
    session.commit()
    assert "Quantum widgets" in client.get(URL).get_data(as_text=True)


def test_a_viewers_kept_ranking_follows_the_wishes_they_receive(
    client: FlaskClient, logged_in: Me, build: Builder, session: Session
) -> None:
    build.participant(logged_in.event, first_name="Aaron", last_name="Able")
    zed = build.participant(logged_in.event, first_name="Zed", last_name="Zulu")
    assert _names(client) == ["Aaron Able", "Zed Zulu"]
    wish = Preference(
        event_id=zed.event_id,
        from_participant_id=zed.id,
        to_participant_id=logged_in.participant.id,
        level=PreferenceLevel.MUST,
    )
    session.add(wish)
    session.commit()
    assert _names(client) == ["Zed Zulu", "Aaron Able"]
    session.delete(wish)
    session.commit()
    assert _names(client) == ["Aaron Able", "Zed Zulu"]


def test_a_viewers_kept_ranking_follows_their_own_profile(
    client: FlaskClient, logged_in: Me, build: Builder, session: Session
) -> None:
    build.participant(logged_in.event, first_name="Aaron", last_name="Able")
    build.participant(
        logged_in.event,
        first_name="Zed",
        last_name="Zulu",
        organisation=organisation("Printers", offers="Industrial IoT gateways"),
    )
    logged_in.participant.organisation.requests = "Nothing in particular."
    session.commit()
    assert _names(client) == ["Aaron Able", "Zed Zulu"]
    logged_in.participant.organisation.requests = "We seek IoT gateways."
    session.commit()
    assert _names(client) == ["Zed Zulu", "Aaron Able"]


def test_kept_cards_follow_the_event_s_labels_and_mode(
    app: Flask, client: FlaskClient, logged_in: Me, build: Builder, session: Session
) -> None:
    build.participant(
        logged_in.event,
        first_name="Zed",
        last_name="Zulu",
        online=True,
        organisation=organisation("Printers", technologies=["Robotics"]),
    )
    logged_in.user.locale = "de"
    event = logged_in.event
    event.translations = {"de": {"terms": {"Robotics": "Robotik"}}}
    session.commit()
    page = client.get(URL).get_data(as_text=True)
    assert '<li class="tag">Robotik</li>' in page
    event.translations = {"de": {"terms": {"Robotics": "Roboter"}}}
    session.commit()
    page = client.get(URL).get_data(as_text=True)
    assert '<li class="tag">Roboter</li>' in page and "Robotik" not in page
    with app.test_request_context(), force_locale("de"):
        online = gettext("Attends online")
    assert online not in page
    event.mode = EventMode.HYBRID
    session.commit()
    assert online in client.get(URL).get_data(as_text=True)
