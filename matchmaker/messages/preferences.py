""" "Preferences are open" when an event enters its preferences phase, and the nudge before
the deadline to those who marked nobody or never saved their availability."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session, object_session

from matchmaker.calendars.queries import event_participants
from matchmaker.i18n import lazy_name
from matchmaker.messages import notice_queries as queries
from matchmaker.messages import outbox
from matchmaker.messages.agenda_lines import local_moment
from matchmaker.messages.kinds import PREFERENCES_NUDGE, PREFERENCES_OPEN
from matchmaker.messages.occasions import claim_occasion
from matchmaker.messages.recipients import Recipient
from matchmaker.models import Event, Participant, Phase


def preferences_opened(event: Event) -> None:
    """The event entered its preferences phase: tell every active participant (once, even
    if the phase is left and entered again), with the deadline."""
    session = object_session(event)
    assert session is not None, "the event must belong to the caller's session"
    deadline = event.preferences_deadline
    for participant in event_participants(session, event):
        if claim_occasion(session, participant, PREFERENCES_OPEN.name):
            outbox.enqueue(
                session,
                PREFERENCES_OPEN,
                Recipient.of_participant(participant),
                _l("Choose whom to meet at %(event)s", event=lazy_name(event)),
                _open_context(event, participant, deadline),
                event=event,
            )


def nudge_due(event: Event, days_before: float, now: datetime) -> bool:
    """Whether the nudge of an event in its preferences phase is due at `now`: from
    `days_before` the preferences deadline until the deadline."""
    deadline = event.preferences_deadline
    if deadline is None or days_before <= 0:
        return False
    return deadline - timedelta(days=days_before) <= now < deadline


def send_due_nudges(session: Session, now: datetime) -> int:
    """Write the nudges due at `now` (once per person and event); returns how many."""
    days_before = float(current_app.config["PREFERENCES_NUDGE_DAYS"])
    written = 0
    for event in queries.events_in_phase(session, Phase.PREFERENCES):
        if not nudge_due(event, days_before, now):
            continue
        assert event.preferences_deadline is not None  # nudge_due checked it
        deadline = event.preferences_deadline
        done = queries.occasion_holders(session, event, PREFERENCES_NUDGE.name)
        for participant, marked in queries.participants_to_nudge(session, event):
            if participant.id in done:
                continue
            if not claim_occasion(session, participant, PREFERENCES_NUDGE.name):
                continue
            outbox.enqueue(
                session,
                PREFERENCES_NUDGE,
                Recipient.of_participant(participant),
                _l("Reminder: choose whom to meet at %(event)s", event=lazy_name(event)),
                _nudge_context(event, participant, deadline, marked),
                event=event,
            )
            written += 1
    return written


def _nudge_context(
    event: Event, participant: Participant, deadline: datetime, marked: bool
) -> Callable[[], dict[str, object]]:
    """The nudge's context, written in its recipient's language."""
    return lambda: {
        "participant": participant,
        "deadline": local_moment(event, deadline),
        "marked": marked,
        "availability_saved": participant.availability_saved_at is not None,
    }


def _open_context(
    event: Event, participant: Participant, deadline: datetime | None
) -> Callable[[], dict[str, object]]:
    """The "preferences are open" context, written in its recipient's language."""
    return lambda: {
        "participant": participant,
        "deadline": local_moment(event, deadline) if deadline else "",
    }
