"""The layout around every page: navigation by user, flashed messages, assets."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from flask import Flask, flash, redirect
from flask.testing import FlaskClient
from werkzeug.wrappers import Response

from matchmaker.models import Role, User
from tests.builders import Builder


def _header(page: str) -> str:
    return page.split("</header>", 1)[0]


def test_anonymous_visitor_sees_log_in(client: FlaskClient) -> None:
    header = _header(client.get("/").text)

    assert 'href="/login"' in header
    assert "Log out" not in header
    assert "Organise" not in header
    assert "/static/css/app.css" in header


def test_participant_sees_their_name_and_a_log_out_form(
    client: FlaskClient, build: Builder, log_in: Callable[[User], None]
) -> None:
    user = build.user(name="Ana Sousa")
    log_in(user)

    header = _header(client.get("/").text)

    assert "Ana Sousa" in header
    assert 'action="/logout"' in header
    assert 'name="csrf_token"' in header
    assert 'href="/login"' not in header
    assert "Organise" not in header


def test_organiser_sees_organise(
    client: FlaskClient,
    build: Builder,
    log_in: Callable[[User], None],
    linked_endpoints: dict[str, str],
) -> None:
    log_in(build.user(role=Role.ORGANISER))

    header = _header(client.get("/").text)

    assert f'href="{linked_endpoints["organiser.dashboard"]}"' in header
    assert "Organise" in header


def test_flashed_messages_are_shown_with_their_category(app: Flask, client: FlaskClient) -> None:
    def flashing() -> Response:
        flash("Saved <your> profile.", "success")
        flash("Could not save.", "error")
        flash("No category.")
        return redirect("/")

    app.add_url_rule("/test-flash", view_func=flashing)

    page = client.get("/test-flash", follow_redirects=True).text

    assert '<div class="alert alert--success" role="status">' in page
    assert "Saved &lt;your&gt; profile." in page
    assert '<div class="alert alert--error" role="alert">' in page
    assert '<div class="alert alert--info" role="status">' in page


def test_static_assets_are_served_locally(client: FlaskClient) -> None:
    for path in ("/static/css/app.css", "/static/js/app.js", "/static/img/logo.svg"):
        response = client.get(path)
        assert response.status_code == 200
        assert b"http://" not in response.data.replace(b"http://www.w3.org", b"")
        assert b"https://" not in response.data
        response.close()


def test_every_response_carries_the_security_headers(client: FlaskClient) -> None:
    for path in ("/", "/health", "/e/unknown", "/static/css/app.css"):
        response = client.get(path)
        policy = response.headers["Content-Security-Policy"]
        assert "script-src 'self';" in policy
        assert "frame-ancestors 'none'" in policy
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.headers["X-Frame-Options"] == "DENY"
        assert response.headers["Referrer-Policy"] == "same-origin"
        response.close()


def test_no_template_has_an_inline_event_handler() -> None:
    # The content security policy (script-src 'self') blocks them: such a button does nothing.
    templates = Path(__file__).resolve().parents[3] / "templates"
    handlers = re.compile(r"<[^>]*\son[a-z]+\s*=", re.IGNORECASE)
    offenders = [
        str(path.relative_to(templates))
        for path in sorted(templates.rglob("*.html"))
        if handlers.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []
