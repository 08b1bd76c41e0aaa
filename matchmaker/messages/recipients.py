"""Recipients of messages, and who must not get any."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy.orm import Session

from matchmaker.messages.kinds import MessageKind
from matchmaker.messages.unsubscribe import is_switched_off
from matchmaker.models import Participant, User


@dataclass(frozen=True)
class Recipient:
    """Who a message goes to: an address and a name, and the participant or account behind it.

    Build it with `of_participant` or `of_user`, so the withdrawn/deactivated checks apply.
    """

    email: str
    name: str
    user: User | None = None
    participant: Participant | None = None

    @classmethod
    def of_participant(cls, participant: Participant) -> Recipient:
        """The participant at their event address (their account, if any, is checked too)."""
        return cls(participant.email, participant.full_name, participant.user, participant)

    @classmethod
    def of_user(cls, user: User) -> Recipient:
        """An account at its login address."""
        return cls(user.email, user.name, user, None)


def blocked_reason(session: Session, kind: MessageKind, recipient: Recipient) -> str | None:
    """Why nothing may be sent to `recipient` now (None: it may)."""
    participant = recipient.participant
    if participant is not None and not participant.active:
        return "the participant has withdrawn"
    user = recipient.user
    if user is None and participant is not None:
        user = participant.user
    if user is not None and not user.active:
        return "the account is deactivated"
    addresses = {recipient.email} | ({user.email} if user is not None else set())
    if any(is_switched_off(session, address, kind) for address in addresses):
        return f"the recipient switched “{kind.label}” messages off"
    return None


def reachable(
    session: Session, kind: MessageKind, participants: Iterable[Participant]
) -> list[Recipient]:
    """The participants that may get a message of `kind` now, as recipients."""
    recipients = (Recipient.of_participant(participant) for participant in participants)
    return [
        recipient for recipient in recipients if blocked_reason(session, kind, recipient) is None
    ]
