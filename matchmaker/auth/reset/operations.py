"""Writes for password resets: ask for a link, use it once. Callers commit.

Asking takes the same path whether or not the address has an account: the request is
stored and counted, a message is rendered and delivery is started either way; only the
message row itself is written for an active account alone.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from flask import current_app
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from matchmaker.auth import queries
from matchmaker.auth.emails import normalise_email
from matchmaker.auth.operations import set_password
from matchmaker.auth.throttle import ThrottleLimits
from matchmaker.auth.tokens import hash_token, new_token
from matchmaker.i18n import current_locale_code, supported
from matchmaker.links import external_url
from matchmaker.messages import kinds, outbox
from matchmaker.messages.recipients import Recipient
from matchmaker.models import PasswordReset

RESET_LIFETIME = timedelta(hours=1)


def request_reset(session: Session, email: str, limits: ThrottleLimits, now: datetime) -> None:
    """Record a reset request for `email` and mail a link if it has an active account.

    Beyond `limits` per address nothing is recorded or sent, and the caller answers the same.
    """
    address = normalise_email(email)
    queries.lock_throttle_keys(session, f"throttle-reset:{address}")
    since = now - limits.window
    recent = session.scalar(
        select(func.count())
        .select_from(PasswordReset)
        .where(PasswordReset.email == address, PasswordReset.requested_at > since)
    )
    if (recent or 0) >= limits.max_attempts:
        return
    session.execute(
        delete(PasswordReset).where(
            PasswordReset.email == address,
            PasswordReset.requested_at < now - max(limits.window, RESET_LIFETIME),
        )
    )
    user = queries.user_by_email(session, address)
    account = user if user is not None and user.active else None
    token = new_token()
    session.add(
        PasswordReset(
            email=address,
            user=account,
            token_hash=hash_token(token),
            requested_at=now,
            expires_at=now + RESET_LIFETIME,
        )
    )
    context = {
        "reset_url": external_url("reset.reset_password", token=token),
        "lifetime_minutes": int(RESET_LIFETIME.total_seconds() // 60),
    }
    # In the account's language, else in the language of the page that asked.
    language = supported(account.locale if account else None) or current_locale_code()
    with force_locale(language):
        subject = _("Choose a new password")
        if account is not None:
            outbox.enqueue(
                session, kinds.PASSWORD_RESET, Recipient.of_user(account), subject, context
            )
        else:
            nobody = Recipient(address, "")
            outbox.render_bodies(kinds.PASSWORD_RESET, subject, {"recipient": nobody, **context})
        outbox.deliver_after_commit(session, current_app._get_current_object())  # type: ignore[attr-defined]


def usable_reset(session: Session, token: str, now: datetime) -> PasswordReset | None:
    """The reset of a link's token while it still works: unused, unexpired, active account."""
    reset = session.scalars(
        select(PasswordReset).where(PasswordReset.token_hash == hash_token(token))
    ).first()
    if reset is None or reset.used_at is not None or reset.expires_at <= now:
        return None
    if reset.user is None or not reset.user.active:
        return None
    return reset


def complete_reset(session: Session, reset: PasswordReset, password: str, now: datetime) -> None:
    """Set the new password; this link and every other open link of the account stop working,
    and every session of the account ends."""
    assert reset.user is not None  # `usable_reset` only returns resets of an account
    set_password(session, reset.user, password)
    session.execute(
        update(PasswordReset)
        .where(PasswordReset.user_id == reset.user_id, PasswordReset.used_at.is_(None))
        .values(used_at=now)
    )
