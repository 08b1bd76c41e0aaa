"""The periodic check that writes the schedule messages whose time has come: change notices
(after their short delay), nudges before a preferences deadline, evening reminders, the
feedback request after each event day and the follow-up surveys.

A Huey periodic task runs it every minute in every consumer (the web process's own, or
`flask worker`); the embedded consumer starts with the first request, so `make run` needs
nothing else. Running it twice at once writes nothing twice: a pending notice is taken by
one DELETE, and one-off messages are guarded by `MessageOccasion`'s primary key.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from flask import Blueprint, Flask, current_app
from huey import Huey, crontab
from sqlalchemy.orm import Session

from matchmaker.db import session_scope, utcnow
from matchmaker.messages.linking import link_context
from matchmaker.messages.notices import send_due_change_notices
from matchmaker.messages.preferences import send_due_nudges
from matchmaker.messages.reminders import send_due_reminders
from matchmaker.outcomes.surveys import send_due_feedback_requests, send_due_surveys
from matchmaker.schedule.jobs import TASK_REGISTRARS, ensure_consumer

TASK_EXTENSION = "matchmaker.messages.clock_task"

bp = Blueprint("message_clock", __name__)


@dataclass(frozen=True)
class DueMessages:
    """How many messages one check wrote, by kind."""

    change_notices: int
    nudges: int
    reminders: int
    feedback_requests: int
    surveys: int


def send_due(app: Flask, now: datetime) -> DueMessages:
    """Write every schedule message due at `now`, each kind in its own transaction."""
    counts = []
    steps: tuple[Callable[[Session, datetime], int], ...] = (
        send_due_change_notices,
        send_due_nudges,
        send_due_reminders,
        send_due_feedback_requests,
        send_due_surveys,
    )
    with link_context(app):
        for step in steps:
            with session_scope(app) as session:
                counts.append(step(session, now))
    return DueMessages(*counts)


def register_task(app: Flask, huey: Huey) -> None:
    """Register the every-minute check on the app's Huey (called when the Huey is made)."""

    @huey.periodic_task(crontab(), name="send_due_schedule_messages")  # type: ignore[untyped-decorator]
    def clock_task() -> None:
        send_due(app, utcnow())

    app.extensions[TASK_EXTENSION] = clock_task


TASK_REGISTRARS.append(register_task)


@bp.before_app_request
def start_consumer() -> None:
    """The embedded consumer runs the periodic check: start it with the first request."""
    ensure_consumer(current_app._get_current_object())  # type: ignore[attr-defined]
