"""Edit aids on the pages: free times and swaps on a meeting's page, meetings to gain on a
participant's page, each applied in one click."""

from __future__ import annotations

import re
from typing import Any

from flask.testing import FlaskClient
from sqlalchemy.orm import Session

from matchmaker.models import PreferenceLevel, Unavailability
from tests.web.schedule.conftest import meeting_url, page_text


def person_url(event: Any, participant: Any) -> str:
    return f"/organise/events/{event.slug}/schedule/people/{participant.id}"


def listed(page: str, list_id: str) -> str:
    """The HTML of the list with this id."""
    found = re.search(rf'<ul class="choice-list" id="{list_id}">(.*?)</ul>', page, re.S)
    assert found is not None, list_id
    return found.group(1)


def slot_label(event: Any, index: int) -> str:
    return event.slots[index].local_start(event.zone).strftime("%a %d %b %H:%M")


def test_the_meeting_page_offers_only_the_free_times_and_moves_in_one_click(
    logged_in: FlaskClient, small_event: Any, session: Session, seat: Any, reload: Any
) -> None:
    event, p = small_event.event, small_event.people
    meeting = seat(event, p[0], p[3], 0, 0)
    seat(event, p[3], p[1], 1, 0)  # p[3] busy in slot 1
    session.add(Unavailability(participant_id=p[0].id, slot_id=event.slots[2].id))
    session.commit()
    choices = listed(page_text(logged_in.get(meeting_url(event, meeting))), "move-choices")
    assert slot_label(event, 3) in choices
    for busy in (0, 1, 2):
        assert slot_label(event, busy) not in choices
    response = logged_in.post(
        meeting_url(event, meeting, "move"),
        data={"move-slot": event.slots[3].id, "move-place": event.tables[0].id},
    )
    assert response.status_code == 302
    assert reload(meeting).slot_id == event.slots[3].id


def test_the_meeting_page_offers_the_meetings_it_can_swap_with(
    logged_in: FlaskClient, small_event: Any, session: Session, seat: Any
) -> None:
    event, p = small_event.event, small_event.people
    meeting = seat(event, p[0], p[3], 0, 0)
    fits = seat(event, p[1], p[4], 1, 0)
    blocked = seat(event, p[2], p[5], 2, 0)
    session.add(Unavailability(participant_id=p[5].id, slot_id=event.slots[0].id))
    session.commit()
    swaps = listed(page_text(logged_in.get(meeting_url(event, meeting))), "swap-choices")
    assert f'value="{fits.id}"' in swaps
    assert f'value="{blocked.id}"' not in swaps


def test_a_person_below_the_minimum_sees_meetings_to_gain_heaviest_first(
    logged_in: FlaskClient, small_event: Any, session: Session, seat: Any, prefer: Any
) -> None:
    event, p = small_event.event, small_event.people
    event.min_meetings = 2
    session.commit()
    prefer(p[3], p[0], PreferenceLevel.MUST)  # p[0]-p[3] weighs more than p[0]-p[4]
    seat(event, p[0], p[5], 0, 0)
    page = page_text(logged_in.get(person_url(event, p[0])))
    assert "1 meeting, guaranteed minimum 2" in page
    assert "below the minimum" in page
    gains = listed(page, "additions")
    assert gains.index(p[3].full_name) < gains.index(p[4].full_name)
    assert p[5].full_name not in gains  # already met
    assert p[1].full_name not in gains  # nobody asked
    response = logged_in.post(
        f"/organise/events/{event.slug}/schedule/meetings/new",
        data={
            "first": p[0].id,
            "second": p[3].id,
            "slot": event.slots[1].id,
            "place": event.tables[0].id,
        },
    )
    assert response.status_code == 302
    after = page_text(logged_in.get(person_url(event, p[0])))
    assert "2 meetings, guaranteed minimum 2" in after
    assert "below the minimum" not in after
