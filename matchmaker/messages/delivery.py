"""Delivering the outbox: a Huey task claims each due message, sends it, records the outcome.

Never twice
- A message is claimed before it is sent: one conditional UPDATE turns it from `queued` to
  `sending` and only the worker whose UPDATE changed the row sends it. The claim is
  committed before the transport is called, and no transaction stays open while sending.
- Every attempt sends the same `Message-ID` (fixed at enqueue).
- A worker that dies between handing the message over and recording it leaves the row in
  `sending`. Such a row is never resent by itself: after `STALE_AFTER` it is marked failed
  ("interrupted: it may have been sent"), and an organiser who checked can resend it. A rare
  lost message that a person resends beats a duplicate sent to thousands by a retry loop.

Retries
Temporary failures (SMTP 4xx, connection trouble) go back to `queued` with an exponential
back-off (`MAIL_RETRY_DELAY_S` doubled per attempt, at most `MAX_RETRY_DELAY`) until
`MAIL_MAX_ATTEMPTS`; permanent ones (5xx) fail at once. Each run ends by scheduling the next
run at the earliest retry.

Throttle
At most `MAIL_MAX_PER_MINUTE` claims in any 60 seconds, counted in the database so every
worker shares the budget (two workers racing may exceed it by one each); when the budget is
spent the run stops and schedules the next one for when a claim leaves the window.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, timedelta

from flask import Flask
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from huey import Huey
from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from matchmaker.db import session_scope, utcnow
from matchmaker.messages.compose import email_message
from matchmaker.messages.kinds import KINDS, MessageKind
from matchmaker.messages.recipients import Recipient, blocked_reason
from matchmaker.messages.transports import DeliveryError, Transport, transport_for
from matchmaker.models import Message, MessageState
from matchmaker.schedule.jobs import TASK_REGISTRARS, ensure_consumer, jobs_for

TASK_EXTENSION = "matchmaker.messages.delivery_task"
STALE_AFTER = timedelta(minutes=15)
MAX_RETRY_DELAY = timedelta(hours=6)
RATE_WINDOW = timedelta(minutes=1)
INTERRUPTED = _l(
    "Delivery was interrupted after the message was handed over: it may have been sent. "
    "Check with the recipient before resending."
)

log = logging.getLogger(__name__)


def register_task(app: Flask, huey: Huey) -> None:
    """Register the delivery task on the app's Huey (called when the Huey is made)."""

    @huey.task(name="deliver_messages")  # type: ignore[untyped-decorator]
    def deliver_task() -> None:
        with app.app_context():
            deliver_due(app)

    app.extensions[TASK_EXTENSION] = deliver_task


TASK_REGISTRARS.append(register_task)


def start_delivery(app: Flask, delay: timedelta | None = None) -> None:
    """Run the delivery task now (inline under `HUEY_IMMEDIATE`), or after `delay`."""
    ensure_consumer(app)
    jobs_for(app)
    task = app.extensions[TASK_EXTENSION]
    if delay is None:
        task()
    else:
        task.schedule(delay=max(delay.total_seconds(), 1.0))


def retry_delay(app: Flask, attempts: int) -> timedelta:
    """How long to wait after the `attempts`-th failed attempt."""
    base = timedelta(seconds=float(app.config["MAIL_RETRY_DELAY_S"]))
    delay: timedelta = base * 2 ** max(attempts - 1, 0)
    return min(delay, MAX_RETRY_DELAY)


def abandon_stale(session: Session, now: datetime) -> int:
    """Mark messages stuck in `sending` since before `STALE_AFTER` as failed (not resent)."""
    result = session.execute(
        update(Message)
        .where(Message.state == MessageState.SENDING, Message.claimed_at < now - STALE_AFTER)
        .values(state=MessageState.FAILED, last_error=str(INTERRUPTED))
    )
    return int(result.rowcount)  # type: ignore[attr-defined]


def rate_wait(session: Session, per_minute: int, now: datetime) -> timedelta | None:
    """How long until another claim fits in the per-minute budget (None: it fits now)."""
    if per_minute <= 0:
        return None
    since = now - RATE_WINDOW
    claims = select(Message.claimed_at).where(Message.claimed_at > since)
    recent = session.scalar(select(func.count()).select_from(claims.subquery())) or 0
    if recent < per_minute:
        return None
    oldest = session.scalars(
        claims.order_by(Message.claimed_at).offset(recent - per_minute).limit(1)
    ).one()
    assert oldest is not None  # the query selects only claimed messages
    return oldest + RATE_WINDOW - now


def claim_next(session: Session, now: datetime) -> int | None:
    """Take the next due message for this worker: its id, or None when nothing is due.

    The conditional UPDATE is the claim: of workers racing for one row, one wins.
    """
    while True:
        candidate = session.scalars(
            select(Message.id)
            .where(Message.state == MessageState.QUEUED, Message.next_attempt_at <= now)
            .order_by(Message.next_attempt_at, Message.id)
            .limit(1)
        ).first()
        if candidate is None:
            return None
        claimed = session.execute(
            update(Message)
            .where(Message.id == candidate, Message.state == MessageState.QUEUED)
            .values(
                state=MessageState.SENDING,
                attempts=Message.attempts + 1,
                claimed_at=now,
            )
        )
        if claimed.rowcount:  # type: ignore[attr-defined]
            return candidate


def earliest_retry(session: Session) -> datetime | None:
    """When the next queued message is due."""
    return session.scalar(
        select(func.min(Message.next_attempt_at)).where(Message.state == MessageState.QUEUED)
    )


def stored_kind(message: Message) -> MessageKind:
    """The kind of a stored message (a kind no longer declared counts as not optional)."""
    return KINDS.get(message.kind) or MessageKind(message.kind, message.kind, optional=False)


def stored_recipient(message: Message) -> Recipient:
    """The recipient of a stored message, with its participant and account as they are now."""
    return Recipient(
        message.recipient_email, message.recipient_name, message.user, message.participant
    )


def record_failure(app: Flask, message: Message, error: DeliveryError, now: datetime) -> None:
    """Queue a temporary failure again after its back-off, or fail the message for good."""
    message.last_error = str(error)
    if error.temporary and message.attempts < int(app.config["MAIL_MAX_ATTEMPTS"]):
        message.state = MessageState.QUEUED
        message.next_attempt_at = now + retry_delay(app, message.attempts)
    else:
        message.state = MessageState.FAILED


def deliver_one(app: Flask, transport: Transport, message_id: int, now: datetime) -> None:
    """Send one claimed message and record the outcome (each step its own transaction)."""
    with session_scope(app) as session:
        message = session.get_one(Message, message_id)
        reason = blocked_reason(session, stored_kind(message), stored_recipient(message))
        if reason is not None:
            message.state = MessageState.FAILED
            message.last_error = _("Not sent: %(reason)s.", reason=reason)
            return
        email = email_message(message, str(app.config["MAIL_DEFAULT_SENDER"]))
        filename = f"{now:%Y%m%d-%H%M%S}-{message.id:07d}-{message.attempts}-{message.kind}"
    try:
        transport.send(email, filename)
    except DeliveryError as error:
        log.warning("message %s not delivered: %s", message_id, error)
        with session_scope(app) as session:
            record_failure(app, session.get_one(Message, message_id), error, now)
        return
    with session_scope(app) as session:
        message = session.get_one(Message, message_id)
        message.state = MessageState.SENT
        message.sent_at = now
        message.last_error = ""


def deliver_due(app: Flask, clock: Callable[[], datetime] = utcnow) -> None:
    """Deliver every due message within the per-minute budget, then schedule the next run.

    `clock` gives the current time (tests pass a later one to reach retries).
    """
    transport = transport_for(app)
    per_minute = int(app.config["MAIL_MAX_PER_MINUTE"])
    with session_scope(app) as session:
        abandon_stale(session, clock())
    while True:
        now = clock()
        with session_scope(app) as session:
            wait = rate_wait(session, per_minute, now)
            message_id = None if wait is not None else claim_next(session, now)
        if wait is not None:
            start_delivery(app, wait)
            return
        if message_id is None:
            break
        deliver_one(app, transport, message_id, now)
    with session_scope(app) as session:
        next_due = earliest_retry(session)
    if next_due is not None:
        start_delivery(app, next_due - clock())
