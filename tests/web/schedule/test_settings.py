"""The guaranteed minimum, the cap per day and the longest back-to-back run: set on the
organiser's forms, passed to the solver's problem."""

from __future__ import annotations

from typing import Any

from flask.testing import FlaskClient
from sqlalchemy.orm import Session

from matchmaker.schedule.queries import event_data
from matchmaker.schedule.scheduling import build_problem

EVENT_SETTINGS = {
    "name": "EU–US Cluster B2B",
    "timezone": "Europe/Berlin",
    "slot_minutes": "30",
    "break_minutes": "0",
    "default_max_meetings": "8",
}


def test_the_event_form_explains_and_stores_the_minimum_and_the_limits(
    logged_in: FlaskClient, small_event: Any, session: Session, reload: Any
) -> None:
    event = small_event.event
    url = f"/organise/events/{event.slug}/edit"
    form = logged_in.get(url).get_data(as_text=True)
    assert "Guaranteed minimum of meetings" in form
    assert 'name="min_meetings"' in form and 'value="1"' in form
    assert "Longest run of back-to-back meetings" in form
    response = logged_in.post(
        url,
        data={
            **EVENT_SETTINGS,
            "min_meetings": "3",
            "max_meetings_per_day": "5",
            "max_consecutive_meetings": "2",
        },
    )
    assert response.status_code == 302
    reload(event)
    assert (event.min_meetings, event.max_meetings_per_day, event.max_consecutive_meetings) == (
        3,
        5,
        2,
    )
    refused = logged_in.post(url, data={**EVENT_SETTINGS, "max_consecutive_meetings": "0"})
    assert refused.status_code == 200
    empty = {"min_meetings": "", "max_meetings_per_day": "", "max_consecutive_meetings": ""}
    blank = logged_in.post(url, data={**EVENT_SETTINGS, **empty})
    assert blank.status_code == 302
    reload(event)
    assert (event.min_meetings, event.max_meetings_per_day, event.max_consecutive_meetings) == (
        1,
        None,
        None,
    )


def test_a_participants_own_day_cap_and_minimum(
    logged_in: FlaskClient, small_event: Any, session: Session, reload: Any
) -> None:
    event, person = small_event.event, small_event.people[0]
    response = logged_in.post(
        f"/organise/events/{event.slug}/participants/{person.id}",
        data={"max_meetings": "", "max_meetings_per_day": "2", "min_meetings": "0"},
    )
    assert response.status_code == 302
    reload(person)
    assert (person.max_meetings_per_day, person.min_meetings) == (2, 0)


def test_build_problem_passes_the_settings_and_overrides(
    small_event: Any, session: Session
) -> None:
    event, p = small_event.event, small_event.people
    event.min_meetings = 2
    event.max_meetings_per_day = 4
    event.max_consecutive_meetings = 3
    p[0].max_meetings_per_day = 1
    p[1].min_meetings = 0
    session.commit()
    problem = build_problem(event_data(session, event), minimal_change=False)
    session.commit()
    assert (problem.min_meetings, problem.max_meetings_per_day) == (2, 4)
    assert problem.max_consecutive_meetings == 3
    people = problem.participant_by_id
    assert people[str(p[0].id)].max_meetings_per_day == 1
    assert people[str(p[1].id)].min_meetings == 0
    assert people[str(p[2].id)].min_meetings is None  # the event's
