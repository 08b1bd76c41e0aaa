"""The catalogue's rows are kept per event and reloaded once its people change."""

from __future__ import annotations

import re

from flask.testing import FlaskClient
from sqlalchemy import text
from sqlalchemy.orm import Session

from matchmaker.db import utcnow
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
    # still runs over the kept rows (the cards themselves are read fresh).
    session.execute(
        text("UPDATE participants SET first_name = 'Hidden' WHERE id = :id"), {"id": other.id}
    )
    session.commit()
    assert _names(client, "?q=hidden") == []
    assert _names(client, "?q=zoe") == ["Hidden Plain"]
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
