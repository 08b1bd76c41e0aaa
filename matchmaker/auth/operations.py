"""Writes for accounts: logins, sign-ups, invitations, passwords. Callers commit."""

from __future__ import annotations

import functools
import secrets
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete
from sqlalchemy.orm import Session

from matchmaker.auth import queries
from matchmaker.auth.passwords import hash_password, verify_password
from matchmaker.auth.throttle import ThrottleLimits, seconds_to_wait
from matchmaker.models import (
    Event,
    LoginAttempt,
    Organisation,
    OrganisationType,
    Participant,
    Role,
    User,
)
from matchmaker.models.users import new_session_token


class AlreadyRegistered(Exception):
    """The account already has a registration for this event."""


@dataclass(frozen=True)
class LoginResult:
    """The logged-in user, or None; `wait_s` > 0 when refused for too many failures."""

    user: User | None
    wait_s: int = 0


@dataclass(frozen=True)
class NewOrganisation:
    """An organisation registered together with its first participant."""

    name: str
    country: str
    type: OrganisationType


@dataclass(frozen=True)
class Registration:
    """A person's details for an event, with an existing organisation id or a new one."""

    first_name: str
    last_name: str
    job_title: str
    organisation: int | NewOrganisation


@functools.cache
def _dummy_hash() -> str:
    """A hash to verify against when the email is unknown, so both cases cost the same."""
    return hash_password(secrets.token_urlsafe(16))


def attempt_login(
    session: Session, email: str, password: str, address: str, limits: ThrottleLimits, now: datetime
) -> LoginResult:
    """Check a login under the throttle; record the failure or the successful login.

    When throttled the password is not even checked. Unknown emails, wrong passwords and
    deactivated accounts fail alike, after the same amount of hashing work.
    """
    wait_s = seconds_to_wait(session, email, address, limits, now)
    if wait_s:
        return LoginResult(None, wait_s)
    user = queries.user_by_email(session, email)
    matches = verify_password(user.password_hash if user else _dummy_hash(), password)
    if user is None or not matches or not user.active:
        _record_failure(session, email, address, now, limits)
        return LoginResult(None)
    session.execute(delete(LoginAttempt).where(LoginAttempt.email == email))
    user.last_login_at = now
    return LoginResult(user)


def _record_failure(
    session: Session, email: str, address: str, now: datetime, limits: ThrottleLimits
) -> None:
    """Store one failed login and drop this email's and address's expired ones."""
    expired = LoginAttempt.attempted_at < now - limits.window
    session.execute(delete(LoginAttempt).where(LoginAttempt.email == email, expired))
    session.execute(delete(LoginAttempt).where(LoginAttempt.address == address, expired))
    session.add(LoginAttempt(email=email, address=address, attempted_at=now))


def create_user(session: Session, email: str, password: str, name: str) -> User:
    """A new participant account; the email is stored in lower case."""
    user = User(
        email=email.strip().lower(),
        password_hash=hash_password(password),
        name=name,
        role=Role.PARTICIPANT,
    )
    session.add(user)
    return user


def register(session: Session, event: Event, user: User, details: Registration) -> Participant:
    """Register `user` for `event`, joining the chosen organisation or creating it."""
    if user.id is not None and queries.participant_of_user(session, event, user.id) is not None:
        raise AlreadyRegistered
    if isinstance(details.organisation, NewOrganisation):
        organisation = Organisation(
            name=details.organisation.name,
            country=details.organisation.country,
            type=details.organisation.type,
            sectors=[],
            technologies=[],
        )
    else:
        organisation = session.get_one(Organisation, details.organisation)
    participant = Participant(
        event=event,
        user=user,
        organisation=organisation,
        first_name=details.first_name,
        last_name=details.last_name,
        job_title=details.job_title,
        email=user.email,
        max_meetings=event.default_max_meetings,
    )
    session.add(participant)
    return participant


def registration_from(participant: Participant) -> Registration:
    """The details of an earlier registration, to register the same person again."""
    return Registration(
        first_name=participant.first_name,
        last_name=participant.last_name,
        job_title=participant.job_title,
        organisation=participant.organisation_id,
    )


def accept_invitation(session: Session, participant: Participant, password: str) -> User:
    """Give the invited participant an account (new, or theirs by email) with this password.

    Holding the invitation proves the person reads that mailbox, so an existing account of
    the same email gets the new password and loses its other sessions.
    """
    user = queries.user_by_email(session, participant.email)
    if user is None:
        user = create_user(session, participant.email, password, participant.full_name)
        session.flush()
    else:
        other = queries.participant_of_user(session, participant.event, user.id)
        if other is not None and other.id != participant.id:
            raise AlreadyRegistered
        set_password(user, password)
    participant.user = user
    participant.invitation_token_hash = None
    return user


def set_password(user: User, password: str) -> None:
    """Store a new password; every other session of the user ends."""
    user.password_hash = hash_password(password)
    log_out_everywhere(user)


def log_out_everywhere(user: User) -> None:
    """End every session of the user by rotating the token inside their session ids."""
    user.session_token = new_session_token()
