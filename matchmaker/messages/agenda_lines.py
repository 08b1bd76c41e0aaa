"""Meetings and their changes as the schedule messages print them (text and HTML alike)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from matchmaker.messages.changes import ChangeKind, MeetingChange, MeetingState
from matchmaker.models import Event, Meeting, MeetingStatus, Participant
from matchmaker.video import video_link


def local_times(event: Event, starts_at: datetime, ends_at: datetime) -> str:
    """Start and end in the event's time zone, as in "09:00–09:30"."""
    return f"{starts_at.astimezone(event.zone):%H:%M}–{ends_at.astimezone(event.zone):%H:%M}"


def own_times(
    event: Event, participant: Participant, starts_at: datetime, ends_at: datetime
) -> str:
    """Start and end as `participant` reads them: an online participant's own zone first,
    then the event's ("03:00–03:30 (09:00–09:30 event time)"); else the event's."""
    event_times = local_times(event, starts_at, ends_at)
    zone = participant.own_zone
    if zone is None:
        return event_times
    own = f"{starts_at.astimezone(zone):%H:%M}–{ends_at.astimezone(zone):%H:%M}"
    return f"{own} ({event_times} event time)"


def own_when(event: Event, participant: Participant, starts_at: datetime, ends_at: datetime) -> str:
    """Day, start and end as `participant` reads them, as in "Mon 20 Apr, 09:00–09:30"
    (see `own_times`)."""
    day = starts_at.astimezone(participant.own_zone or event.zone)
    return f"{day:%a %d %b}, {own_times(event, participant, starts_at, ends_at)}"


def local_moment(event: Event, moment: datetime) -> str:
    """A deadline in the event's time zone: "Friday 17 April 2026, 18:00 (Europe/Berlin)"."""
    local = moment.astimezone(event.zone)
    return f"{local:%A} {local.day} {local:%B %Y, %H:%M} ({event.timezone.replace('_', ' ')})"


@dataclass(frozen=True)
class AgendaLine:
    """One meeting of a participant: when (`time` within its `day`), where (for an online
    meeting, its `video_link`), with whom."""

    day: date
    when: str
    time: str
    place: str
    partner: Participant
    cancelled: bool
    video_link: str | None = None

    @classmethod
    def of(cls, event: Event, participant: Participant, meeting: Meeting) -> AgendaLine:
        link = video_link(meeting)
        return cls(
            day=meeting.slot.local_start(event.zone).date(),
            when=own_when(event, participant, meeting.slot.starts_at, meeting.slot.ends_at),
            time=own_times(event, participant, meeting.slot.starts_at, meeting.slot.ends_at),
            place=f"Online: {link}" if link else _place(event, meeting.place_label),
            partner=meeting.partner_of(participant.id),
            cancelled=meeting.status == MeetingStatus.CANCELLED,
            video_link=link,
        )


def _place(event: Event, place: str) -> str:
    return ", ".join(part for part in (place, event.venue) if part)


def agenda_days(
    event: Event, participant: Participant, meetings: Iterable[Meeting]
) -> list[tuple[date, list[AgendaLine]]]:
    """The participant's meetings as lines, grouped by local day, in time order."""
    days: dict[date, list[AgendaLine]] = {}
    for meeting in meetings:
        line = AgendaLine.of(event, participant, meeting)
        days.setdefault(line.day, []).append(line)
    return sorted(days.items())


@dataclass(frozen=True)
class ChangeLine:
    """One change for a change notice: the meeting now, and what it was before."""

    kind: ChangeKind
    line: AgendaLine
    was_when: str
    was_place: str

    @property
    def title(self) -> str:
        return {
            ChangeKind.ADDED: "New meeting",
            ChangeKind.MOVED: "Moved",
            ChangeKind.CANCELLED: "Cancelled",
        }[self.kind]

    @classmethod
    def of(cls, event: Event, participant: Participant, change: MeetingChange) -> ChangeLine:
        before: MeetingState | None = change.before
        return cls(
            kind=change.kind,
            line=AgendaLine.of(event, participant, change.meeting),
            was_when=own_when(event, participant, before.starts_at, before.ends_at)
            if before
            else "",
            was_place=_place(event, before.place) if before else "",
        )
