"""Private calendar-feed tokens: stored only as a hash, re-derivable by the server.

A token is an HMAC of the app's secret key, the participant and the moment the token was
issued; the database keeps its SHA-256 and the moment. So a leaked database reveals no feed,
the agenda page can still show the participant their link, and issuing a new one (or
revoking) makes the old link answer 404.
"""

from __future__ import annotations

import base64
import hmac
from datetime import UTC, datetime

from sqlalchemy.orm import Session

from matchmaker.auth.tokens import hash_token
from matchmaker.calendars import queries
from matchmaker.db import utcnow
from matchmaker.models import Participant


def derive_token(purpose: str, object_id: int, issued: datetime, secret_key: str) -> str:
    """The link token of one object for one purpose ("feed", "board"), issued at `issued`."""
    moment = issued.astimezone(UTC).isoformat(timespec="microseconds")
    mac = hmac.new(secret_key.encode(), f"{purpose}:{object_id}:{moment}".encode(), "sha256")
    return base64.urlsafe_b64encode(mac.digest()).rstrip(b"=").decode()


def current_token(
    purpose: str, object_id: int, issued: datetime | None, stored: str | None, secret_key: str
) -> str | None:
    """The token whose hash is `stored`, re-derived; None when none is issued or the secret
    key changed since (the old link no longer works, so it must not be shown)."""
    if issued is None or stored is None:
        return None
    token = derive_token(purpose, object_id, issued, secret_key)
    return token if hmac.compare_digest(hash_token(token), stored) else None


def feed_token(participant: Participant, secret_key: str) -> str | None:
    """The participant's current feed token; None when none is issued, or when the secret
    key changed since (the old link no longer works, so it must not be shown)."""
    return current_token(
        "feed",
        participant.id,
        participant.feed_token_created_at,
        participant.feed_token_hash,
        secret_key,
    )


def issue_feed_token(participant: Participant, secret_key: str) -> str:
    """Issue a new token (replacing any earlier one) and return it."""
    issued = utcnow()
    token = derive_token("feed", participant.id, issued, secret_key)
    participant.feed_token_created_at = issued
    participant.feed_token_hash = hash_token(token)
    return token


def revoke_feed_token(participant: Participant) -> None:
    """Forget the token: its feed answers 404 from now on."""
    participant.feed_token_hash = None
    participant.feed_token_created_at = None


def participant_for_feed_token(session: Session, token: str) -> Participant | None:
    """The participant whose current token is `token`, if any.

    Withdrawn participants keep their feed, so that subscribed calendars learn that their
    meetings are cancelled; revoking the token ends it.
    """
    return queries.participant_by_feed_hash(session, hash_token(token))
