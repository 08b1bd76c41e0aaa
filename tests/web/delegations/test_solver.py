"""Members of one delegation never meet each other, unless the event allows it."""

from __future__ import annotations

import html
from typing import Any

from sqlalchemy.orm import Session

from matchmaker.models import PreferenceLevel, Role
from matchmaker.schedule import queries
from matchmaker.schedule.scheduling import build_problem, proposed_meetings, run_solver
from tests.builders import TEST_PASSWORD, Builder


def _solved_pairs(session: Session, event: Any) -> set[frozenset[int]]:
    problem = build_problem(queries.event_data(session, event), minimal_change=False)
    result = run_solver(problem, time_limit_s=2, workers=1)
    return {frozenset(meeting.pair) for meeting in proposed_meetings(result)}


def test_delegation_members_meet_only_when_the_event_allows_it(
    build: Builder, session: Session
) -> None:
    event = build.event()
    other_event = build.event()
    lisbon, porto, outsider = (build.participant(event) for _ in range(3))
    # Membership is by e-mail across the mission: the stored case does not matter.
    porto.email = porto.email.upper()
    session.commit()
    elsewhere = build.participant(other_event)
    build.delegation(event.mission, members=(lisbon, porto))
    build.delegation(other_event.mission, members=(outsider, elsewhere))
    build.preference(lisbon, porto, PreferenceLevel.MUST)
    build.preference(porto, lisbon, PreferenceLevel.MUST)
    build.preference(lisbon, outsider, PreferenceLevel.MAYBE)

    assert _solved_pairs(session, event) == {frozenset((lisbon.id, outsider.id))}

    event.delegation_members_may_meet = True
    session.commit()
    assert frozenset((lisbon.id, porto.id)) in _solved_pairs(session, event)


def test_a_meeting_placed_by_hand_between_members_is_no_candidate(
    build: Builder, session: Session
) -> None:
    event = build.event()
    one, two = build.participant(event), build.participant(event)
    build.delegation(event.mission, members=(one, two))
    pair = (min(one.id, two.id), max(one.id, two.id))
    data = queries.event_data(session, event)
    problem = build_problem(data, minimal_change=False, hand_placed=frozenset({pair}))
    assert problem.candidates == ()


def test_adding_a_meeting_between_members_by_hand_is_refused_with_the_reason(
    app: Any, build: Builder, session: Session
) -> None:
    organiser = build.user(role=Role.ORGANISER)
    event = build.event(organisers=(organiser,))
    one, two = build.participant(event), build.participant(event)
    build.delegation(event.mission, members=(one, two))
    client = app.test_client()
    client.post("/login", data={"email": organiser.email, "password": TEST_PASSWORD})
    data = {
        "first": one.id,
        "second": two.id,
        "slot": event.slots[0].id,
        "place": event.tables[0].id,
    }
    page = client.post(f"/organise/events/{event.slug}/schedule/meetings/new", data=data)
    text = html.unescape(page.get_data(as_text=True))
    assert f"{one.full_name} and {two.full_name} are in the same delegation" in text
