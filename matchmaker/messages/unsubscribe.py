"""Switching optional kinds of message off: signed links, and the opt-outs they write."""

from __future__ import annotations

from flask import current_app
from itsdangerous import BadSignature, URLSafeSerializer
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from matchmaker.auth.emails import normalise_email
from matchmaker.links import external_url
from matchmaker.messages.kinds import KINDS, MessageKind
from matchmaker.models import MessageOptOut

SALT = "matchmaker.messages.unsubscribe"
CACHE_PREFIX = "matchmaker.messages.switched_off:"


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt=SALT)


def unsubscribe_token(email: str, kind: MessageKind) -> str:
    """A signed token naming `email` and `kind`; it does not expire (it only switches off)."""
    return _serializer().dumps([normalise_email(email), kind.name])


def read_unsubscribe_token(token: str) -> tuple[str, MessageKind] | None:
    """The address and optional kind of a valid token, else None."""
    try:
        email, name = _serializer().loads(token)
    except (BadSignature, ValueError, TypeError):
        return None
    kind = KINDS.get(name) if isinstance(name, str) else None
    if not isinstance(email, str) or kind is None or not kind.optional:
        return None
    return email, kind


def unsubscribe_url(email: str, kind: MessageKind) -> str:
    """The absolute link that switches `kind` off for `email`, without logging in."""
    return external_url("messages.unsubscribe", token=unsubscribe_token(email, kind))


def switched_off_addresses(session: Session, kind: MessageKind) -> set[str]:
    """Every address that switched `kind` off, read once per transaction of `session`.

    A broadcast checks thousands of recipients: one query instead of one per recipient.
    """
    key = f"{CACHE_PREFIX}{kind.name}"
    cached = session.info.get(key)
    if cached is not None and cached[0] is session.get_transaction():
        return cached[1]  # type: ignore[no-any-return]
    addresses = set(
        session.scalars(select(MessageOptOut.email).where(MessageOptOut.kind == kind.name))
    )
    session.info[key] = (session.get_transaction(), addresses)
    return addresses


def is_switched_off(session: Session, email: str, kind: MessageKind) -> bool:
    """Whether `email` switched the optional `kind` off."""
    return kind.optional and normalise_email(email) in switched_off_addresses(session, kind)


def switched_off_kinds(session: Session, email: str) -> set[str]:
    """The names of the kinds `email` switched off."""
    rows = session.scalars(
        select(MessageOptOut.kind).where(MessageOptOut.email == normalise_email(email))
    )
    return set(rows)


def set_switched_off(session: Session, email: str, kind: MessageKind, off: bool) -> None:
    """Switch the optional `kind` off (or back on) for `email`. Callers commit."""
    if not kind.optional:
        raise ValueError(f"{kind.name} messages cannot be switched off")
    address = normalise_email(email)
    session.info.pop(f"{CACHE_PREFIX}{kind.name}", None)
    if off and session.get(MessageOptOut, (address, kind.name)) is None:
        session.add(MessageOptOut(email=address, kind=kind.name))
    elif not off:
        session.execute(
            delete(MessageOptOut).where(
                MessageOptOut.email == address, MessageOptOut.kind == kind.name
            )
        )
