"""The reminder the evening before each event day, with that day's meetings.

Due from `REMINDER_TIME` (event time) on the day before until midnight starts the day, so
a worker that was down at that time still sends it later that evening. Each person gets
it once per day (`MessageOccasion`), however often the periodic check runs.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time, timedelta

from flask import current_app
from flask_babel import lazy_ngettext
from sqlalchemy.orm import Session

from matchmaker.calendars.queries import event_meetings, event_participants
from matchmaker.i18n import lazy_name
from matchmaker.messages import notice_queries as queries
from matchmaker.messages import outbox
from matchmaker.messages.agenda_lines import AgendaLine
from matchmaker.messages.kinds import DAY_REMINDER
from matchmaker.messages.occasions import claim_occasion
from matchmaker.messages.recipients import Recipient
from matchmaker.models import Event, Meeting, Participant


def reminder_due(event: Event, day: date, reminder_time: time, now: datetime) -> bool:
    """Whether the reminder of `day` is due at `now`: from `reminder_time` the evening
    before until the day begins, in the event's time zone."""
    zone = event.zone
    due = datetime.combine(day - timedelta(days=1), reminder_time, zone)
    return due <= now < datetime.combine(day, time(0), zone)


def send_due_reminders(session: Session, now: datetime) -> int:
    """Write the reminders due at `now` (once per person and day); returns how many."""
    reminder_time = time.fromisoformat(str(current_app.config["REMINDER_TIME"]))
    written = 0
    for event in queries.published_events(session):
        for day in sorted({block.day for block in event.blocks}):
            if reminder_due(event, day, reminder_time, now):
                written += remind_of_day(session, event, day)
    return written


def remind_of_day(session: Session, event: Event, day: date) -> int:
    """The reminder of `day` to each active participant with confirmed meetings that day
    who has not had it; returns how many were written."""
    meetings = [
        meeting
        for meeting in event_meetings(session, event)
        if meeting.confirmed and meeting.slot.local_start(event.zone).date() == day
    ]
    grouped = queries.meetings_by_participant(meetings)
    done = queries.occasion_holders(session, event, DAY_REMINDER.name, day.isoformat())
    written = 0
    for participant in event_participants(session, event):
        mine = grouped.get(participant.id, [])
        if not mine or participant.id in done:
            continue
        if not claim_occasion(session, participant, DAY_REMINDER.name, day.isoformat()):
            continue
        outbox.enqueue(
            session,
            DAY_REMINDER,
            Recipient.of_participant(participant),
            lazy_ngettext(
                "Tomorrow at %(event)s: %(num)d meeting",
                "Tomorrow at %(event)s: %(num)d meetings",
                len(mine),
                event=lazy_name(event),
            ),
            _reminder_context(event, participant, day, mine),
            event=event,
        )
        written += 1
    return written


def _reminder_context(
    event: Event, participant: Participant, day: date, meetings: list[Meeting]
) -> Callable[[], dict[str, object]]:
    """The reminder's context, written in its recipient's language."""
    return lambda: {
        "participant": participant,
        "day": day,
        "lines": [AgendaLine.of(event, participant, meeting) for meeting in meetings],
    }
