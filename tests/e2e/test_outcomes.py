"""Outcomes in the browser: feedback on the phone agenda and through the token link, and
the dashboard readable at phone width."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy.orm import Session

from matchmaker.models import MeetingFeedback, Result, User
from matchmaker.outcomes.links import feedback_token
from tests.builders import TEST_PASSWORD, Builder
from tests.e2e.conftest import LiveServer
from tests.web.live.live_helpers import Clock, berlin
from tests.web.outcomes.outcome_helpers import build_outcome_event

pytestmark = pytest.mark.e2e
Screenshot = Callable[[Page, str], Path]


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def app_config(app_config: dict[str, Any], clock: Clock) -> dict[str, Any]:
    return {**app_config, "CLOCK": clock}


def _log_in(page: Page, server: LiveServer, user: User) -> None:
    page.goto(server.url("/login"))
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("button", name="Log out")).to_be_visible()


def _saved(session: Session, meeting_id: int, participant_id: int) -> MeetingFeedback | None:
    session.commit()
    return session.get(MeetingFeedback, (meeting_id, participant_id))


def test_feedback_on_the_phone_agenda_and_through_the_link(
    live_server: LiveServer,
    build: Builder,
    session: Session,
    clock: Clock,
    phone_page: Page,
    page: Page,
    screenshot: Screenshot,
    app: Any,
) -> None:
    live = build_outcome_event(build, session)
    clock.at = berlin(11, 5)
    finn, meeting = live.person("Finn"), live.meetings["ben-finn"]
    _log_in(phone_page, live_server, finn.user)
    phone_page.goto(live_server.url(f"/events/{live.event.slug}/agenda"))
    item = phone_page.locator(f"#meeting-{meeting.id}")
    item.get_by_text("Your feedback on this meeting").click()
    item.get_by_label("Did the meeting take place?").select_option("yes")
    item.get_by_label("How useful was it?").select_option("4")
    item.get_by_label("What came of it?").select_option("technology_transfer")
    item.get_by_label("Private note for the organisers").fill("Pilot at their plant")
    screenshot(phone_page, "agenda-feedback")
    item.get_by_role("button", name="Save feedback").click()
    expect(
        phone_page.get_by_text("your feedback on the meeting with Ben Tester is saved")
    ).to_be_visible()
    row = _saved(session, meeting.id, finn.id)
    assert row is not None
    assert (row.held, row.rating, row.result, row.note) == (
        True,
        4,
        Result.TECHNOLOGY_TRANSFER,
        "Pilot at their plant",
    )

    ana, other = live.person("Ana"), live.meetings["ana-cleo"]
    token = feedback_token(session, ana, app.config["SECRET_KEY"])
    session.commit()
    page.goto(live_server.url(f"/outcomes/feedback/{token}"))
    entry = page.locator(f"#meeting-{other.id}")
    entry.get_by_label("How useful was it?").select_option("5")
    entry.get_by_label("What came of it?").select_option("joint_project")
    entry.get_by_role("button", name="Save feedback").click()
    expect(page.get_by_text("is saved")).to_be_visible()
    row = _saved(session, other.id, ana.id)
    assert row is not None and (row.rating, row.result) == (5, Result.JOINT_PROJECT)


def test_the_dashboard_is_readable_on_a_phone(
    live_server: LiveServer,
    build: Builder,
    session: Session,
    clock: Clock,
    phone_page: Page,
    screenshot: Screenshot,
) -> None:
    live = build_outcome_event(build, session)
    clock.at = berlin(18)
    _log_in(phone_page, live_server, live.organiser)
    phone_page.goto(live_server.url(f"/outcomes/events/{live.event.slug}/dashboard"))
    expect(phone_page.locator('[data-kpi="scheduled"]')).to_have_text("4")
    expect(phone_page.locator('[data-kpi="kept"]')).to_have_text("50.0%")
    width = phone_page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the page scrolls sideways: {width}px"
    shot = screenshot(phone_page, "dashboard-phone")
    assert shot.stat().st_size > 0
    phone_page.goto(live_server.url(f"/outcomes/missions/{live.event.mission.slug}/dashboard"))
    expect(phone_page.locator("#events-compared")).to_be_visible()
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(phone_page, "mission-phone")
