"""Messages after the meetings: the feedback request at the end of each event day, and the
follow-up surveys months after the event (each with one reminder).

The periodic message check calls the `send_due_*` functions. Each message goes to a person
once (`MessageOccasion`) and only within its window, so an old event that gains this
feature does not flood its participants with surveys long overdue.
"""

from __future__ import annotations

import calendar
from datetime import date, datetime, time, timedelta

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy.orm import Session

from matchmaker.calendars.queries import event_meetings, event_participants
from matchmaker.links import external_url
from matchmaker.messages import notice_queries, outbox
from matchmaker.messages.kinds import FEEDBACK_REQUEST, FOLLOW_UP_SURVEY
from matchmaker.messages.occasions import claim_occasion
from matchmaker.messages.recipients import Recipient
from matchmaker.models import Event, Meeting, Participant
from matchmaker.outcomes import links, queries

SURVEY_WINDOW = timedelta(days=30)
REMINDER_AFTER = timedelta(days=14)
FEEDBACK_WINDOW_DAYS = 2
REMINDER_KIND = "follow_up_reminder"


def add_months(day: date, months: int) -> date:
    """The same day of the month `months` later (the month's last day where it is shorter)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def last_day(event: Event) -> date | None:
    """The event's last local day with slots."""
    return max((slot.local_start(event.zone).date() for slot in event.slots), default=None)


def wave_starts(event: Event) -> dict[int, datetime]:
    """Survey wave (months after the event) -> when it opens (event time, midnight)."""
    end = last_day(event)
    if end is None:
        return {}
    mission = event.mission
    waves = sorted({mission.follow_up_months_first, mission.follow_up_months_second} - {0})
    return {wave: datetime.combine(add_months(end, wave), time(0), event.zone) for wave in waves}


def due_waves(event: Event, now: datetime) -> list[int]:
    """The survey waves open at `now` (open from their date on, for good)."""
    if event.published_at is None:
        return []
    return [wave for wave, opens in wave_starts(event).items() if opens <= now]


def _day_end(event: Event, meetings: list[Meeting], day: date) -> datetime | None:
    ends = [m.slot.ends_at for m in meetings if m.slot.local_start(event.zone).date() == day]
    return max(ends, default=None)


def _link(session: Session, participant: Participant) -> str:
    token = links.feedback_token(session, participant, str(current_app.config["SECRET_KEY"]))
    return external_url("outcomes.feedback_page", token=token)


def send_due_feedback_requests(session: Session, now: datetime) -> int:
    """After the last meeting of each event day, ask each person who had meetings that day
    for feedback (once per day, within two days); returns how many were written."""
    written = 0
    for event in notice_queries.published_events(session):
        meetings = [m for m in event_meetings(session, event) if m.confirmed]
        grouped = notice_queries.meetings_by_participant(meetings)
        for day in sorted({m.slot.local_start(event.zone).date() for m in meetings}):
            end = _day_end(event, meetings, day)
            closes = datetime.combine(
                day + timedelta(days=FEEDBACK_WINDOW_DAYS), time(0), event.zone
            )
            if end is None or not end <= now < closes:
                continue
            written += _request_feedback(session, event, day, grouped)
    return written


def _request_feedback(
    session: Session, event: Event, day: date, grouped: dict[int, list[Meeting]]
) -> int:
    written = 0
    done = notice_queries.occasion_holders(session, event, FEEDBACK_REQUEST.name, day.isoformat())
    for participant in event_participants(session, event):
        mine = [
            m
            for m in grouped.get(participant.id, [])
            if m.slot.local_start(event.zone).date() == day
        ]
        if not mine or participant.id in done:
            continue
        if not claim_occasion(session, participant, FEEDBACK_REQUEST.name, day.isoformat()):
            continue
        outbox.enqueue(
            session,
            FEEDBACK_REQUEST,
            Recipient.of_participant(participant),
            lambda: _("How did your meetings at %(event)s go?", event=event.display_name),
            {
                "participant": participant,
                "partners": [m.partner_of(participant.id).full_name for m in mine],
                "link": _link(session, participant),
            },
            event=event,
        )
        written += 1
    return written


def send_due_surveys(session: Session, now: datetime) -> int:
    """Open survey waves: the survey to each person who had meetings, and one reminder
    `REMINDER_AFTER` later to those who have not answered; returns how many were written."""
    written = 0
    for event in notice_queries.published_events(session):
        for wave, opens in wave_starts(event).items():
            if not opens <= now < opens + SURVEY_WINDOW or event.published_at is None:
                continue
            reminding = now >= opens + REMINDER_AFTER
            for participant in event_participants(session, event):
                written += _survey(session, event, participant, wave, now, reminding=reminding)
    return written


def _survey(
    session: Session,
    event: Event,
    participant: Participant,
    wave: int,
    now: datetime,
    *,
    reminding: bool,
) -> int:
    partners = [
        m.partner_of(participant.id) for m in queries.ended_meetings_of(session, participant, now)
    ]
    if not partners:
        return 0
    if reminding:
        if wave in queries.answered_waves(session, participant):
            return 0
        kind_name = REMINDER_KIND
    else:
        kind_name = FOLLOW_UP_SURVEY.name
    if not claim_occasion(session, participant, kind_name, str(wave)):
        return 0

    def subject() -> str:
        # Called by the outbox in the recipient's language.
        if reminding:
            return str(
                _("Reminder: what came of your meetings at %(event)s?", event=event.display_name)
            )
        return str(_("What came of your meetings at %(event)s?", event=event.display_name))

    outbox.enqueue(
        session,
        FOLLOW_UP_SURVEY,
        Recipient.of_participant(participant),
        subject,
        {
            "participant": participant,
            "partners": [p.full_name for p in partners],
            "months": wave,
            "reminder": reminding,
            "link": _link(session, participant),
        },
        event=event,
    )
    return 1
