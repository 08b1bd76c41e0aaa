"""The agenda in plain words: table names as given, zones as place and offset, and an empty
agenda that says why."""

from __future__ import annotations

from datetime import timedelta

from flask.testing import FlaskClient
from sqlalchemy.orm import Session

from matchmaker.db import utcnow
from matchmaker.models import Event, MeetingTable, Participant, Phase, PreferenceLevel
from tests.builders import Builder
from tests.web.participants.conftest import Me

URL = "/events/hannover-b2b/agenda"


def _publish(session: Session, event: Event) -> Event:
    fresh = session.get(Event, event.id)
    assert fresh is not None
    fresh.phase = Phase.PUBLISHED
    fresh.published_at = utcnow() - timedelta(hours=1)
    session.commit()
    return fresh


def test_a_table_is_named_as_given_and_times_carry_place_and_offset(
    client: FlaskClient, logged_in: Me, build: Builder, session: Session
) -> None:
    event = _publish(session, logged_in.event)
    table = MeetingTable(event=event, name="Table 1", place="EU pavilion", position=9)
    session.add(table)
    session.commit()
    partner = build.participant(event, first_name="Tom", last_name="Table")
    me = session.get(Participant, logged_in.participant.id)
    assert me is not None
    build.meeting(me, partner, event.slots[0], table=table)

    page = client.get(URL).get_data(as_text=True)
    assert "Table 1 · EU pavilion" in page
    assert "Table Table" not in page
    assert "09:00–09:30 Berlin time, UTC+2" in page
    assert "this event is in Berlin time, UTC+2." in page
    assert "CEST" not in page


def test_someone_without_marks_is_told_so(
    client: FlaskClient, logged_in: Me, session: Session
) -> None:
    _publish(session, logged_in.event)
    page = client.get(URL).get_data(as_text=True)
    assert "You marked nobody to meet, and nobody asked to meet you" in page
    assert "at the times you are free" not in page


def test_someone_with_marks_but_no_meeting_is_told_about_times(
    client: FlaskClient, logged_in: Me, build: Builder, session: Session
) -> None:
    event = _publish(session, logged_in.event)
    other = build.participant(event)
    me = session.get(Participant, logged_in.participant.id)
    assert me is not None
    build.preference(me, other, PreferenceLevel.WANT)
    page = client.get(URL).get_data(as_text=True)
    assert "Nobody could be matched with you at the times you are free" in page
    assert "You marked nobody" not in page


def test_a_mark_of_not_is_no_wish(
    client: FlaskClient, logged_in: Me, build: Builder, session: Session
) -> None:
    event = _publish(session, logged_in.event)
    other = build.participant(event)
    me = session.get(Participant, logged_in.participant.id)
    assert me is not None
    build.preference(me, other, PreferenceLevel.NOT)
    assert "You marked nobody to meet" in client.get(URL).get_data(as_text=True)
