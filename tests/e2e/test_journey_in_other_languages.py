"""The participant's journey in German and in Traditional Chinese (Taiwan): a browser that
asks for the language gets every page in it, sign-up keeps it for the account, and the event's
own name and sector and technology labels come in the language where the organiser gave them."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from flask import Flask
from flask_babel import force_locale, gettext
from playwright.sync_api import Browser, Page, expect
from sqlalchemy import select
from sqlalchemy.orm import Session

from matchmaker.catalogues import read
from matchmaker.i18n import format_day
from matchmaker.models import Event, User
from tests.builders import Builder
from tests.e2e.conftest import TIMEOUT_MS, LiveServer
from tests.e2e.test_participant_journey import SLUG, _arrange_event, _solve_and_publish

pytestmark = pytest.mark.e2e

Screenshot = Callable[[Page, str], Path]
EVENT_NAMES = {"de": "EU–US-Kooperationsbörse, Hannover Messe", "zh_TW": "歐美產業聚落媒合會"}
ROBOTICS = {"de": "Robotik", "zh_TW": "機器人"}
BROWSER_LANGUAGES = {"de": "de-DE", "zh_TW": "zh-TW"}


def _english_leaks(page: Page, locale: str) -> list[str]:
    """Interface sentences shown in English on a page that should be in `locale`."""
    text = page.locator("body").inner_text()
    leaks = []
    for message in read(locale):
        english = message.id
        if not isinstance(english, str) or message.string == english or "%(" in english:
            continue
        if len(english) >= 12 and " " in english and english in text:
            leaks.append(english)
    return leaks


@pytest.mark.parametrize("locale", ["de", "zh_TW"])
def test_a_participant_walks_the_journey_in_their_language(
    locale: str,
    app: Flask,
    live_server: LiveServer,
    browser: Browser,
    build: Builder,
    session: Session,
    screenshot: Screenshot,
) -> None:
    def t(english: str) -> str:
        with app.test_request_context(), force_locale(locale):
            return str(gettext(english))

    assert t("Sign up") != "Sign up", "the catalogue translates the interface"
    _arrange_event(build)
    event = session.scalars(select(Event).where(Event.slug == SLUG)).one()
    event.translations = {
        locale: {"name": EVENT_NAMES[locale], "terms": {"Robotics": ROBOTICS[locale]}}
    }
    session.commit()

    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, locale=BROWSER_LANGUAGES[locale]
    )
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    lang = locale.replace("_", "-")

    page.goto(live_server.url(f"/e/{SLUG}"))
    expect(page.locator("html")).to_have_attribute("lang", lang)
    expect(page.locator("h1")).to_contain_text(EVENT_NAMES[locale])
    assert _english_leaks(page, locale) == []
    page.locator(".page-header__actions").get_by_role("link", name=t("Sign up")).click()
    expect(page).to_have_url(re.compile(rf"/e/{SLUG}/signup$"))
    page.get_by_label(t("First name")).fill("Ana")
    page.get_by_label(t("Last name")).fill("Silva")
    page.get_by_label(t("Email")).fill("ana@tice.example")
    page.locator("#password").fill("a long and secret passphrase")
    page.locator("#confirm").fill("a long and secret passphrase")
    page.locator("#organisation_name").fill("Tice Robotics")
    page.locator("#organisation_country").select_option("PT")
    assert _english_leaks(page, locale) == []
    screenshot(page, f"{locale}-01-signup")
    page.get_by_role("button", name=t("Create my account and register")).click()
    expect(page).to_have_url(re.compile(rf"/events/{SLUG}/profile$"))
    user = session.scalars(select(User).where(User.email == "ana@tice.example")).one()
    assert user.locale == locale, "the language the person signed up in is theirs"

    page.get_by_label(ROBOTICS[locale]).check()
    page.get_by_label(t("What you offer at this event")).fill("Collaborative robotics cells")
    page.get_by_label(t("Most meetings you want")).fill("6")
    page.get_by_role("button", name=t("Save profile")).click()
    expect(page.get_by_role("status").first).to_contain_text(t("Your profile is saved."))
    assert _english_leaks(page, locale) == []
    screenshot(page, f"{locale}-02-profile")

    for path in ("availability", "catalogue", "preferences", "agenda"):
        page.goto(live_server.url(f"/events/{SLUG}/{path}"))
        expect(page.locator("html")).to_have_attribute("lang", lang)
        assert _english_leaks(page, locale) == [], path
        screenshot(page, f"{locale}-03-{path}")

    page.goto(live_server.url(f"/events/{SLUG}/catalogue"))
    maker = page.locator(".person-card", has_text="Max Weber")
    maker.get_by_role("button", name=t("Must meet")).click()
    expect(maker.get_by_role("button", name=t("Must meet"))).to_have_attribute(
        "aria-pressed", "true"
    )

    _solve_and_publish(app)
    page.goto(live_server.url(f"/events/{SLUG}/agenda"))
    expect(page.locator(".agenda-item").first).to_be_visible()
    first_day = event.slots[0].starts_at.astimezone(event.zone)
    with app.test_request_context(), force_locale(locale):
        heading = format_day(first_day)
    expect(page.locator("main")).to_contain_text(heading)
    assert _english_leaks(page, locale) == []
    screenshot(page, f"{locale}-04-agenda")
    context.close()
