"""Login throttling: failed attempts per account email and per client address, in the database.

Rows in `login_attempts` are shared by every web process, so the limit holds however many
workers serve the site.
"""

from __future__ import annotations

import ipaddress
import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from matchmaker.auth import queries
from matchmaker.models import LoginAttempt


@dataclass(frozen=True)
class ThrottleLimits:
    """At most `max_failures` failed logins within `window_s` seconds, per email and address."""

    max_failures: int
    window_s: int

    @property
    def window(self) -> timedelta:
        return timedelta(seconds=self.window_s)


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


def _wait(failures: list[datetime], limits: ThrottleLimits, now: datetime) -> float:
    """Seconds until fewer than `max_failures` of `failures` remain in the window."""
    excess = len(failures) - limits.max_failures
    if excess < 0:
        return 0.0
    return (failures[excess] + limits.window - now).total_seconds()


def seconds_to_wait(
    session: Session, email: str, address: str, limits: ThrottleLimits, now: datetime
) -> int:
    """How long this email and address must wait before trying again (0: they may try now)."""
    since = now - limits.window
    by_email = queries.failure_times(session, LoginAttempt.email == email, since)
    by_address = queries.failure_times(session, LoginAttempt.address == address, since)
    wait = max(_wait(by_email, limits, now), _wait(by_address, limits, now))
    return math.ceil(wait) if wait > 0 else 0
