"""Organisation membership: only approved members change an organisation's profile; members
and the event's organisers approve requests; everyone else gets 404."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from matchmaker.db import utcnow
from matchmaker.models import (
    Event,
    Organisation,
    OrganisationMember,
    Participant,
    Role,
    User,
)
from tests.builders import TEST_PASSWORD, Builder


@dataclass
class Scene:
    event: Event
    organisation: Organisation
    member: User
    newcomer: User
    request: OrganisationMember
    newcomer_participant: Participant
    organiser: User


@pytest.fixture
def scene(build: Builder, session: Session) -> Scene:
    """Rui speaks for Robótica; Ana asked to join it when signing up; Hélène organises."""
    organiser = build.user(role=Role.ORGANISER)
    event = build.event(organisers=(organiser,), default_max_meetings=8)
    member, newcomer = build.user(email="rui@robotica.pt"), build.user(email="ana@robotica.pt")
    organisation = Organisation(
        name="Robótica Lda", country="PT", sectors=[], technologies=[], description="Cells"
    )
    build.participant(event, user=member, organisation=organisation)
    newcomer_participant = build.participant(event, user=newcomer, organisation=organisation)
    session.add(
        OrganisationMember(organisation_id=organisation.id, user_id=member.id, approved_at=utcnow())
    )
    request = OrganisationMember(organisation_id=organisation.id, user_id=newcomer.id)
    session.add(request)
    session.commit()
    return Scene(event, organisation, member, newcomer, request, newcomer_participant, organiser)


def _client(app: Flask, user: User) -> FlaskClient:
    client = app.test_client()
    assert (
        client.post("/login", data={"email": user.email, "password": TEST_PASSWORD}).status_code
        == 302
    )
    return client


def _profile_post(**changes: str) -> dict[str, str]:
    return {
        "name": "Hijacked Inc",
        "country": "US",
        "type": "sme",
        "description": "We now sell something else",
        "email": "ana@robotica.pt",
        "offers": "Grippers for cobots",
        "seeks": "Taiwanese ODMs",
        **changes,
    }


def test_a_pending_member_saves_their_own_part_but_not_the_organisation(
    app: Flask, scene: Scene, session: Session
) -> None:
    client = _client(app, scene.newcomer)
    url = f"/events/{scene.event.slug}/profile"
    page = client.get(url).get_data(as_text=True)
    assert "You asked to join" in page
    assert 'name="name"' not in page
    assert client.post(url, data=_profile_post()).status_code == 302
    session.expire_all()
    organisation = session.get_one(Organisation, scene.organisation.id)
    assert (organisation.name, organisation.description) == ("Robótica Lda", "Cells")
    mine = session.get_one(Participant, scene.newcomer_participant.id)
    assert (mine.offers, mine.seeks) == ("Grippers for cobots", "Taiwanese ODMs")


def test_a_member_approves_a_request_from_the_profile_page(
    app: Flask, scene: Scene, session: Session
) -> None:
    member = _client(app, scene.member)
    page = member.get(f"/events/{scene.event.slug}/profile").get_data(as_text=True)
    assert "Asking to join Robótica Lda" in page
    approve = f"/events/{scene.event.slug}/organisation/requests/{scene.request.id}/approve"
    assert member.post(approve).status_code == 302
    session.expire_all()
    assert session.get_one(OrganisationMember, scene.request.id).approved_by_id == scene.member.id
    newcomer = _client(app, scene.newcomer)
    saved = newcomer.post(
        f"/events/{scene.event.slug}/profile", data=_profile_post(name="Robótica SA")
    )
    assert saved.status_code == 302, saved.get_data(as_text=True)
    session.expire_all()
    session.commit()
    assert session.get_one(Organisation, scene.organisation.id).name == "Robótica SA"


def test_the_organiser_sees_and_settles_requests(
    app: Flask, scene: Scene, session: Session
) -> None:
    organiser = _client(app, scene.organiser)
    event_page = organiser.get(f"/organise/events/{scene.event.slug}").get_data(as_text=True)
    assert f"/organise/events/{scene.event.slug}/memberships" in event_page
    page = organiser.get(f"/organise/events/{scene.event.slug}/memberships")
    assert page.status_code == 200
    assert "ana@robotica.pt" in page.get_data(as_text=True)
    request_id = scene.request.id
    decline = f"/organise/events/{scene.event.slug}/memberships/{request_id}/decline"
    assert organiser.post(decline).status_code == 302
    session.expire_all()
    assert session.get(OrganisationMember, request_id) is None
    assert session.get(Participant, scene.newcomer_participant.id) is not None
    assert "No request is waiting" in organiser.get(
        f"/organise/events/{scene.event.slug}/memberships"
    ).get_data(as_text=True)


def test_nobody_else_settles_a_request(
    app: Flask, build: Builder, scene: Scene, session: Session
) -> None:
    stranger = build.user()
    other_organiser = build.user(role=Role.ORGANISER)
    build.participant(scene.event, user=stranger)
    slug = scene.event.slug
    as_member = f"/events/{slug}/organisation/requests/{scene.request.id}/approve"
    as_organiser = f"/organise/events/{slug}/memberships/{scene.request.id}/approve"
    assert _client(app, stranger).post(as_member).status_code == 404
    assert _client(app, scene.newcomer).post(as_member).status_code == 404
    assert _client(app, other_organiser).post(as_organiser).status_code == 404
    assert (
        _client(app, other_organiser).get(f"/organise/events/{slug}/memberships").status_code == 404
    )
    assert app.test_client().post(as_member).status_code == 302
    session.expire_all()
    assert session.get_one(OrganisationMember, scene.request.id).approved_at is None


def test_an_organiser_set_cap_above_the_default_does_not_block_saving(
    app: Flask, scene: Scene, session: Session
) -> None:
    participant = session.get_one(Participant, scene.newcomer_participant.id)
    participant.max_meetings = 12
    session.commit()
    client = _client(app, scene.newcomer)
    url = f"/events/{scene.event.slug}/profile"
    assert client.post(url, data=_profile_post(max_meetings="12")).status_code == 302
    assert "at most 12" in client.post(url, data=_profile_post(max_meetings="13")).get_data(
        as_text=True
    )


def test_an_accepted_invitation_makes_an_approved_member(
    app: Flask, build: Builder, session: Session
) -> None:
    from matchmaker.auth.operations import accept_invitation

    event = build.event()
    invited = build.participant(event, email="lea@example.de")
    user = accept_invitation(session, session.get_one(Participant, invited.id), "long password!")
    session.commit()
    member = session.scalars(
        select(OrganisationMember).where(OrganisationMember.user_id == user.id)
    ).one()
    assert member.approved
