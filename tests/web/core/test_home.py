"""The home page: missions with their events, drafts hidden, no query per event."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import event as sqlalchemy_event

from matchmaker.db import database
from matchmaker.models import Phase, Role, User
from tests.builders import Builder


def test_home_lists_missions_with_their_events(client: FlaskClient, build: Builder) -> None:
    hannover = build.event(
        name="EU–US Cluster B2B at Hannover Messe",
        venue="Hannover Messe, Hall 2",
        timezone="Europe/Berlin",
        first_day=date(2026, 4, 20),
        days=2,
    )
    hannover.mission.name = "EU–US Cluster Partnership"
    hannover.mission.target_market = "United States"
    taipei = build.event(
        name="EU–Taiwan matchmaking at Computex",
        timezone="Asia/Taipei",
        phase=Phase.PUBLISHED,
        first_day=date(2026, 6, 2),
    )
    build.participant(hannover)
    build.session.commit()

    page = client.get("/").text

    assert "EU–US Cluster Partnership" in page
    assert "Target market: United States" in page
    assert 'href="/e/' + hannover.slug + '"' in page
    assert "EU–US Cluster B2B at Hannover Messe" in page
    assert "Hannover Messe, Hall 2" in page
    assert "20–21 Apr 2026" in page
    assert "Registration open" in page
    assert "1 participant<br>" in page
    assert 'href="/e/' + taipei.slug + '"' in page
    assert "Agendas published" in page
    assert "times in Asia/Taipei" in page


def test_home_hides_drafts_except_from_their_organisers(
    client: FlaskClient, build: Builder, log_in: Callable[[User], None]
) -> None:
    organiser = build.user(role=Role.ORGANISER)
    other_organiser = build.user(role=Role.ORGANISER)
    draft = build.event(name="Secret draft event", phase=Phase.DRAFT, organisers=(organiser,))

    assert "Secret draft event" not in client.get("/").text
    log_in(other_organiser)
    assert "Secret draft event" not in client.get("/").text
    client.post("/logout")
    log_in(organiser)
    page = client.get("/").text
    assert "Secret draft event" in page
    assert f'href="/e/{draft.slug}"' in page


def test_home_marks_the_events_i_am_registered_for(
    client: FlaskClient, build: Builder, log_in: Callable[[User], None]
) -> None:
    user = build.user()
    mine = build.event(name="Mine")
    build.event(name="Other")
    build.participant(mine, user=user)
    log_in(user)

    page = client.get("/").text

    assert page.count("You are registered") == 1
    assert page.index("You are registered") < page.index("Mine")


def test_home_without_events_says_so(client: FlaskClient) -> None:
    page = client.get("/").text
    assert "No events yet" in page


def _statements_for_home(app: Flask, client: FlaskClient) -> int:
    statements: list[str] = []

    def record(*args: object) -> None:
        statements.append(str(args[2]))

    engine = database(app).engine
    sqlalchemy_event.listen(engine, "before_cursor_execute", record)
    try:
        assert client.get("/").status_code == 200
    finally:
        sqlalchemy_event.remove(engine, "before_cursor_execute", record)
    return len(statements)


@pytest.mark.parametrize("viewer", [None, Role.PARTICIPANT, Role.ORGANISER])
def test_home_queries_do_not_grow_with_the_number_of_events(
    app: Flask,
    client: FlaskClient,
    build: Builder,
    log_in: Callable[[User], None],
    viewer: Role | None,
) -> None:
    organiser = build.user(role=Role.ORGANISER)
    if viewer is not None:
        log_in(organiser if viewer == Role.ORGANISER else build.user(role=viewer))
    build.participant(build.event(organisers=(organiser,)))
    few = _statements_for_home(app, client)
    for phase in (Phase.DRAFT, Phase.REGISTRATION, Phase.PUBLISHED):
        build.participant(build.event(days=2, phase=phase, organisers=(organiser,)))
        build.participant(build.event(phase=phase))

    assert _statements_for_home(app, client) == few
