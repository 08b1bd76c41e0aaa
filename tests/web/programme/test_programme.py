"""The programme pages: organisers create, edit and cancel items; participants sign up to
items with places, and the database never lets an item overfill."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, time

import pytest
from sqlalchemy import select, text, update
from sqlalchemy.exc import IntegrityError

from matchmaker.db import utcnow
from matchmaker.models import (
    Audience,
    Event,
    Organisation,
    Participant,
    Phase,
    ProgrammeItem,
    ProgrammeSignUp,
    Role,
    User,
)


@dataclass
class World:
    event: Event
    organiser: User
    ana: User
    me: Participant
    bo: User
    other: Participant

    @property
    def programme(self) -> str:
        return f"/organise/missions/{self.event.mission.slug}/programme"


@pytest.fixture
def world(build) -> World:
    organiser = build.user(Role.ORGANISER)
    event = build.event(organisers=(organiser,), phase=Phase.PUBLISHED, published_at=utcnow())
    ana, bo = build.user(email="ana@example.pt"), build.user(email="bo@example.se")
    portugal = Organisation(name="Porto Sensors", country="PT", sectors=[], technologies=[])
    me = build.participant(event, user=ana, organisation=portugal)
    other = build.participant(event, user=bo)
    return World(event, organiser, ana, me, bo, other)


def reloaded(session, item: ProgrammeItem) -> ProgrammeItem:
    """The item as the database holds it now (a new transaction sees the app's commits)."""
    session.close()
    fresh = session.get(ProgrammeItem, item.id)
    assert fresh is not None
    return fresh


def form(**changes: object) -> dict[str, object]:
    data: dict[str, object] = {
        "kind": "visit",
        "title": "Visit: Volkswagen Autostadt",
        "timezone": "Europe/Berlin",
        "starts_at": "2026-04-20T17:30",
        "ends_at": "2026-04-20T21:00",
        "place": "Autostadt",
        "address": "Stadtbrücke, 38440 Wolfsburg",
        "audience": "everyone",
    }
    data.update(changes)
    return data


def test_an_organiser_adds_an_item_in_its_own_zone_with_a_map_link(client, world, log_in, session):
    log_in(world.organiser)
    response = client.post(
        f"{world.programme}/new",
        data=form(
            timezone="Europe/Lisbon", starts_at="2026-04-19T14:05", ends_at="2026-04-19T17:40"
        ),
    )
    assert response.status_code == 302
    item = session.scalars(select(ProgrammeItem)).one()
    assert item.starts_at == datetime(2026, 4, 19, 13, 5, tzinfo=UTC)
    assert (item.timezone, item.sequence, item.audience) == ("Europe/Lisbon", 0, Audience.EVERYONE)
    edit = client.get(f"{world.programme}/{item.id}/edit").get_data(as_text=True)
    assert 'value="2026-04-19T14:05"' in edit
    assert '<option selected value="Europe/Lisbon">' in edit
    page = client.get(world.programme).get_data(as_text=True)
    assert "Visit: Volkswagen Autostadt" in page
    assert "14:05–17:40 Lisbon time, UTC+1" in page
    assert "https://www.openstreetmap.org/search?query=Stadtbr%C3%BCcke%2C+38440+Wolfsburg" in page


def test_the_form_refuses_an_end_before_the_start_and_people_without_a_choice(
    client, world, log_in, session
):
    log_in(world.organiser)
    page = client.post(
        f"{world.programme}/new", data=form(ends_at="2026-04-20T17:00", audience="people")
    ).get_data(as_text=True)
    assert "The end must be after the start." in page
    assert "Choose at least one person." in page
    assert session.scalars(select(ProgrammeItem)).all() == []


def test_chosen_people_attend_and_others_do_not(client, world, log_in, build):
    build.programme_item(world.event.mission, title="Flight Lisbon – Hannover", guests=(world.me,))
    log_in(world.bo)
    assert "Flight Lisbon" not in client.get(f"/events/{world.event.slug}/agenda").get_data(
        as_text=True
    )
    client.post("/logout")
    log_in(world.ana)
    page = client.get(f"/events/{world.event.slug}/agenda").get_data(as_text=True)
    assert "Flight Lisbon – Hannover" in page


def test_a_delegation_attends_an_item_for_chosen_delegations(client, world, log_in, build, session):
    delegation = build.delegation(world.event.mission, members=(world.me,), name="TICE.PT")
    log_in(world.organiser)
    data = form(audience="delegations", delegations=str(delegation.id), title="Cluster dinner")
    assert client.post(f"{world.programme}/new", data=data).status_code == 302
    assert "TICE.PT" in client.get(world.programme).get_data(as_text=True)
    client.post("/logout")
    log_in(world.ana)
    assert "Cluster dinner" in client.get(f"/events/{world.event.slug}/agenda").get_data(
        as_text=True
    )
    client.post("/logout")
    log_in(world.bo)
    assert "Cluster dinner" not in client.get(f"/events/{world.event.slug}/agenda").get_data(
        as_text=True
    )


def test_sign_up_until_full_then_refused(client, world, log_in, build, session):
    item = build.programme_item(world.event.mission, title="Autostadt", capacity=1)
    sign_up = f"/events/{world.event.slug}/programme/{item.id}/sign-up"
    log_in(world.ana)
    agenda = client.get(f"/events/{world.event.slug}/agenda").get_data(as_text=True)
    assert "1 place left" in agenda
    page = client.post(sign_up, follow_redirects=True).get_data(as_text=True)
    assert "You have a place at “Autostadt”." in page
    client.post("/logout")
    log_in(world.bo)
    page = client.post(sign_up, follow_redirects=True).get_data(as_text=True)
    assert "“Autostadt” is full." in page
    rows = session.scalars(select(ProgrammeSignUp)).all()
    assert [(row.participant_id, row.place) for row in rows] == [(world.me.id, 1)]
    client.post("/logout")
    log_in(world.organiser)
    listing = client.get(world.programme).get_data(as_text=True)
    assert "1 of 1 places taken" in listing and world.me.full_name in listing

    client.post("/logout")
    log_in(world.ana)
    withdraw = f"/events/{world.event.slug}/programme/{item.id}/withdraw"
    assert client.post(withdraw).status_code == 302
    session.close()
    assert session.scalars(select(ProgrammeSignUp)).all() == []


def test_the_database_refuses_a_place_beyond_the_capacity_or_taken_twice(build, world, session):
    item = build.programme_item(world.event.mission, capacity=1)
    session.add(ProgrammeSignUp(item_id=item.id, participant_id=world.me.id, place=1, capacity=1))
    session.commit()
    for place, capacity in ((2, 1), (1, 1), (2, 2)):
        session.add(
            ProgrammeSignUp(
                item_id=item.id, participant_id=world.other.id, place=place, capacity=capacity
            )
        )
        with pytest.raises(IntegrityError):
            session.commit()
        session.rollback()


def test_lowering_the_capacity_below_the_places_taken_is_refused(
    client, world, log_in, build, session
):
    item = build.programme_item(world.event.mission, capacity=3)
    for place, person in enumerate((world.me, world.other), start=1):
        session.add(
            ProgrammeSignUp(item_id=item.id, participant_id=person.id, place=place, capacity=3)
        )
    session.commit()
    with pytest.raises(IntegrityError):
        session.execute(update(ProgrammeItem).where(ProgrammeItem.id == item.id).values(capacity=1))
        session.commit()
    session.rollback()

    log_in(world.organiser)
    url = f"{world.programme}/{item.id}/edit"
    page = client.post(url, data=form(capacity="1")).get_data(as_text=True)
    assert "2 people have signed up: the capacity cannot be lower." in page
    response = client.post(url, data=form(capacity="2"))
    assert response.status_code == 302, response.get_data(as_text=True)
    session.close()
    places = session.execute(text("SELECT place, capacity FROM programme_sign_ups ORDER BY place"))
    assert [tuple(row) for row in places] == [(1, 2), (2, 2)]


def test_signing_up_to_an_item_not_for_you_or_cancelled_is_refused(client, world, log_in, build):
    private = build.programme_item(world.event.mission, capacity=5, guests=(world.other,))
    cancelled = build.programme_item(world.event.mission, capacity=5, cancelled_at=utcnow())
    log_in(world.ana)
    for item in (private, cancelled):
        page = client.post(
            f"/events/{world.event.slug}/programme/{item.id}/sign-up", follow_redirects=True
        ).get_data(as_text=True)
        assert "This item takes no sign-ups from you." in page


def test_only_the_missions_organisers_reach_its_programme(client, world, log_in, build):
    item = build.programme_item(world.event.mission)
    elsewhere = build.event()
    foreign = build.programme_item(elsewhere.mission)
    urls = [
        world.programme,
        f"{world.programme}/new",
        f"{world.programme}/{item.id}/edit",
    ]
    posts = [f"{world.programme}/{item.id}/cancel", f"{world.programme}/{item.id}/reinstate"]
    for user in (world.ana, build.user(Role.ORGANISER)):
        log_in(user)
        assert all(client.get(url).status_code == 404 for url in urls)
        assert all(client.post(url).status_code == 404 for url in posts)
        client.post("/logout")
    log_in(world.organiser)
    assert client.get(f"{world.programme}/{foreign.id}/edit").status_code == 404
    assert client.post(f"{world.programme}/{foreign.id}/cancel").status_code == 404
    client.post("/logout")
    log_in(world.ana)
    sign_up = f"/events/{world.event.slug}/programme/{foreign.id}/sign-up"
    assert client.post(sign_up).status_code == 404


def test_cancel_and_reinstate_raise_the_sequence(client, world, log_in, build, session):
    item = build.programme_item(world.event.mission, start=time(8), end=time(9))
    log_in(world.organiser)
    assert client.post(f"{world.programme}/{item.id}/cancel").status_code == 302
    item = reloaded(session, item)
    assert item.cancelled and item.sequence == 1
    assert "Reinstate" in client.get(world.programme).get_data(as_text=True)
    assert client.post(f"{world.programme}/{item.id}/reinstate").status_code == 302
    item = reloaded(session, item)
    assert not item.cancelled and item.sequence == 2
