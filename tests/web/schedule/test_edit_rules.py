"""Hand edits keep the solver's rules: availability, no colleagues, no withdrawn people."""

from __future__ import annotations

from typing import Any

import pytest
from flask.testing import FlaskClient
from sqlalchemy.orm import Session

from matchmaker.db import utcnow
from matchmaker.models import Organisation, Participant, Unavailability
from matchmaker.schedule import operations, queries
from tests.web.schedule.conftest import at, meeting_url, page_text


def add_url(event: Any) -> str:
    return f"/organise/events/{event.slug}/schedule/meetings/new"


def unavailable(session: Session, person: Participant, slot_id: int) -> None:
    session.add(Unavailability(participant_id=person.id, slot_id=slot_id))
    session.commit()


def test_move_into_a_slot_where_a_participant_is_unavailable_is_refused(
    logged_in: FlaskClient, small_event: Any, session: Session, reload: Any, seat: Any
) -> None:
    event, p = small_event.event, small_event.people
    meeting = seat(event, p[0], p[3], 0, 0)
    unavailable(session, p[3], event.slots[2].id)
    data = {"move-slot": event.slots[2].id, "move-place": event.tables[1].id}
    response = logged_in.post(meeting_url(event, meeting, "move"), data=data)
    assert f"{p[3].full_name} is not available on {at(event, 2)}." in page_text(response)
    assert "Meeting moved" not in page_text(response)
    fresh = reload(meeting)
    assert (fresh.slot_id, fresh.table_id, fresh.sequence) == (
        event.slots[0].id,
        event.tables[0].id,
        0,
    )


def test_add_in_a_slot_where_a_participant_is_unavailable_is_refused(
    logged_in: FlaskClient, small_event: Any, session: Session, confirmed: Any
) -> None:
    event, p = small_event.event, small_event.people
    unavailable(session, p[1], event.slots[1].id)
    data = {
        "first": p[1].id,
        "second": p[4].id,
        "slot": event.slots[1].id,
        "place": event.tables[0].id,
    }
    response = logged_in.post(add_url(event), data=data)
    assert f"{p[1].full_name} is not available on {at(event, 1)}." in page_text(response)
    assert confirmed(event) == []


def test_swap_into_a_slot_where_a_participant_is_unavailable_is_refused(
    logged_in: FlaskClient, small_event: Any, session: Session, reload: Any, seat: Any
) -> None:
    event, p = small_event.event, small_event.people
    first = seat(event, p[0], p[3], 0, 0)
    second = seat(event, p[1], p[4], 1, 1)
    unavailable(session, p[4], event.slots[0].id)
    response = logged_in.post(meeting_url(event, first, "swap"), data={"swap-other": second.id})
    assert f"{p[4].full_name} is not available on {at(event, 0)}." in page_text(response)
    assert (reload(first).slot_id, reload(second).slot_id) == (event.slots[0].id, event.slots[1].id)


def test_add_refuses_colleagues_and_withdrawn_people(
    logged_in: FlaskClient, small_event: Any, session: Session, build: Any, confirmed: Any
) -> None:
    event, p = small_event.event, small_event.people
    colleague = build.participant(event, organisation=p[0].organisation)
    data = {
        "first": p[0].id,
        "second": colleague.id,
        "slot": event.slots[0].id,
        "place": event.tables[0].id,
    }
    response = page_text(logged_in.post(add_url(event), data=data))
    assert (
        f"{p[0].full_name} and {colleague.full_name} are both from {p[0].organisation.name}"
        in response
    )

    gone = build.participant(
        event, organisation=Organisation(name="Gone", country="FR", sectors=[], technologies=[])
    )
    gone.withdrawn_at = utcnow()
    session.commit()
    data = {
        "first": p[0].id,
        "second": gone.id,
        "slot": event.slots[0].id,
        "place": event.tables[0].id,
    }
    response = page_text(logged_in.post(add_url(event), data=data))
    assert "Meeting added" not in response
    assert gone.full_name not in response  # not even offered
    assert confirmed(event) == []


def test_a_clash_only_the_database_saw_is_still_named(
    logged_in: FlaskClient,
    small_event: Any,
    reload: Any,
    seat: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Another organiser's edit lands between the check and the write: the database refuses
    the move, and the message still says who is busy."""
    event, p = small_event.event, small_event.people
    meeting = seat(event, p[0], p[3], 0, 0)
    seat(event, p[3], p[1], 1, 1)
    real = queries.confirmed_meetings
    calls: list[int] = []

    def not_yet_visible(session: Session, event: Any) -> list[Any]:
        calls.append(1)
        return [] if len(calls) == 1 else real(session, event)

    monkeypatch.setattr(queries, "confirmed_meetings", not_yet_visible)
    data = {"move-slot": event.slots[1].id, "move-place": event.tables[0].id}
    response = logged_in.post(meeting_url(event, meeting, "move"), data=data)
    assert f"{p[3].full_name} already meets {p[1].full_name} on {at(event, 1)}." in page_text(
        response
    )
    fresh = reload(meeting)
    assert (fresh.slot_id, fresh.status, fresh.sequence) == (event.slots[0].id, "confirmed", 0)


def test_adding_a_meeting_with_someone_who_withdrew_names_them(
    app: Any, small_event: Any, session: Session
) -> None:
    event, p = small_event.event, small_event.people
    p[4].withdrawn_at = utcnow()
    with pytest.raises(operations.ScheduleError, match=f"{p[4].full_name} has withdrawn"):
        operations.add_meeting(
            session,
            event,
            p[0],
            p[4],
            slot_id=event.slots[0].id,
            place=str(event.tables[0].id),
            now=utcnow(),
        )
    session.rollback()
