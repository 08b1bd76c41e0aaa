"""Access helpers: another event, another mission's organiser, another participant answer 404."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from flask import Flask
from flask.ctx import RequestContext
from flask_login import login_user
from sqlalchemy.orm import Session
from werkzeug.exceptions import NotFound

from matchmaker.auth.access import (
    event_or_404,
    organised_event_or_404,
    organiser_required,
    own_participant_or_404,
)
from matchmaker.db import get_session, utcnow
from matchmaker.models import Role, User


@pytest.fixture
def as_user(app: Flask) -> Iterator[Callable[[User | None], None]]:
    """Switch to a new request (its own `g`) as a given user; None: anonymous.

    Build data before switching: the request's open transaction holds SQLite's write lock.
    """
    contexts: list[RequestContext] = []

    def run_as(user: User | None) -> None:
        if contexts:
            contexts.pop().pop()
        context = app.test_request_context("/")
        context.push()
        contexts.append(context)
        if user is not None:
            login_user(get_session().get(User, user.id))

    yield run_as
    if contexts:
        contexts.pop().pop()


def test_event_or_404_finds_by_slug(app: Flask, build: Any, as_user: Any) -> None:
    event = build.event(slug="hannover")
    as_user(None)
    assert event_or_404("hannover").id == event.id
    with pytest.raises(NotFound):
        event_or_404("nowhere")


def test_organised_event_is_for_its_mission_organisers_and_admins(
    app: Flask, build: Any, as_user: Any
) -> None:
    organiser, stranger = build.user(role=Role.ORGANISER), build.user(role=Role.ORGANISER)
    admin, participant = build.user(role=Role.ADMIN), build.user()
    event = build.event(organisers=(organiser,))
    as_user(organiser)
    assert organised_event_or_404(event.slug).id == event.id
    as_user(admin)
    assert organised_event_or_404(event.slug).id == event.id
    for outsider in (stranger, participant, None):
        as_user(outsider)
        with pytest.raises(NotFound):
            organised_event_or_404(event.slug)


def test_own_participant_is_the_users_active_one_in_that_event(
    app: Flask, build: Any, as_user: Any, session: Session
) -> None:
    user, other = build.user(), build.user()
    event, elsewhere = build.event(), build.event()
    mine = build.participant(event, user=user)
    build.participant(event, user=other)
    build.participant(elsewhere, user=other)
    as_user(user)
    assert own_participant_or_404(event).id == mine.id
    with pytest.raises(NotFound):
        own_participant_or_404(elsewhere)
    as_user(None)
    with pytest.raises(NotFound):
        own_participant_or_404(event)
    mine.withdrawn_at = utcnow()
    session.commit()
    as_user(user)
    with pytest.raises(NotFound):
        own_participant_or_404(event)


def test_organiser_required_asks_for_a_login_then_hides_from_participants(
    app: Flask, build: Any, as_user: Any
) -> None:
    @organiser_required
    def dashboard() -> Any:  # a page, or the decorator's redirect
        return "dashboard"

    participant, organiser = build.user(), build.user(role=Role.ORGANISER)
    admin = build.user(role=Role.ADMIN)
    as_user(None)
    assert dashboard().status_code == 302
    as_user(participant)
    with pytest.raises(NotFound):
        dashboard()
    as_user(organiser)
    assert dashboard() == "dashboard"
    as_user(admin)
    assert dashboard() == "dashboard"
