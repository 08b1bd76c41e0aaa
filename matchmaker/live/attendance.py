"""What a meeting looks like on the day: who is checked in, held, or who is missing.

Someone not checked in `event.no_show_minutes` after their meeting began is a no-show for
it, unless a participant or staff marked the meeting held; an explicit "absent" mark names
the missing side whatever the check-ins say.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from flask_babel import gettext as _
from flask_babel import ngettext

from matchmaker.i18n import format_items
from matchmaker.live.queries import no_show_deadline
from matchmaker.models import AttendanceMark, CheckIn, Event, Meeting, Outcome, Participant


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
