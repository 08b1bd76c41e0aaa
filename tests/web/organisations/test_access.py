"""Route × role access of the membership pages and the organiser's feed switch: login
first, then only the event's organisers (or admins), or the organisation's members."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy.orm import Session

from matchmaker.db import utcnow
from matchmaker.models import Organisation, OrganisationMember, Role, User
from tests.builders import TEST_PASSWORD, Builder


@dataclass
class Routes:
    users: dict[str, User]
    organiser_pages: list[str]
    organiser_posts: list[str]
    member_posts: list[str]


@pytest.fixture
def routes(build: Builder, session: Session) -> Routes:
    organiser = build.user(role=Role.ORGANISER)
    event = build.event(organisers=(organiser,))
    member, newcomer, participant = build.user(), build.user(), build.user()
    organisation = Organisation(name="Robótica", country="PT", sectors=[], technologies=[])
    build.participant(event, user=member, organisation=organisation)
    asked = build.participant(event, user=newcomer, organisation=organisation)
    build.participant(event, user=participant)
    session.add(
        OrganisationMember(organisation_id=organisation.id, user_id=member.id, approved_at=utcnow())
    )
    request = OrganisationMember(organisation_id=organisation.id, user_id=newcomer.id)
    session.add(request)
    session.commit()
    slug = event.slug
    return Routes(
        users={
            "member": member,
            "participant": participant,
            "organiser": organiser,
            "other organiser": build.user(role=Role.ORGANISER),
            "admin": build.user(role=Role.ADMIN),
        },
        organiser_pages=[f"/organise/events/{slug}/memberships"],
        organiser_posts=[
            f"/organise/events/{slug}/memberships/{request.id}/approve",
            f"/organise/events/{slug}/memberships/{request.id}/decline",
            f"/calendar/organise/{slug}/participants/{asked.id}/feed/revoke",
        ],
        member_posts=[
            f"/events/{slug}/organisation/requests/{request.id}/approve",
            f"/events/{slug}/organisation/requests/{request.id}/decline",
        ],
    )


def _client(app: Flask, user: User | None) -> FlaskClient:
    client = app.test_client()
    if user is not None:
        client.post("/login", data={"email": user.email, "password": TEST_PASSWORD})
    return client


def test_anonymous_visitors_are_sent_to_log_in(app: Flask, routes: Routes) -> None:
    client = _client(app, None)
    for url in routes.organiser_pages:
        assert "/login" in client.get(url).location
    for url in routes.organiser_posts + routes.member_posts:
        assert "/login" in client.post(url).location


@pytest.mark.parametrize("role", ["member", "participant", "other organiser"])
def test_organiser_routes_answer_404_to_others(app: Flask, routes: Routes, role: str) -> None:
    client = _client(app, routes.users[role])
    for url in routes.organiser_pages:
        assert client.get(url).status_code == 404, url
    for url in routes.organiser_posts:
        assert client.post(url).status_code == 404, url


@pytest.mark.parametrize("role", ["participant", "other organiser", "organiser", "admin"])
def test_member_routes_answer_404_to_non_members(app: Flask, routes: Routes, role: str) -> None:
    client = _client(app, routes.users[role])
    for url in routes.member_posts:
        assert client.post(url).status_code == 404, url


@pytest.mark.parametrize("role", ["organiser", "admin"])
def test_organisers_and_admins_reach_the_organiser_routes(
    app: Flask, routes: Routes, role: str
) -> None:
    client = _client(app, routes.users[role])
    for url in routes.organiser_pages:
        assert client.get(url).status_code == 200, url
    assert client.post(routes.organiser_posts[0]).status_code == 302


def test_a_member_reaches_the_member_routes(app: Flask, routes: Routes) -> None:
    assert _client(app, routes.users["member"]).post(routes.member_posts[0]).status_code == 302
