"""Meetings and their changes as the schedule messages print them (text and HTML alike)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from flask_babel import gettext as _

from matchmaker.i18n import format_day, format_time, format_weekday_day
from matchmaker.messages.changes import ChangeKind, MeetingChange, MeetingState
from matchmaker.models import Event, Meeting, MeetingStatus, Participant
from matchmaker.video import video_link


def local_times(event: Event, starts_at: datetime, ends_at: datetime) -> str:
    """Start and end in the event's time zone, as in "09:00–09:30"."""
    zone = event.zone
    return f"{format_time(starts_at.astimezone(zone))}–{format_time(ends_at.astimezone(zone))}"


def own_times(
    event: Event, participant: Participant, starts_at: datetime, ends_at: datetime
) -> str:
    """Start and end as `participant` reads them: an online participant's own zone first,
    then the event's ("03:00–03:30 (09:00–09:30 event time)"); else the event's."""
    event_times = local_times(event, starts_at, ends_at)
    zone = participant.own_zone
    if zone is None:
        return event_times
    own = f"{format_time(starts_at.astimezone(zone))}–{format_time(ends_at.astimezone(zone))}"
    return str(_("%(own)s (%(event)s event time)", own=own, event=event_times))


def own_when(event: Event, participant: Participant, starts_at: datetime, ends_at: datetime) -> str:
    """Day, start and end as `participant` reads them, as in "Mon 20 Apr, 09:00–09:30"
    (see `own_times`)."""
    day = starts_at.astimezone(participant.own_zone or event.zone)
    times = own_times(event, participant, starts_at, ends_at)
    return str(_("%(day)s, %(times)s", day=format_weekday_day(day), times=times))


def local_moment(event: Event, moment: datetime) -> str:
    """A deadline in the event's time zone: "Friday 17 April 2026, 18:00 (Europe/Berlin)"."""
    local = moment.astimezone(event.zone)
    zone = event.timezone.replace("_", " ")
    return str(
        _("%(day)s, %(time)s (%(zone)s)", day=format_day(local), time=format_time(local), zone=zone)
    )


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
            place=_("Online: %(link)s", link=link) if link else _place(event, meeting.place_label),
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
        titles = {
            ChangeKind.ADDED: _("New meeting"),
            ChangeKind.MOVED: _("Moved"),
            ChangeKind.CANCELLED: _("Cancelled"),
        }
        return str(titles[self.kind])

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
