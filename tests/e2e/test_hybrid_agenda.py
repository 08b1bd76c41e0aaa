"""The demo's hybrid event on a phone: an online participant's agenda shows each meeting's
video link and their own times first, fits the screen, and its .ics carries the links for
ical.js and `ical`."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from ical.calendar_stream import IcsCalendarStream
from playwright.sync_api import Page, expect
from sqlalchemy.orm import Session

from matchmaker.demo import load_demo
from tests.e2e.conftest import LiveServer
from tests.web.calendars.conftest import parse_everywhere, parse_with_icaljs

pytestmark = pytest.mark.e2e

HYBRID = "computex-2027-hybrid"
ROOM = re.compile(r"https://meet\.jit\.si/Matchmaker-[0-9a-f]{24}")


def test_an_online_participant_reads_the_hybrid_agenda_on_a_phone(
    session: Session,
    live_server: LiveServer,
    phone_page: Page,
    screenshot: Callable[[Page, str], Path],
) -> None:
    accounts = load_demo(session)
    session.commit()
    (henrik,) = [a for a in accounts.accounts if "online at" in a.detail]
    page = phone_page
    page.goto(live_server.url("/login"))
    page.get_by_label("Email").fill(henrik.email)
    page.get_by_label("Password").fill(henrik.password)
    page.get_by_role("button", name="Log in").click()
    page.goto(live_server.url(f"/events/{HYBRID}/agenda"))

    expect(page.get_by_text("by video")).to_be_visible()
    expect(page.get_by_text("Your check-in code")).to_have_count(0)
    links = page.locator("a.video-link")
    expect(links.first).to_be_visible()
    hrefs = links.evaluate_all("(anchors) => anchors.map((a) => a.href)")
    assert hrefs and all(ROOM.fullmatch(href) for href in hrefs)
    assert len(set(hrefs)) == len(hrefs)  # a room per meeting
    # Henrik joins from Germany: his times come first, then the event's (6 hours later).
    first_item = page.locator(".agenda-item").first.inner_text()
    assert first_item.index("Berlin time") < first_item.index("Event time")
    assert first_item.index("Event time") < first_item.index("Taipei time")
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"the agenda is {overflow}px wider than the phone"
    screenshot(page, "hybrid-agenda-phone")

    page.goto(live_server.url(f"/events/{HYBRID}/profile"))
    expect(page.get_by_label("I attend online")).to_be_checked()
    expect(page.get_by_label("Your time zone")).to_have_value("Europe/Berlin")
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"the profile is {overflow}px wider than the phone"
    screenshot(page, "hybrid-profile-phone")

    body = page.request.get(live_server.url(f"/calendar/events/{HYBRID}/agenda.ics")).body()
    events = parse_everywhere(body)  # icalendar, ical.js and ical agree
    assert [e.location for e in events] == [f"Online: {href}" for href in hrefs]
    assert [e["url"] for e in parse_with_icaljs(body)["events"]] == hrefs
    parsed = IcsCalendarStream.calendar_from_ics(body.decode("utf-8")).events
    assert [[c.uri for c in e.conference] for e in parsed] == [[href] for href in hrefs]
