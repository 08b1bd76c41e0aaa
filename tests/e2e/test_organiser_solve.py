"""An organiser in Chromium: start a solve, watch the live progress bar finish, apply, review
the grids and charts, publish (the solve runs in the web process's embedded Huey consumer)."""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Iterator
from datetime import time
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from playwright.sync_api import Page, expect
from sqlalchemy.orm import Session

from matchmaker.models import Organisation, Preference, PreferenceLevel, Role
from matchmaker.schedule import jobs

pytestmark = pytest.mark.e2e

PASSWORD = "correct horse battery staple"
COUNTRIES = ("DE", "FR", "ES", "IT", "MX", "KR", "US", "PL")
SECTORS = ("Energy", "Health", "Mobility", "ICT")
Screenshot = Callable[[Page, str], Path]


@pytest.fixture
def app_config(app_config: dict[str, Any]) -> dict[str, Any]:
    return {
        **app_config,
        "WTF_CSRF_ENABLED": True,
        "HUEY_IMMEDIATE": False,
        "HUEY_CONSUMER_IN_PROCESS": True,
        "SOLVER_TIME_LIMIT_S": 6.0,
    }


@pytest.fixture
def consumer_stopped(app: Flask) -> Iterator[None]:
    yield
    jobs.stop_consumer(app)


def arrange(build: Any, session: Session) -> tuple[Any, Any]:
    """An organiser and a two-block event with 32 people of 8 countries and their wishes."""
    organiser = build.user(role=Role.ORGANISER, email="lena@cluster.example", name="Lena Vogel")
    event = build.event(
        slug="monterrey-b2b",
        name="EU–Mexico Cluster B2B, Monterrey",
        timezone="America/Monterrey",
        blocks=((time(9), time(12)), (time(14), time(16))),
        tables=8,
        organisers=(organiser,),
        default_max_meetings=6,
    )
    rng = random.Random(7)
    people = []
    for index in range(32):
        organisation = Organisation(
            name=f"{COUNTRIES[index % 8]} Company {index + 1}",
            country=COUNTRIES[index % 8],
            sectors=[SECTORS[index % 4]],
            technologies=[],
        )
        people.append(
            build.participant(
                event,
                organisation=organisation,
                first_name=f"Person{index + 1}",
                last_name=rng.choice(("García", "Müller", "Rossi", "Kim", "Nowak", "Dubois")),
                location=f"Booth {index + 1}" if index % 8 == 0 else None,
            )
        )
    levels = (PreferenceLevel.MUST, PreferenceLevel.WANT, PreferenceLevel.MAYBE)
    for person in people:
        for target in rng.sample([p for p in people if p is not person], 6):
            session.add(
                Preference(
                    event_id=event.id,
                    from_participant_id=person.id,
                    to_participant_id=target.id,
                    level=rng.choice(levels),
                )
            )
    session.commit()
    return organiser, event


def test_organiser_solves_applies_and_publishes(
    live_server: Any,
    page: Page,
    build: Any,
    session: Session,
    screenshot: Screenshot,
    consumer_stopped: None,
) -> None:
    organiser, event = arrange(build, session)
    page.goto(live_server.url("/login"))
    page.get_by_label("Email").fill(organiser.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()

    page.goto(live_server.url(f"/organise/events/{event.slug}/schedule"))
    expect(page.get_by_role("heading", name="Schedule", exact=True)).to_be_visible()
    expect(page.get_by_text("No meetings yet")).to_be_visible()
    page.get_by_label("Time limit").select_option("6")
    screenshot(page, "01-overview-empty")
    page.get_by_role("button", name="Solve").click()

    expect(page).to_have_url(re.compile(r"/schedule/runs/\d+$"))
    progress = page.locator("#run-progress")
    expect(progress).to_be_visible()
    expect(page.get_by_role("button", name="Cancel the solve")).to_be_visible()
    page.wait_for_function(
        "() => Number(document.getElementById('run-progress').value) > 0.2", timeout=15_000
    )
    screenshot(page, "02-run-progress")
    expect(page.locator("#run-weight")).not_to_have_text("—")

    expect(page.locator("#run-status")).to_have_text("succeeded", timeout=30_000)
    expect(progress).to_have_attribute("value", "1.0")
    expect(page.get_by_role("heading", name="Proposed schedule")).to_be_visible()
    expect(page.locator("#run-goals tbody tr")).to_have_count(3)
    expect(page.locator("#run-goals tbody tr").first).to_contain_text(
        "1. People below their guaranteed minimum"
    )
    expect(page.locator("#run-stop")).to_be_visible()
    screenshot(page, "03-run-finished")

    page.get_by_role("button", name="Apply this schedule").click()
    expect(page.get_by_text("Schedule applied:")).to_be_visible()
    expect(page.locator(".lede")).to_contain_text("confirmed meetings")
    screenshot(page, "04-overview-applied")

    page.get_by_role("link", name="By table").first.click()
    expect(page.locator("#table-grid")).to_be_visible()
    assert page.locator("#table-grid .meeting").count() > 20
    screenshot(page, "05-grid")
    # The solve decides which meetings have a free time to move to: open them in turn.
    moves = page.locator("#move-choices li")
    for index in range(page.locator("#table-grid .meeting").count()):
        page.locator("#table-grid .meeting").nth(index).click()
        expect(page.get_by_role("heading", name="Move to any time")).to_be_visible()
        if moves.count():
            break
        page.go_back()
    target = moves.first.locator(".choice__what").inner_text()
    moves.first.get_by_role("button", name="Move here").click()
    expect(page.locator(".alert--success")).to_contain_text("Meeting moved")
    expect(page.locator(".lede")).to_contain_text(target.split(" · ")[0].split(" ")[-1])
    page.get_by_role("button", name="Lock (re-solves keep it)").click()
    expect(page.locator(".alert--success")).to_contain_text("Meeting locked")
    screenshot(page, "05b-meeting")
    page.get_by_role("link", name="By table").first.click()
    expect(page.locator("#table-grid .meeting--locked")).to_have_count(1)
    page.get_by_role("link", name="By participant").first.click()
    expect(page.locator("#people-grid tbody tr")).to_have_count(32)
    screenshot(page, "06-people")
    page.get_by_label("Find a participant or organisation").fill("nobody by that name")
    expect(page.locator("#people-grid tbody tr:visible")).to_have_count(0)
    page.get_by_label("Find a participant or organisation").fill("Person17")
    expect(page.locator("#people-grid tbody tr:visible")).to_have_count(1)
    page.get_by_role("link", name="Statistics").first.click()
    expect(page.locator("svg.chart")).to_have_count(4)
    screenshot(page, "07-statistics")

    page.get_by_role("link", name="Overview").click()
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Publish agendas").click()
    expect(page.locator(".alert--success")).to_contain_text("Agendas published")
    screenshot(page, "08-published")
