"""Hand edits: move, swap, cancel, add, lock; clashes refused by the database, nothing changed."""

from __future__ import annotations

from typing import Any

from flask.testing import FlaskClient
from sqlalchemy.orm import Session

from matchmaker.db import utcnow
from matchmaker.models import Meeting, MeetingStatus
from tests.web.schedule.conftest import at, meeting_url, page_text


def where(reload: Any, meeting: Meeting) -> tuple[int, int | None, MeetingStatus, int]:
    fresh = reload(meeting)
    return (fresh.slot_id, fresh.table_id, fresh.status, fresh.sequence)


def test_move_refused_when_a_participant_is_busy_then_done_when_free(
    logged_in: FlaskClient, small_event: Any, session: Session, reload: Any, seat: Any
) -> None:
    event, p = small_event.event, small_event.people
    meeting = seat(event, p[0], p[3], 0, 0)
    seat(event, p[0], p[4], 1, 1)
    page = logged_in.get(meeting_url(event, meeting))
    assert page.status_code == 200 and b"Swap times" in page.data

    busy = {"move-slot": event.slots[1].id, "move-place": event.tables[0].id}
    response = logged_in.post(meeting_url(event, meeting, "move"), data=busy, follow_redirects=True)
    assert f"{p[0].full_name} already meets {p[4].full_name} on {at(event, 1)}." in page_text(
        response
    )
    assert where(reload, meeting) == (event.slots[0].id, event.tables[0].id, "confirmed", 0)

    seat(event, p[1], p[5], 2, 1)
    table_taken = {"move-slot": event.slots[2].id, "move-place": event.tables[1].id}
    response = logged_in.post(meeting_url(event, meeting, "move"), data=table_taken)
    taken_by = f"{p[1].full_name} and {p[5].full_name}"
    assert f"{event.tables[1].name} is taken on {at(event, 2)} by {taken_by}." in page_text(
        response
    )
    assert f'<option selected value="{event.slots[2].id}">' in page_text(response)
    assert where(reload, meeting)[:2] == (event.slots[0].id, event.tables[0].id)

    free = {"move-slot": event.slots[2].id, "move-place": event.tables[2].id}
    response = logged_in.post(meeting_url(event, meeting, "move"), data=free, follow_redirects=True)
    assert b"Meeting moved" in response.data
    assert where(reload, meeting) == (event.slots[2].id, event.tables[2].id, "confirmed", 1)


def test_swap_exchanges_times_even_when_the_people_overlap(
    logged_in: FlaskClient, small_event: Any, session: Session, reload: Any, seat: Any
) -> None:
    event, p = small_event.event, small_event.people
    first = seat(event, p[0], p[3], 0, 0)
    second = seat(event, p[0], p[4], 1, 1)
    response = logged_in.post(
        meeting_url(event, first, "swap"), data={"swap-other": second.id}, follow_redirects=True
    )
    assert b"Meetings swapped" in response.data
    assert where(reload, first) == (event.slots[1].id, event.tables[1].id, "confirmed", 1)
    assert where(reload, second) == (event.slots[0].id, event.tables[0].id, "confirmed", 1)


def test_swap_refused_when_it_would_double_book(
    logged_in: FlaskClient, small_event: Any, session: Session, reload: Any, seat: Any
) -> None:
    event, p = small_event.event, small_event.people
    first = seat(event, p[0], p[3], 0, 0)
    second = seat(event, p[1], p[4], 1, 0)
    seat(event, p[3], p[2], 1, 1)  # p3 is busy when `second` happens
    response = logged_in.post(
        meeting_url(event, first, "swap"), data={"swap-other": second.id}, follow_redirects=True
    )
    assert f"{p[3].full_name} already meets {p[2].full_name} on {at(event, 1)}." in page_text(
        response
    )
    assert where(reload, first) == (event.slots[0].id, event.tables[0].id, "confirmed", 0)
    assert where(reload, second) == (event.slots[1].id, event.tables[0].id, "confirmed", 0)


def test_cancel_keeps_the_row_and_frees_the_time(
    logged_in: FlaskClient, small_event: Any, session: Session, reload: Any, seat: Any
) -> None:
    event, p = small_event.event, small_event.people
    event.published_at = utcnow()
    session.commit()
    meeting = seat(event, p[0], p[3], 0, 0)
    response = logged_in.post(meeting_url(event, meeting, "cancel"), follow_redirects=True)
    assert b"Meeting cancelled" in response.data
    fresh = reload(meeting)
    assert fresh.status == MeetingStatus.CANCELLED and fresh.sequence == 1
    assert fresh.changed_at is not None and fresh.previous_slot_id == event.slots[0].id
    assert reload(meeting).seats == []
    seat(event, p[0], p[4], 0, 0)  # the time and the table are free again


def test_add_refuses_clashes_and_existing_pairs(
    logged_in: FlaskClient, small_event: Any, session: Session, confirmed: Any, seat: Any
) -> None:
    event, p = small_event.event, small_event.people
    seat(event, p[0], p[3], 0, 0)
    add = f"/organise/events/{event.slug}/schedule/meetings/new"
    assert logged_in.get(add).status_code == 200

    def post(a: Any, b: Any, slot: int, place: Any) -> str:
        data = {"first": a.id, "second": b.id, "slot": event.slots[slot].id, "place": place}
        return page_text(logged_in.post(add, data=data, follow_redirects=True))

    busy = post(p[0], p[4], 0, event.tables[1].id)
    assert f"{p[0].full_name} already meets {p[3].full_name} on {at(event, 0)}." in busy
    table = post(p[1], p[4], 0, event.tables[0].id)
    assert f"{event.tables[0].name} is taken on {at(event, 0)} by " in table
    existing = post(p[3], p[0], 2, event.tables[1].id)
    assert "already have a meeting" in existing
    for chosen in (p[3].id, p[0].id, event.slots[2].id, event.tables[1].id):
        assert f'<option selected value="{chosen}">' in existing
    assert "Neither participant has a booth" in post(p[1], p[4], 1, "booth")
    assert len(confirmed(event)) == 1
    assert "Meeting added" in post(p[1], p[4], 0, event.tables[1].id)
    assert len(confirmed(event)) == 2


def test_lock_and_unlock(
    logged_in: FlaskClient, small_event: Any, session: Session, reload: Any, seat: Any
) -> None:
    event, p = small_event.event, small_event.people
    meeting = seat(event, p[0], p[3], 0, 0)
    logged_in.post(meeting_url(event, meeting, "lock"), data={"locked": "1"})
    assert reload(meeting).locked is True
    logged_in.post(meeting_url(event, meeting, "lock"), data={"locked": "0"})
    assert reload(meeting).locked is False


def test_an_exhibitor_meets_at_the_booth_shown_as_a_grid_column(
    logged_in: FlaskClient, small_event: Any, build: Any, confirmed: Any
) -> None:
    event, p = small_event.event, small_event.people
    exhibitor = build.participant(event, location="Hall 7 · A12")
    add = f"/organise/events/{event.slug}/schedule/meetings/new"
    data = {"first": exhibitor.id, "second": p[0].id, "slot": event.slots[1].id, "place": "booth"}
    assert "Meeting added" in page_text(logged_in.post(add, data=data, follow_redirects=True))
    [meeting] = confirmed(event)
    assert (meeting.table_id, meeting.location) == (None, "Hall 7 · A12")
    grid = logged_in.get(f"/organise/events/{event.slug}/schedule/grid").get_data(as_text=True)
    assert "3 tables and 1 booth ·" in grid
    assert '<th scope="col">Hall 7 · A12<span class="grid__sub">Booth</span></th>' in grid


def test_the_grid_shows_twenty_places_a_page_with_links_to_the_others(
    logged_in: FlaskClient, build: Any, small_event: Any
) -> None:
    event = build.event(tables=45, organisers=(small_event.organiser,))
    one, two, three, four = (build.participant(event) for _ in range(4))
    build.meeting(one, two, event.slots[0], table=event.tables[0])
    build.meeting(three, four, event.slots[1], table=event.tables[44])
    url = f"/organise/events/{event.slug}/schedule/grid"

    first = logged_in.get(url).get_data(as_text=True)
    assert "2 meetings · 45 tables and 0 booths" in first
    assert "Places 1–20 of 45" in first
    assert '<th scope="col">T20</th>' in first and '<th scope="col">T21</th>' not in first
    assert one.full_name in first and three.full_name not in first
    assert f'href="{url}?page=3" rel="next"' not in first
    assert f'<a href="{url}?page=3">3</a>' in first

    last = logged_in.get(f"{url}?page=3").get_data(as_text=True)
    assert "Places 41–45 of 45" in last
    assert '<th scope="col">T45</th>' in last and '<th scope="col">T40</th>' not in last
    assert three.full_name in last and one.full_name not in last
    assert f'href="{url}?page=2" rel="prev"' in last
    assert logged_in.get(f"{url}?page=99").get_data(as_text=True).count("Places 41–45") == 1
    assert "Places 1–20" in logged_in.get(f"{url}?page=x").get_data(as_text=True)


def test_the_grid_by_participant_shows_fifty_people_a_page_and_finds_by_name(
    logged_in: FlaskClient, build: Any, small_event: Any
) -> None:
    event = build.event(organisers=(small_event.organiser,))
    people = [build.participant(event, last_name=f"Zed{index:02d}") for index in range(55)]
    build.meeting(people[0], people[54], event.slots[0], table=event.tables[0])
    url = f"/organise/events/{event.slug}/schedule/people"

    first = logged_in.get(url).get_data(as_text=True)
    assert "55 participants." in first and "People 1–50 of 55" in first
    assert first.count('class="grid__person"') == 50
    assert first.count('<a class="meeting') == 1  # people[0]'s side; people[54] is on page 2
    assert f'<a href="{url}?page=2">2</a>' in first

    second = logged_in.get(f"{url}?page=2").get_data(as_text=True)
    assert second.count('class="grid__person"') == 5 and people[0].full_name in second

    found = logged_in.get(url, query_string={"q": "zed54"}).get_data(as_text=True)
    assert found.count('class="grid__person"') == 1 and people[54].full_name in found
    assert "1 participant matching “zed54”" in found
