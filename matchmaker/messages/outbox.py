"""Writing messages into the outbox: render them now, deliver them after the commit.

Each message is written in its recipient's language (`message_locale`): `enqueue` renders
the subject, the bodies and the attachments under that locale, so gettext and the Babel
date filters speak it. Callers pass what depends on the language unevaluated: a lazy
subject (`lazy_gettext`) or a function for the subject, the context and the attachments.

`enqueue` adds a `Message` row to the caller's session and does not commit: the message
exists exactly when the change that caused it does. When that session commits, the delivery
task is started (an `after_commit` hook), so callers never trigger delivery themselves.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from email.utils import make_msgid, parseaddr
from typing import Any, TypeAlias, TypeVar

from flask import Flask, current_app, render_template
from flask_babel import force_locale
from flask_babel.speaklater import LazyString
from sqlalchemy import event as orm_event
from sqlalchemy.orm import Session, SessionTransaction

from matchmaker.i18n import current_locale, recipient_locale
from matchmaker.links import external_url
from matchmaker.messages import delivery  # the module: imports go round through schedule
from matchmaker.messages.kinds import MessageKind
from matchmaker.messages.recipients import Recipient, blocked_reason
from matchmaker.messages.unsubscribe import unsubscribe_url
from matchmaker.models import (
    Event,
    Message,
    MessageAttachment,
    MessageState,
    Mission,
)

# Set on a session that holds new messages: the app whose delivery task starts after commit.
PENDING_DELIVERY = "matchmaker.messages.pending_delivery"

T = TypeVar("T")
# A part of a message that depends on the language: the value, or a function giving it.
Composed: TypeAlias = T | Callable[[], T]


@dataclass(frozen=True)
class Attachment:
    """A part besides the two bodies (see `MessageAttachment` for `inline`)."""

    filename: str
    content_type: str
    content: bytes
    inline: bool = False


def calendar_part(ics: bytes, method: str, filename: str = "invite.ics") -> Attachment:
    """An iTIP calendar part (`text/calendar; method=…`) that calendar clients apply.

    `method` is the iTIP method and must match the `METHOD` inside `ics` (PUBLISH, REQUEST,
    CANCEL). The part goes beside the text and HTML bodies, where clients look for it.
    """
    return Attachment(
        filename=filename,
        content_type=f"text/calendar; method={method.upper()}; charset=utf-8",
        content=ics,
        inline=True,
    )


def calendar_file(ics: bytes, filename: str) -> Attachment:
    """A calendar attached as a file to open or import (`.ics`, `METHOD:PUBLISH`)."""
    return Attachment(
        filename=filename,
        content_type="text/calendar; method=PUBLISH; charset=utf-8",
        content=ics,
    )


def inline_image(content: bytes, filename: str, content_type: str = "image/png") -> Attachment:
    """An image the HTML body shows with `<img src="cid:…">` (`compose.content_id`)."""
    return Attachment(filename=filename, content_type=content_type, content=content, inline=True)


def mail_domain(app: Flask) -> str:
    """The domain of the default sender, for Message-IDs."""
    _name, address = parseaddr(str(app.config["MAIL_DEFAULT_SENDER"]))
    return address.rpartition("@")[2] or "localhost"


def message_locale(recipient: Recipient, event: Event | None) -> str:
    """The language of a message to `recipient`: their account's choice, else the event's
    default (people without an account, such as those invited), else English."""
    user = recipient.user
    if user is None and recipient.participant is not None:
        user = recipient.participant.user
    return recipient_locale(
        user.locale if user is not None else None,
        event.default_locale if event is not None else None,
    )


@contextmanager
def composing(recipient: Recipient, event: Event | None) -> Iterator[str]:
    """Write a message to `recipient` in their language (gettext, Babel filters) within;
    gives the locale. Works in an app context alone, as in the background worker."""
    locale = message_locale(recipient, event)
    with force_locale(locale):
        yield locale


def _composed(value: Composed[T]) -> T:
    if callable(value):
        made: T = value()
        return made
    return value


def render_bodies(kind: MessageKind, subject: str, context: Mapping[str, Any]) -> tuple[str, str]:
    """The text and HTML bodies of a message of `kind` (templates `messages/<name>.*`)."""
    lang = str(current_locale()).replace("_", "-")  # the HTML's lang, as in "zh-TW"
    values = {"subject": subject, "kind": kind, "external_url": external_url, "lang": lang}
    values.update(context)
    text = render_template(f"messages/{kind.name}.txt", **values)
    html = render_template(f"messages/{kind.name}.html", **values)
    return text, html


def enqueue(
    session: Session,
    kind: MessageKind,
    recipient: Recipient,
    subject: str | LazyString | Callable[[], str],
    context: Composed[Mapping[str, Any]] | None = None,
    *,
    event: Event | None = None,
    mission: Mission | None = None,
    attachments: Composed[Iterable[Attachment]] = (),
) -> Message | None:
    """Render a message of `kind` for `recipient` and add it to `session` (no commit).

    The subject, the context and the attachments are taken in the recipient's language
    (`composing`): pass a lazy subject, and functions for whatever else is translated or
    formatted (dates). The templates get `context` plus `recipient`, `event`, `subject`,
    `unsubscribe_url` (optional kinds) and `external_url`. Returns None, adding nothing,
    when the recipient must not get it (`blocked_reason`). Needs an app context that can
    build URLs (a request, or a test request context on `PUBLIC_BASE_URL` in background
    jobs).
    """
    with session.no_autoflush:  # checking thousands of recipients must not flush each row
        if blocked_reason(session, kind, recipient) is not None:
            return None
    app: Flask = current_app._get_current_object()  # type: ignore[attr-defined]
    link = unsubscribe_url(recipient.email, kind) if kind.optional else None
    with composing(recipient, event):
        title = str(_composed(subject))
        given: Mapping[str, Any] = _composed(context) if context is not None else {}
        values = {"recipient": recipient, "event": event, "unsubscribe_url": link, **given}
        text, html = render_bodies(kind, title, values)
        parts = list(_composed(attachments))
    message = Message(
        kind=kind.name,
        mission=mission or (event.mission if event is not None else None),
        event=event,
        user=recipient.user,
        participant=recipient.participant,
        recipient_name=recipient.name,
        recipient_email=recipient.email,
        subject=title,
        text_body=text,
        html_body=html,
        message_id=make_msgid(idstring=kind.name, domain=mail_domain(app)),
        unsubscribe_url=link,
        state=MessageState.QUEUED,
        attachments=[
            MessageAttachment(
                filename=part.filename,
                content_type=part.content_type,
                content=part.content,
                inline=part.inline,
            )
            for part in parts
        ],
    )
    session.add(message)
    deliver_after_commit(session, app)
    return message


def deliver_after_commit(session: Session, app: Flask) -> None:
    """Start the delivery task once `session` commits (once per commit, however many rows)."""
    if PENDING_DELIVERY in session.info:
        return
    session.info[PENDING_DELIVERY] = app
    if not orm_event.contains(session, "after_commit", _after_commit):
        orm_event.listen(session, "after_commit", _after_commit)
        orm_event.listen(session, "after_soft_rollback", _after_rollback)


def _after_commit(session: Session) -> None:
    if session.in_nested_transaction():
        return  # only a savepoint was released: the transaction, and its messages, go on
    app = session.info.pop(PENDING_DELIVERY, None)
    if app is not None:
        delivery.start_delivery(app)


def _after_rollback(session: Session, previous_transaction: SessionTransaction) -> None:
    if not previous_transaction.nested:  # a savepoint rolled back leaves earlier messages
        session.info.pop(PENDING_DELIVERY, None)
