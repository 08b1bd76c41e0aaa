"""Attending online, from the profile: the choice at a hybrid event, one's own video room
(https only) and time zone; an on-site event asks none of it."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from matchmaker.models import Participant
from matchmaker.models.enums import EventMode
from tests.web.participants.test_profile import URL, _fresh, _valid


def _set_mode(session: Session, participant: Participant, mode: EventMode) -> None:
    participant.event.mode = mode
    session.commit()


def test_an_on_site_event_asks_nothing_about_attending_online(client, logged_in) -> None:
    page = client.get(URL).text
    assert "I attend online" not in page and "Your own video room" not in page


def test_at_a_hybrid_event_a_participant_attends_online_with_own_room_and_zone(
    client: Any, logged_in: Any, session: Session
) -> None:
    _set_mode(session, logged_in.participant, EventMode.HYBRID)
    page = client.get(URL).text
    assert "I attend online" in page and "Your time zone" in page
    room = "https://meet.example.org/tice-robotics"
    data = _valid(online="y", video_link=room, timezone="America/Sao_Paulo")
    assert client.post(URL, data=data).status_code == 302
    participant = _fresh(session, logged_in.participant)
    assert (participant.online, participant.video_link, participant.timezone) == (
        True,
        room,
        "America/Sao_Paulo",
    )
    assert participant.attends_online and participant.own_zone is not None
    session.commit()

    assert client.post(URL, data=_valid(video_link="", timezone="")).status_code == 302
    participant = _fresh(session, logged_in.participant)
    assert (participant.online, participant.video_link, participant.timezone) == (
        False,
        None,
        None,
    )
    session.commit()


def test_a_room_must_be_an_https_address_and_the_zone_a_real_one(
    client: Any, logged_in: Any, session: Session
) -> None:
    _set_mode(session, logged_in.participant, EventMode.ONLINE)
    page = client.get(URL).text
    assert "I attend online" not in page  # everyone does at an online event
    response = client.post(URL, data=_valid(video_link="http://meet.example.org/x"))
    assert "Enter a full https:// address." in response.text
    response = client.post(URL, data=_valid(timezone="Mars/Olympus_Mons"))
    assert "Choose a time zone from the list." in response.text
    participant = _fresh(session, logged_in.participant)
    assert (participant.video_link, participant.timezone) == (None, None)
    assert participant.attends_online
    session.commit()


def test_the_catalogue_says_who_attends_a_hybrid_event_online(
    client: Any, logged_in: Any, session: Session, build: Any
) -> None:
    event = logged_in.participant.event
    build.participant(event, online=True, first_name="Remote", last_name="Partner")
    build.participant(event, first_name="Onsite", last_name="Partner")
    url = f"/events/{event.slug}/catalogue"
    assert "Attends online" not in client.get(url).text  # on site: nobody is online
    _set_mode(session, logged_in.participant, EventMode.HYBRID)
    page = client.get(url).text
    assert page.count("Attends online") == 1
    assert page.index("Remote Partner") < page.index("Attends online")
