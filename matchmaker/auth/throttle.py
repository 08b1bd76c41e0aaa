"""Throttling in the database: failed logins per account email and per client address, and
sign-ups per client address.

Rows in `login_attempts` are shared by every web process, so the limit holds however many
workers serve the site. A sign-up is recorded with an empty email and its address prefixed
with "signup:", so logins and sign-ups are counted apart.
"""

from __future__ import annotations

import ipaddress
import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import ColumnElement
from sqlalchemy.orm import Session

from matchmaker.auth import queries


@dataclass(frozen=True)
class ThrottleLimits:
    """At most `max_attempts` counted attempts within `window_s` seconds, per key."""

    max_attempts: int
    window_s: int

    @property
    def window(self) -> timedelta:
        return timedelta(seconds=self.window_s)


@dataclass(frozen=True)
class LoginLimits:
    """Failed logins allowed per account, and per client address: much higher, since a whole
    venue or office may share one address, and one person's typos must not lock out the rest.
    """

    per_account: ThrottleLimits
    per_address: ThrottleLimits

    @property
    def window(self) -> timedelta:
        """The longer window: attempts younger than this still count for some key."""
        return max(self.per_account.window, self.per_address.window)


def address_key(remote_addr: str | None) -> str:
    """The client address to throttle: an IPv6 client by its /64 network.

    One IPv6 subscriber usually gets a whole /64, so single addresses are free to rotate.
    """
    try:
        address = ipaddress.ip_address(remote_addr or "")
    except ValueError:
        return (remote_addr or "")[:64]
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped is not None:
            return str(address.ipv4_mapped)
        return str(ipaddress.IPv6Network(f"{address}/64", strict=False))
    return str(address)


def signup_address(address: str) -> str:
    """The `address` column of a sign-up attempt from the client address key `address`."""
    return f"signup:{address}"[:64]


def _wait(attempts: list[datetime], limits: ThrottleLimits, now: datetime) -> float:
    """Seconds until fewer than `max_attempts` of `attempts` remain in the window."""
    excess = len(attempts) - limits.max_attempts
    if excess < 0:
        return 0.0
    return (attempts[excess] + limits.window - now).total_seconds()


def seconds_to_wait(
    session: Session, limits: ThrottleLimits, now: datetime, *keys: ColumnElement[bool]
) -> int:
    """How long until every key (a condition on `LoginAttempt`) may try again (0: now)."""
    since = now - limits.window
    wait = max(
        (_wait(queries.attempt_times(session, key, since), limits, now) for key in keys),
        default=0.0,
    )
    return math.ceil(wait) if wait > 0 else 0
