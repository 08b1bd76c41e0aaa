"""A new event's time zone is suggested from its mission, not always Europe/Berlin."""

from __future__ import annotations

import re

import pytest
from flask.testing import FlaskClient

from matchmaker.models import Event
from tests.web.organiser.test_missions_events import EVENT_FORM


def _mission(client: FlaskClient, name: str, target_market: str) -> str:
    response = client.post(
        "/organise/missions/new",
        data={"name": name, "target_market": target_market, "description": ""},
    )
    assert response.status_code == 302
    return response.headers["Location"].split("/")[3]


def _selected_zone(client: FlaskClient, mission_slug: str) -> str:
    page = client.get(f"/organise/missions/{mission_slug}/events/new").get_data(as_text=True)
    match = re.search(r'<option selected value="([^"]+)"|<option value="([^"]+)" selected', page)
    assert match is not None
    return match.group(1) or match.group(2)


@pytest.mark.parametrize(
    ("name", "target_market", "zone"),
    [
        ("Going International: Taiwan 2026", "Taiwan", "Asia/Taipei"),
        ("Mission to Mexico", "México", "America/Mexico_City"),
        ("EU–US cluster mission", "USA", "America/New_York"),
        ("Smart cities in Seoul", "", "Asia/Seoul"),
        ("Cluster days", "", "Europe/Berlin"),
    ],
)
def test_the_zone_follows_the_target_market_or_a_city_of_the_mission(
    organiser_client: FlaskClient, event: Event, name: str, target_market: str, zone: str
) -> None:
    assert _selected_zone(organiser_client, _mission(organiser_client, name, target_market)) == zone


def test_a_second_event_takes_the_zone_of_the_mission_s_events(
    organiser_client: FlaskClient, event: Event
) -> None:
    slug = _mission(organiser_client, "Cluster days", "")
    created = organiser_client.post(
        f"/organise/missions/{slug}/events/new", data={**EVENT_FORM, "timezone": "Asia/Tokyo"}
    )
    assert created.status_code == 302
    assert _selected_zone(organiser_client, slug) == "Asia/Tokyo"
