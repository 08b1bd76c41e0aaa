"""Writes for accounts: logins, sign-ups, invitations, passwords. Callers commit."""

from __future__ import annotations

import functools
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete
from sqlalchemy.orm import Session

from matchmaker.auth import login_sessions, queries
from matchmaker.auth.emails import normalise_email
from matchmaker.auth.passwords import hash_password, needs_rehash, verify_password
from matchmaker.auth.throttle import (
    LoginLimits,
    ThrottleLimits,
    seconds_to_wait,
    signup_address,
)
from matchmaker.db import utcnow
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
from matchmaker.organisations import operations as membership


class AlreadyRegistered(Exception):
    """The account already has a registration for this event."""


class EmailHasAccount(Exception):
    """The email already has an account, whose password an invitation must not set."""


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
    session: Session, email: str, password: str, address: str, limits: LoginLimits, now: datetime
) -> LoginResult:
    """Check a login under the throttle; record the failure or the successful login.

    When throttled the password is not even checked. Unknown emails, wrong passwords and
    deactivated accounts fail alike, after the same amount of hashing work. A successful
    login re-hashes the password if the hashing parameters changed since it was stored.
    """
    email = normalise_email(email)
    queries.lock_throttle_keys(session, f"throttle-email:{email}", f"throttle-address:{address}")
    wait_s = max(
        seconds_to_wait(session, limits.per_account, now, LoginAttempt.email == email),
        seconds_to_wait(session, limits.per_address, now, LoginAttempt.address == address),
    )
    if wait_s:
        return LoginResult(None, wait_s)
    user = queries.user_by_email(session, email)
    matches = verify_password(user.password_hash if user else _dummy_hash(), password)
    if user is None or not matches or not user.active:
        _record_attempt(session, email, address, now, limits.window)
        return LoginResult(None)
    session.execute(delete(LoginAttempt).where(LoginAttempt.email == email))
    user.last_login_at = now
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    return LoginResult(user)


def attempt_signup(session: Session, address: str, limits: ThrottleLimits, now: datetime) -> int:
    """Count a sign-up from `address`, unless throttled: then the seconds to wait (else 0).

    Every sign-up that gets as far as the database counts, whether it succeeds or not: each
    one tells whether an email has an account, and a successful one costs a password hash.
    """
    key = signup_address(address)
    queries.lock_throttle_keys(session, f"throttle-address:{key}")
    wait_s = seconds_to_wait(session, limits, now, LoginAttempt.address == key)
    if not wait_s:
        _record_attempt(session, "", key, now, limits.window)
    return wait_s


def _record_attempt(
    session: Session, email: str, address: str, now: datetime, window: timedelta
) -> None:
    """Store one attempt and drop this email's and address's ones older than `window`."""
    expired = LoginAttempt.attempted_at < now - window
    if email:
        session.execute(delete(LoginAttempt).where(LoginAttempt.email == email, expired))
    session.execute(delete(LoginAttempt).where(LoginAttempt.address == address, expired))
    session.add(LoginAttempt(email=email, address=address, attempted_at=now))


def create_user(
    session: Session,
    email: str,
    password: str,
    name: str,
    role: Role = Role.PARTICIPANT,
    locale: str | None = None,
) -> User:
    """A new account; the email is stored normalised (every account is created here).
    `locale`: the language its pages and e-mails speak (None: the browser's)."""
    user = User(
        email=normalise_email(email),
        password_hash=hash_password(password),
        name=name,
        role=role,
        locale=locale,
    )
    session.add(user)
    return user


def register(
    session: Session, event: Event, user: User, details: Registration, now: datetime
) -> Participant:
    """Register `user` for `event`, creating their organisation (they may edit it at once)
    or asking to join the chosen one (they may edit it once a member or an organiser
    approves)."""
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
        membership.add_member(session, organisation, user, approved_at=now)
    else:
        organisation = session.get_one(Organisation, details.organisation)
        membership.add_member(session, organisation, user, approved_at=None)
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


def accept_invitation(
    session: Session, participant: Participant, password: str, locale: str | None = None
) -> User:
    """Create the account of an invited email that has none, with `password` (and `locale`,
    the language the invitation page was shown in), and link it.

    An email that already has an account raises `EmailHasAccount`: the organisers hold every
    invitation link, so a link must never set the password of an existing account.
    """
    if queries.user_by_email(session, participant.email) is not None:
        raise EmailHasAccount
    user = create_user(session, participant.email, password, participant.full_name, locale=locale)
    _link(session, participant, user)
    return user


def link_invitation(session: Session, participant: Participant, user: User) -> None:
    """Give the invited participant to `user`, the logged-in account of its email.

    Raises `AlreadyRegistered` if the user has another participant in the event, and
    ValueError if `user` is not the account of the invited email.
    """
    if user.email != normalise_email(participant.email):
        raise ValueError("an invitation links only the account of the invited email")
    other = queries.participant_of_user(session, participant.event, user.id)
    if other is not None and other.id != participant.id:
        raise AlreadyRegistered
    _link(session, participant, user)


def _link(session: Session, participant: Participant, user: User) -> None:
    """Link the participant to its account; the invitation link stops working. The
    organisers put the person in their organisation, so they speak for it from now on."""
    participant.user = user
    participant.invitation_token_hash = None
    membership.add_member(session, participant.organisation, user, approved_at=utcnow())


def set_password(session: Session, user: User, password: str) -> None:
    """Store a new password; every session of the user ends (the caller may open a new one)."""
    user.password_hash = hash_password(password)
    log_out_everywhere(session, user)


def log_out_everywhere(session: Session, user: User) -> None:
    """End every session of the user: rotate the token inside their session ids and delete
    their logins."""
    user.session_token = new_session_token()
    login_sessions.close_every_login(session, user)
