"""Feedback recorded from the agenda and through the token link; the end-of-day request
and the follow-up surveys with their one reminder, through the periodic message check."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import select

from matchmaker.messages.clock import send_due
from matchmaker.models import FollowUpAnswer, MeetingFeedback, Message, Result, ValueBand
from matchmaker.outcomes.links import feedback_token
from tests.web.live.live_helpers import Clock, LiveEvent, berlin


def _feedback(session: Any, meeting_id: int, participant_id: int) -> MeetingFeedback | None:
    session.commit()
    return session.get(MeetingFeedback, (meeting_id, participant_id))


def test_feedback_from_the_agenda_opens_at_the_slot_end(
    client: Any, log_in: Any, session: Any, live: LiveEvent, clock: Clock
) -> None:
    ben, meeting = live.person("Ben"), live.meetings["ben-finn"]
    log_in(ben.user)
    url = f"/outcomes/events/{live.event.slug}/me/meetings/{meeting.id}/feedback"
    form = {
        f"m{meeting.id}-held": "yes",
        f"m{meeting.id}-rating": "5",
        f"m{meeting.id}-result": "offer",
        f"m{meeting.id}-note": "Quote by Friday",
    }
    clock.at = berlin(10, 45)  # the 10:30 meeting has not ended
    assert url not in client.get(f"/events/{live.event.slug}/agenda").get_data(as_text=True)
    client.post(url, data=form)
    assert _feedback(session, meeting.id, ben.id) is None
    clock.at = berlin(11, 5)
    assert url in client.get(f"/events/{live.event.slug}/agenda").get_data(as_text=True)
    response = client.post(url, data=form, follow_redirects=True)
    assert "your feedback on the meeting with Finn Tester is saved" in response.get_data(
        as_text=True
    )
    row = _feedback(session, meeting.id, ben.id)
    assert row is not None
    assert (row.held, row.rating, row.result, row.note) == (
        True,
        5,
        Result.OFFER,
        "Quote by Friday",
    )
    # Not his meeting: 404.
    other = live.meetings["dan-eva"]
    assert (
        client.post(
            f"/outcomes/events/{live.event.slug}/me/meetings/{other.id}/feedback", data=form
        ).status_code
        == 404
    )


def test_feedback_through_the_token_link_without_login(
    app: Any, client: Any, session: Any, live: LiveEvent, clock: Clock
) -> None:
    eva, meeting = live.person("Eva"), live.meetings["dan-eva"]
    token = feedback_token(session, eva, app.config["SECRET_KEY"])
    session.commit()
    clock.at = berlin(12)
    page = client.get(f"/outcomes/feedback/{token}")
    assert page.status_code == 200 and "Dan Tester" in page.get_data(as_text=True)
    assert (
        page.headers["Cache-Control"].startswith("no-store")
        or "private" in page.headers["Cache-Control"]
    )
    response = client.post(
        f"/outcomes/feedback/{token}/meetings/{meeting.id}",
        data={
            f"m{meeting.id}-held": "yes",
            f"m{meeting.id}-rating": "4",
            f"m{meeting.id}-result": "mou",
        },
    )
    assert response.status_code == 302
    row = _feedback(session, meeting.id, eva.id)
    assert row is not None and (row.held, row.rating, row.result) == (True, 4, Result.MOU)
    assert client.get("/outcomes/feedback/not-a-token").status_code == 404
    assert (
        client.post(
            f"/outcomes/feedback/{token}/meetings/{live.meetings['ana-ben'].id}", data={}
        ).status_code
        == 404
    )
    # The same token is derived again, not replaced.
    assert feedback_token(session, eva, app.config["SECRET_KEY"]) == token


def _messages(session: Any, kind: str) -> list[Message]:
    session.commit()
    return list(session.scalars(select(Message).where(Message.kind == kind)))


def test_end_of_day_request_and_follow_up_surveys(
    app: Any, client: Any, session: Any, live: LiveEvent, clock: Clock
) -> None:
    assert send_due(app, berlin(10, 59)).feedback_requests == 0
    assert send_due(app, berlin(11, 1)).feedback_requests == 6
    assert send_due(app, berlin(18)).feedback_requests == 0  # once per person and day
    request = _messages(session, "feedback_request")[0]
    link = request.text_body.split("http://localhost")[1].split()[0]
    clock.at = berlin(18)
    assert client.get(link).status_code == 200
    # Three months after 20 April 2026: 20 July; one survey each, one reminder 14 days on.
    july = datetime(2026, 7, 19, 22, tzinfo=UTC)
    assert send_due(app, july - timedelta(minutes=1)).surveys == 0
    assert send_due(app, july).surveys == 6
    assert send_due(app, july + timedelta(days=1)).surveys == 0
    eva, meeting = live.person("Eva"), live.meetings["dan-eva"]
    token = feedback_token(session, eva, app.config["SECRET_KEY"])
    session.commit()
    clock.at = july + timedelta(days=2)
    page = client.get(f"/outcomes/feedback/{token}").get_data(as_text=True)
    assert "3 months on" in page
    response = client.post(
        f"/outcomes/feedback/{token}/meetings/{meeting.id}/follow-up/3",
        data={
            f"f{meeting.id}-3-result": "commercial_agreement",
            f"f{meeting.id}-3-value_band": "10k_100k",
        },
    )
    assert response.status_code == 302
    session.commit()
    answer = session.get(FollowUpAnswer, (meeting.id, eva.id, 3))
    assert answer is not None and answer.value_band == ValueBand.FROM_10K
    # The 6-month wave is not open yet.
    assert (
        client.post(
            f"/outcomes/feedback/{token}/meetings/{meeting.id}/follow-up/6", data={}
        ).status_code
        == 404
    )
    assert send_due(app, july + timedelta(days=15)).surveys == 5  # everyone but Eva
    assert send_due(app, july + timedelta(days=16)).surveys == 0  # one reminder only
    reminders = [m for m in _messages(session, "follow_up_survey") if "Reminder" in m.subject]
    assert len(reminders) == 5


def test_the_mission_sets_the_survey_delays(
    app: Any, client: Any, log_in: Any, session: Any, live: LiveEvent
) -> None:
    mission = live.event.mission
    log_in(live.organiser)
    response = client.post(
        f"/organise/missions/{mission.slug}/edit",
        data={"name": mission.name, "follow_up_months_first": "1", "follow_up_months_second": "12"},
    )
    assert response.status_code == 302
    session.commit()
    session.refresh(mission)
    assert (mission.follow_up_months_first, mission.follow_up_months_second) == (1, 12)
    june = datetime(2026, 5, 19, 22, tzinfo=UTC)  # midnight of 20 May in Berlin (CEST)
    assert send_due(app, june - timedelta(hours=1)).surveys == 0
    assert send_due(app, june).surveys == 6
