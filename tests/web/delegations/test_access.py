"""Route × role access of the delegation pages: a lead reaches their own delegation only;
organisers (and admins) the mission's delegation list; everyone else gets 404, and
anonymous visitors are sent to log in."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy.orm import Session

from matchmaker.models import Role, User
from tests.builders import TEST_PASSWORD, Builder


@dataclass
class Routes:
    users: dict[str, User]
    lead_pages: list[str]
    lead_posts: list[str]
    organiser_pages: list[str]
    organiser_posts: list[str]
    member_posts: list[str]
    other_delegation: str


@pytest.fixture
def routes(build: Builder, session: Session) -> Routes:
    organiser = build.user(role=Role.ORGANISER)
    event = build.event(organisers=(organiser,))
    lead, other_lead, member_user = build.user(), build.user(), build.user()
    member = build.participant(event, user=member_user)
    outsider = build.participant(event)
    delegation = build.delegation(event.mission, leads=(lead,), members=(member,))
    other = build.delegation(event.mission, leads=(other_lead,), members=(outsider,))
    base = f"/delegations/{delegation.id}"
    person = f"{base}/members/{member.id}"
    mission = f"/organise/missions/{event.mission.slug}/delegations"
    return Routes(
        users={
            "lead": lead,
            "other delegation's lead": other_lead,
            "member": member_user,
            "organiser": organiser,
            "other organiser": build.user(role=Role.ORGANISER),
            "admin": build.user(role=Role.ADMIN),
        },
        lead_pages=[
            base,
            f"{base}/agendas",
            f"{base}/booklet",
            f"{base}/events/{event.slug}/register",
            f"{person}/edit",
            f"{person}/availability",
            f"{person}/marks",
            # another delegation's member, seen through one's own delegation
            f"{base}/members/{outsider.id}/edit",
        ],
        other_delegation=f"/delegations/{other.id}",
        lead_posts=[f"{person}/invite", f"{base}/feed", f"{base}/feed/revoke", f"{person}/marks"],
        organiser_pages=[mission],
        organiser_posts=[
            f"{mission}/{delegation.id}/leads",
            f"{mission}/{delegation.id}/members",
            f"{mission}/{delegation.id}/leads/{lead.id}/remove",
            f"/organise/events/{event.slug}/delegations/may-meet",
            f"{mission}/{delegation.id}/members/{delegation.members[0].id}/remove",
        ],
        member_posts=[f"/delegations/consent/{event.slug}"],
    )


def _client(app: Flask, user: User | None) -> FlaskClient:
    client = app.test_client()
    if user is not None:
        client.post("/login", data={"email": user.email, "password": TEST_PASSWORD})
    return client


def test_anonymous_visitors_are_sent_to_log_in(app: Flask, routes: Routes) -> None:
    client = _client(app, None)
    for url in routes.lead_pages + routes.organiser_pages:
        assert "/login" in client.get(url).location, url
    for url in routes.lead_posts + routes.organiser_posts + routes.member_posts:
        assert "/login" in client.post(url).location, url


@pytest.mark.parametrize(
    "role", ["other delegation's lead", "member", "organiser", "other organiser", "admin"]
)
def test_lead_routes_answer_404_to_everyone_but_the_lead(
    app: Flask, routes: Routes, role: str
) -> None:
    client = _client(app, routes.users[role])
    for url in routes.lead_pages:
        assert client.get(url).status_code == 404, url
    for url in routes.lead_posts:
        assert client.post(url).status_code == 404, url


def test_the_lead_reaches_their_own_delegation_only(app: Flask, routes: Routes) -> None:
    client = _client(app, routes.users["lead"])
    *own, elsewhere = routes.lead_pages
    for url in own:
        assert client.get(url).status_code == 200, url
    assert client.get(elsewhere).status_code == 404
    assert client.get(routes.other_delegation).status_code == 404
    other_lead = _client(app, routes.users["other delegation's lead"])
    assert other_lead.get(routes.other_delegation).status_code == 200
    assert client.post(routes.lead_posts[1]).status_code == 302


@pytest.mark.parametrize("role", ["lead", "member", "other organiser"])
def test_organiser_routes_answer_404_to_others(app: Flask, routes: Routes, role: str) -> None:
    client = _client(app, routes.users[role])
    for url in routes.organiser_pages:
        assert client.get(url).status_code == 404, url
    for url in routes.organiser_posts:
        assert client.post(url).status_code == 404, url


@pytest.mark.parametrize("role", ["organiser", "admin"])
def test_organisers_and_admins_reach_the_organiser_routes(
    app: Flask, routes: Routes, role: str
) -> None:
    client = _client(app, routes.users[role])
    for url in routes.organiser_pages:
        assert client.get(url).status_code == 200, url
    assert client.post(routes.organiser_posts[2]).status_code == 302


@pytest.mark.parametrize("role", ["lead", "other delegation's lead", "organiser", "admin"])
def test_only_members_give_consent(app: Flask, routes: Routes, role: str) -> None:
    client = _client(app, routes.users[role])
    for url in routes.member_posts:
        assert client.post(url, data={"allow": "1"}).status_code == 404, url


def test_a_member_gives_consent(app: Flask, routes: Routes) -> None:
    client = _client(app, routes.users["member"])
    assert client.post(routes.member_posts[0], data={"allow": "1"}).status_code == 302
