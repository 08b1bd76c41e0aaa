"""A delegation lead's journey through the pages: organisers create the delegation and its
leads; the lead registers, edits, invites and plans for their SMEs, sees their progress,
their agendas and booklet, and subscribes to one delegation feed."""

from __future__ import annotations

import re
from datetime import date

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from matchmaker.auth.tokens import hash_token
from matchmaker.calendars.tokens import derive_token
from matchmaker.db import utcnow
from matchmaker.delegations import operations
from matchmaker.models import (
    Delegation,
    DelegationLead,
    DelegationMember,
    Participant,
    Phase,
    Preference,
    PreferenceLevel,
    Role,
)
from tests.builders import TEST_PASSWORD, Builder
from tests.web.calendars.conftest import parse_everywhere


def _client(app: Flask, email: str) -> FlaskClient:
    client = app.test_client()
    response = client.post("/login", data={"email": email, "password": TEST_PASSWORD})
    assert response.status_code == 302
    return client


def test_organisers_create_delegations_and_add_or_invite_leads(
    app: Flask, build: Builder, session: Session
) -> None:
    organiser = build.user(role=Role.ORGANISER)
    event = build.event(organisers=(organiser,))
    lead = build.user()
    client = _client(app, organiser.email)
    url = f"/organise/missions/{event.mission.slug}/delegations"
    data = {"name": "Produtech", "cluster": "Produtech PT", "country": "PT"}
    assert client.post(url, data=data).status_code == 302
    assert "already has a delegation" in client.post(url, data=data).get_data(as_text=True)
    delegation = session.scalars(select(Delegation)).one()
    leads_url = f"{url}/{delegation.id}/leads"
    assert (
        client.post(leads_url, data={f"lead{delegation.id}-email": lead.email.upper()}).status_code
        == 302
    )
    session.commit()  # end the test's read snapshot: see what the app wrote
    assert session.get(DelegationLead, (delegation.id, lead.id)) is not None
    client.post(leads_url, data={f"lead{delegation.id}-email": "new.lead@cluster.example"})
    page = client.get(url).get_data(as_text=True)
    link = re.search(r'href="(http[^"]+/delegations/invitations/[^"]+)"', page)
    assert link is not None
    path = "/" + link.group(1).split("/", 3)[3]
    newcomer = app.test_client()
    password = {"password": "a long enough password", "confirm": "a long enough password"}
    answer = newcomer.post(path, data=password)
    assert answer.status_code == 302 and f"/delegations/{delegation.id}" in answer.location
    assert newcomer.get(f"/delegations/{delegation.id}").status_code == 200
    assert app.test_client().get(path).status_code == 404  # used up

    assert (
        client.post(
            f"{url}/{delegation.id}/members", data={f"member{delegation.id}-email": "Rui@X.example"}
        ).status_code
        == 302
    )
    session.commit()
    session.refresh(delegation)
    assert [m.email for m in delegation.members] == ["rui@x.example"]
    other = build.delegation(event.mission)
    refused = client.post(
        f"{url}/{other.id}/members",
        data={f"member{other.id}-email": "rui@x.example"},
        follow_redirects=True,
    )
    assert "already in another delegation" in refused.get_data(as_text=True)
    removal = f"{url}/{delegation.id}/members/{delegation.members[0].id}/remove"
    assert client.post(removal).status_code == 302
    session.commit()
    session.refresh(delegation)
    assert delegation.members == []

    may_meet = client.post(
        f"/organise/events/{event.slug}/delegations/may-meet",
        data={f"event{event.id}-may_meet": "y"},
    )
    assert may_meet.status_code == 302
    session.commit()
    session.refresh(event)
    assert event.delegation_members_may_meet


def test_a_lead_registers_plans_and_follows_their_smes(
    app: Flask, build: Builder, session: Session
) -> None:
    lead = build.user()
    event = build.event(first_day=date(2026, 4, 20))
    other = build.participant(event, first_name="Maria", last_name="Lopez")
    delegation = build.delegation(event.mission, leads=(lead,), name="Produtech")
    client = _client(app, lead.email)
    base = f"/delegations/{delegation.id}"
    registered = client.post(
        f"{base}/events/{event.slug}/register",
        data={
            "organisation": "Robótica Lda",
            "country": "PT",
            "first_name": "Ana",
            "last_name": "Silva",
            "email": "Ana@Robotica.example",
            "offers": "Welding cells",
        },
    )
    assert registered.status_code == 302
    session.commit()
    sme = session.scalars(select(Participant).where(Participant.last_name == "Silva")).one()
    member = session.scalars(select(DelegationMember)).one()
    assert (member.email, member.delegation_id) == ("ana@robotica.example", delegation.id)
    assert sme.organisation.cluster == delegation.cluster

    overview = client.get(base).get_data(as_text=True)
    assert "Ana Silva" in overview and "1 member without availability" in overview

    edited = client.post(
        f"{base}/members/{sme.id}/edit",
        data={
            "first_name": "Ana",
            "last_name": "Silva",
            "job_title": "CEO",
            "organisation": "x",
            "country": "PT",
            "email": "other@example.org",
        },
    )
    assert edited.status_code == 302
    session.commit()
    session.refresh(sme)
    assert (sme.job_title, sme.email) == ("CEO", "Ana@Robotica.example".lower())

    slots = [slot.id for slot in event.slots]
    saved = client.post(
        f"{base}/members/{sme.id}/availability", data={"available": [str(s) for s in slots[1:]]}
    )
    assert saved.status_code == 302
    session.commit()
    session.refresh(sme)
    assert sme.availability_saved_at is not None
    assert {u.slot_id for u in sme.unavailabilities} == {slots[0]}

    marks_url = f"{base}/members/{sme.id}/marks"
    assert "has not allowed" in client.get(marks_url).get_data(as_text=True)
    mark = {"participant_id": str(other.id), "level": "must"}
    assert client.post(marks_url, data=mark).status_code == 404

    sme.user = build.user(email="ana@robotica.example")
    session.commit()
    own = _client(app, "ana@robotica.example")
    assert "Allow my leads" in own.get(f"/events/{event.slug}/preferences").get_data(as_text=True)
    assert own.post(f"/delegations/consent/{event.slug}", data={"allow": "1"}).status_code == 302
    assert "Maria Lopez" in client.get(marks_url, query_string={"q": "lopez"}).get_data(
        as_text=True
    )
    assert client.post(marks_url, data=mark).status_code == 302
    session.commit()
    preference = session.scalars(select(Preference)).one()
    assert (preference.from_participant_id, preference.level) == (sme.id, PreferenceLevel.MUST)
    assert "without marks" in client.get(base).get_data(as_text=True)
    assert "0 members without marks" in client.get(base).get_data(as_text=True)


def test_agendas_booklet_and_the_delegation_feed(
    app: Flask, build: Builder, session: Session
) -> None:
    lead = build.user()
    first = build.event(phase=Phase.PUBLISHED, published_at=utcnow(), timezone="Europe/Lisbon")
    mission = first.mission
    second = build.event(
        phase=Phase.PUBLISHED, published_at=utcnow(), timezone="America/Mexico_City"
    )
    second.mission_id = mission.id
    session.commit()
    ana = build.participant(first, first_name="Ana", email="ana@robotica.example")
    ana_again = build.participant(second, first_name="Ana", email="ana@robotica.example")
    rui = build.participant(first, first_name="Rui")
    partner = build.participant(first, first_name="Wei")
    partner_mx = build.participant(second, first_name="Lupita")
    delegation = build.delegation(mission, leads=(lead,), members=(ana, rui))
    build.meeting(ana, partner, first.slots[0], table=first.tables[0])
    build.meeting(rui, partner, first.slots[1], table=first.tables[0])
    build.meeting(ana_again, partner_mx, second.slots[0], table=second.tables[0])
    build.meeting(partner, build.participant(first), first.slots[2], table=first.tables[1])
    client = _client(app, lead.email)
    base = f"/delegations/{delegation.id}"

    agendas = client.get(f"{base}/agendas").get_data(as_text=True)
    assert agendas.count("Wei") == 2 and "Lupita" in agendas
    booklet = client.get(f"{base}/booklet").get_data(as_text=True)
    assert 'id="booklet-summary"' in booklet and booklet.count('class="booklet-page"') == 3

    assert client.post(f"{base}/feed").status_code == 302
    page = client.get(base).get_data(as_text=True)
    feed_url = re.search(r"data-delegation-feed>(http[^<]+)<", page)
    assert feed_url is not None
    path = "/" + feed_url.group(1).split("/", 3)[3]
    body = app.test_client().get(path)
    assert body.status_code == 200 and body.mimetype == "text/calendar"
    events = parse_everywhere(body.data)
    assert len(events) == 3
    assert b"TZID=America/Mexico_City" in body.data and b"TZID=Europe/Lisbon" in body.data

    assert client.post(f"{base}/feed/revoke").status_code == 302
    assert app.test_client().get(path).status_code == 404


def test_an_invitation_for_an_existing_account_is_taken_logged_in_as_it(
    app: Flask, build: Builder, session: Session
) -> None:
    event = build.event()
    delegation = build.delegation(event.mission)
    owner, stranger = build.user(), build.user()
    invitation = operations.invite_lead(session, delegation, owner.email, owner, "k")
    session.commit()
    token = derive_token("lead", invitation.id, invitation.created_at, app.config["SECRET_KEY"])
    invitation.token_hash = hash_token(token)
    session.commit()
    path = f"/delegations/invitations/{token}"
    assert "/login" in app.test_client().get(path).location
    assert _client(app, stranger.email).get(path).status_code == 404
    client = _client(app, owner.email)
    assert "You are logged in as" in client.get(path).get_data(as_text=True)
    assert client.post(path).status_code == 302
    session.commit()
    assert session.get(DelegationLead, (delegation.id, owner.id)) is not None


def test_a_lead_lands_on_their_delegation_after_login(
    client: FlaskClient, build: Builder, session: Session
) -> None:
    lead = build.user()
    first = build.delegation(build.event().mission, leads=(lead,))
    response = client.post("/login", data={"email": lead.email, "password": TEST_PASSWORD})
    assert response.headers["Location"] == f"/delegations/{first.id}"
    client.post("/logout")
    build.delegation(build.event(name="Another fair").mission, leads=(lead,))
    response = client.post("/login", data={"email": lead.email, "password": TEST_PASSWORD})
    assert response.headers["Location"] == "/account"
    account = client.get("/account").get_data(as_text=True)
    assert f'href="/delegations/{first.id}"' in account
