"""Private calendar-feed tokens: stored only as a hash, re-derivable by the server.

A token is an HMAC of the app's secret key, the participant and the moment the token was
issued; the database keeps its SHA-256 and the moment. So a leaked database reveals no feed,
the agenda page can still show the participant their link, and issuing a new one (or
revoking) makes the old link answer 404.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from matchmaker.db import utcnow
from matchmaker.models import Participant


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _derive(participant_id: int, issued: datetime, secret_key: str) -> str:
    moment = issued.astimezone(UTC).isoformat(timespec="microseconds")
    mac = hmac.new(secret_key.encode(), f"feed:{participant_id}:{moment}".encode(), "sha256")
    return base64.urlsafe_b64encode(mac.digest()).rstrip(b"=").decode()


def feed_token(participant: Participant, secret_key: str) -> str | None:
    """The participant's current feed token, or None when none is issued."""
    issued = participant.feed_token_created_at
    if issued is None or participant.feed_token_hash is None:
        return None
    return _derive(participant.id, issued, secret_key)


def issue_feed_token(participant: Participant, secret_key: str) -> str:
    """Issue a new token (replacing any earlier one) and return it."""
    issued = utcnow()
    token = _derive(participant.id, issued, secret_key)
    participant.feed_token_created_at = issued
    participant.feed_token_hash = _digest(token)
    return token


def revoke_feed_token(participant: Participant) -> None:
    """Forget the token: its feed answers 404 from now on."""
    participant.feed_token_hash = None
    participant.feed_token_created_at = None


def participant_for_feed_token(session: Session, token: str) -> Participant | None:
    """The active participant whose current token is `token`, if any."""
    participant = session.scalar(
        select(Participant).where(Participant.feed_token_hash == _digest(token))
    )
    if participant is None or not participant.active:
        return None
    return participant
