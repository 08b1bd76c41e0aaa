"""A new SME's whole journey in Chromium: sign up, profile, availability, catalogue,
preferences, then — after a solve and publish — the agenda, on a desktop and a phone."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import time
from pathlib import Path

import pytest
from flask import Flask
from playwright.sync_api import Locator, Page, expect
from sqlalchemy import select
from sqlalchemy.orm import Session

from matchmaker.models import (
    Organisation,
    OrganisationType,
    Participant,
    Phase,
    PreferenceLevel,
)
from tests.builders import Builder
from tests.e2e.conftest import LiveServer

pytestmark = pytest.mark.e2e

SLUG = "hannover-b2b"
Screenshot = Callable[[Page, str], Path]


def _arrange_event(build: Builder) -> dict[str, Participant]:
    """An open event with a taxonomy and four registered companies."""
    event = build.event(
        slug=SLUG,
        name="EU–US Cluster B2B, Hannover Messe",
        days=2,
        blocks=((time(9), time(11)), (time(14), time(16))),
        phase=Phase.REGISTRATION,
        technologies=["Additive manufacturing", "Robotics", "IoT", "Machine vision", "AI"],
        sectors=["ICT and micro-electronics", "Mobility and transport"],
        limit_must=3,
        default_max_meetings=8,
        venue="Hannover Messe, Hall 7",
    )
    people = {}
    for key, first, last, job, org, country, kind, technologies, offers, requests in (
        (
            "maker",
            "Max",
            "Weber",
            "Head of sales",
            "Print3D GmbH",
            "DE",
            OrganisationType.SME,
            ["Additive manufacturing"],
            "Industrial additive manufacturing of metal parts",
            "Robotics integrators for automated post-processing",
        ),
        (
            "vision",
            "Kim",
            "Park",
            "CTO",
            "Seoul Optics",
            "KR",
            OrganisationType.LARGE_COMPANY,
            ["Machine vision", "AI"],
            "Machine vision for quality inspection",
            "IoT platforms",
        ),
        (
            "fan",
            "Emily",
            "Clark",
            "Business developer",
            "Detroit Mobility Lab",
            "US",
            OrganisationType.RTO,
            ["IoT"],
            "Test tracks and IoT pilots",
            "Robotics for logistics",
        ),
        (
            "cluster",
            "Luc",
            "Martin",
            "Cluster manager",
            "Pôle SCS",
            "FR",
            OrganisationType.CLUSTER,
            ["IoT", "AI"],
            "Access to 300 ICT SMEs",
            "",
        ),
    ):
        people[key] = build.participant(
            event,
            first_name=first,
            last_name=last,
            job_title=job,
            phone="+1 313 555 0100",
            organisation=Organisation(
                name=org,
                country=country,
                type=kind,
                technologies=technologies,
                sectors=["ICT and micro-electronics"],
                offers=offers,
                requests=requests,
            ),
        )
    return people


def _tab(page: Page, name: str) -> Locator:
    return page.get_by_role("navigation", name="Your pages for this event").get_by_role(
        "link", name=name
    )


def _sign_up(page: Page, live_server: LiveServer, screenshot: Screenshot) -> None:
    page.goto(live_server.url(f"/e/{SLUG}"))  # the event's public page
    page.locator(".page-header__actions").get_by_role("link", name="Sign up").click()
    expect(page).to_have_url(re.compile(rf"/e/{SLUG}/signup$"))
    page.get_by_label("First name").fill("Ana")
    page.get_by_label("Last name").fill("Silva")
    page.get_by_label("Email").fill("ana@tice.example")
    page.locator("#password").fill("a long and secret passphrase")
    page.locator("#confirm").fill("a long and secret passphrase")
    page.locator("#organisation_name").fill("Tice Robotics")
    page.locator("#organisation_country").select_option("PT")
    screenshot(page, "01-signup")
    page.get_by_role("button", name="Create my account and register").click()
    expect(page).to_have_url(re.compile(rf"/events/{SLUG}/profile$"))


def _complete_profile(page: Page, screenshot: Screenshot) -> None:
    page.get_by_label("Robotics").check()
    page.get_by_label("IoT").check()
    page.get_by_label("What you offer").fill("Collaborative robotics cells and IoT retrofits")
    page.get_by_label("What you are looking for").fill(
        "Additive manufacturing partners and machine vision for inspection"
    )
    page.get_by_label("Website").fill("www.tice.example")
    page.get_by_label("Phone").fill("+351 22 123 4567")
    page.get_by_label("Most meetings you want").fill("12")
    page.get_by_role("button", name="Save profile").click()
    expect(page.locator("#max_meetings-errors")).to_contain_text("at most 8 meetings")
    page.get_by_label("Most meetings you want").fill("6")
    page.get_by_role("button", name="Save profile").click()
    expect(page.get_by_role("status").first).to_contain_text("Your profile is saved.")
    expect(page.get_by_label("Website")).to_have_value("https://www.tice.example")
    screenshot(page, "02-profile")


def _set_availability(page: Page, screenshot: Screenshot) -> None:
    _tab(page, "Availability").click()
    expect(page.locator("[data-free-count]")).to_have_text("16")
    tuesday = page.locator(".availability-day").nth(1)
    tuesday.locator(".availability-block").nth(1).get_by_role("button", name="All busy").click()
    expect(page.locator("[data-free-count]")).to_have_text("12")
    expect(page.locator("[data-unsaved]")).to_be_visible()
    first_slot = page.locator('input[name="available"]').first
    first_slot.focus()
    page.keyboard.press("Space")  # real checkboxes: usable from the keyboard
    expect(first_slot).not_to_be_checked()
    screenshot(page, "03-availability-unsaved")
    page.get_by_role("button", name="Save availability").click()
    expect(page.get_by_role("status").first).to_contain_text("free in 11 of 16 slots")
    screenshot(page, "04-availability")


def _choose_people(page: Page, screenshot: Screenshot) -> None:
    _tab(page, "Catalogue").click()
    cards = page.locator(".person-card")
    expect(cards).to_have_count(4)
    maker = page.locator(".person-card", has_text="Max Weber")
    expect(maker).to_contain_text("You seek additive manufacturing — they offer it")
    expect(maker).to_contain_text("They seek robotics — you offer it")
    expect(cards.first).to_contain_text("Wants to meet you")
    screenshot(page, "05-catalogue")
    maker.get_by_role("button", name="Must meet").click()  # saved in place by the script
    expect(maker.locator("[data-mark-status]")).to_have_text("Max Weber: must meet.")
    expect(maker.get_by_role("button", name="Must meet")).to_have_attribute("aria-pressed", "true")
    expect(page.locator('[data-marked-level="must"]')).to_have_text("1")
    page.reload()
    expect(maker.get_by_role("button", name="Must meet")).to_have_attribute("aria-pressed", "true")
    page.get_by_label("Search", exact=True).fill("vision")
    page.get_by_label("Country").select_option("KR")
    page.get_by_role("button", name="Search").click()
    expect(cards).to_have_count(1)
    assert "country=KR" in page.url
    vision = page.locator(".person-card", has_text="Kim Park")
    vision.get_by_text("Add a private note").click()
    vision.get_by_label("Private note about Kim Park").fill("Ask about inline inspection")
    vision.get_by_role("button", name="Want to meet").click()
    expect(vision.locator("[data-mark-status]")).to_have_text("Kim Park: want to meet.")
    expect(vision.get_by_role("button", name="Clear mark for Kim Park")).to_be_visible()
    vision.get_by_label("Private note about Kim Park").fill("Inline inspection, AI roadmap")
    vision.get_by_role("button", name="Save note").click()
    expect(vision.get_by_role("button", name="Want to meet")).to_have_attribute(
        "aria-pressed", "true"
    )
    screenshot(page, "06-catalogue-filtered")


def _answer_wishes(page: Page, screenshot: Screenshot) -> None:
    _tab(page, "My preferences").click()
    expect(page.get_by_text("Your note: “Inline inspection, AI roadmap”")).to_be_visible()
    waiting = page.locator(".mark-row", has_text="Emily Clark")
    expect(waiting).to_be_visible()
    screenshot(page, "07-preferences")
    waiting.get_by_role("button", name="Want to meet").click()
    expect(page.get_by_text("Nobody is waiting for your answer.")).to_be_visible()
    expect(page.get_by_text("1 of 3 allowed")).to_be_visible()


def _solve_and_publish(app: Flask) -> None:
    runner = app.test_cli_runner()
    solved = runner.invoke(args=["solve", SLUG, "--apply", "--time-limit", "10"])
    assert solved.exit_code == 0, solved.output
    published = runner.invoke(args=["publish", SLUG])
    assert published.exit_code == 0, published.output


def _fan_wants_to_meet_ana(session: Session, build: Builder, fan: Participant) -> None:
    ana = session.scalars(select(Participant).where(Participant.first_name == "Ana")).one()
    build.preference(fan, ana, PreferenceLevel.MUST)


def test_a_new_sme_signs_up_chooses_and_reads_its_agenda(
    app: Flask,
    live_server: LiveServer,
    page: Page,
    phone_page: Page,
    build: Builder,
    session: Session,
    screenshot: Screenshot,
):
    people = _arrange_event(build)
    _sign_up(page, live_server, screenshot)
    _fan_wants_to_meet_ana(session, build, people["fan"])
    _complete_profile(page, screenshot)
    _set_availability(page, screenshot)
    _choose_people(page, screenshot)
    _answer_wishes(page, screenshot)

    _tab(page, "Agenda").click()
    expect(page.get_by_text("The schedule is not published yet")).to_be_visible()

    _solve_and_publish(app)
    page.reload()
    meetings = page.locator(".agenda-item")
    expect(meetings.first).to_be_visible()
    partners = meetings.locator(".agenda-item__partner").all_inner_texts()
    assert {"Max Weber", "Emily Clark"} <= set(partners)
    place = page.locator(".agenda-item", has_text="Max Weber").locator(".agenda-item__place")
    expect(place).to_have_text(re.compile(r"^\s*T\d\s*$"))  # the table's name as given
    expect(page.locator(".agenda-item", has_text="Max Weber")).to_contain_text(
        "You seek additive manufacturing — they offer it"
    )
    screenshot(page, "08-agenda")

    page.get_by_role("link", name="Print version").click()
    expect(page.locator(".print-agenda__table").first).to_be_visible()
    expect(page.locator(".site-header")).to_have_count(0)
    screenshot(page, "09-agenda-print")

    phone_page.context.add_cookies(page.context.cookies())
    for name, path in (
        ("10-phone-profile", "profile"),
        ("10-phone-availability", "availability"),
        ("11-phone-catalogue", "catalogue"),
        ("12-phone-preferences", "preferences"),
        ("13-phone-agenda", "agenda"),
    ):
        phone_page.goto(live_server.url(f"/events/{SLUG}/{path}"))
        overflow = phone_page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"{path} scrolls sideways on a phone by {overflow}px"
        screenshot(phone_page, name)
