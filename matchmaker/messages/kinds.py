"""The kinds of message the app sends; each has a text and an HTML template of its name."""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from flask_babel.speaklater import LazyString


@dataclass(frozen=True)
class MessageKind:
    """A kind of message.

    `name` is stored on each message and names its templates (`messages/<name>.txt` and
    `.html`). People may switch an `optional` kind off; its messages carry `List-Unsubscribe`.
    `description` explains the kind on the account page (optional kinds only). The body of
    a `confidential` kind holds a secret link for its recipient alone (a password reset):
    organisers and admins see that it was sent, not what it says.
    """

    name: str
    label: str | LazyString
    optional: bool
    description: str | LazyString = ""
    confidential: bool = False


INVITATION = MessageKind("invitation", _l("Invitation"), optional=False)
PASSWORD_RESET = MessageKind(
    "password_reset", _l("Password reset"), optional=False, confidential=True
)
BROADCAST = MessageKind(
    "broadcast",
    _l("News from the organisers"),
    optional=True,
    description=_l("Announcements the organisers of your events send to their participants."),
)
PREFERENCES_OPEN = MessageKind(
    "preferences_open",
    _l("Preferences are open"),
    optional=True,
    description=_l("When an event opens the choice of whom to meet, with its deadline."),
)
PREFERENCES_NUDGE = MessageKind(
    "preferences_nudge",
    _l("Reminder before the preferences deadline"),
    optional=True,
    description=_l("A reminder before the deadline if you have not chosen anybody yet."),
)
AGENDA = MessageKind("agenda", _l("Your agenda"), optional=False)
SCHEDULE_CHANGE = MessageKind("schedule_change", _l("Changes to your meetings"), optional=False)
DAY_REMINDER = MessageKind(
    "day_reminder",
    _l("Reminder the evening before"),
    optional=True,
    description=_l("The evening before each event day, that day's meetings."),
)

FEEDBACK_REQUEST = MessageKind(
    "feedback_request",
    _l("Feedback on the day's meetings"),
    optional=True,
    description=_l("At the end of each event day, a link to say how your meetings went."),
)
FOLLOW_UP_SURVEY = MessageKind(
    "follow_up_survey",
    _l("Follow-up surveys"),
    optional=True,
    description=_l("Months after an event, a few questions on what came of your meetings."),
)

KINDS: dict[str, MessageKind] = {
    kind.name: kind for kind in (INVITATION, PASSWORD_RESET, BROADCAST)
}
KINDS.update(
    (kind.name, kind)
    for kind in (PREFERENCES_OPEN, PREFERENCES_NUDGE, AGENDA, SCHEDULE_CHANGE, DAY_REMINDER)
)
KINDS.update((kind.name, kind) for kind in (FEEDBACK_REQUEST, FOLLOW_UP_SURVEY))


def optional_kinds() -> list[MessageKind]:
    """The kinds people may switch off, in declaration order."""
    return [kind for kind in KINDS.values() if kind.optional]


def kind_label(name: str) -> str:
    """The label of the kind called `name` (the name itself for a kind no longer declared)."""
    kind = KINDS.get(name)
    return str(kind.label) if kind else name
