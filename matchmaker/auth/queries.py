"""Reads for accounts: users, events, participants, organisations, throttled attempts."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, func, select, text
from sqlalchemy.orm import Session, contains_eager, joinedload

from matchmaker.auth.emails import normalise_email
from matchmaker.models import Event, LoginAttempt, Participant, Phase, User

INVITATION_LIFETIME = timedelta(days=30)
_ADVISORY_LOCK = text("SELECT pg_advisory_xact_lock(hashtextextended(:key, 0))")


def user_by_email(session: Session, email: str) -> User | None:
    """The user with this email, in any case (accounts store emails normalised)."""
    return session.scalars(select(User).where(User.email == normalise_email(email))).first()


def event_by_slug(session: Session, slug: str) -> Event | None:
    """The event with this slug."""
    return session.scalars(select(Event).where(Event.slug == slug)).first()


def participant_of_user(
    session: Session, event: Event, user_id: int, *, with_organisation: bool = False
) -> Participant | None:
    """The user's participant in the event (withdrawn or not); `with_organisation` loads
    their organisation by the same query."""
    query = select(Participant).where(
        Participant.event_id == event.id, Participant.user_id == user_id
    )
    if with_organisation:
        query = query.options(joinedload(Participant.organisation))
    return session.scalars(query).first()


def participant_of_user_by_slug(session: Session, slug: str, user_id: int) -> Participant | None:
    """The user's participant (withdrawn or not) in the event with this slug, with the event
    and their organisation (their own pages' match reasons and home zone read it) loaded by
    the same query."""
    return session.scalars(
        select(Participant)
        .join(Participant.event)
        .options(contains_eager(Participant.event), joinedload(Participant.organisation))
        .where(Event.slug == slug, Participant.user_id == user_id)
    ).first()


def participant_by_email(session: Session, event: Event, email: str) -> Participant | None:
    """The event's participant with this email, compared case-insensitively."""
    return session.scalars(
        select(Participant).where(
            Participant.event_id == event.id, func.lower(Participant.email) == email.lower()
        )
    ).first()


def latest_participant_of_user(session: Session, user_id: int) -> Participant | None:
    """The user's most recent registration in any event, to reuse its details."""
    return session.scalars(
        select(Participant)
        .where(Participant.user_id == user_id)
        .order_by(Participant.created_at.desc(), Participant.id.desc())
    ).first()


def participant_by_invitation_hash(session: Session, token_hash: str) -> Participant | None:
    """The participant invited with the token of this hash, if the invitation is unused."""
    return session.scalars(
        select(Participant).where(Participant.invitation_token_hash == token_hash)
    ).first()


def invitation_expired(participant: Participant, now: datetime) -> bool:
    """Whether the participant's invitation is older than `INVITATION_LIFETIME` (or undated)."""
    return participant.invited_at is None or now >= participant.invited_at + INVITATION_LIFETIME


def attempt_times(session: Session, key: ColumnElement[bool], since: datetime) -> list[datetime]:
    """When the recorded attempts matching `key` happened since `since`, oldest first."""
    return list(
        session.scalars(
            select(LoginAttempt.attempted_at)
            .where(key, LoginAttempt.attempted_at >= since)
            .order_by(LoginAttempt.attempted_at)
        )
    )


def lock_throttle_keys(session: Session, *keys: str) -> None:
    """On PostgreSQL, lock each throttle key until the transaction ends, in the given order.

    Checking the recent failures and then recording one is otherwise a race under READ
    COMMITTED: parallel attempts would all see the count below the limit. SQLite needs no
    lock: its transactions begin with BEGIN IMMEDIATE and so already run one at a time.
    """
    if session.get_bind().dialect.name != "postgresql":
        return
    for key in keys:
        session.execute(_ADVISORY_LOCK, {"key": key})


def registration_open(event: Event, now: datetime) -> bool:
    """Whether people may sign up for the event now."""
    return event.phase == Phase.REGISTRATION and (
        event.registration_deadline is None or now < event.registration_deadline
    )


def registrations_of_user(session: Session, user_id: int) -> Sequence[Participant]:
    """The user's active registrations, newest event first."""
    return session.scalars(
        select(Participant)
        .join(Event, Participant.event_id == Event.id)
        .where(Participant.user_id == user_id, Participant.withdrawn_at.is_(None))
        .order_by(Event.id.desc())
    ).all()
