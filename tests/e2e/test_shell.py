"""The shell in Chromium: viewer-zone times added by app.js, and pages that fit a phone."""

from __future__ import annotations

from datetime import date, time
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from tests.builders import Builder
from tests.e2e.conftest import LiveServer

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize(
    ("viewer_zone", "expected"),
    [
        (
            "America/New_York",
            ["(03:00–05:00 on this device)", "(Sun 19 Apr, 21:00–23:00 on this device)"],
        ),
        ("Europe/Paris", []),
        ("Europe/Berlin", []),
    ],
)
def test_times_add_the_viewer_zone_when_it_differs(
    browser: Browser,
    live_server: LiveServer,
    build: Builder,
    tmp_path: Path,
    viewer_zone: str,
    expected: list[str],
) -> None:
    event = build.event(
        timezone="Europe/Berlin",
        first_day=date(2026, 4, 20),
        blocks=((time(3), time(5)), (time(9), time(11))),
    )
    context = browser.new_context(timezone_id=viewer_zone, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(live_server.url(f"/e/{event.slug}"))

    assert sorted(page.locator(".viewer-time").all_inner_texts()) == sorted(expected)
    assert (
        page.locator("time[data-format=range]").first.inner_text()
        == "03:00–05:00 Berlin time, UTC+2"
    )
    page.screenshot(path=str(tmp_path / f"event-{viewer_zone.replace('/', '-')}.png"))
    context.close()


def test_pages_fit_a_phone_screen(
    browser: Browser, live_server: LiveServer, build: Builder, tmp_path: Path
) -> None:
    event = build.event(
        name="EU–Taiwan matchmaking at Computex, Taipei Nangang Exhibition Center",
        venue="Taipei Nangang Exhibition Center, Hall 1, 4th floor, B2B area",
        timezone="Asia/Taipei",
        days=3,
        blocks=((time(10), time(12, 30)), (time(13, 30), time(16, 30))),
    )
    build.participant(event)
    context = browser.new_context(
        timezone_id="America/Los_Angeles", viewport={"width": 390, "height": 844}
    )
    page = context.new_page()
    for path in ("/", f"/e/{event.slug}", "/e/unknown"):
        page.goto(live_server.url(path))
        page.screenshot(path=str(tmp_path / f"phone{path.replace('/', '-')}.png"), full_page=True)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, f"{path} is {width}px wide on a 390px screen"
    context.close()
