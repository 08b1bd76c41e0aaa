"""Dashboard, missions and events through the test client, and who may see them."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime

from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from matchmaker.models import Event, Mission, Phase, Role, User
from tests.builders import Builder

EVENT_FORM = {
    "name": "Taiwan–EU Cluster B2B, Computex",
    "venue": "Nangang Exhibition Center, Taipei",
    "description": "",
    "timezone": "Asia/Taipei",
    "slot_minutes": "25",
    "break_minutes": "5",
    "default_max_meetings": "10",
    "limit_must": "3",
    "limit_want": "",
    "limit_maybe": "",
    "sectors": "ICT and micro-electronics\nMobility and transport\n\nICT and micro-electronics",
    "technologies": "Robotics\nIoT",
    "registration_deadline": "2026-05-20T18:00",
    "preferences_deadline": "2026-05-27T12:00",
    "phase": "registration",
}


def create_mission(client: FlaskClient, name: str = "Going International: Taiwan 2026") -> str:
    response = client.post(
        "/organise/missions/new",
        data={
            "name": name,
            "partnership": "ESCP-4i Industry 4.0",
            "target_market": "Taiwan",
            "start_date": "2026-06-01",
            "end_date": "2026-06-05",
            "description": "Mission to Computex.",
        },
    )
    assert response.status_code == 302
    return response.headers["Location"].split("/")[3]


def test_an_organiser_creates_a_mission_and_an_event(
    organiser_client: FlaskClient, session: Session, organiser: User
) -> None:
    mission_slug = create_mission(organiser_client)
    assert mission_slug == "going-international-taiwan-2026"

    response = organiser_client.post(
        f"/organise/missions/{mission_slug}/events/new", data=EVENT_FORM
    )

    assert response.status_code == 302
    event = session.scalars(select(Event)).one()
    assert response.headers["Location"] == f"/organise/events/{event.slug}/setup"
    assert event.slug == "taiwan-eu-cluster-b2b-computex"
    assert event.timezone == "Asia/Taipei"
    assert (event.slot_minutes, event.break_minutes) == (25, 5)
    assert (event.default_max_meetings, event.limit_must, event.limit_want) == (10, 3, None)
    assert event.sectors == ["ICT and micro-electronics", "Mobility and transport"]
    assert event.phase == Phase.REGISTRATION
    # 18:00 in Taipei (UTC+8) is 10:00 UTC.
    assert event.registration_deadline == datetime(2026, 5, 20, 10, 0, tzinfo=UTC)
    assert event.preferences_deadline == datetime(2026, 5, 27, 4, 0, tzinfo=UTC)
    assert [user.id for user in event.mission.organisers] == [organiser.id]
    session.commit()  # end the read transaction (SQLite: one writer at a time); nothing expires

    dashboard = organiser_client.get("/organise/").get_data(as_text=True)
    assert "Going International: Taiwan 2026" in dashboard
    assert "Taiwan–EU Cluster B2B, Computex" in dashboard


def test_mission_slugs_stay_unique(organiser_client: FlaskClient) -> None:
    assert create_mission(organiser_client, "Mexico 2026") == "mexico-2026"
    assert create_mission(organiser_client, "Mexico 2026") == "mexico-2026-2"
    assert create_mission(organiser_client, "Pôle SCS × Computex") == "pole-scs-computex"
    assert create_mission(organiser_client, "台北") == "mission"


def test_editing_an_event_shows_deadlines_in_local_time_and_keeps_them(
    organiser_client: FlaskClient, session: Session, event: Event
) -> None:
    event.registration_deadline = datetime(2026, 4, 1, 16, 0, tzinfo=UTC)
    session.commit()

    page = organiser_client.get(f"/organise/events/{event.slug}/edit").get_data(as_text=True)
    assert 'value="2026-04-01T18:00"' in page  # Berlin, summer time

    form = {
        **EVENT_FORM,
        "timezone": "Europe/Berlin",
        "slot_minutes": "30",
        "break_minutes": "0",
        "registration_deadline": "2026-04-01T18:00",
        "preferences_deadline": "",
    }
    response = organiser_client.post(f"/organise/events/{event.slug}/edit", data=form)
    assert response.status_code == 302
    session.expire_all()
    assert event.registration_deadline == datetime(2026, 4, 1, 16, 0, tzinfo=UTC)
    assert event.preferences_deadline is None
    assert event.name == EVENT_FORM["name"]
    assert event.phase == Phase.REGISTRATION  # the phase moves only with the phase buttons


def test_an_unknown_time_zone_is_refused(
    organiser_client: FlaskClient, session: Session, event: Event
) -> None:
    mission_slug = event.mission.slug
    session.commit()
    response = organiser_client.post(
        f"/organise/missions/{mission_slug}/events/new",
        data={**EVENT_FORM, "timezone": "Europe/Atlantis"},
    )
    assert response.status_code == 200
    assert "Not a valid choice" in response.get_data(as_text=True)
    assert session.scalars(select(Event)).all() == [event]


def test_a_deadline_for_choices_before_registration_closes_is_refused(
    organiser_client: FlaskClient, session: Session, event: Event
) -> None:
    mission_slug = event.mission.slug
    session.commit()
    response = organiser_client.post(
        f"/organise/missions/{mission_slug}/events/new",
        data={**EVENT_FORM, "preferences_deadline": "2026-05-01T12:00"},
    )
    assert "cannot end before registration" in response.get_data(as_text=True)
    assert len(session.scalars(select(Event)).all()) == 1


def test_the_event_page_shows_phase_counts_and_links(
    organiser_client: FlaskClient, build: Builder, event: Event
) -> None:
    build.participant(event)
    page = organiser_client.get(f"/organise/events/{event.slug}").get_data(as_text=True)

    assert "Registration open" in page
    assert "Germany" in page  # registrations by country
    assert f"/organise/events/{event.slug}/participants" in page
    assert f"/organise/events/{event.slug}/import" in page
    assert f"/organise/events/{event.slug}/setup" in page
    assert f"/organise/events/{event.slug}/schedule" in page  # the schedule pages exist


def test_an_organiser_of_another_mission_gets_404_everywhere(
    client: FlaskClient,
    session: Session,
    build: Builder,
    event: Event,
    log_in: Callable[[User], None],
) -> None:
    stranger = build.user(role=Role.ORGANISER, email="other@cluster.example")
    mission_slug, mission_name = event.mission.slug, event.mission.name
    session.commit()
    log_in(stranger)
    slug = event.slug
    for url in (
        f"/organise/events/{slug}",
        f"/organise/events/{slug}/edit",
        f"/organise/events/{slug}/setup",
        f"/organise/events/{slug}/participants",
        f"/organise/events/{slug}/import",
        f"/organise/missions/{mission_slug}/edit",
        f"/organise/missions/{mission_slug}/events/new",
        "/organise/organisers",
    ):
        assert client.get(url).status_code == 404, url
    form = {"direction": "forward", "count": "3", "form": "table-count"}
    for url in (
        f"/organise/events/{slug}/phase",
        f"/organise/events/{slug}/setup",
        f"/organise/events/{slug}/invitations",
    ):
        assert client.post(url, data=form).status_code == 404, url
    assert mission_name not in client.get("/organise/").get_data(as_text=True)


def test_participants_and_visitors_cannot_reach_organiser_pages(
    client: FlaskClient, build: Builder, event: Event, log_in: Callable[[User], None]
) -> None:
    assert client.get("/organise/").status_code == 302  # to the login page
    participant_user = build.user(email="sme@company.example")
    build.participant(event, user=participant_user)
    log_in(participant_user)
    for url in ("/organise/", f"/organise/events/{event.slug}", "/organise/missions/new"):
        assert client.get(url).status_code == 404, url


def test_an_admin_sees_every_mission(
    client: FlaskClient, admin: User, event: Event, log_in: Callable[[User], None]
) -> None:
    log_in(admin)
    assert event.name in client.get("/organise/").get_data(as_text=True)
    assert client.get(f"/organise/events/{event.slug}").status_code == 200


def test_editing_a_mission(organiser_client: FlaskClient, session: Session, event: Event) -> None:
    mission = event.mission
    session.commit()
    response = organiser_client.post(
        f"/organise/missions/{mission.slug}/edit",
        data={"name": "Hannover Messe 2026", "end_date": "2026-04-19", "start_date": "2026-04-20"},
    )
    assert "cannot be before the first day" in response.get_data(as_text=True)

    response = organiser_client.post(
        f"/organise/missions/{mission.slug}/edit",
        data={"name": "Hannover Messe 2026", "target_market": "USA"},
    )
    assert response.status_code == 302
    session.expire_all()
    stored = session.get_one(Mission, mission.id)
    assert (stored.name, stored.target_market, stored.slug) == (
        "Hannover Messe 2026",
        "USA",
        mission.slug,
    )


def test_the_time_zone_list_offers_current_zones_by_region(
    organiser_client: FlaskClient, session: Session, event: Event
) -> None:
    mission_slug = event.mission.slug
    session.commit()
    page = organiser_client.get(f"/organise/missions/{mission_slug}/events/new").get_data(
        as_text=True
    )
    select_html = page[page.index('id="timezone"') :]
    select_html = select_html[: select_html.index("</select>")]
    values = re.findall(r'<option[^>]*value="([^"]+)"', select_html)

    assert '<optgroup label="Europe">' in select_html
    assert '<optgroup label="Americas">' in select_html  # CLDR's name for the region
    assert {"UTC", "Europe/Berlin", "America/New_York", "Asia/Taipei"} <= set(values)
    assert not {"Africa/Asmera", "America/Atka", "Europe/Kiev", "CET", "US/Eastern"} & set(values)
    assert all("/" in value for value in values if value != "UTC")
    assert re.search(r'<option selected value="Europe/Berlin">Berlin</option>', select_html)
    assert ">Buenos Aires<" in select_html  # the city as CLDR names it in the language


def test_an_event_on_an_old_zone_name_keeps_it(
    organiser_client: FlaskClient, session: Session, event: Event
) -> None:
    event.timezone = "Europe/Kiev"
    session.commit()
    url = f"/organise/events/{event.slug}/edit"
    page = organiser_client.get(url).get_data(as_text=True)
    assert '<optgroup label="Current">' in page
    assert '<option selected value="Europe/Kiev">Europe/Kiev</option>' in page

    form = {
        **EVENT_FORM,
        "timezone": "Europe/Kiev",
        "slot_minutes": "30",
        "break_minutes": "0",
        "registration_deadline": "2026-04-01T18:00",
        "preferences_deadline": "2026-04-10T12:00",
    }
    assert organiser_client.post(url, data=form).status_code == 302
    session.expire_all()
    assert event.timezone == "Europe/Kiev"


def test_every_event_page_names_the_tab_under_the_way_back(
    organiser_client: FlaskClient, session: Session, event: Event
) -> None:
    mission_id, slug = event.mission.id, event.slug
    session.commit()
    for path, heading in (
        ("", "Overview"),
        ("/participants", "Participants"),
        ("/import", "Import participants"),
        ("/setup", "Blocks and tables"),
        ("/edit", "Settings"),
    ):
        page = organiser_client.get(f"/organise/events/{slug}{path}").get_data(as_text=True)
        assert f"<h1>{heading}</h1>" in page, path
        trail = page[page.index('<p class="eyebrow organiser-trail">') :]
        trail = trail[: trail.index("</p>")]
        assert f'href="/organise/#mission-{mission_id}"' in trail
        assert "EU–US Cluster B2B, Hannover Messe" in trail
        assert (f'href="/organise/events/{slug}"' in trail) == (path != ""), path
