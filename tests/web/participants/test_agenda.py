"""The agenda: published meetings in time order, moved and cancelled marks, print view."""

from __future__ import annotations

import re
from datetime import timedelta

from sqlalchemy.orm import Session

from matchmaker.db import utcnow
from matchmaker.models import (
    Event,
    Participant,
    Phase,
    cancel_meeting,
    place_meeting,
)
from tests.builders import Builder
from tests.web.participants.conftest import Me, organisation

URL = "/events/hannover-b2b/agenda"


def _publish(session: Session, event: Event) -> Event:
    fresh = session.get(Event, event.id)
    assert fresh is not None
    fresh.phase = Phase.PUBLISHED
    fresh.published_at = utcnow() - timedelta(hours=1)
    return fresh


def test_the_agenda_waits_for_publication(client, logged_in: Me):
    page = client.get(URL).get_data(as_text=True)
    assert "The schedule is not published yet" in page


def _arrange(session: Session, build: Builder, me: Me) -> dict[str, Participant]:
    event = _publish(session, me.event)
    slots, tables = event.slots, event.tables
    people = {
        "table": build.participant(
            event,
            first_name="Tom",
            last_name="Table",
            job_title="CTO",
            phone="+49 511 555",
            email="tom@print3d.example",
            organisation=organisation("Print3D GmbH", offers="additive manufacturing"),
        ),
        "booth": build.participant(
            event,
            first_name="Bea",
            last_name="Booth",
            location="Hall 7 A12",
            organisation=organisation("<Booth & Co>"),
        ),
        "moved": build.participant(event, first_name="Mo", last_name="Moved"),
        "cancelled": build.participant(event, first_name="Cy", last_name="Cancelled"),
        "early": build.participant(event, first_name="Ed", last_name="Early"),
        "others": build.participant(event, first_name="Not", last_name="Mine"),
    }
    me_participant = session.get(Participant, me.participant.id)
    build.meeting(me_participant, people["table"], slots[1], table=tables[0])
    build.meeting(me_participant, people["booth"], slots[5], location="Hall 7 A12")
    moved = build.meeting(me_participant, people["moved"], slots[2], table=tables[1])
    moved.previous_slot_id = slots[2].id
    place_meeting(session, moved, slot_id=slots[3].id, table_id=tables[1].id)
    moved.changed_at = utcnow()
    cancelled = build.meeting(me_participant, people["cancelled"], slots[4], table=tables[0])
    cancel_meeting(session, cancelled)
    cancelled.changed_at = utcnow()
    early = build.meeting(me_participant, people["early"], slots[6], table=tables[0])
    cancel_meeting(session, early)  # before publication: no change is recorded for anyone
    build.meeting(people["others"], people["table"], slots[0], table=tables[2])
    session.commit()
    return people


def test_my_meetings_in_time_order_by_day_with_place_partner_and_contact(
    client, logged_in: Me, build: Builder, session
):
    _arrange(session, build, logged_in)
    page = client.get(URL).get_data(as_text=True)
    names = re.findall(r'<h3 class="agenda-item__partner">([^<]+)</h3>', page)
    assert names == ["Tom Table", "Mo Moved", "Cy Cancelled", "Bea Booth"]
    assert "Not Mine" not in page and "Ed Early" not in page
    monday, tuesday = page.split("Tuesday 21 April 2026")
    assert "Monday 20 April 2026" in monday and "Bea Booth" in tuesday
    assert "09:30–10:00 Berlin time, UTC+2" in page
    assert "At their booth: Hall 7 A12" in page
    assert "CTO, <strong>Print3D GmbH</strong>" in page
    assert 'href="mailto:tom@print3d.example"' in page and 'href="tel:+49511555"' in page
    assert "You seek additive manufacturing — they offer it" in page
    assert "&lt;Booth &amp; Co&gt;" in page
    assert "3 meetings" in page


def test_moved_and_cancelled_meetings_are_marked_until_seen(
    client, logged_in: Me, build: Builder, session
):
    _arrange(session, build, logged_in)
    page = client.get(URL).get_data(as_text=True)
    moved = page.split("Mo Moved")[0].rsplit('<li class="card', 1)[1]
    assert "agenda-item--moved" in moved and "Moved" in moved
    assert "Was Mon 20 Apr, 14:00" in moved
    cancelled = page.split("Cy Cancelled")[0].rsplit('<li class="card', 1)[1]
    assert "agenda-item--cancelled" in cancelled and "Cancelled" in cancelled
    again = client.get(URL).get_data(as_text=True)
    assert "agenda-item--moved" not in again
    assert "agenda-item--cancelled" in again  # a cancellation stays visible
    session.expire_all()
    seen = session.get(Participant, logged_in.participant.id).agenda_seen_at
    assert seen is not None and utcnow() - seen < timedelta(minutes=1)


def test_a_visit_with_nothing_new_since_the_last_writes_nothing(
    client, logged_in: Me, build: Builder, session
):
    _arrange(session, build, logged_in)
    participant_id = logged_in.participant.id
    client.get(URL)

    def saved() -> tuple[object, object]:
        session.expire_all()
        participant = session.get(Participant, participant_id)
        return participant.agenda_seen_at, participant.updated_at

    after_first_visit = saved()
    assert after_first_visit[0] is not None
    client.get(URL)
    client.get(URL)
    assert saved() == after_first_visit


def test_an_agenda_without_changes_is_never_marked_seen(client, logged_in: Me, build, session):
    event = logged_in.event
    event.phase = Phase.PUBLISHED
    event.published_at = utcnow()
    session.commit()
    partner = build.participant(event, first_name="Pat", last_name="Partner")
    build.meeting(logged_in.participant, partner, event.slots[0], table=event.tables[0])
    assert "Pat Partner" in client.get(URL).get_data(as_text=True)
    session.expire_all()
    assert session.get(Participant, logged_in.participant.id).agenda_seen_at is None


def test_the_print_version_is_a_compact_table_without_navigation(
    client, logged_in: Me, build: Builder, session
):
    _arrange(session, build, logged_in)
    page = client.get(URL, query_string={"print": "1"}).get_data(as_text=True)
    assert "site-header" not in page and 'class="tabs"' not in page
    assert page.count("<tr") == 1 + 4 + 1  # a header row per day, four meetings
    assert "Ana Silva · Tice Robotics" in page
    assert "moved" in page and "cancelled" in page
