"""The outbox: e-mail messages, their attachments, and the kinds people switched off.

A message row is written in the same transaction as the change that causes it, with its
subject and both bodies already rendered; the delivery task (`matchmaker.messages.delivery`)
sends it later and records the outcome on the row.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING

from sqlalchemy import (
    CheckConstraint,
    ForeignKey,
    Index,
    LargeBinary,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from matchmaker.db import Base, utcnow
from matchmaker.models.enums import enum_column

if TYPE_CHECKING:
    from matchmaker.models.missions import Event, Mission
    from matchmaker.models.participants import Participant
    from matchmaker.models.users import User


class MessageState(StrEnum):
    """Where a message is on its way: queued -> sending -> sent, or failed."""

    QUEUED = "queued"
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"


class Message(Base):
    """One e-mail to one recipient.

    `message_id` (the `Message-ID` header) is fixed when the row is written, so every
    attempt and every resend carries the same one. `claimed_at` is when the current or last
    attempt took the row; it also counts deliveries for the per-minute limit.
    """

    __tablename__ = "messages"
    __table_args__ = (
        CheckConstraint("attempts >= 0", name="attempts_not_negative"),
        Index("ix_messages_state_next_attempt_at", "state", "next_attempt_at"),
        Index("ix_messages_event_id_created_at", "event_id", "created_at"),
        Index("ix_messages_claimed_at", "claimed_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(40))
    mission_id: Mapped[int | None] = mapped_column(
        ForeignKey("missions.id", ondelete="CASCADE"), index=True
    )
    event_id: Mapped[int | None] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"))
    user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    participant_id: Mapped[int | None] = mapped_column(
        ForeignKey("participants.id", ondelete="CASCADE"), index=True
    )
    recipient_name: Mapped[str] = mapped_column(String(200), default="")
    recipient_email: Mapped[str] = mapped_column(String(254))
    subject: Mapped[str] = mapped_column(String(300))
    text_body: Mapped[str] = mapped_column(Text)
    html_body: Mapped[str] = mapped_column(Text)
    message_id: Mapped[str] = mapped_column(String(255), unique=True)
    unsubscribe_url: Mapped[str | None] = mapped_column(String(1000))
    state: Mapped[MessageState] = mapped_column(
        enum_column(MessageState), default=MessageState.QUEUED
    )
    attempts: Mapped[int] = mapped_column(default=0)
    last_error: Mapped[str] = mapped_column(Text, default="")
    next_attempt_at: Mapped[datetime] = mapped_column(default=utcnow)
    claimed_at: Mapped[datetime | None]
    sent_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    mission: Mapped[Mission | None] = relationship()
    event: Mapped[Event | None] = relationship()
    user: Mapped[User | None] = relationship()
    participant: Mapped[Participant | None] = relationship()
    attachments: Mapped[list[MessageAttachment]] = relationship(
        back_populates="message", order_by="MessageAttachment.id", cascade="all, delete-orphan"
    )


class MessageAttachment(Base):
    """A part besides the two bodies: a file, or an alternative such as an iTIP calendar.

    `content_type` is the full MIME type with its parameters, e.g.
    `text/calendar; method=REQUEST`. An `inline` part joins the text and HTML bodies as a
    third alternative (how calendar clients expect iTIP), an inline image goes with the HTML
    body that shows it; the others are attached files.
    """

    __tablename__ = "message_attachments"

    id: Mapped[int] = mapped_column(primary_key=True)
    message_id: Mapped[int] = mapped_column(
        ForeignKey("messages.id", ondelete="CASCADE"), index=True
    )
    filename: Mapped[str] = mapped_column(String(200))
    content_type: Mapped[str] = mapped_column(String(200))
    inline: Mapped[bool] = mapped_column(default=False)
    content: Mapped[bytes] = mapped_column(LargeBinary)

    message: Mapped[Message] = relationship(back_populates="attachments")


class MessageOptOut(Base):
    """An address that switched one optional kind of message off (by link or account page).

    Keyed by address, not account: people without an account yet get optional mail too.
    """

    __tablename__ = "message_opt_outs"

    email: Mapped[str] = mapped_column(String(254), primary_key=True)
    kind: Mapped[str] = mapped_column(String(40), primary_key=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class PasswordReset(Base):
    """One "forgot your password" request, kept to throttle requests per address.

    Every request is stored, with or without an account behind the address, so both take
    the same path. `token_hash` is the SHA-256 of the link's token; the link works once,
    until `expires_at`, and only while `used_at` is empty.
    """

    __tablename__ = "password_resets"
    __table_args__ = (Index("ix_password_resets_email_requested_at", "email", "requested_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254))
    user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    requested_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime]
    used_at: Mapped[datetime | None]

    user: Mapped[User | None] = relationship()
