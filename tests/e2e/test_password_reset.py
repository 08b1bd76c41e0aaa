"""Forgot password, end to end in Chromium: ask on the login page, read the e-mail from a real
SMTP server, open the link, choose a new password, log in with it; the link then fails."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.builders import Builder
from tests.e2e.conftest import LiveServer
from tests.web.messages.mailserver import MailServer, mail_settings, serving

pytestmark = pytest.mark.e2e

NEW_PASSWORD = "tulips along the Leine"


@pytest.fixture
def mail_server() -> Iterator[MailServer]:
    with serving() as server:
        yield server


@pytest.fixture
def app_config(app_config: dict[str, Any], mail_server: MailServer) -> dict[str, Any]:
    """Send through the test server; links on the live server's own address."""
    settings = {**app_config, **mail_settings(mail_server)}
    settings.pop("PUBLIC_BASE_URL")
    return settings


def test_forgot_password_end_to_end(
    page: Page,
    phone_page: Page,
    live_server: LiveServer,
    build: Builder,
    mail_server: MailServer,
    screenshot: Callable[[Page, str], Path],
) -> None:
    build.user(email="ana.silva@example.pt", name="Ana Silva")

    page.goto(live_server.url("/login"))
    page.get_by_role("link", name="Forgot your password?").click()
    expect(page.get_by_role("heading", name="Forgot your password?")).to_be_visible()
    screenshot(page, "forgot-desktop")
    page.get_by_label("Email").fill("ana.silva@example.pt")
    page.get_by_role("button", name="Send me a link").click()
    expect(page.get_by_role("heading", name="Check your email")).to_be_visible()
    screenshot(page, "requested-desktop")

    received = mail_server.only("ana.silva@example.pt")
    (link,) = [url for url in received.links() if "/password/reset/" in url]
    assert link.startswith(live_server.url("/password/reset/"))

    phone_page.goto(link)
    expect(phone_page.get_by_role("heading", name="Choose a new password")).to_be_visible()
    screenshot(phone_page, "reset-phone")
    phone_page.get_by_label("Password", exact=True).fill(NEW_PASSWORD)
    phone_page.get_by_label("Repeat the password").fill(NEW_PASSWORD)
    phone_page.get_by_role("button", name="Set the new password").click()
    expect(phone_page.get_by_text("Your password is changed")).to_be_visible()
    phone_page.get_by_label("Email").fill("ana.silva@example.pt")
    phone_page.get_by_label("Password").fill(NEW_PASSWORD)
    phone_page.get_by_role("button", name="Log in").click()
    expect(phone_page.get_by_role("link", name="Ana Silva")).to_be_visible()

    page.goto(link)
    expect(page.get_by_role("heading", name="This link no longer works")).to_be_visible()
    screenshot(page, "reset-used-desktop")
