"""Blocks and slots, tables and phases through the test client."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time

from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session
from werkzeug.test import TestResponse

from matchmaker.models import (
    Block,
    Event,
    Meeting,
    MeetingTable,
    Phase,
    TimeSlot,
)
from tests.builders import Builder


def slot_starts(session: Session, event: Event) -> list[str]:
    """The event's slots as local "YYYY-MM-DD HH:MM" strings, in order."""
    session.expire_all()
    slots = session.scalars(
        select(TimeSlot).where(TimeSlot.event_id == event.id).order_by(TimeSlot.starts_at)
    ).all()
    starts = [f"{slot.starts_at.astimezone(event.zone):%Y-%m-%d %H:%M}" for slot in slots]
    session.commit()
    return starts


def post_setup(client: FlaskClient, event: Event, form: str, **data: str) -> TestResponse:
    """Submit one of the set-up page's forms (`block`, `table-count`, `table-list`)."""
    return client.post(f"/organise/events/{event.slug}/setup", data={"form": form, **data})


def add_block(client: FlaskClient, event: Event, day: str, start: str, end: str) -> str:
    response = post_setup(client, event, "block", day=day, start_time=start, end_time=end)
    return response.get_data(as_text=True) if response.status_code != 302 else ""


def meeting_in_first_slot(session: Session, build: Builder, event: Event) -> Meeting:
    first, second = build.participant(event), build.participant(event)
    slot = session.scalars(
        select(TimeSlot).where(TimeSlot.event_id == event.id).order_by(TimeSlot.starts_at)
    ).first()
    table = session.scalars(select(MeetingTable).where(MeetingTable.event_id == event.id)).first()
    assert slot is not None and table is not None
    return build.meeting(first, second, slot, table=table)


def test_adding_a_block_generates_its_slots_in_utc(
    organiser_client: FlaskClient, session: Session, event: Event
) -> None:
    assert add_block(organiser_client, event, "2026-04-21", "14:00", "15:30") == ""

    starts = slot_starts(session, event)
    assert starts[-3:] == ["2026-04-21 14:00", "2026-04-21 14:30", "2026-04-21 15:00"]
    stored = session.scalars(
        select(TimeSlot).where(TimeSlot.event_id == event.id).order_by(TimeSlot.starts_at.desc())
    ).first()
    assert stored is not None
    assert stored.starts_at == datetime(2026, 4, 21, 13, 0, tzinfo=UTC)
    session.commit()
    page = organiser_client.get(f"/organise/events/{event.slug}/setup").get_data(as_text=True)
    assert "14:30–15:00 Berlin time, UTC+2" in page


def test_a_block_across_the_spring_switch_gets_real_half_hours(
    organiser_client: FlaskClient, session: Session, event: Event
) -> None:
    add_block(organiser_client, event, "2026-03-29", "01:00", "04:00")
    assert [start for start in slot_starts(session, event) if start.startswith("2026-03-29")] == [
        "2026-03-29 01:00",
        "2026-03-29 01:30",
        "2026-03-29 03:00",
        "2026-03-29 03:30",
    ]


def test_a_block_ending_before_it_starts_is_refused(
    organiser_client: FlaskClient, session: Session, event: Event
) -> None:
    before = slot_starts(session, event)
    page = add_block(organiser_client, event, "2026-04-21", "12:00", "10:00")
    assert "The block must end after it starts." in page
    assert slot_starts(session, event) == before


def test_overlapping_and_too_short_blocks_are_refused(
    organiser_client: FlaskClient, session: Session, event: Event
) -> None:
    assert "overlaps the block 09:00–11:00" in add_block(
        organiser_client, event, "2026-04-20", "10:30", "12:00"
    )
    assert "shorter than one 30-minute slot" in add_block(
        organiser_client, event, "2026-04-20", "12:00", "12:20"
    )
    assert len(slot_starts(session, event)) == 4


def test_removing_a_block_removes_its_slots(
    organiser_client: FlaskClient, session: Session, event: Event
) -> None:
    add_block(organiser_client, event, "2026-04-21", "09:00", "10:00")
    block = session.scalars(select(Block).where(Block.day == date(2026, 4, 21))).one()
    block_id = block.id
    session.commit()

    response = organiser_client.post(f"/organise/events/{event.slug}/blocks/{block_id}/remove")

    assert response.status_code == 302
    assert len(slot_starts(session, event)) == 4
    assert session.get(Block, block_id) is None


def test_changing_the_slot_length_regenerates_slots(
    organiser_client: FlaskClient, session: Session, event: Event
) -> None:
    response = organiser_client.post(
        f"/organise/events/{event.slug}/edit", data=settings_form(event, slot_minutes="20")
    )
    assert response.status_code == 302
    assert slot_starts(session, event) == [
        "2026-04-20 09:00",
        "2026-04-20 09:25",
        "2026-04-20 09:50",
        "2026-04-20 10:15",
        "2026-04-20 10:40",
    ]


def settings_form(event: Event, **changes: str) -> dict[str, str]:
    form = {
        "name": event.name,
        "timezone": event.timezone,
        "slot_minutes": str(event.slot_minutes),
        "break_minutes": "5",
        "sectors": "\n".join(event.sectors),
        "technologies": "\n".join(event.technologies),
    }
    form.update(changes)
    return form


def test_regeneration_is_refused_while_meetings_use_disappearing_slots(
    organiser_client: FlaskClient, session: Session, build: Builder, event: Event
) -> None:
    meeting = meeting_in_first_slot(session, build, event)
    before = slot_starts(session, event)
    block_id = session.scalars(select(Block.id).where(Block.event_id == event.id)).one()
    session.commit()

    response = organiser_client.post(
        f"/organise/events/{event.slug}/edit", data=settings_form(event, slot_minutes="45")
    )
    assert response.status_code == 200
    assert "1 meeting is scheduled in the slots this change removes" in response.get_data(
        as_text=True
    )
    response = organiser_client.post(f"/organise/events/{event.slug}/blocks/{block_id}/remove")
    assert response.status_code == 302

    assert slot_starts(session, event) == before
    session.expire_all()
    stored = session.get_one(Event, event.id)
    assert stored.slot_minutes == 30
    assert session.get(Meeting, meeting.id) is not None
    session.commit()
    page = organiser_client.get(f"/organise/events/{event.slug}/setup").get_data(as_text=True)
    assert "1 meeting is scheduled in this block" in page


def test_slots_that_stay_keep_their_rows_when_a_block_is_added(
    organiser_client: FlaskClient, session: Session, build: Builder, event: Event
) -> None:
    meeting = meeting_in_first_slot(session, build, event)
    slot_id = meeting.slot_id
    session.commit()

    add_block(organiser_client, event, "2026-04-20", "14:00", "15:00")

    session.expire_all()
    assert session.get_one(Meeting, meeting.id).slot_id == slot_id
    assert len(slot_starts(session, event)) == 6


def table_names(session: Session, event: Event) -> list[tuple[str, str]]:
    session.expire_all()
    tables = session.scalars(
        select(MeetingTable)
        .where(MeetingTable.event_id == event.id)
        .order_by(MeetingTable.position)
    ).all()
    names = [(table.name, table.place) for table in tables]
    session.commit()
    return names


def test_tables_by_count(organiser_client: FlaskClient, session: Session, event: Event) -> None:
    response = post_setup(organiser_client, event, "table-count", count="20")
    assert response.status_code == 302
    names = table_names(session, event)
    assert len(names) == 20
    assert names[0] == ("Table 1", "") and names[-1] == ("Table 20", "")

    response = post_setup(organiser_client, event, "table-count", count="0")
    assert response.status_code == 400
    assert len(table_names(session, event)) == 20


def test_tables_by_named_list_with_places(
    organiser_client: FlaskClient, session: Session, event: Event
) -> None:
    response = post_setup(
        organiser_client,
        event,
        "table-list",
        tables="Table A; Hall 8 lounge\n\nTable B;Hall 8 lounge\nEU pavilion desk",
    )
    assert response.status_code == 302
    assert table_names(session, event) == [
        ("Table A", "Hall 8 lounge"),
        ("Table B", "Hall 8 lounge"),
        ("EU pavilion desk", ""),
    ]

    response = post_setup(organiser_client, event, "table-list", tables="Table A\ntable a")
    assert "listed twice" in response.get_data(as_text=True)
    assert len(table_names(session, event)) == 3


def test_tables_with_confirmed_meetings_are_not_removed(
    organiser_client: FlaskClient, session: Session, build: Builder, event: Event
) -> None:
    meeting_in_first_slot(session, build, event)  # at T1
    session.commit()

    post_setup(organiser_client, event, "table-count", count="2")

    assert [name for name, _ in table_names(session, event)] == ["T1", "T2", "T3"]
    page = organiser_client.get(f"/organise/events/{event.slug}/setup").get_data(as_text=True)
    assert "takes place at a table this change removes" in page

    response = post_setup(organiser_client, event, "table-list", tables="T1; Hall 8\nT2\nT3\nT4")
    assert response.status_code == 302
    assert table_names(session, event)[0] == ("T1", "Hall 8")


def test_phases_move_forward_and_back_but_never_publish(
    organiser_client: FlaskClient, session: Session, event: Event
) -> None:
    def move(direction: str) -> Phase:
        organiser_client.post(f"/organise/events/{event.slug}/phase", data={"direction": direction})
        session.expire_all()
        phase = session.get_one(Event, event.id).phase
        session.commit()
        return phase

    assert move("back") == Phase.DRAFT
    assert move("back") == Phase.DRAFT
    assert move("forward") == Phase.REGISTRATION
    assert move("forward") == Phase.PREFERENCES
    assert move("forward") == Phase.SCHEDULED
    assert move("forward") == Phase.SCHEDULED
    page = organiser_client.get(f"/organise/events/{event.slug}").get_data(as_text=True)
    assert "Publish the schedule from the schedule pages." in page

    stored = session.get_one(Event, event.id)
    stored.phase = Phase.PUBLISHED
    session.commit()
    assert move("back") == Phase.PUBLISHED
    assert move("sideways") == Phase.PUBLISHED


def test_the_setup_page_lists_blocks_slots_and_tables(
    organiser_client: FlaskClient, event: Event
) -> None:
    page = organiser_client.get(f"/organise/events/{event.slug}/setup").get_data(as_text=True)
    assert "09:00–09:30 Berlin time, UTC+2" in page
    assert "10:30–11:00 Berlin time, UTC+2" in page
    assert "T3" in page
    assert time(9).strftime("%H:%M") in page


def test_minutes_no_slot_fits_are_reported_but_the_block_is_added(
    organiser_client: FlaskClient, session: Session, event: Event
) -> None:
    response = post_setup(
        organiser_client, event, "block", day="2026-04-20", start_time="13:00", end_time="14:10"
    )
    assert response.status_code == 302
    # an explicit fragment, or the browser keeps the form's #add-block and hides the message
    assert response.headers["Location"].endswith(f"/events/{event.slug}/setup#main")
    page = organiser_client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Block added with 2 slots." in page
    assert "10 minutes at the end of the block are unused" in page
    assert "to the event's days" not in page
    assert slot_starts(session, event)[-2:] == ["2026-04-20 13:00", "2026-04-20 13:30"]


def test_a_block_on_a_new_day_says_it_adds_that_day(
    organiser_client: FlaskClient, session: Session, event: Event
) -> None:
    response = post_setup(
        organiser_client, event, "block", day="2026-04-21", start_time="09:00", end_time="10:00"
    )
    page = organiser_client.get(response.headers["Location"]).get_data(as_text=True)
    assert "This adds Tuesday 21 April 2026 to the event&#39;s days." in page
    assert "unused" not in page
    assert slot_starts(session, event)[-1] == "2026-04-21 09:30"

    response = post_setup(
        organiser_client, event, "block", day="2026-04-21", start_time="14:00", end_time="15:00"
    )
    page = organiser_client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Block added with 2 slots." in page
    assert 'class="alert alert--warning"' not in page


def test_a_refused_setup_form_is_shown_again_at_the_setup_address(
    organiser_client: FlaskClient, event: Event
) -> None:
    response = post_setup(
        organiser_client, event, "block", day="2026-04-20", start_time="10:00", end_time="12:00"
    )
    assert response.status_code == 400
    assert response.request.path == f"/organise/events/{event.slug}/setup"
    page = response.get_data(as_text=True)
    assert "overlaps the block 09:00–11:00" in page
    assert f'action="/organise/events/{event.slug}/setup#add-block"' in page
    assert 'value="12:00"' in page  # what was typed is kept

    assert post_setup(organiser_client, event, "unknown").status_code == 400


def test_the_block_day_defaults_to_the_day_after_the_last_block(
    organiser_client: FlaskClient, session: Session, build: Builder, event: Event
) -> None:
    page = organiser_client.get(f"/organise/events/{event.slug}/setup").get_data(as_text=True)
    assert re.search(r'id="day"[^>]*value="2026-04-21"', page)

    stored = session.get_one(Event, event.id)
    stored.mission.end_date = date(2026, 4, 20)
    session.commit()
    page = organiser_client.get(f"/organise/events/{event.slug}/setup").get_data(as_text=True)
    assert re.search(r'id="day"[^>]*value="2026-04-20"', page)  # the mission's last day


def test_the_block_day_of_a_new_event_defaults_to_the_missions_first_day(
    organiser_client: FlaskClient, session: Session, event: Event
) -> None:
    stored = session.get_one(Event, event.id)
    for block in list(stored.blocks):
        stored.blocks.remove(block)
        session.delete(block)
    stored.mission.start_date = date(2026, 4, 19)
    session.commit()
    page = organiser_client.get(f"/organise/events/{event.slug}/setup").get_data(as_text=True)
    assert re.search(r'id="day"[^>]*value="2026-04-19"', page)
