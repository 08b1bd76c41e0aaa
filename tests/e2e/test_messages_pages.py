"""The outbox pages in Chromium: an organiser writes to participants (preview, count, send,
list), and an admin reads the e-mail the embedded default wrote to the instance folder."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from matchmaker.models import Organisation, Role
from tests.builders import TEST_PASSWORD, Builder
from tests.e2e.conftest import LiveServer

pytestmark = pytest.mark.e2e

Screenshot = Callable[[Page, str], Path]


def _log_in(page: Page, live_server: LiveServer, email: str) -> None:
    page.goto(live_server.url("/login"))
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Log in").click()


@pytest.fixture(params=["desktop", "phone"])
def sized(request: pytest.FixtureRequest) -> tuple[Page, str]:
    """The desktop page, then the phone page, with its size's name for screenshots."""
    size: str = request.param
    return request.getfixturevalue("page" if size == "desktop" else "phone_page"), size


def _fits(page: Page) -> None:
    """Nothing wider than the screen (a phone must not scroll sideways)."""
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"the page is {overflow}px wider than the screen"


def test_an_organiser_writes_to_a_delegation_and_reads_the_outbox(
    sized: tuple[Page, str], live_server: LiveServer, build: Builder, screenshot: Screenshot
) -> None:
    browser_page, size = sized
    organiser = build.user(Role.ORGANISER, email="org@example.eu")
    event = build.event(name="EU-US Cluster B2B at Hannover Messe", organisers=(organiser,))
    for number, cluster in enumerate(["TICE.PT", "TICE.PT", "its OWL"]):
        organisation = Organisation(
            name=f"Company {number}", country="PT", cluster=cluster, sectors=[], technologies=[]
        )
        build.participant(event, organisation=organisation, first_name=f"Person{number}")
    _log_in(browser_page, live_server, "org@example.eu")

    browser_page.goto(live_server.url(f"/organise/events/{event.slug}/messages"))
    expect(browser_page.get_by_text("No messages yet")).to_be_visible()
    browser_page.get_by_role("link", name="Write to participants").click()
    browser_page.get_by_label("Send to").select_option(label="TICE.PT")
    browser_page.get_by_label("Subject").fill("Your badges for Hannover Messe")
    browser_page.get_by_label("Message").fill(
        "Badges are waiting at the north entrance.\n\nBring an ID card."
    )
    screenshot(browser_page, f"broadcast-{size}")
    browser_page.get_by_role("button", name="Preview").click()

    expect(browser_page.get_by_text("2 people will get this message")).to_be_visible()
    frame = browser_page.frame_locator("iframe.messages-frame")
    expect(frame.get_by_text("Badges are waiting at the north entrance.")).to_be_visible()
    _fits(browser_page)
    screenshot(browser_page, f"broadcast-preview-{size}")
    browser_page.get_by_role("button", name="Send to 2 people").click()

    expect(browser_page.get_by_text("Your message is queued for 2 people.")).to_be_visible()
    expect(browser_page.get_by_role("link", name="Your badges for Hannover Messe")).to_have_count(2)
    _fits(browser_page)
    screenshot(browser_page, f"messages-{size}")
    browser_page.get_by_role("link", name="Your badges for Hannover Messe").first.click()
    expect(browser_page.get_by_role("button", name="Resend")).to_be_visible()
    _fits(browser_page)
    screenshot(browser_page, f"message-{size}")


def test_an_admin_reads_sent_mail(
    sized: tuple[Page, str], live_server: LiveServer, build: Builder, screenshot: Screenshot
) -> None:
    browser_page, size = sized
    build.user(email="someone.with.a.long.address@cluster-partnership.example.eu", name="Ana")
    build.user(Role.ADMIN, email="admin@example.eu")
    browser_page.goto(live_server.url("/password/forgot"))
    browser_page.get_by_label("Email").fill(
        "someone.with.a.long.address@cluster-partnership.example.eu"
    )
    browser_page.get_by_role("button", name="Send me a link").click()
    _log_in(browser_page, live_server, "admin@example.eu")

    browser_page.goto(live_server.url("/admin/mail"))
    _fits(browser_page)
    screenshot(browser_page, f"sent-mail-{size}")
    browser_page.get_by_role("link", name="Choose a new password").click()
    expect(browser_page.get_by_text("/password/reset/").first).to_be_visible()
    frame = browser_page.frame_locator("iframe.messages-frame")
    expect(frame.get_by_role("link", name="Choose a new password")).to_be_visible()
    _fits(browser_page)
    screenshot(browser_page, f"sent-mail-message-{size}")
