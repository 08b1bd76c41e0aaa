"""The event day in the browser, on phones where people use phones: check-in by code,
attendance, releasing a no-show with replacement meetings in agendas and feeds, an
on-the-spot meeting, the big-screen board, and staff at the desk and in the "now" view."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Locator, Page, expect
from sqlalchemy import select
from sqlalchemy.orm import Session

from matchmaker.models import AttendanceMark, CheckIn, Outcome, Role, StaffGrant, User
from tests.builders import TEST_PASSWORD, Builder
from tests.e2e.conftest import TIMEOUT_MS, LiveServer
from tests.web.live.live_helpers import Clock, LiveEvent, berlin, build_live_event

pytestmark = pytest.mark.e2e
Screenshot = Callable[[Page, str], Path]
PHONE_WIDTH = 390
PHONE = {"viewport": {"width": PHONE_WIDTH, "height": 844}, "is_mobile": True, "has_touch": True}


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def app_config(app_config: dict[str, Any], clock: Clock) -> dict[str, Any]:
    return {**app_config, "CLOCK": clock, "REPLAN_TIME_LIMIT_S": 2.0}


@pytest.fixture
def contexts(browser: Browser) -> Iterator[Callable[..., Page]]:
    """`open_page(**context options)`: a page in a fresh context, all closed at the end."""
    opened: list[BrowserContext] = []

    def open_page(**options: Any) -> Page:
        context = browser.new_context(locale="en-GB", **options)
        context.set_default_timeout(TIMEOUT_MS)
        opened.append(context)
        return context.new_page()

    yield open_page
    for context in opened:
        context.close()


def _log_in(page: Page, server: LiveServer, user: User) -> None:
    page.goto(server.url("/login"))
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("button", name="Log out")).to_be_visible()


def _check_in_by_name(desk: Page, name: str) -> None:
    desk.get_by_label("Name, organisation or code").fill(name)
    desk.get_by_role("button", name="Search").click()
    desk.locator(".desk__person", has_text=f"{name} Tester").get_by_role(
        "button", name="Check in"
    ).click()
    expect(desk.get_by_text(f"{name} Tester ({name} GmbH) is checked in.")).to_be_visible()


def test_the_event_day_from_check_in_to_the_board(
    live_server: LiveServer,
    build: Builder,
    session: Session,
    clock: Clock,
    contexts: Callable[..., Page],
    screenshot: Screenshot,
) -> None:
    live: LiveEvent = build_live_event(build, session)
    slug = live.event.slug
    staff = build.user(role=Role.PARTICIPANT, email="sam@example.org", name="Sam")
    session.add(StaffGrant(event_id=live.event.id, user_id=staff.id))
    session.commit()
    phone: dict[str, Page] = {}
    for name in ("Ben", "Cleo", "Dan", "Eva"):
        phone[name] = contexts(**PHONE)
        _log_in(phone[name], live_server, live.person(name).user)

    # 08:50 — Ben reads his code on his phone; staff check him in by code, the others by name.
    clock.at = berlin(8, 50)
    ben = phone["Ben"]
    ben.goto(live_server.url(f"/events/{slug}/agenda"))
    expect(ben.locator("svg.qr")).to_be_visible()
    code = ben.locator(".check-in-card__code").inner_text().strip()
    screenshot(ben, "01-phone-agenda-with-check-in-code")
    desk = contexts(**PHONE)
    _log_in(desk, live_server, staff)
    desk.goto(live_server.url(f"/live/events/{slug}/desk"))
    desk.get_by_label("Check-in code").fill(code.lower())
    desk.get_by_role("button", name="Check in", exact=True).first.click()
    expect(desk.get_by_text("Ben Tester (Ben GmbH) is checked in.")).to_be_visible()
    expect(desk.locator("[data-arrived]")).to_have_text("1")
    for name in ("Cleo", "Eva"):
        _check_in_by_name(desk, name)
    screenshot(desk, "02-phone-desk")

    # 09:12 — Ana never came: Ben says so on his phone; the organiser releases her meetings.
    clock.at = berlin(9, 12)
    ben.goto(live_server.url(f"/events/{slug}/agenda"))
    ben.get_by_role("button", name="Ana did not come").click()
    expect(ben.get_by_text("Marked: Ana did not come.")).to_be_visible()
    organiser = contexts(viewport={"width": 1280, "height": 900})
    _log_in(organiser, live_server, live.organiser)
    organiser.goto(live_server.url(f"/live/events/{slug}/now"))
    expect(organiser.get_by_text("Ana Tester missing")).to_be_visible()
    screenshot(organiser, "03-desktop-now-view")
    organiser.get_by_role("button", name="Release Ana Tester’s meetings today").click()
    # The 09:00 slot is not half over, but Dan, whom Ben wanted, has not arrived yet.
    expect(
        organiser.get_by_text("2 meetings of Ana Tester released; 1 replacement meetings")
    ).to_be_visible()

    # Cleo's 09:30 meeting with Ana became one with Eva, whom she wanted: agenda and feed.
    cleo = phone["Cleo"]
    cleo.goto(live_server.url(f"/events/{slug}/agenda"))
    replacement = cleo.locator(".agenda-item", has_text="Eva Tester")
    expect(replacement).to_contain_text("09:30")
    expect(replacement).to_contain_text("Replacement")
    expect(cleo.locator(".agenda-item--cancelled", has_text="Ana Tester")).to_be_visible()
    screenshot(cleo, "04-phone-agenda-with-replacement")
    cleo.get_by_role("button", name="Create my calendar link").click()
    feed_url = cleo.get_by_role("link", name="Subscribe in your calendar app").get_attribute("href")
    assert feed_url is not None
    feed_path = "/" + feed_url.split("://", 1)[1].split("/", 1)[1]
    feed = cleo.request.get(live_server.url(feed_path)).text()
    assert "B2B: Eva GmbH" in feed and "STATUS:CANCELLED" in feed

    # 09:13 — Dan arrives. Ben is free now: he asks Dan; Dan accepts on his phone.
    clock.at = berlin(9, 13)
    _check_in_by_name(desk, "Dan")
    ben.goto(live_server.url(f"/live/events/{slug}/me/free"))
    ben.locator(".spot", has_text="Dan Tester").first.get_by_role(
        "button", name="Ask to meet"
    ).click()
    expect(ben.get_by_text("Asked Dan Tester")).to_be_visible()
    screenshot(ben, "05-phone-free-now")
    dan = phone["Dan"]
    dan.goto(live_server.url(f"/live/events/{slug}/me/free"))
    screenshot(dan, "06-phone-request-to-answer")
    dan.locator(".spot", has_text="Ben Tester").get_by_role("button", name="Accept").click()
    expect(dan.get_by_text("Meeting with Ben Tester at 09:00, T1.")).to_be_visible()
    expect(dan.locator(".agenda-item", has_text="Ben Tester")).to_contain_text("09:00")
    expect(dan.locator(".agenda-item", has_text="Ben Tester")).to_contain_text("On the spot")

    # 10:05 — Eva marks her meeting with Dan held.
    clock.at = berlin(10, 5)
    eva = phone["Eva"]
    eva.goto(live_server.url(f"/events/{slug}/agenda"))
    eva.locator(".agenda-item", has_text="Dan Tester").get_by_role("button", name="We met").click()
    expect(eva.get_by_text("Noted: you met Dan Tester.")).to_be_visible()

    # The board of the hall on a big screen.
    organiser.goto(live_server.url(f"/live/events/{slug}/boards"))
    organiser.get_by_label("Name").fill("Hall 8 entrance")
    organiser.get_by_role("button", name="Create a board link").click()
    board_link = organiser.locator("a.board-link").get_attribute("href")
    assert board_link is not None
    screen = contexts(viewport={"width": 1920, "height": 1080})
    screen.goto(board_link)
    expect(screen.get_by_role("heading", name="Now · 10:00–10:30")).to_be_visible()
    expect(screen.locator(".board__row", has_text="Dan GmbH")).to_contain_text("Eva GmbH")
    expect(screen.get_by_role("heading", name="Next · 10:30–11:00")).to_be_visible()
    expect(screen.locator("[data-clock]")).to_have_text(re.compile(r"^10:0[5-9]$"))
    screenshot(screen, "07-board-1920")


SCANNER_STUB = """
window.BarcodeDetector = class {
  constructor(options) { this.formats = options.formats; }
  detect() { return Promise.resolve([{ rawValue: window.__scannedCode }]); }
};
navigator.mediaDevices.getUserMedia = function () {
  var canvas = document.createElement("canvas");
  canvas.getContext("2d").fillRect(0, 0, 10, 10);
  return Promise.resolve(canvas.captureStream());
};
"""


def test_the_desk_scans_a_code_with_the_camera_where_the_browser_can(
    live_server: LiveServer,
    build: Builder,
    session: Session,
    contexts: Callable[..., Page],
) -> None:
    live = build_live_event(build, session)
    slug = live.event.slug
    plain = contexts(**PHONE)
    _log_in(plain, live_server, live.organiser)
    plain.goto(live_server.url(f"/live/events/{slug}/desk"))
    # Without the BarcodeDetector API the desk offers the typed code only.
    has_detector = plain.evaluate("'BarcodeDetector' in window")
    expect(plain.get_by_role("button", name="Scan with the camera")).to_have_count(
        1 if has_detector else 0
    )

    scanning = contexts(**PHONE)
    scanning.add_init_script(SCANNER_STUB)
    _log_in(scanning, live_server, live.organiser)
    ben = live.person("Ben")
    scanning.goto(live_server.url(f"/live/events/{slug}/desk?q=Ben"))
    code = scanning.locator(".desk__person", has_text="Ben Tester").locator(".mono").inner_text()
    scanning.evaluate(f"window.__scannedCode = {code!r}")
    scanning.get_by_role("button", name="Scan with the camera").click()
    expect(scanning.get_by_text(f"{ben.full_name} (Ben GmbH) is checked in.")).to_be_visible()


def _fits_the_width(page: Page) -> None:
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"the page scrolls sideways by {overflow}px"


def _on_screen(page: Page, target: Locator) -> None:
    """`target` lies within the phone's width (not in a part that scrolls sideways)."""
    box = target.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PHONE_WIDTH, box


def test_staff_check_in_and_record_attendance_on_a_phone(
    live_server: LiveServer,
    build: Builder,
    session: Session,
    clock: Clock,
    contexts: Callable[..., Page],
    screenshot: Screenshot,
) -> None:
    live = build_live_event(build, session)
    staff = build.user(role=Role.PARTICIPANT, email="sam@example.org", name="Sam")
    session.add(StaffGrant(event_id=live.event.id, user_id=staff.id))
    session.commit()
    ana, ben, cleo = (live.person(n) for n in ("Ana", "Ben", "Cleo"))
    codes = dict(session.execute(select(CheckIn.participant_id, CheckIn.code)).all())
    session.commit()

    clock.at = berlin(8, 50)
    phone = contexts(**PHONE)
    phone.goto(live_server.url("/login"))
    phone.get_by_label("Email").fill(staff.email)
    phone.get_by_label("Password").fill(TEST_PASSWORD)
    phone.get_by_role("button", name="Log in").click()
    expect(phone.get_by_role("heading", name="Your events")).to_be_visible()
    expect(phone).to_have_url(live_server.url("/live/staff"))
    _fits_the_width(phone)
    screenshot(phone, "01-phone-staff-home")
    phone.get_by_role("link", name="Check-in desk").click()
    for person in (ben, cleo):
        code = codes.get(person.id) or _code_from_desk(phone, person.full_name)
        phone.get_by_label("Check-in code").fill(code)
        phone.get_by_role("button", name="Check in", exact=True).first.click()
        expect(phone.get_by_text(f"{person.full_name} (")).to_be_visible()
    expect(phone.locator("[data-arrived]")).to_have_text("2")
    _fits_the_width(phone)

    # 09:12 — the now view, table by table, on the phone: Ana is missing, Ben is there.
    clock.at = berlin(9, 12)
    phone.get_by_role("link", name="Now").click()
    row = phone.locator(".now-row", has_text="Ana Tester")
    expect(row).to_contain_text("Ana Tester missing")
    expect(row.get_by_role("button", name="Ana absent")).to_be_visible()
    _fits_the_width(phone)
    for name in ("Held", "Ana absent", "Ben absent"):
        _on_screen(phone, row.get_by_role("button", name=name))
    screenshot(phone, "02-phone-now-view")
    row.get_by_role("button", name="Ana absent").click()
    expect(phone.get_by_text("Attendance recorded.")).to_be_visible()
    # Staff record attendance but do not release: that stays with the organisers.
    expect(phone.get_by_role("button", name="Release Ana Tester’s meetings today")).to_have_count(0)

    # 09:40 — Cleo's 09:30 meeting with Ana, seen on the next slot's page.
    clock.at = berlin(9, 40)
    phone.reload()
    phone.locator(".now-row", has_text="Cleo Tester").get_by_role("button", name="Held").click()
    expect(phone.get_by_text("Attendance recorded.")).to_be_visible()
    _fits_the_width(phone)
    screenshot(phone, "03-phone-now-view-held")
    marks = {
        mark.meeting_id: (mark.outcome, mark.absent_participant_id)
        for mark in session.scalars(select(AttendanceMark))
    }
    session.commit()
    assert marks == {
        live.meetings["ana-ben"].id: (Outcome.ABSENT, ana.id),
        live.meetings["ana-cleo"].id: (Outcome.HELD, None),
    }


def _code_from_desk(page: Page, name: str) -> str:
    """A person's code as the desk's search shows it (codes are made on first need)."""
    page.get_by_label("Name, organisation or code").fill(name.split()[0])
    page.get_by_role("button", name="Search").click()
    return page.locator(".desk__person", has_text=name).locator(".mono").inner_text().strip()
