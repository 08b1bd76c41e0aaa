"""The demo's hybrid event: published, with online meetings that have no table, and whose
links reach the organiser's and the online participant's calendars for every parser."""

from __future__ import annotations

import re

from flask.testing import FlaskClient
from sqlalchemy.orm import Session

from matchmaker.demo import DemoAccounts
from matchmaker.models import MeetingStatus, Phase
from matchmaker.models.enums import EventMode
from tests.web.calendars.conftest import parse_everywhere, parse_with_icaljs
from tests.web.demo.conftest import event_by_slug

HYBRID = "computex-2027-hybrid"
ONLINE_PLACE = re.compile(r"Online: https://(meet\.jit\.si/Matchmaker-[0-9a-f]{24}|video\.\S+)")


def _log_in(client: FlaskClient, demo: DemoAccounts, detail: str) -> None:
    (account,) = [a for a in demo.accounts if detail in a.detail]
    response = client.post("/login", data={"email": account.email, "password": account.password})
    assert response.status_code == 302


def test_the_hybrid_event_meets_online_without_tables(session: Session, demo: DemoAccounts):
    event = event_by_slug(session, HYBRID)
    assert (event.mode, event.phase) == (EventMode.HYBRID, Phase.PUBLISHED)
    meetings = [m for m in event.meetings if m.status == MeetingStatus.CONFIRMED]
    online = [m for m in meetings if m.participant_a.online or m.participant_b.online]
    assert len(online) >= 10 and len(meetings) > len(online)
    assert all(m.table_id is None and m.location is None for m in online)
    assert all(m.table_id is not None for m in meetings if m not in online)
    assert any(p.video_link for p in event.participants)  # someone brings their own room
    session.commit()


def test_the_organisers_calendar_carries_every_online_link(
    client: FlaskClient, session: Session, demo: DemoAccounts
):
    _log_in(client, demo, "organiser of")
    body = client.get(f"/calendar/organise/{HYBRID}/event.ics").data
    locations = [e.location for e in parse_everywhere(body)]
    online = [place for place in locations if ONLINE_PLACE.fullmatch(place)]
    assert len(online) >= 10 and len(online) < len(locations)
    assert any("video." in place for place in online)  # an attendee's own room
    urls = [e["url"] for e in parse_with_icaljs(body)["events"] if e["url"]]
    assert [f"Online: {url}" for url in urls] == online


def test_the_online_account_reads_its_links_in_the_agenda(
    client: FlaskClient, session: Session, demo: DemoAccounts
):
    _log_in(client, demo, "online at")
    page = client.get(f"/events/{HYBRID}/agenda").text
    links = re.findall(r'class="video-link" href="([^"]+)"', page)
    assert links and all(link.startswith("https://meet.jit.si/Matchmaker-") for link in links)
    body = client.get(f"/calendar/events/{HYBRID}/agenda.ics").data
    assert [e.location for e in parse_everywhere(body)] == [f"Online: {link}" for link in links]
