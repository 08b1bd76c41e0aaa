"""Writes of the messages area: invitations by e-mail, broadcasts, resends. Callers commit."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session

from matchmaker.auth.queries import INVITATION_LIFETIME
from matchmaker.i18n import lazy_name
from matchmaker.links import external_url
from matchmaker.messages import kinds, outbox
from matchmaker.messages.recipients import Recipient
from matchmaker.messages.unsubscribe import unsubscribe_url
from matchmaker.models import Event, Message, MessageState, Participant
from matchmaker.organiser.operations import issue_invitations


def email_invitations(
    session: Session, event: Event, people: Sequence[Participant], now: datetime
) -> int:
    """Issue fresh invitation links to `people` and mail each one theirs; how many were mailed.

    Like the CSV, new links replace older ones.
    """
    sent = 0
    for participant, token in issue_invitations(people, now):
        message = outbox.enqueue(
            session,
            kinds.INVITATION,
            Recipient.of_participant(participant),
            _l("Your invitation to %(event)s", event=lazy_name(event)),
            {
                "invitation_url": external_url("auth.accept_invitation", token=token),
                "lifetime_days": INVITATION_LIFETIME.days,
            },
            event=event,
        )
        sent += message is not None
    return sent


def broadcast_context(body: str) -> dict[str, object]:
    """What the broadcast templates need: the text, and its paragraphs as lists of lines."""
    text = body.replace("\r\n", "\n").strip()
    paragraphs = [paragraph.splitlines() for paragraph in text.split("\n\n") if paragraph.strip()]
    return {"body": text, "paragraphs": paragraphs}


def broadcast(
    session: Session, event: Event, recipients: Sequence[Recipient], subject: str, body: str
) -> int:
    """Write the organisers' message to each recipient; how many were written."""
    context = broadcast_context(body)
    written = 0
    for recipient in recipients:
        message = outbox.enqueue(session, kinds.BROADCAST, recipient, subject, context, event=event)
        written += message is not None
    return written


def preview(event: Event, recipient: Recipient, subject: str, body: str) -> tuple[str, str]:
    """The text and HTML a broadcast would have for `recipient` (in their language), written
    nowhere."""
    context = {
        "recipient": recipient,
        "event": event,
        "unsubscribe_url": unsubscribe_url(recipient.email, kinds.BROADCAST),
        **broadcast_context(body),
    }
    with outbox.composing(recipient, event):
        return outbox.render_bodies(kinds.BROADCAST, subject, context)


def resend(session: Session, message: Message, now: datetime) -> None:
    """Queue a sent or failed message again, with its Message-ID, for delivery after commit."""
    if message.state not in (MessageState.SENT, MessageState.FAILED):
        raise ValueError(f"a {message.state} message cannot be resent")
    message.state = MessageState.QUEUED
    message.next_attempt_at = now
    message.attempts = 0
    message.last_error = ""
    outbox.deliver_after_commit(session, current_app._get_current_object())  # type: ignore[attr-defined]
