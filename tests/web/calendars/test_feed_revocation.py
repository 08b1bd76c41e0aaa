"""Switching calendar feeds off: by a withdrawn participant, by the organisers, and when
logging out everywhere."""

from __future__ import annotations

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy.orm import Session

from matchmaker.calendars.tokens import issue_feed_token
from matchmaker.db import utcnow
from matchmaker.models import Participant, Role, User
from tests.builders import TEST_PASSWORD, Builder


def _client(app: Flask, user: User) -> FlaskClient:
    client = app.test_client()
    assert (
        client.post("/login", data={"email": user.email, "password": TEST_PASSWORD}).status_code
        == 302
    )
    return client


def _feed(app: Flask, session: Session, participant: Participant) -> str:
    """Issue the participant a feed; its URL."""
    fresh = session.get_one(Participant, participant.id)
    token = issue_feed_token(fresh, app.config["SECRET_KEY"])
    session.commit()
    return f"/calendar/feed/{token}.ics"


def test_a_withdrawn_participant_switches_their_feed_off_from_the_account_page(
    app: Flask, build: Builder, session: Session
) -> None:
    user = build.user()
    event = build.event()
    participant = build.participant(event, user=user, withdrawn_at=utcnow())
    feed = _feed(app, session, participant)
    client = _client(app, user)
    assert client.get(feed).status_code == 200
    account = client.get("/account").get_data(as_text=True)
    assert "Calendar links" in account and "(withdrawn)" in account
    response = client.post(f"/calendar/events/{event.slug}/feed/revoke")
    assert response.headers["Location"] == "/account"
    assert client.get(feed).status_code == 404


def test_organisers_switch_any_participants_feed_off(
    app: Flask, build: Builder, session: Session
) -> None:
    organiser, stranger = build.user(role=Role.ORGANISER), build.user(role=Role.ORGANISER)
    event = build.event(organisers=(organiser,))
    participant = build.participant(event, user=build.user())
    feed = _feed(app, session, participant)
    url = f"/calendar/organise/{event.slug}/participants/{participant.id}/feed/revoke"
    page = _client(app, organiser).get(
        f"/organise/events/{event.slug}/participants/{participant.id}"
    )
    assert url in page.get_data(as_text=True)
    assert _client(app, stranger).post(url).status_code == 404
    assert app.test_client().get(feed).status_code == 200
    assert _client(app, organiser).post(url).status_code == 302
    assert app.test_client().get(feed).status_code == 404


def test_an_organiser_cannot_revoke_a_feed_of_another_event(
    app: Flask, build: Builder, session: Session
) -> None:
    organiser = build.user(role=Role.ORGANISER)
    event = build.event(organisers=(organiser,))
    elsewhere = build.participant(build.event(), user=build.user())
    feed = _feed(app, session, elsewhere)
    url = f"/calendar/organise/{event.slug}/participants/{elsewhere.id}/feed/revoke"
    assert _client(app, organiser).post(url).status_code == 404
    assert app.test_client().get(feed).status_code == 200


def test_logging_out_everywhere_switches_feeds_off_only_when_asked(
    app: Flask, build: Builder, session: Session
) -> None:
    user = build.user()
    first, second = build.event(), build.event()
    feeds = [_feed(app, session, build.participant(event, user=user)) for event in (first, second)]
    client = _client(app, user)
    assert "Also switch off my calendar links" in client.get("/account").get_data(as_text=True)
    client.post("/account/logout-everywhere")
    assert all(app.test_client().get(feed).status_code == 200 for feed in feeds)
    client = _client(app, user)
    client.post("/account/logout-everywhere", data={"revoke_feeds": "y"})
    assert all(app.test_client().get(feed).status_code == 404 for feed in feeds)
