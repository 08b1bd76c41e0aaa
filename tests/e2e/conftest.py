"""Browser tests: the app served on a local port, Debian's Chromium driven by Playwright.

Fixtures
- `live_server`: the test `app` served by a threaded werkzeug server on a free port (same
  process, so tests can arrange data with `session`/`build` and the server sees it);
  `live_server.url("/path")` gives the full URL (the same call as pytest-flask's fixture).
- `browser`: one Chromium per test session (/usr/bin/chromium, never a downloaded one).
- `page`: a fresh browser context and page per test (1280×900), with a default timeout.
- `phone_page`: the same at a phone's size (390×844, touch).
- `screenshot(page, name)`: saves a full-page PNG under `tmp_path / "screenshots"` and
  returns its path.

pytest-flask's own `live_server` forks the app into another process and is session-scoped by
default, which does not fit the function-scoped `app` of tests/conftest.py.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from flask import Flask
from playwright.sync_api import Browser, Page, expect, sync_playwright
from werkzeug.serving import BaseWSGIServer, make_server

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
# Generous: CI shares two cores, and a page that is slow under load is not a failure here.
TIMEOUT_MS = 30_000
expect.set_options(timeout=TIMEOUT_MS)


class LiveServer:
    """A running server for one app."""

    def __init__(self, server: BaseWSGIServer) -> None:
        self._server = server
        self.base_url = f"http://127.0.0.1:{server.server_port}"

    def url(self, path: str = "") -> str:
        """The absolute URL of `path` on this server."""
        return f"{self.base_url}{path}"


@pytest.fixture
def live_server(app: Flask) -> Iterator[LiveServer]:
    """Serve `app` on a free local port for the duration of the test."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield LiveServer(server)
    server.shutdown()
    thread.join(timeout=10)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Debian's Chromium, headless, with the project's launch flags."""
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A desktop-sized page in a fresh context (no cookies from other tests)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    context.set_default_timeout(TIMEOUT_MS)
    yield context.new_page()
    context.close()


@pytest.fixture
def phone_page(browser: Browser) -> Iterator[Page]:
    """A phone-sized page (390×844, touch) in a fresh context."""
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True, locale="en-GB"
    )
    context.set_default_timeout(TIMEOUT_MS)
    yield context.new_page()
    context.close()


@pytest.fixture
def screenshot(tmp_path: Path) -> Callable[[Page, str], Path]:
    """Save a full-page screenshot as `<tmp_path>/screenshots/<name>.png`."""
    folder = tmp_path / "screenshots"
    folder.mkdir()

    def take(target: Page, name: str) -> Path:
        path = folder / f"{name}.png"
        target.screenshot(path=str(path), full_page=True)
        return path

    return take
