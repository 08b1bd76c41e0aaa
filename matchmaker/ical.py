"""Meetings as iCalendar (RFC 5545): pure functions, no database and no Flask.

Each meeting is a VEVENT whose UID is stable for the pairing and whose SEQUENCE rises when
its time or place changes; cancelled meetings stay with STATUS:CANCELLED so subscribed
calendars remove them. Times carry the event's TZID, with a VTIMEZONE for every zone used.
DTSTAMP is the time the calendar's content last changed (the newest LAST-MODIFIED), so an
unchanged feed is byte-for-byte identical and can be answered with 304 Not Modified.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from icalendar import STATUS, TRANSP, Calendar, Event, vCalAddress, vDuration, vUri

PRODID = "-//matchmaker//B2B matchmaking scheduler//EN"
DEFAULT_REFRESH = timedelta(hours=1)
EPOCH = datetime(2000, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class CalendarEntry:
    """One meeting as a calendar event. Datetimes are aware; `timezone` is its IANA zone.
    An online meeting's `video_link` goes in URL and CONFERENCE (RFC 7986)."""

    uid: str
    sequence: int
    start: datetime
    end: datetime
    timezone: str
    summary: str
    location: str
    description: str
    cancelled: bool
    created: datetime
    last_modified: datetime
    video_link: str | None = None


@dataclass(frozen=True)
class Scheduling:
    """An iTIP method and the addresses RFC 5546 asks for in each of its events.

    REQUEST adds or updates events (a higher SEQUENCE wins), CANCEL removes them. The
    attendee is told the meeting stands (PARTSTAT=ACCEPTED, RSVP=FALSE): nobody is asked to
    reply to a schedule the organisers made.
    """

    method: str
    organizer: str
    organizer_name: str
    attendee: str
    attendee_name: str

    def address(self, event: Event) -> None:
        """Add ORGANIZER and ATTENDEE to `event`."""
        event.add("ORGANIZER", vCalAddress(f"mailto:{self.organizer}"), {"CN": self.organizer_name})
        event.add(
            "ATTENDEE",
            vCalAddress(f"mailto:{self.attendee}"),
            {"CN": self.attendee_name, "PARTSTAT": "ACCEPTED", "RSVP": "FALSE"},
        )


def build_calendar(
    uid: str,
    name: str,
    entries: Sequence[CalendarEntry],
    *,
    description: str = "",
    refresh: timedelta = DEFAULT_REFRESH,
    scheduling: Scheduling | None = None,
) -> bytes:
    """The iCalendar file of `entries`, ordered by start time.

    `uid` identifies the calendar itself (stable per feed). VTIMEZONE definitions cover the
    years of the entries, which keeps them short. Without `scheduling` it is a published
    calendar (METHOD:PUBLISH, for downloads and feeds); with it, an iTIP message (RFC 5546)
    that mail clients apply to the events of the same UIDs.
    """
    name, description = _one_line(name), _one_line(description)
    stamp = max((entry.last_modified for entry in entries), default=EPOCH).astimezone(UTC)
    method = scheduling.method if scheduling is not None else "PUBLISH"
    calendar = Calendar.new(
        uid=uid, prodid=PRODID, method=method, name=name, description=description or None
    )
    if scheduling is None:
        calendar.add("REFRESH-INTERVAL", refresh, parameters={"VALUE": "DURATION"})  # RFC 7986
        calendar.add("X-PUBLISHED-TTL", vDuration(refresh))
    for entry in sorted(entries, key=lambda item: (item.start, item.uid)):
        event = _event(entry, stamp)
        if scheduling is not None:
            scheduling.address(event)
        calendar.add_component(event)
    years = [entry.start.year for entry in entries] or [stamp.year]
    calendar.add_missing_timezones(
        first_date=date(min(years) - 1, 1, 1), last_date=date(max(years) + 1, 12, 31)
    )
    ical: bytes = calendar.to_ical()
    return ical


def _one_line(text: str) -> str:
    """Calendar-level names are single lines (icalendar does not escape breaks in them)."""
    return " ".join(text.split())


def _event(entry: CalendarEntry, stamp: datetime) -> Event:
    zone = ZoneInfo(entry.timezone)
    event = Event.new(
        uid=entry.uid,
        stamp=stamp,
        sequence=entry.sequence,
        start=entry.start.astimezone(zone),
        end=entry.end.astimezone(zone),
        summary=entry.summary,
        location=entry.location or None,
        description=entry.description or None,
        status=STATUS.CANCELLED if entry.cancelled else STATUS.CONFIRMED,
        created=entry.created.astimezone(UTC),
        last_modified=entry.last_modified.astimezone(UTC),
        transparency=TRANSP.OPAQUE,
    )
    if entry.video_link:
        event.add("URL", vUri(entry.video_link), parameters={"VALUE": "URI"})
        event.add(
            "CONFERENCE",
            vUri(entry.video_link),
            parameters={"VALUE": "URI", "FEATURE": "VIDEO", "LABEL": "Video call"},
        )
    return event
