"""What a meeting looks like on the day: who is checked in, held, or who is missing.

Someone not checked in `event.no_show_minutes` after their meeting began is a no-show for
it, unless a participant or staff marked the meeting held; an explicit "absent" mark names
the missing side whatever the check-ins say.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from sqlalchemy.orm import Session

from matchmaker.i18n import format_items
from matchmaker.live.queries import latest_changes, marks_of, no_show_deadline
from matchmaker.models import (
    AttendanceMark,
    ChangeKind,
    CheckIn,
    Event,
    Meeting,
    Outcome,
    Participant,
)

ADDED_LABELS = {ChangeKind.REPLACEMENT: _l("Replacement"), ChangeKind.SPOT: _l("On the spot")}


@dataclass(frozen=True)
class MeetingOnTheDay:
    """A confirmed meeting with its attendance as it stands."""

    meeting: Meeting
    present: frozenset[int]
    missing: tuple[Participant, ...]
    held: bool
    started: bool

    def is_present(self, participant: Participant) -> bool:
        return participant.id in self.present

    @property
    def label(self) -> str:
        """Held, "<name> missing", "under way", "waiting" or "upcoming"."""
        label: str
        if self.held:
            label = _("Held")
        elif self.missing:
            names = format_items(p.full_name for p in self.missing)
            label = ngettext(
                "%(names)s missing", "%(names)s missing", len(self.missing), names=names
            )
        else:
            label = _("Under way") if self.started else _("Upcoming")
        return label

    @property
    def state(self) -> str:
        """A short key for styling: held, missing, started or upcoming."""
        if self.held:
            return "held"
        if self.missing:
            return "missing"
        return "started" if self.started else "upcoming"


def arrived_by(check_in: CheckIn | None, moment: datetime) -> bool:
    """Whether the person had checked in by `moment` (and had not left before it)."""
    if check_in is None or check_in.arrived_at is None or check_in.arrived_at > moment:
        return False
    return check_in.left_at is None or check_in.left_at > moment


def meeting_on_the_day(
    event: Event,
    meeting: Meeting,
    check_ins: Mapping[int, CheckIn],
    mark: AttendanceMark | None,
    now: datetime,
) -> MeetingOnTheDay:
    """The meeting's attendance at `now`."""
    people = (meeting.participant_a, meeting.participant_b)
    present = frozenset(p.id for p in people if arrived_by(check_ins.get(p.id), now))
    held = mark is not None and mark.outcome == Outcome.HELD
    missing: tuple[Participant, ...] = ()
    if mark is not None and mark.outcome == Outcome.ABSENT:
        missing = tuple(p for p in people if p.id == mark.absent_participant_id)
    elif not held and now >= no_show_deadline(event, meeting.slot):
        deadline = no_show_deadline(event, meeting.slot)
        missing = tuple(p for p in people if not arrived_by(check_ins.get(p.id), deadline))
    return MeetingOnTheDay(meeting, present, missing, held, now >= meeting.slot.starts_at)


@dataclass(frozen=True)
class AgendaDayNotes:
    """What the event day adds to a participant's agenda, by meeting id: "Replacement" or
    "On the spot" for the meetings it added, and the marks of the meetings that began."""

    added: dict[int, str]
    marks: dict[int, AttendanceMark]


def agenda_day_notes(
    session: Session, meetings: Sequence[Meeting], now: datetime
) -> AgendaDayNotes:
    """The day's notes on an agenda's meetings that are not cancelled, in two queries."""
    changes = latest_changes(session, meetings)
    begun = [meeting for meeting in meetings if now >= meeting.slot.starts_at]
    return AgendaDayNotes(
        added={
            meeting_id: str(ADDED_LABELS[change.kind])
            for meeting_id, change in changes.items()
            if change.kind in ADDED_LABELS
        },
        marks=marks_of(session, begun),
    )
