"""A delegation lead in Chromium: registers an SME, marks people for them (they allowed
it), and prints the delegation's booklet; the overview also on a phone."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import select
from sqlalchemy.orm import Session

from matchmaker.db import utcnow
from matchmaker.models import DelegationMember, Preference, PreferenceLevel, Role
from tests.builders import TEST_PASSWORD, Builder
from tests.e2e.conftest import LiveServer

pytestmark = pytest.mark.e2e

Screenshot = Callable[[Page, str], Path]


def _log_in(page: Page, live_server: LiveServer, email: str) -> None:
    page.goto(live_server.url("/login"))
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("button", name="Log out")).to_be_visible()


def test_a_lead_registers_an_sme_marks_for_them_and_prints_the_booklet(
    page: Page,
    phone_page: Page,
    live_server: LiveServer,
    build: Builder,
    session: Session,
    screenshot: Screenshot,
    tmp_path: Path,
) -> None:
    lead = build.user(name="Inês Carvalho")
    organiser = build.user(role=Role.ORGANISER)
    event = build.event(
        name="EU–Mexico B2B, Monterrey", timezone="America/Monterrey", organisers=(organiser,)
    )
    build.participant(event, first_name="Lupita", last_name="Garza", job_title="Buyer")
    delegation = build.delegation(event.mission, leads=(lead,), name="TICE.PT")

    _log_in(page, live_server, lead.email)
    page.goto(live_server.url("/account"))
    page.get_by_role("link", name="TICE.PT").click()
    page.get_by_role("link", name="Register an SME").click()
    page.get_by_label("Organisation").fill("Robótica Lda")
    page.get_by_label("Country").select_option("PT")
    page.get_by_label("E-mail").fill("ana.silva@robotica.example")
    page.get_by_label("First name").fill("Ana")
    page.get_by_label("Last name").fill("Silva")
    page.get_by_role("button", name="Register").click()
    expect(page.get_by_text("Ana Silva is registered")).to_be_visible()
    row = page.locator("tr", has_text="Ana Silva")
    expect(row.get_by_text("Not yet")).to_be_visible()
    screenshot(page, "01-overview")

    # Ana allows her leads to mark for her (her own page is tested elsewhere).
    member = session.scalars(select(DelegationMember)).one()
    member.lead_may_mark_at = utcnow()
    session.commit()

    page.reload()
    page.locator("tr", has_text="Ana Silva").get_by_role("link", name="Mark for them").click()
    page.get_by_label("Search by name or organisation").fill("garza")
    page.get_by_role("button", name="Search").click()
    card = page.locator("#markable li", has_text="Lupita Garza")
    card.get_by_label("Mark for Lupita Garza").select_option("must")
    card.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Lupita Garza: Must meet for Ana Silva.")).to_be_visible()
    session.commit()
    preference = session.scalars(select(Preference)).one()
    assert preference.level == PreferenceLevel.MUST

    page.get_by_role("link", name="Booklet").click()
    expect(page.locator("#booklet-summary")).to_contain_text("Ana Silva")
    expect(page.locator(".booklet-page h2")).to_have_text("Ana Silva · Robótica Lda")
    page.emulate_media(media="print")
    expect(page.get_by_role("link", name="Back to the delegation")).to_be_hidden()
    pdf = tmp_path / "booklet.pdf"
    page.pdf(path=str(pdf))
    assert pdf.read_bytes().startswith(b"%PDF")
    screenshot(page, "02-booklet-print")

    _log_in(phone_page, live_server, lead.email)
    phone_page.goto(live_server.url(f"/delegations/{delegation.id}"))
    expect(phone_page.get_by_text("Ana Silva")).to_be_visible()
    phone_page.locator("tr", has_text="Ana Silva").get_by_role("link", name="Mark for them").click()
    expect(phone_page.get_by_text("Lupita Garza", exact=True)).to_be_visible()
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(phone_page, "04-marks-phone")
    phone_page.goto(live_server.url(f"/delegations/{delegation.id}"))
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(phone_page, "03-overview-phone")

    phone_page.context.clear_cookies()
    _log_in(phone_page, live_server, organiser.email)
    phone_page.goto(live_server.url(f"/organise/missions/{event.mission.slug}/delegations"))
    expect(phone_page.get_by_text("Members (1)")).to_be_visible()
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(phone_page, "05-organiser-phone")
