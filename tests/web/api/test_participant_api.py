"""A participant's API: events, profile, availability, catalogue, marks, agenda."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from matchmaker.models import (
    Organisation,
    OrganisationMember,
    Participant,
    Phase,
    Preference,
    PreferenceLevel,
    Role,
    TokenScope,
)
from matchmaker.models.enums import EventMode
from tests.builders import Builder
from tests.web.api.conftest import Api


class World:
    """An event of five people; `me` has an account, the others are listed."""

    def __init__(self, build: Builder) -> None:
        self.organiser = build.user(role=Role.ORGANISER)
        self.event = build.event(
            organisers=(self.organiser,),
            phase=Phase.PREFERENCES,
            sectors=["Energy", "Health"],
            technologies=["Robotics"],
        )
        self.user = build.user(name="Ana Silva")
        self.me = build.participant(
            self.event,
            user=self.user,
            organisation=Organisation(
                name="Tice", country="PT", sectors=["Energy"], technologies=["Robotics"]
            ),
        )
        self.others = [
            build.participant(
                self.event,
                organisation=Organisation(
                    name=f"Org {n}", country="DE", sectors=["Energy"], technologies=[]
                ),
            )
            for n in range(4)
        ]


@pytest.fixture
def world(build: Builder) -> World:
    return World(build)


@pytest.fixture
def api(world: World, api_as: Callable[..., Api]) -> Api:
    return api_as(world.user)


def test_me_and_my_events(api: Api, world: World, build: Builder) -> None:
    assert api.get("/api/v1/me").json["email"] == world.user.email
    other = build.event()
    build.participant(other, user=world.user)
    answer = api.get("/api/v1/events?limit=1")
    assert [item["slug"] for item in answer.json["items"]] == [world.event.slug]
    assert answer.json["items"][0]["participant_id"] == world.me.id
    following = answer.json["links"]["next"]
    assert following and answer.headers["Link"] == f'<{following}>; rel="next"'
    second = api.get(following)
    assert [item["slug"] for item in second.json["items"]] == [other.slug]
    assert second.json["links"]["next"] is None and "Link" not in second.headers
    assert api.get(f"/api/v1/events/{world.event.slug}").json["phase"] == "preferences"


def test_profile(api: Api, world: World) -> None:
    profile = api.get(f"/api/v1/events/{world.event.slug}/profile").json
    assert profile["id"] == world.me.id
    assert profile["organisation"]["name"] == "Tice"
    assert profile["email"] == world.user.email


def test_availability_is_read_and_replaced(api: Api, world: World, session: Session) -> None:
    url = f"/api/v1/events/{world.event.slug}/availability"
    slots = api.get(url).json["slots"]
    assert len(slots) == 4 and all(slot["free"] for slot in slots)
    free = [slots[0]["id"], slots[2]["id"]]
    answer = api.put(url, json={"free": free})
    assert answer.status_code == 200, answer.json
    assert [slot["id"] for slot in answer.json["slots"] if slot["free"]] == free
    assert answer.json["saved_at"] is not None
    assert api.put(url, json={"free": "all"}).status_code == 422
    assert api.put(url, data="free").status_code == 415


def test_availability_is_locked_once_scheduled(api: Api, world: World, session: Session) -> None:
    world.event.phase = Phase.SCHEDULED
    session.commit()
    answer = api.put(f"/api/v1/events/{world.event.slug}/availability", json={"free": []})
    assert answer.status_code == 409
    assert "can no longer change" in answer.json["detail"]


def test_the_catalogue_pages_and_filters(api: Api, world: World) -> None:
    url = f"/api/v1/events/{world.event.slug}/catalogue"
    everyone = api.get(url).json
    assert everyone["total"] == 4 and everyone["pages"] == 1
    assert {item["id"] for item in everyone["items"]} == {p.id for p in world.others}
    assert all(item["reasons"] for item in everyone["items"])  # shared sector Energy
    assert api.get(url, query_string={"q": "Org 2"}).json["total"] == 1
    assert api.get(url, query_string={"page": "0"}).status_code == 400
    assert api.get(url, query_string={"page": "x"}).status_code == 400


def test_marks_are_set_read_and_cleared(api: Api, world: World, session: Session) -> None:
    base = f"/api/v1/events/{world.event.slug}/marks"
    target = world.others[0]
    answer = api.put(f"{base}/{target.id}", json={"level": "must", "note": "Robots"})
    assert answer.status_code == 200, answer.json
    assert answer.json == {**answer.json, "participant_id": target.id, "level": "must"}
    stored = session.scalars(select(Preference)).one()
    assert (stored.from_participant_id, stored.level) == (world.me.id, PreferenceLevel.MUST)
    assert api.put(f"{base}/{target.id}", json={"level": "want"}).json["level"] == "want"
    listed = api.get(base).json["items"]
    assert [(mark["participant_id"], mark["level"]) for mark in listed] == [(target.id, "want")]
    catalogue = api.get(f"/api/v1/events/{world.event.slug}/catalogue").json["items"]
    assert {item["id"]: item["my_mark"] for item in catalogue}[target.id] == "want"
    assert api.delete(f"{base}/{target.id}").status_code == 204
    assert api.get(base).json["items"] == []


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"level": "adore"}, "level"),
        ({"level": ""}, "level"),
        ({"note": "x"}, "level"),
        ({"level": "want", "note": "a\x00b"}, "note"),
        ({"level": "want", "note": "x" * 100_000}, "note"),
        ({"level": ["want"]}, "level"),
        ({"level": True}, "level"),
    ],
)
def test_bad_marks_are_refused_with_the_fields_named(
    api: Api, world: World, body: dict[str, Any], field: str
) -> None:
    answer = api.put(f"/api/v1/events/{world.event.slug}/marks/{world.others[0].id}", json=body)
    assert answer.status_code == 422
    assert answer.mimetype == "application/problem+json"
    assert field in answer.json["errors"]


def test_marks_follow_the_events_rules(api: Api, world: World, session: Session) -> None:
    base = f"/api/v1/events/{world.event.slug}/marks"
    assert api.put(f"{base}/{world.me.id}", json={"level": "want"}).status_code == 404
    world.event.limit_must = 1
    session.commit()
    assert api.put(f"{base}/{world.others[0].id}", json={"level": "must"}).status_code == 200
    refused = api.put(f"{base}/{world.others[1].id}", json={"level": "must"})
    assert refused.status_code == 409 and refused.json["detail"]
    world.event.preferences_deadline = datetime.now(UTC) - timedelta(hours=1)
    session.commit()
    closed = api.put(f"{base}/{world.others[1].id}", json={"level": "want"})
    assert closed.status_code == 409 and "closed" in closed.json["detail"]
    assert api.delete(f"{base}/{world.others[0].id}").status_code == 409


def test_the_agenda_once_published(
    api: Api, world: World, build: Builder, session: Session
) -> None:
    url = f"/api/v1/events/{world.event.slug}/agenda"
    assert api.get(url).json == {"published": False, "timezone": "Europe/Berlin", "meetings": []}
    build.meeting(world.me, world.others[1], world.event.slots[1], table=world.event.tables[0])
    world.event.phase = Phase.PUBLISHED
    world.event.published_at = datetime.now(UTC)
    session.commit()
    agenda = api.get(url).json
    assert agenda["published"] is True
    (meeting,) = agenda["meetings"]
    assert meeting["partner"]["id"] == world.others[1].id
    assert meeting["place"] == "T1"
    assert meeting["slot"]["id"] == world.event.slots[1].id
    assert "email" not in meeting["partner"]


def test_a_read_only_token_reads_but_changes_nothing(
    world: World, api_as: Callable[..., Api]
) -> None:
    reader = api_as(world.user, TokenScope.READ)
    assert reader.get(f"/api/v1/events/{world.event.slug}/marks").status_code == 200
    answer = reader.put(
        f"/api/v1/events/{world.event.slug}/marks/{world.others[0].id}", json={"level": "want"}
    )
    assert answer.status_code == 403 and answer.mimetype == "application/problem+json"


def test_the_profile_is_changed_with_the_profile_pages_checks(
    api: Api, world: World, session: Session, build: Builder
) -> None:
    url = f"/api/v1/events/{world.event.slug}/profile"
    changed = api.call("PATCH", url, json={"offers": "Cobots", "phone": "+351 21 000 000"})
    assert changed.status_code == 200, changed.json
    assert (changed.json["offers"], changed.json["phone"]) == ("Cobots", "+351 21 000 000")
    assert changed.json["organisation"]["name"] == "Tice"  # left out: kept
    for body, field in (
        ({"phone": "call me"}, "phone"),
        ({"email": "nope"}, "email"),
        ({"job_title": "a\x00b"}, "job_title"),
        ({"shoe_size": "42"}, "shoe_size"),
        ({"name": "Tice Ltd"}, "name"),  # not an approved member of the organisation
        ({"offers": 3.5}, "offers"),
        ({"offers": True}, "offers"),
        ({"email": world.others[0].email}, "email"),
    ):
        refused = api.call("PATCH", url, json=body)
        assert refused.status_code == 422, body
        assert field in refused.json["errors"], refused.json
    session.expire_all()
    assert session.get(Participant, world.me.id).offers == "Cobots"


def test_an_approved_member_changes_the_organisation(
    api: Api, world: World, session: Session
) -> None:
    session.add(
        OrganisationMember(
            organisation_id=world.me.organisation_id,
            user_id=world.user.id,
            approved_at=datetime.now(UTC),
        )
    )
    session.commit()
    url = f"/api/v1/events/{world.event.slug}/profile"
    changed = api.call("PATCH", url, json={"name": "Tice Ltd", "sectors": ["Health"]})
    assert changed.status_code == 200, changed.json
    assert changed.json["organisation"]["name"] == "Tice Ltd"
    assert changed.json["organisation"]["sectors"] == ["Health"]
    refused = api.call("PATCH", url, json={"sectors": ["Mining"]})
    assert refused.status_code == 422 and "sectors" in refused.json["errors"]


def test_online_meetings_carry_their_video_link(
    api: Api, world: World, build: Builder, session: Session, api_as: Callable[..., Api]
) -> None:
    world.event.mode = EventMode.HYBRID
    session.commit()
    url = f"/api/v1/events/{world.event.slug}/profile"
    online = api.call(
        "PATCH",
        url,
        json={
            "online": True,
            "video_link": "https://video.example/ana",
            "timezone": "Europe/Lisbon",
        },
    )
    assert online.status_code == 200, online.json
    assert (online.json["online"], online.json["timezone"]) == (True, "Europe/Lisbon")
    build.meeting(world.me, world.others[0], world.event.slots[0])
    build.meeting(
        world.others[1], world.others[2], world.event.slots[0], table=world.event.tables[0]
    )
    world.event.phase = Phase.PUBLISHED
    world.event.published_at = datetime.now(UTC)
    session.commit()
    (meeting,) = api.get(f"/api/v1/events/{world.event.slug}/agenda").json["meetings"]
    assert meeting["video_link"] == "https://video.example/ana"
    schedule = (
        api_as(world.organiser)
        .get(f"/api/v1/organise/events/{world.event.slug}/schedule")
        .json["items"]
    )
    links = {
        item["participant_a"] in (world.me.id, world.others[0].id): item["video_link"]
        for item in schedule
    }
    assert links == {True: "https://video.example/ana", False: None}
    assert api.call("PATCH", url, json={"online": False}).json["online"] is False
