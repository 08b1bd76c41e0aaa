"""Small fixes found while probing: one charset per download, accent-blind catalogue
search, literal % and _ in the organiser's search."""

from __future__ import annotations

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy.orm import Session

from matchmaker.calendars.tokens import issue_feed_token
from matchmaker.models import Organisation, Participant, Phase, Role, User
from tests.builders import TEST_PASSWORD, Builder
from tests.web.hostile.hostile import FIXED_ARGUMENTS, route_calls


def _client(app: Flask, user: User) -> FlaskClient:
    client = app.test_client()
    assert (
        client.post("/login", data={"email": user.email, "password": TEST_PASSWORD}).status_code
        == 302
    )
    return client


def test_every_download_names_one_charset(app: Flask, build: Builder, session: Session) -> None:
    organiser, user = build.user(role=Role.ORGANISER), build.user()
    event = build.event(organisers=(organiser,), phase=Phase.PUBLISHED)
    me = build.participant(event, user=user)
    partner = build.participant(event)
    build.meeting(me, partner, event.slots[0], table=event.tables[0])
    token = issue_feed_token(session.get_one(Participant, me.id), app.config["SECRET_KEY"])
    session.commit()
    arguments = {
        **FIXED_ARGUMENTS,
        "slug": event.slug,
        "token": token,
        "table_id": str(event.tables[0].id),
        "block_id": str(event.blocks[0].id),
        "participant_id": str(me.id),
        "meeting_id": "1",
        "user_id": str(organiser.id),
        "mission_slug": event.mission.slug,
        "delegation_id": "1",
    }
    urls = [call.url for call in route_calls(app, arguments) if call.methods == ("GET",)]
    urls += [
        f"/organise/events/{event.slug}/schedule/export/{kind}.{fmt}"
        for kind in ("meetings", "participants")
        for fmt in ("csv", "xlsx")
    ]
    downloads = 0
    for client in (_client(app, organiser), _client(app, user)):
        for url in urls:
            response = client.get(url)
            if response.status_code != 200 or response.mimetype == "text/html":
                continue
            if "Content-Disposition" in response.headers or response.mimetype == "text/calendar":
                downloads += 1
                assert response.content_type.count("charset") <= 1, (url, response.content_type)
                assert response.headers["Cache-Control"] == "no-store", url
    assert downloads >= 8


def test_catalogue_search_ignores_accents(app: Flask, build: Builder) -> None:
    user = build.user()
    event = build.event(phase=Phase.PREFERENCES)
    build.participant(event, user=user)
    build.participant(
        event,
        organisation=Organisation(
            name="Phocéa Robotique", country="FR", sectors=[], technologies=[]
        ),
    )
    build.participant(
        event,
        organisation=Organisation(name="Hanse Sensorik", country="DE", sectors=[], technologies=[]),
    )
    client = _client(app, user)
    for typed in ("Phocea", "PHOCÉA", "phocea robotique"):
        page = client.get(f"/events/{event.slug}/catalogue", query_string={"q": typed}).get_data(
            as_text=True
        )
        assert "Phocéa Robotique" in page, typed
        assert "Hanse Sensorik" not in page, typed


def test_percent_and_underscore_are_literal_in_the_organisers_search(
    app: Flask, build: Builder
) -> None:
    organiser = build.user(role=Role.ORGANISER)
    event = build.event(organisers=(organiser,))
    build.participant(
        event,
        organisation=Organisation(name="100% Cotton", country="PT", sectors=[], technologies=[]),
    )
    build.participant(
        event,
        organisation=Organisation(name="Snake_Case Ltd", country="DE", sectors=[], technologies=[]),
    )
    build.participant(
        event,
        organisation=Organisation(name="Plain Name", country="DE", sectors=[], technologies=[]),
    )
    client = _client(app, organiser)
    url = f"/organise/events/{event.slug}/participants"
    percent = client.get(url, query_string={"q": "%"}).get_data(as_text=True)
    assert "100% Cotton" in percent and "Snake_Case" not in percent and "Plain Name" not in percent
    underscore = client.get(url, query_string={"q": "_"}).get_data(as_text=True)
    assert "Snake_Case" in underscore and "100% Cotton" not in underscore
