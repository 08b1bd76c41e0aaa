"""Availability: everything free by default, slots ticked off, whole blocks at once, lock."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from matchmaker.models import Block, Event, Phase, Unavailability

URL = "/events/hannover-b2b/availability"


def _slot_ids(event: Event) -> list[int]:
    return [slot.id for slot in event.slots]


def _unavailable(session: Session, participant_id: int) -> set[int]:
    rows = set(
        session.scalars(
            select(Unavailability.slot_id).where(Unavailability.participant_id == participant_id)
        )
    )
    session.commit()  # end the read: SQLite transactions hold the write lock
    return rows


def _blocks(event: Event) -> list[Block]:
    return sorted(event.blocks, key=lambda block: (block.day, block.start_time))


def test_everything_is_free_by_default_in_the_event_time_zone(client, logged_in):
    page = client.get(URL).get_data(as_text=True)
    assert page.count('name="available"') == 8
    assert page.count(" checked") == 8
    assert "Free in <strong data-free-count>8</strong> of 8 slots." in page
    assert "Monday 20 April 2026" in page and "Tuesday 21 April 2026" in page
    assert "09:00–10:00 Berlin time, UTC+2" in page  # the block, in Berlin summer time
    assert ">09:00–09:30</time>" in page  # each slot
    assert 'data-zone="Europe/Berlin"' in page  # app.js adds the viewer's own time


def test_unticked_slots_become_unavailable_and_can_be_freed_again(client, logged_in, session):
    ids = _slot_ids(logged_in.event)
    response = client.post(URL, data={"available": [str(i) for i in ids[2:]]})
    assert response.status_code == 302
    assert _unavailable(session, logged_in.participant.id) == set(ids[:2])
    client.post(URL, data={"available": [str(i) for i in ids if i != ids[5]]})
    assert _unavailable(session, logged_in.participant.id) == {ids[5]}
    page = client.get(URL).get_data(as_text=True)
    assert "Free in <strong data-free-count>7</strong> of 8 slots." in page
    assert page.count(" checked") == 7


def test_a_whole_block_is_set_busy_or_free_at_once_without_javascript(client, logged_in, session):
    event = logged_in.event
    ids = _slot_ids(event)
    afternoon = _blocks(event)[1]
    afternoon_ids = {slot.id for slot in afternoon.slots}
    client.post(
        URL,
        data={"available": [str(i) for i in ids], "block_action": f"{afternoon.id}:busy"},
    )
    assert _unavailable(session, logged_in.participant.id) == afternoon_ids
    client.post(URL, data={"block_action": f"{afternoon.id}:free"})
    assert _unavailable(session, logged_in.participant.id) == set(ids) - afternoon_ids


def test_slots_of_another_event_are_ignored(client, logged_in, build, session):
    other_event = build.event(slug="computex")
    foreign = other_event.slots[0].id
    client.post(URL, data={"available": [str(foreign), "junk"], "block_action": "999999:free"})
    assert _unavailable(session, logged_in.participant.id) == set(_slot_ids(logged_in.event))


def test_availability_is_read_only_once_scheduled(client, logged_in, session):
    event = session.get(Event, logged_in.event.id)
    event.phase = Phase.SCHEDULED
    session.commit()
    page = client.get(URL).get_data(as_text=True)
    assert "shown read-only" in page
    assert page.count(" disabled") == 8
    assert "Save availability" not in page
    response = client.post(URL, data={"available": []}, follow_redirects=True)
    assert "can no longer change" in response.get_data(as_text=True)
    assert _unavailable(session, logged_in.participant.id) == set()
