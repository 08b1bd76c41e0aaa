"""Feedback links: a participant gives feedback and answers surveys without logging in.

The token is derived and checked by the calendar feeds' helpers (purpose "feedback"), so
only its hash is stored and the server can put the same link in every message.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from matchmaker.auth.tokens import hash_token
from matchmaker.calendars.tokens import current_token, derive_token
from matchmaker.db import utcnow
from matchmaker.models import FeedbackLink, Participant
from matchmaker.outcomes import queries

PURPOSE = "feedback"


def feedback_token(session: Session, participant: Participant, secret_key: str) -> str:
    """The participant's feedback token; issued (and flushed) the first time it is needed,
    or again when the secret key changed since."""
    link = session.get(FeedbackLink, participant.id)
    if link is not None:
        token = current_token(PURPOSE, participant.id, link.issued_at, link.token_hash, secret_key)
        if token is not None:
            return token
    else:
        link = FeedbackLink(participant_id=participant.id)
        session.add(link)
    link.issued_at = utcnow()
    token = derive_token(PURPOSE, participant.id, link.issued_at, secret_key)
    link.token_hash = hash_token(token)
    session.flush()
    return token


def participant_for_feedback_token(session: Session, token: str) -> Participant | None:
    """The active participant whose feedback token is `token`, if any."""
    participant = queries.participant_by_link_hash(session, hash_token(token))
    return participant if participant is not None and participant.active else None
