"""Hostile input everywhere: no route, form or URL part answers 500, as any role.

Every route of `app.url_map` (but the few in `NOT_CALLED`) is called with its real
arguments and with hostile ones (ids 2^31 and 2^63, unknown slugs, NUL); every POST form
found on the pages is submitted with NUL, control characters, 100,000 characters, years
1 and 9999 and out-of-range ids; every POST route is tried with a wrong CSRF token.
Afterwards every page must still render.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy.orm import Session

from matchmaker.api.tokens import create_token
from matchmaker.models import Event, Role, TokenScope, User
from tests.builders import TEST_PASSWORD, Builder
from tests.web.hostile.hostile import (
    FIXED_ARGUMENTS,
    HUGE,
    NUL,
    OUT_OF_RANGE_IDS,
    PageForm,
    RouteCall,
    hostile_submissions,
    post_forms,
    post_urls,
    route_calls,
)

QUERY_NAMES = ("q", "page", "sort", "country", "sector", "technology", "type", "next", "day")
HOSTILE_QUERIES = (
    dict.fromkeys(QUERY_NAMES, HUGE),
    dict.fromkeys(QUERY_NAMES, NUL),
    dict.fromkeys(QUERY_NAMES, str(OUT_OF_RANGE_IDS[1])),
)


@dataclass
class World:
    """An event with its people, one of each role, and the real value of each URL part."""

    event: Event
    users: dict[str, User | None]
    arguments: dict[str, str]


def _world(build: Builder, session: Session) -> World:
    admin, organiser = build.user(role=Role.ADMIN), build.user(role=Role.ORGANISER)
    participant = build.user()
    event = build.event(organisers=(organiser,))
    event.mission.start_date = date(2026, 4, 19)
    event.mission.end_date = date(2026, 4, 22)
    session.commit()
    me = build.participant(event, user=participant)
    partner = build.participant(event)
    meeting = build.meeting(me, partner, event.slots[0], table=event.tables[0])
    lead = build.user()
    delegation = build.delegation(event.mission, leads=(lead,), members=(me,))
    return World(
        event=event,
        users={
            "anonymous": None,
            "participant": participant,
            "organiser": organiser,
            "admin": admin,
            "delegation lead": lead,
        },
        arguments={
            **FIXED_ARGUMENTS,
            "slug": event.slug,
            "token": "unknown-token",
            "table_id": str(event.tables[0].id),
            "block_id": str(event.blocks[0].id),
            "participant_id": str(me.id),
            "meeting_id": str(meeting.id),
            "user_id": str(organiser.id),
            "mission_slug": event.mission.slug,
            "delegation_id": str(delegation.id),
        },
    )


def _client(app: Flask, user: User | None, session: Session | None = None) -> FlaskClient:
    """Logged in as `user`; with `session`, also carrying an API token of theirs, so the
    sweep reaches the API's routes as that user too."""
    client = app.test_client()
    if user is not None:
        response = client.post("/login", data={"email": user.email, "password": TEST_PASSWORD})
        assert response.status_code == 302
        if session is not None:
            token = create_token(session, user, "sweep", TokenScope.READ_WRITE)
            session.commit()
            client.environ_base["HTTP_AUTHORIZATION"] = f"Bearer {token}"
    return client


class Sweep:
    """Calls URLs as one client and collects every server error."""

    def __init__(self, role: str, client: FlaskClient) -> None:
        self.role = role
        self.client = client
        self.failures: list[str] = []

    def call(self, method: str, url: str, **options: Any) -> str | None:
        """The page's text if it is HTML and answered 200; a 500 or an exception is a failure."""
        try:
            response = self.client.open(url, method=method, **options)
        except Exception as error:  # reported with its URL below, like a 500
            self.failures.append(f"{self.role} {method} {url[:120]}: {error!r:.300}")
            return None
        if response.status_code >= 500:
            self.failures.append(f"{self.role} {method} {url[:120]}: {response.status_code}")
        if response.status_code == 200 and response.mimetype == "text/html":
            return response.get_data(as_text=True)
        return None


def _pages(sweep: Sweep, calls: list[RouteCall]) -> dict[str, str]:
    """GET every route at its real URL, then with hostile query strings; the pages' HTML."""
    pages: dict[str, str] = {}
    for call in calls:
        for method in call.methods:
            data = dict.fromkeys(("name", "email", "q"), NUL) if method == "POST" else None
            html = sweep.call(method, call.url, data=data)
            if html is not None and method == "GET":
                pages[call.url] = html
    for url in pages:
        for query in HOSTILE_QUERIES:
            sweep.call("GET", url, query_string=query)
    return pages


def _forms(pages: dict[str, str]) -> list[PageForm]:
    forms: dict[tuple[str, tuple[str, ...]], PageForm] = {}
    for url, html in pages.items():
        for form in post_forms(url, html):
            forms.setdefault(form.key, form)
    return list(forms.values())


def test_no_input_answers_500_and_every_page_still_renders(
    app: Flask, build: Builder, session: Session
) -> None:
    world = _world(build, session)
    calls = list(route_calls(app, world.arguments))
    assert any(call.url.endswith(f"/{OUT_OF_RANGE_IDS[1]}") for call in calls)
    app.config["API_RATE_LIMIT"] = 10**9
    sweeps = [Sweep(role, _client(app, user, session)) for role, user in world.users.items()]
    submitted = 0
    for sweep in sweeps:
        for form in _forms(_pages(sweep, calls)):
            for data in hostile_submissions(form):
                sweep.call("POST", form.action, data=data)
                submitted += 1
    assert submitted > 100
    for sweep in sweeps:
        for call in calls:
            if call.methods == ("GET",) and world.event.slug in call.url:
                sweep.call("GET", call.url)
    failures = [failure for sweep in sweeps for failure in sweep.failures]
    assert not failures, "\n".join(failures)


# One-click unsubscribe (RFC 8058) is posted by mail clients, which carry no CSRF token;
# the API takes bearer tokens only, never the login cookie (tests/web/api/test_problems.py).
CSRF_EXEMPT_PREFIXES = ("/messages/unsubscribe/", "/api/")


def test_a_wrong_csrf_token_is_refused_on_every_post_route(
    app: Flask, build: Builder, session: Session
) -> None:
    world = _world(build, session)
    clients = {role: _client(app, user) for role, user in world.users.items()}
    app.config["WTF_CSRF_ENABLED"] = True
    real = [
        url for url in post_urls(app, world.arguments) if not url.startswith(CSRF_EXEMPT_PREFIXES)
    ]
    hostile = [
        call.url
        for call in route_calls(app, world.arguments)
        if "POST" in call.methods and not call.url.startswith(CSRF_EXEMPT_PREFIXES)
    ]
    assert real and hostile
    for role, client in clients.items():
        for url in real:
            response = client.post(url, data={"csrf_token": "wrong", "name": "x"})
            assert response.status_code == 400, (role, url, response.status_code)
        for url in hostile:
            response = client.post(url, data={"csrf_token": "wrong", "name": "x"})
            assert response.status_code in (400, 404), (role, url, response.status_code)
