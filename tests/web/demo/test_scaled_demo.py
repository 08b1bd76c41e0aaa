"""The scaled demo: `demo --participants N` adds one large, reproducible event."""

from __future__ import annotations

from collections import Counter

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from matchmaker.demo import DemoRefused
from matchmaker.demo.scaled import load_scaled_demo, scaled_slug
from matchmaker.models import (
    Event,
    Participant,
    Preference,
    PreferenceLevel,
    TimeSlot,
    Unavailability,
)
from tests.web.demo.test_demo_commands import _printed_accounts

SIZE = 40


def _snapshot(session: Session) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]]]:
    """The event's people and marks by email, independent of database ids."""
    people = session.execute(
        select(
            Participant.email,
            Participant.first_name,
            Participant.last_name,
            Participant.location,
            Participant.max_meetings,
        ).order_by(Participant.email)
    ).all()
    emails = dict(session.execute(select(Participant.id, Participant.email)).all())
    marks = sorted(
        (emails[source], emails[target], level.value)
        for source, target, level in session.execute(
            select(Preference.from_participant_id, Preference.to_participant_id, Preference.level)
        )
    )
    return [tuple(row) for row in people], [tuple(mark) for mark in marks]


def test_the_same_size_gives_the_same_event(session: Session) -> None:
    load_scaled_demo(session, SIZE)
    session.flush()
    first = _snapshot(session)
    session.rollback()
    load_scaled_demo(session, SIZE)
    session.flush()
    assert _snapshot(session) == first
    assert len(first[0]) == SIZE


def test_the_scaled_event_is_valid(session: Session) -> None:
    load_scaled_demo(session, SIZE)
    session.commit()
    event = session.scalars(select(Event).where(Event.slug == scaled_slug(SIZE))).one()
    assert len(event.slots) == 28
    assert len(event.tables) == SIZE // 8
    participants = {participant.id: participant for participant in event.participants}
    assert len(participants) == SIZE
    assert len({participant.organisation_id for participant in participants.values()}) > SIZE / 3
    marks = session.scalars(select(Preference).where(Preference.event_id == event.id)).all()
    assert len(marks) > 5 * SIZE
    for mark in marks:
        source = participants[mark.from_participant_id]
        target = participants[mark.to_participant_id]
        assert source.organisation_id != target.organisation_id
    per_level = Counter((mark.from_participant_id, mark.level) for mark in marks)
    for (_source, level), number in per_level.items():
        limit = event.limit_for(level)
        assert limit is None or number <= limit
    assert {PreferenceLevel.MUST, PreferenceLevel.WANT} <= {level for _source, level in per_level}
    received = Counter(mark.to_participant_id for mark in marks)
    assert max(received.values()) >= 1.5 * len(marks) / SIZE, "a few are asked by many"
    gaps = session.execute(
        select(Unavailability.participant_id, TimeSlot.event_id).join(TimeSlot)
    ).all()
    assert gaps
    assert {event_id for _participant, event_id in gaps} == {event.id}
    assert any(participant.location for participant in participants.values())


def test_a_second_load_of_the_same_size_is_refused(session: Session) -> None:
    load_scaled_demo(session, SIZE)
    session.commit()
    try:
        load_scaled_demo(session, SIZE)
    except DemoRefused as refusal:
        assert "already exists" in str(refusal)
    else:
        raise AssertionError("the second load was not refused")


def test_demo_command_lists_the_event_and_its_accounts_log_in(
    app: Flask, client: FlaskClient
) -> None:
    result = app.test_cli_runner().invoke(args=["demo", "--participants", str(SIZE)])
    assert result.exit_code == 0, result.output
    assert f"{scaled_slug(SIZE)}  " in result.output
    accounts = _printed_accounts(result.output)
    roles = sorted(role for role, _password in accounts.values())
    assert roles == ["organiser", "participant", "participant", "participant"]
    for email, (role, password) in accounts.items():
        response = client.post("/login", data={"email": email, "password": password})
        assert response.status_code == 302, email
        page = (
            f"/events/{scaled_slug(SIZE)}/catalogue"
            if role == "participant"
            else f"/organise/events/{scaled_slug(SIZE)}"
        )
        assert client.get(page).status_code == 200, (email, page)
        client.post("/logout")
    listing = app.test_cli_runner().invoke(args=["events"])
    assert scaled_slug(SIZE) in listing.output


def test_demo_command_refuses_too_small_an_event(app: Flask) -> None:
    result = app.test_cli_runner().invoke(args=["demo", "--participants", "3"])
    assert result.exit_code == 2
    assert "--participants" in result.output
