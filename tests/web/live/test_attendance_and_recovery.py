"""Attendance per meeting, no-shows, and same-day recovery with replacement meetings."""

from __future__ import annotations

import html
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select

from matchmaker.models import AttendanceMark, ChangeKind, LiveChange, Meeting, MeetingStatus
from tests.web.live.live_helpers import Clock, LiveEvent, berlin


def _check_in(client: Any, slug: str, *people: Any) -> None:
    for person in people:
        client.post(f"/live/events/{slug}/desk", data={"participant_id": person.id})


def _meetings(session: Any, live: LiveEvent) -> list[Meeting]:
    rows = list(
        session.scalars(
            select(Meeting)
            .where(Meeting.event_id == live.event.id)
            .execution_options(populate_existing=True)
        )
    )
    session.commit()
    return rows


def test_a_participant_marks_a_meeting_held_from_the_agenda(
    client: Any, log_in: Any, live: LiveEvent, session: Any, clock: Clock
) -> None:
    meeting = live.meetings["ana-ben"]
    log_in(live.person("Ben").user)
    clock.at = berlin(8, 55)
    early = client.post(
        f"/live/events/{live.event.slug}/me/meetings/{meeting.id}/attendance",
        data={"outcome": "held"},
        follow_redirects=True,
    )
    assert "has not begun yet" in early.get_data(as_text=True)
    clock.at = berlin(9, 5)
    agenda = client.get(f"/events/{live.event.slug}/agenda").get_data(as_text=True)
    assert "We met" in agenda and "Ana did not come" in agenda
    client.post(
        f"/live/events/{live.event.slug}/me/meetings/{meeting.id}/attendance",
        data={"outcome": "held"},
    )
    mark = session.get(AttendanceMark, meeting.id)
    session.commit()
    assert mark is not None and mark.outcome.value == "held"
    assert "Marked as held." in client.get(f"/events/{live.event.slug}/agenda").get_data(
        as_text=True
    )


def test_staff_mark_a_partner_absent_and_the_live_view_shows_the_slot(
    client: Any, log_in: Any, live: LiveEvent, staff_user: Any, session: Any, clock: Clock
) -> None:
    slug = live.event.slug
    log_in(staff_user)
    _check_in(client, slug, live.person("Ben"))
    clock.at = berlin(9, 3)
    page = html.unescape(client.get(f"/live/events/{slug}/now").get_data(as_text=True))
    assert "09:00–09:30" in page and "Under way" in page and "T1" in page
    ana = live.person("Ana")
    client.post(
        f"/live/events/{slug}/meetings/{live.meetings['ana-ben'].id}/attendance",
        data={"outcome": "absent", "absent_id": ana.id},
    )
    mark = session.get(AttendanceMark, live.meetings["ana-ben"].id)
    session.commit()
    assert mark.absent_participant_id == ana.id
    page = html.unescape(client.get(f"/live/events/{slug}/now").get_data(as_text=True))
    assert "Ana Tester missing" in page
    # Staff record attendance but cannot release anyone's meetings.
    assert "Release" not in page
    released = client.post(f"/live/events/{slug}/participants/{ana.id}/release")
    assert released.status_code == 404


def test_someone_not_checked_in_ten_minutes_after_the_start_is_a_no_show(
    client: Any, log_in: Any, live: LiveEvent, clock: Clock
) -> None:
    slug = live.event.slug
    log_in(live.organiser)
    _check_in(client, slug, live.person("Ben"))
    clock.at = berlin(9, 9)
    assert "missing" not in client.get(f"/live/events/{slug}/now").get_data(as_text=True)
    clock.at = berlin(9, 10)
    page = html.unescape(client.get(f"/live/events/{slug}/now").get_data(as_text=True))
    assert "Ana Tester missing" in page and "Release Ana Tester’s meetings today" in page
    client.post(f"/live/events/{slug}/no-show", data={"no_show_minutes": 15})
    assert "missing" not in client.get(f"/live/events/{slug}/now").get_data(as_text=True)


def test_releasing_a_no_show_gives_partners_replacement_meetings_in_agendas_and_feeds(
    client: Any, log_in: Any, live: LiveEvent, session: Any, clock: Clock
) -> None:
    slug = live.event.slug
    ben, cleo, dan, eva, finn = (live.person(n) for n in ("Ben", "Cleo", "Dan", "Eva", "Finn"))
    log_in(live.organiser)
    _check_in(client, slug, ben, cleo, dan, eva, finn)
    clock.at = berlin(8, 59)
    ana = live.person("Ana")
    response = client.post(
        f"/live/events/{slug}/participants/{ana.id}/release", follow_redirects=True
    )
    assert "2 meetings of Ana Tester released; 2 replacement meetings" in response.get_data(
        as_text=True
    )
    rows = {(m.participant_a_id, m.participant_b_id): m for m in _meetings(session, live)}
    for key in ("ana-ben", "ana-cleo"):
        old = live.meetings[key]
        row = rows[(old.participant_a_id, old.participant_b_id)]
        # The published slot and table stay on the row; the meeting is cancelled.
        assert row.status == MeetingStatus.CANCELLED
        assert (row.slot_id, row.table_id) == (old.slot_id, old.table_id)
        assert row.sequence == 1
    ben_dan = rows[tuple(sorted((ben.id, dan.id)))]
    cleo_eva = rows[tuple(sorted((cleo.id, eva.id)))]
    assert ben_dan.status == MeetingStatus.CONFIRMED and ben_dan.slot_id == live.event.slots[0].id
    assert cleo_eva.slot_id == live.event.slots[1].id
    # Everyone else's published meetings are as they were.
    for key in ("dan-eva", "ben-finn"):
        old = live.meetings[key]
        row = rows[(old.participant_a_id, old.participant_b_id)]
        assert (row.status, row.slot_id, row.table_id, row.sequence) == (
            MeetingStatus.CONFIRMED,
            old.slot_id,
            old.table_id,
            0,
        )
    kinds = sorted(c.kind.value for c in session.scalars(select(LiveChange)).all())
    session.commit()
    assert kinds == ["released", "released", "replacement", "replacement"]
    assert ChangeKind.REPLACEMENT.value in kinds

    client.post("/logout")
    log_in(ben.user)
    agenda = client.get(f"/events/{slug}/agenda").get_data(as_text=True)
    assert "Dan Tester" in agenda and "Cancelled" in agenda and "Replacement" in agenda
    client.post(f"/calendar/events/{slug}/feed")
    feed_link = html.unescape(client.get(f"/events/{slug}/agenda").get_data(as_text=True))
    token = feed_link.split("/calendar/feed/")[1].split(".ics")[0]
    feed = client.get(f"/calendar/feed/{token}.ics").get_data(as_text=True)
    assert "B2B: Dan GmbH" in feed and "STATUS:CANCELLED" in feed and "SEQUENCE:1" in feed


def test_a_participant_who_leaves_releases_their_own_remaining_meetings(
    client: Any, log_in: Any, live: LiveEvent, session: Any, clock: Clock
) -> None:
    slug = live.event.slug
    log_in(live.person("Ben").user)
    clock.at = berlin(10, 5)
    response = client.post(f"/live/events/{slug}/me/left", follow_redirects=True)
    assert "your remaining meeting today is cancelled" in response.get_data(as_text=True)
    rows = {(m.participant_a_id, m.participant_b_id): m for m in _meetings(session, live)}
    old = live.meetings["ben-finn"]
    assert rows[(old.participant_a_id, old.participant_b_id)].status == MeetingStatus.CANCELLED
    old = live.meetings["ana-ben"]
    assert rows[(old.participant_a_id, old.participant_b_id)].status == MeetingStatus.CONFIRMED


@pytest.mark.parametrize(
    ("minute", "released", "replacements"),
    [
        # 09:14: the running 09:00 slot is not half over, so Ben can still meet Dan in it.
        (14, {"ana-ben", "ana-cleo"}, 2),
        # 09:15: half of it has passed; Ana's 09:00 meeting stays as published (a no-show)
        # and only the 09:30 one is released, for Cleo to meet Eva.
        (15, {"ana-cleo"}, 1),
    ],
)
def test_a_running_slot_can_be_re_planned_until_half_of_it_has_passed(
    client: Any,
    log_in: Any,
    live: LiveEvent,
    session: Any,
    clock: Clock,
    minute: int,
    released: set[str],
    replacements: int,
) -> None:
    slug = live.event.slug
    ben, cleo, dan, eva, finn = (live.person(n) for n in ("Ben", "Cleo", "Dan", "Eva", "Finn"))
    log_in(live.organiser)
    _check_in(client, slug, ben, cleo, dan, eva, finn)
    clock.at = berlin(9, minute)
    client.post(f"/live/events/{slug}/participants/{live.person('Ana').id}/release")
    rows = {(m.participant_a_id, m.participant_b_id): m for m in _meetings(session, live)}
    cancelled = {
        key
        for key, old in live.meetings.items()
        if rows[(old.participant_a_id, old.participant_b_id)].status == MeetingStatus.CANCELLED
    }
    assert cancelled == released
    ben_dan = rows.get(tuple(sorted((ben.id, dan.id))))
    assert (ben_dan is not None) == (minute < 15)
    if ben_dan is not None:
        assert ben_dan.slot_id == live.event.slots[0].id
    assert rows[tuple(sorted((cleo.id, eva.id)))].slot_id == live.event.slots[1].id
    kinds = [c.kind for c in session.scalars(select(LiveChange)).all()]
    session.commit()
    assert kinds.count(ChangeKind.REPLACEMENT) == replacements


@pytest.mark.parametrize("on_the_day", [True, False])
def test_hand_edits_on_the_day_are_recorded_against_the_published_schedule(
    client: Any, log_in: Any, live: LiveEvent, session: Any, clock: Clock, on_the_day: bool
) -> None:
    slug, event = live.event.slug, live.event
    clock.at = berlin(9, 5) if on_the_day else berlin(9, 5) - timedelta(days=1)
    log_in(live.organiser)
    base = f"/organise/events/{slug}/schedule/meetings"
    dan_eva, ben_finn = live.meetings["dan-eva"], live.meetings["ben-finn"]
    moved = client.post(
        f"{base}/{dan_eva.id}/move",
        data={"move-slot": event.slots[3].id, "move-place": event.tables[1].id},
    )
    assert moved.status_code == 302
    assert client.post(f"{base}/{ben_finn.id}/cancel").status_code == 302
    changes = {
        (c.meeting_id, c.kind)
        for c in session.scalars(select(LiveChange).execution_options(populate_existing=True))
    }
    session.commit()
    if not on_the_day:
        assert changes == set()  # before the day the schedule is still being shaped
        return
    assert changes == {(dan_eva.id, ChangeKind.EDITED), (ben_finn.id, ChangeKind.EDITED)}
    statistics = client.get(f"/organise/events/{slug}/schedule/statistics").get_data(as_text=True)
    assert "Edited by hand</dt><dd>2</dd>" in statistics
    clock.at = berlin(10, 45)
    sheet = client.get(f"/organise/events/{slug}/schedule/export/attendance.csv")
    assert "edited by hand" in sheet.get_data(as_text=True)
