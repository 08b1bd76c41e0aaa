"""A real SMTP server in the test process (aiosmtpd), and helpers to read what it received.

`MailServer` records every accepted message; `refuse_next(n)` makes it answer the next n
DATA commands with a temporary 451 refusal. Use the `mail_server` fixture of this folder's
conftest, which also points the app at it; other test folders import the helpers from here.
"""

from __future__ import annotations

import re
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, Envelope, Session
from flask import Flask
from sqlalchemy import select
from sqlalchemy.orm import Session as DatabaseSession

from matchmaker.db import database
from matchmaker.messages import kinds, outbox
from matchmaker.messages.recipients import Recipient
from matchmaker.models import Message, Participant

LINK = re.compile(r"https?://[^\s<>\"')]+")


@dataclass
class Received:
    """One message as it arrived: the envelope and the parsed e-mail."""

    sender: str
    recipients: list[str]
    email: EmailMessage

    @property
    def subject(self) -> str:
        return str(self.email["Subject"])

    @property
    def text(self) -> str:
        part = self.email.get_body(preferencelist=("plain",))
        assert part is not None, "no text/plain body"
        return str(part.get_content()).replace("\r\n", "\n")  # SMTP lines end in CRLF

    @property
    def html(self) -> str:
        part = self.email.get_body(preferencelist=("html",))
        assert part is not None, "no text/html body"
        return str(part.get_content()).replace("\r\n", "\n")

    def links(self) -> list[str]:
        """The absolute links of the text body, in order."""
        return LINK.findall(self.text)


@dataclass
class _Handler:
    received: list[Received] = field(default_factory=list)
    refusals_left: int = 0
    refused: int = 0

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        if self.refusals_left > 0:
            self.refusals_left -= 1
            self.refused += 1
            return "451 4.3.0 Try again later"
        content = envelope.original_content or b""
        email = message_from_bytes(content, policy=policy.default)
        assert isinstance(email, EmailMessage)
        self.received.append(
            Received(str(envelope.mail_from), [str(r) for r in envelope.rcpt_tos], email)
        )
        return "250 OK"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class MailServer:
    """An aiosmtpd server on a free local port, started and stopped by the fixture."""

    def __init__(self) -> None:
        self._handler = _Handler()
        self.port = _free_port()
        self._controller = Controller(self._handler, hostname="127.0.0.1", port=self.port)

    def start(self) -> None:
        self._controller.start()

    def stop(self) -> None:
        self._controller.stop()

    @property
    def received(self) -> list[Received]:
        return list(self._handler.received)

    @property
    def refused(self) -> int:
        """How many deliveries were refused so far."""
        return self._handler.refused

    def refuse_next(self, count: int) -> None:
        """Answer the next `count` deliveries with 451 (a temporary failure)."""
        self._handler.refusals_left = count

    def to(self, address: str) -> list[Received]:
        """The messages received for `address`."""
        return [item for item in self._handler.received if address in item.recipients]

    def only(self, address: str) -> Received:
        """The one message received for `address` (fails if there are none or several)."""
        messages = self.to(address)
        assert len(messages) == 1, f"{len(messages)} messages for {address}"
        return messages[0]


@contextmanager
def serving() -> Iterator[MailServer]:
    """A started `MailServer`, stopped on leaving (the body of a fixture)."""
    server = MailServer()
    server.start()
    try:
        yield server
    finally:
        server.stop()


def mail_settings(server: MailServer) -> dict[str, Any]:
    """App settings that send through `server`, unthrottled."""
    return {
        "MAIL_SERVER": "127.0.0.1",
        "MAIL_PORT": server.port,
        "MAIL_DEFAULT_SENDER": "B2B Matchmaking <b2b@example.org>",
        "MAIL_MAX_PER_MINUTE": 0,
        "PUBLIC_BASE_URL": "https://b2b.example.org",
    }


def outbox_rows(session: DatabaseSession) -> list[Message]:
    """Every message of the outbox, oldest first, as the app committed them by now."""
    session.rollback()  # a fresh snapshot and fresh objects
    session.expire_all()
    return list(session.scalars(select(Message).order_by(Message.id)))


def enqueue_invitation(
    app: Flask, participant_id: int, *, commit: bool = True, **extra: Any
) -> None:
    """Write an invitation to the participant in a session of the app, as an operation in a
    request would, then commit (delivery starts) or roll back. `extra` goes to `enqueue`."""
    with app.test_request_context():
        db = database(app).sessions()
        participant = db.get_one(Participant, participant_id)
        outbox.enqueue(
            db,
            kinds.INVITATION,
            Recipient.of_participant(participant),
            f"Your invitation to {participant.event.name}",
            {"invitation_url": "https://b2b.example.org/invitation/abc", "lifetime_days": 30},
            event=participant.event,
            **extra,
        )
        if commit:
            db.commit()
        else:
            db.rollback()
        db.close()
