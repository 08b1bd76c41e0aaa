"""The kinds of message the app sends; each has a text and an HTML template of its name."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class MessageKind:
    """A kind of message.

    `name` is stored on each message and names its templates (`messages/<name>.txt` and
    `.html`). People may switch an `optional` kind off; its messages carry `List-Unsubscribe`.
    `description` explains the kind on the account page (optional kinds only).
    """

    name: str
    label: str
    optional: bool
    description: str = ""


INVITATION = MessageKind("invitation", "Invitation", optional=False)
PASSWORD_RESET = MessageKind("password_reset", "Password reset", optional=False)
BROADCAST = MessageKind(
    "broadcast",
    "News from the organisers",
    optional=True,
    description="Announcements the organisers of your events send to their participants.",
)

KINDS: dict[str, MessageKind] = {
    kind.name: kind for kind in (INVITATION, PASSWORD_RESET, BROADCAST)
}


def optional_kinds() -> list[MessageKind]:
    """The kinds people may switch off, in declaration order."""
    return [kind for kind in KINDS.values() if kind.optional]


def kind_label(name: str) -> str:
    """The label of the kind called `name` (the name itself for a kind no longer declared)."""
    kind = KINDS.get(name)
    return kind.label if kind else name
