"""Route × role: every API route, as every kind of caller, answers as the pages do
(anything not yours is 404), with tokens instead of logins."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from flask import Flask
from sqlalchemy.orm import Session

from matchmaker.models import Event, Participant, Role, ScheduleRun, StaffGrant, TokenScope, User
from tests.builders import Builder
from tests.web.api.conftest import Api

PUBLIC = {"api.openapi"}
# About the token's own account (their events, the missions they organise).
ACCOUNT = {"api.me", "api.events", "api.missions"}


@dataclass(frozen=True)
class Target:
    endpoint: str
    method: str
    url: str

    @property
    def organisers_only(self) -> bool:
        return "/organise/" in self.url

    @property
    def participants_only(self) -> bool:
        return not self.organisers_only and self.endpoint not in ACCOUNT | {"api.event"}


@dataclass
class World:
    event: Event
    organiser: User
    participant: User
    me: Participant
    partner: Participant
    targets: list[Target]


def _targets(app: Flask, values: dict[str, object]) -> list[Target]:
    targets = []
    with app.test_request_context():
        for rule in app.url_map.iter_rules():
            if not rule.endpoint.startswith("api.") or rule.endpoint in PUBLIC:
                continue
            built = rule.build(values, append_unknown=False)
            assert built is not None
            for method in sorted((rule.methods or set()) - {"HEAD", "OPTIONS"}):
                targets.append(Target(rule.endpoint, method, built[1]))
    return targets


@pytest.fixture
def world(app: Flask, build: Builder, session: Session) -> World:
    organiser = build.user(role=Role.ORGANISER)
    participant = build.user()
    event = build.event(organisers=(organiser,))
    me = build.participant(event, user=participant)
    partner = build.participant(event)
    run = ScheduleRun(event_id=event.id)
    session.add(run)
    session.commit()
    values = {
        "slug": event.slug,
        "participant_id": partner.id,
        "run_id": run.id,
        "kind": "meetings",
        "fmt": "csv",
    }
    targets = _targets(app, values)
    assert len(targets) >= 23
    return World(event, organiser, participant, me, partner, targets)


def _call(api: Api, target: Target) -> int:
    return api.call(target.method, target.url, json={}).status_code


def test_without_a_valid_token_every_route_is_401(
    world: World, api_as: Callable[..., Api], client: object
) -> None:
    for api in (api_as(None), Api(api_as(None).client, "mm_not-a-token")):
        for target in world.targets:
            assert _call(api, target) == 401, target


def test_the_events_organiser_and_an_admin_reach_every_organiser_route(
    world: World, build: Builder, api_as: Callable[..., Api]
) -> None:
    admin = build.user(role=Role.ADMIN)
    for user in (world.organiser, admin):
        api = api_as(user)
        for target in world.targets:
            if target.method == "GET" and not target.participants_only:
                assert _call(api, target) == 200, (user.role, target)
            if target.participants_only:
                assert _call(api, target) == 404, (user.role, target)


def test_the_events_participant_reaches_their_routes_and_no_organisers_route(
    world: World, api_as: Callable[..., Api]
) -> None:
    api = api_as(world.participant)
    for target in world.targets:
        status = _call(api, target)
        if target.organisers_only:
            assert status == 404, target
        elif target.method == "GET":
            assert status == 200, target


@pytest.mark.parametrize("role", ["participant", "organiser", "staff"])
def test_everyone_else_gets_404_on_every_route_of_the_event(
    world: World, build: Builder, session: Session, api_as: Callable[..., Api], role: str
) -> None:
    if role == "organiser":
        stranger = build.user(role=Role.ORGANISER)
        build.event(organisers=(stranger,))
    else:
        stranger = build.user()
        build.participant(build.event(), user=stranger)
    if role == "staff":
        session.add(StaffGrant(event_id=world.event.id, user_id=stranger.id))
        session.commit()
    api = api_as(stranger)
    for target in world.targets:
        status = _call(api, target)
        if target.endpoint in ACCOUNT:
            answer = api.get(target.url)
            assert answer.status_code in (200, 404), target
            assert world.event.slug not in answer.get_data(as_text=True)
        else:
            assert status == 404, (role, target)


def test_a_withdrawn_participant_gets_404(
    world: World, session: Session, api_as: Callable[..., Api]
) -> None:
    from matchmaker.db import utcnow

    world.me.withdrawn_at = utcnow()
    session.commit()
    api = api_as(world.participant)
    for target in world.targets:
        if target.participants_only:
            assert _call(api, target) == 404, target


def test_a_read_only_token_changes_nothing_anywhere(
    world: World, api_as: Callable[..., Api]
) -> None:
    for user in (world.organiser, world.participant):
        api = api_as(user, TokenScope.READ)
        for target in world.targets:
            if target.method != "GET":
                assert _call(api, target) == 403, target


def test_a_deactivated_account_or_a_revoked_token_is_401(
    world: World, session: Session, api_as: Callable[..., Api]
) -> None:
    api = api_as(world.participant)
    assert api.get("/api/v1/me").status_code == 200
    world.participant.active = False
    session.commit()
    assert api.get("/api/v1/me").status_code == 401
