"""One-off messages: the database makes each go to a person once, whoever writes it first."""

from __future__ import annotations

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from matchmaker.models import Participant
from matchmaker.models.notices import MessageOccasion


def claim_occasion(
    session: Session, participant: Participant, kind: str, occasion: str = ""
) -> bool:
    """Record that `participant` gets the one-off message `kind` (for `occasion`, e.g. a day);
    False when somebody recorded it before, so the caller writes nothing.

    The primary key decides: two workers racing for one person write one message (on
    PostgreSQL the second waits for the first to commit, then finds the row).
    """
    try:
        with session.begin_nested():
            session.add(
                MessageOccasion(participant_id=participant.id, kind=kind, occasion=occasion)
            )
            session.flush()
    except IntegrityError:
        return False
    return True
