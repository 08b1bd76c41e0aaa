"""The itinerary at a phone's width in Chromium: a Portuguese SME's meetings in Hannover
with their home (Lisbon) times, the delegation's flight in Lisbon time, and a company visit
to sign up to."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, time
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from matchmaker.db import utcnow
from matchmaker.models import Organisation, Phase
from tests.builders import TEST_PASSWORD, Builder
from tests.e2e.conftest import LiveServer

pytestmark = pytest.mark.e2e


def test_the_itinerary_on_a_phone(
    live_server: LiveServer,
    phone_page: Page,
    build: Builder,
    screenshot: Callable[[Page, str], Path],
) -> None:
    event = build.event(
        phase=Phase.PUBLISHED,
        published_at=utcnow(),
        name="EU–US Cluster B2B, Hannover Messe",
        venue="Hannover Messe",
        blocks=((time(9), time(10)),),
    )
    user = build.user(email="ana@tice.example")
    portugal = Organisation(name="Tice Robotics", country="PT", sectors=[], technologies=[])
    me = build.participant(event, user=user, organisation=portugal, first_name="Ana")
    partner = build.participant(
        event,
        first_name="James",
        last_name="Morgan",
        organisation=Organisation(
            name="Great Lakes Motion Systems", country="US", sectors=[], technologies=[]
        ),
    )
    build.meeting(me, partner, event.slots[0], table=event.tables[0])
    build.programme_item(
        event.mission,
        kind="transfer",
        title="Delegation flight Lisbon – Hannover",
        day=date(2026, 4, 19),
        start=time(14, 5),
        end=time(17, 40),
        timezone="Europe/Lisbon",
        place="Lisbon Airport (LIS), Terminal 1",
        address="Alameda das Comunidades Portuguesas, 1700-111 Lisboa",
        guests=(me,),
    )
    build.programme_item(
        event.mission,
        title="Visit: Volkswagen Autostadt, Wolfsburg",
        start=time(17, 30),
        end=time(21),
        place="Autostadt",
        address="Stadtbrücke, 38440 Wolfsburg",
        capacity=30,
    )
    page = phone_page
    page.goto(live_server.url("/login"))
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.goto(live_server.url(f"/events/{event.slug}/agenda"))

    flight = page.locator(".agenda-item--programme", has_text="Delegation flight")
    expect(flight).to_contain_text("14:05–17:40 Lisbon time, UTC+1")
    expect(flight.get_by_role("link", name="Map")).to_have_attribute(
        "href",
        "https://www.openstreetmap.org/search?query=Alameda+das+Comunidades+Portuguesas%2C+1700-111+Lisboa",
    )
    meeting = page.locator(".agenda-item", has_text="James Morgan")
    expect(meeting).to_contain_text("09:00–09:30 Berlin time, UTC+2")
    expect(meeting).to_contain_text("Home: 08:00–08:30 Lisbon time, UTC+1")

    page.get_by_role("button", name="Sign up").click()
    visit = page.locator(".agenda-item--programme", has_text="Volkswagen Autostadt")
    expect(visit).to_contain_text("17:30–21:00 Berlin time, UTC+2")
    expect(visit.get_by_role("button", name="Give up my place")).to_be_visible()

    headings = page.locator(".agenda-day h2").all_inner_texts()
    assert headings == ["Sunday 19 April 2026", "Monday 20 April 2026"]
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"the itinerary is {overflow}px wider than the phone"
    screenshot(page, "itinerary-phone")
