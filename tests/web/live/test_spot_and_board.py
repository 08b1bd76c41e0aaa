"""Free now (on-the-spot meetings) and the big-screen board."""

from __future__ import annotations

import html
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from matchmaker.models import (
    ChangeKind,
    LiveChange,
    Meeting,
    MeetingStatus,
    MeetingTable,
    place_meeting,
)
from tests.web.live.live_helpers import Clock, LiveEvent, berlin


def _check_in_all(client: Any, live: LiveEvent, *names: str) -> None:
    for name in names:
        client.post(
            f"/live/events/{live.event.slug}/desk", data={"participant_id": live.person(name).id}
        )


def test_a_participant_asks_a_free_match_and_the_other_accepts(
    client: Any, log_in: Any, live: LiveEvent, session: Any, clock: Clock
) -> None:
    slug = live.event.slug
    log_in(live.organiser)
    _check_in_all(client, live, "Cleo", "Eva", "Dan")
    client.post("/logout")
    clock.at = berlin(9, 2)
    cleo, eva = live.person("Cleo"), live.person("Eva")
    log_in(cleo.user)
    page = html.unescape(client.get(f"/live/events/{slug}/me/free").get_data(as_text=True))
    assert "Now: 09:00–09:30" in page and "Eva Tester" in page
    # Cleo has a meeting at 09:30, so "next" is not offered; Dan is not one of her matches.
    assert "Next:" not in page and "Dan Tester" not in page
    now_slot = live.event.slots[0]
    client.post(
        f"/live/events/{slug}/me/requests", data={"partner_id": eva.id, "slot_id": now_slot.id}
    )
    client.post("/logout")
    log_in(eva.user)
    page = html.unescape(client.get(f"/live/events/{slug}/me/free").get_data(as_text=True))
    assert "Asking you" in page and "Cleo Tester" in page
    # Cleo is listed once, to answer; not again among those Eva could ask.
    assert page.count("Cleo Tester") == 1
    request_id = page.split("/me/requests/")[1].split("/")[0]
    response = client.post(
        f"/live/events/{slug}/me/requests/{request_id}/accept", follow_redirects=True
    )
    text = html.unescape(response.get_data(as_text=True))
    assert "Meeting with Cleo Tester at 09:00, T2." in text  # T1 is taken by Ana and Ben
    low, high = sorted((cleo.id, eva.id))
    meeting = session.scalar(
        select(Meeting).where(Meeting.participant_a_id == low, Meeting.participant_b_id == high)
    )
    change = session.scalar(select(LiveChange).where(LiveChange.meeting_id == meeting.id))
    session.commit()
    assert meeting.status == MeetingStatus.CONFIRMED and meeting.slot_id == now_slot.id
    assert change.kind == ChangeKind.SPOT
    # The database still refuses a double booking: Eva cannot get a second 09:00 seat.
    clash = Meeting(
        event_id=live.event.id,
        participant_a_id=min(eva.id, live.person("Dan").id),
        participant_b_id=max(eva.id, live.person("Dan").id),
    )
    with pytest.raises(IntegrityError):
        place_meeting(session, clash, slot_id=now_slot.id, table_id=live.event.tables[2].id)
        session.commit()
    session.rollback()


def test_nobody_can_ask_before_checking_in(
    client: Any, log_in: Any, live: LiveEvent, clock: Clock
) -> None:
    clock.at = berlin(9, 2)
    log_in(live.person("Cleo").user)
    page = client.get(f"/live/events/{live.event.slug}/me/free").get_data(as_text=True)
    assert "Check in at the desk first" in page


def test_the_board_shows_current_and_next_pairs_by_token_until_switched_off(
    client: Any, log_in: Any, live: LiveEvent, clock: Clock
) -> None:
    slug = live.event.slug
    log_in(live.organiser)
    client.post(f"/live/events/{slug}/boards", data={"name": "Hall 8 screen", "hall": ""})
    page = html.unescape(client.get(f"/live/events/{slug}/boards").get_data(as_text=True))
    url = page.split('class="small board-link" href="')[1].split('"')[0]
    path = url.split("localhost", 1)[1]
    client.post("/logout")
    clock.at = berlin(9, 40)
    board = html.unescape(client.get(path).get_data(as_text=True))
    assert "Now · 09:30–10:00" in board and "Ana GmbH" in board and "Cleo GmbH" in board
    assert "Next · 10:00–10:30" in board and "Dan GmbH" in board and "Eva GmbH" in board
    assert 'data-zone="Europe/Berlin"' in board and 'http-equiv="refresh"' in board
    log_in(live.organiser)
    boards = client.get(f"/live/events/{slug}/boards").get_data(as_text=True)
    board_id = boards.split("/boards/")[1].split("/revoke")[0]
    client.post(f"/live/events/{slug}/boards/{board_id}/revoke")
    assert client.get(path).status_code == 404
    assert client.get("/live/board/not-a-token").status_code == 404


def test_a_hall_board_shows_only_the_tables_placed_in_that_hall(
    client: Any, log_in: Any, live: LiveEvent, session: Any, clock: Clock
) -> None:
    slug = live.event.slug
    hall_table = session.get(MeetingTable, live.event.tables[1].id)
    hall_table.place = "Hall 9, north wall"
    session.commit()
    log_in(live.organiser)
    client.post(f"/live/events/{slug}/boards", data={"name": "Hall 9", "hall": "hall 9"})
    page = html.unescape(client.get(f"/live/events/{slug}/boards").get_data(as_text=True))
    path = page.split('class="small board-link" href="')[1].split('"')[0].split("localhost", 1)[1]
    clock.at = berlin(10, 10)
    board = html.unescape(client.get(path).get_data(as_text=True))
    now_panel, next_panel = board.split("Next ·")
    assert "Dan GmbH" in now_panel and "Eva GmbH" in now_panel
    assert "Ben GmbH" not in next_panel and "No meetings." in next_panel


@pytest.mark.parametrize(("minute", "offered"), [(14, True), (15, False)])
def test_the_running_slot_is_offered_for_a_meeting_until_half_of_it_has_passed(
    client: Any, log_in: Any, live: LiveEvent, clock: Clock, minute: int, offered: bool
) -> None:
    slug = live.event.slug
    log_in(live.organiser)
    _check_in_all(client, live, "Cleo", "Eva")
    client.post("/logout")
    cleo, eva = live.person("Cleo"), live.person("Eva")
    clock.at = berlin(9, minute)
    log_in(cleo.user)
    page = html.unescape(client.get(f"/live/events/{slug}/me/free").get_data(as_text=True))
    assert ("Now: 09:00–09:30" in page) == offered
    response = client.post(
        f"/live/events/{slug}/me/requests",
        data={"partner_id": eva.id, "slot_id": live.event.slots[0].id},
        follow_redirects=True,
    )
    assert ("Eva Tester" in html.unescape(response.get_data(as_text=True))) == offered
