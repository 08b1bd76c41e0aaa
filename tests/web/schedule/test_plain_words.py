"""The schedule pages in plain words: "the current schedule", and what a calendar has."""

from __future__ import annotations

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy.orm import Session

from matchmaker.models import Meeting
from matchmaker.schedule.scheduling import reason_label
from solver.schema import UnscheduledReason
from tests.builders import Builder
from tests.web.schedule.conftest import SmallEvent, meeting_url


def test_the_overview_names_the_current_schedule(
    logged_in: FlaskClient, small_event: SmallEvent
) -> None:
    page = logged_in.get(f"/organise/events/{small_event.event.slug}/schedule").get_data(
        as_text=True
    )
    assert "The current schedule" in page
    assert "Today's schedule" not in page and "today&#39;s schedule" not in page


def test_a_meeting_says_whether_calendars_got_changes(
    logged_in: FlaskClient, small_event: SmallEvent, build: Builder, session: Session
) -> None:
    event = small_event.event
    one, other = small_event.people[0], small_event.people[3]
    meeting = build.meeting(one, other, event.slots[0], table=event.tables[0])
    page = logged_in.get(meeting_url(event, meeting)).get_data(as_text=True)
    assert "Unchanged since it first reached calendars." in page
    assert "Calendar version" not in page

    fresh = session.get(Meeting, meeting.id)
    assert fresh is not None
    fresh.sequence = 2
    session.commit()
    page = logged_in.get(meeting_url(event, meeting)).get_data(as_text=True)
    assert "Changed 2 times since it first reached calendars" in page


def test_every_reason_the_solver_gives_has_words_for_the_organiser(app: Flask) -> None:
    with app.test_request_context():
        labels = {reason: reason_label(reason.value) for reason in UnscheduledReason}
    assert all(label != reason.value for reason, label in labels.items())
    assert len(set(labels.values())) == len(labels)
    assert reason_label("unknown-code") == "unknown-code"
