"""The import preview in a browser: mapping unknown terms, then the change preview of a
re-import, at desktop and phone width."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, Page, expect

from matchmaker.models import Event, Role
from tests.builders import TEST_PASSWORD, Builder

Screenshot = Callable[[Page, str], Path]
SECTORS = ["ICT and micro-electronics", "Mobility and transport", "Environmental technologies"]
FIRST_FILE = (
    "First name;Surname;E-mail;Company;Country;Type;Sector(s);Technologies\r\n"
    "Jörg;Müller;jm@praezision.example;Müller Präzision GmbH;Deutschland;SME;"
    "ICT & micro-electronics;IoT, AI\r\n"
    "Mei;Lin;mei@tsm.example;Taiwan Smart Machinery Co., Ltd.;Taiwan, ROC;Large company;"
    "Smart manufacturing;AR/VR\r\n"
    "Ana;Silva;ana@tice.example;Tice Robotics;Portugal;Start-up;Mobility & transport;"
    "Robotics, Quantum sensing\r\n"
)
SECOND_FILE = (
    "First name,Surname,E-mail,Company,Country,Type,Phone\r\n"
    "Jörg,Müller-Lüdenscheidt,jm@praezision.example,Müller Präzision GmbH,DE,SME,"
    "+49 711 555 0101\r\n"
    "Ana,Silva,ana@tice.example,Tice Robotics Lda,PT,Large company,\r\n"
)


def _upload(page: Page, base: str, event: Event, tmp_path: Path, name: str, text: str) -> None:
    path = tmp_path / name
    path.write_bytes(text.encode("cp1252"))
    page.goto(f"{base}/organise/events/{event.slug}/import")
    page.get_by_label("CSV or XLSX file").set_input_files(str(path))
    page.get_by_role("button", name="Upload and check").click()


def _fits(page: Page, width: int) -> None:
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= width, f"{page.url} is {scroll_width}px wide on a {width}px screen"


def _check(browser: Browser, url: str, cookies: Any, name: str, screenshot: Screenshot) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    context.add_cookies(cookies)
    phone = context.new_page()
    phone.goto(url)
    screenshot(phone, f"{name}-phone")
    _fits(phone, 390)
    context.close()


def test_mapping_terms_then_previewing_changes(
    live_server: Any,
    page: Page,
    browser: Browser,
    build: Builder,
    screenshot: Screenshot,
    tmp_path: Path,
) -> None:
    organiser = build.user(role=Role.ORGANISER, email="olga@cluster.example")
    event = build.event(
        slug="computex-b2b",
        name="Taiwan–EU Cluster B2B, Computex",
        organisers=(organiser,),
        sectors=SECTORS,
        technologies=["Robotics", "IoT", "Additive manufacturing"],
    )
    base = live_server.url("")
    page.goto(f"{base}/login")
    page.get_by_label("Email").fill(organiser.email)
    page.get_by_label("Password").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Log in").click()

    _upload(page, base, event, tmp_path, "fair.csv", FIRST_FILE)
    expect(page.get_by_role("heading", name="4 terms to map")).to_be_visible()
    screenshot(page, "01-mapping-desktop")
    _check(browser, page.url, page.context.cookies(), "01-mapping", screenshot)

    page.get_by_label("Technology “AI”").select_option("new")
    page.get_by_label("Sector “Smart manufacturing”").select_option("map:ICT and micro-electronics")
    page.get_by_label("Technology “AR/VR”").select_option("new")
    page.get_by_label("Technology “Quantum sensing”").select_option("drop")
    page.get_by_role("button", name="Apply to every row").click()
    expect(page.get_by_role("button", name="Import 3 rows")).to_be_visible()
    screenshot(page, "02-mapped-desktop")
    page.get_by_role("button", name="Import 3 rows").click()
    expect(page.get_by_text("3 participants added")).to_be_visible()

    page.goto(f"{base}/organise/events/{event.slug}/import")
    expect(page.get_by_role("heading", name=re.compile("^Terms mapped for"))).to_be_visible()
    screenshot(page, "04-mappings-desktop")
    _check(browser, page.url, page.context.cookies(), "04-mappings", screenshot)

    _upload(page, base, event, tmp_path, "again.csv", SECOND_FILE)
    expect(page.get_by_text("0 new, 2 to update.")).to_be_visible()
    expect(page.locator("#row-2 ins", has_text="Müller-Lüdenscheidt")).to_be_visible()
    screenshot(page, "03-changes-desktop")
    _fits(page, 1280)
    _check(browser, page.url, page.context.cookies(), "03-changes", screenshot)
    page.get_by_role("button", name="Import 2 rows").click()
    expect(page.get_by_text("0 participants added, 2 participants updated.")).to_be_visible()
