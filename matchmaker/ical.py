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
from functools import lru_cache
from zoneinfo import ZoneInfo

from icalendar import STATUS, TRANSP, Calendar, Event, vCalAddress, vDuration, vUri
from icalendar.parser import dquote

PRODID = "-//matchmaker//B2B matchmaking scheduler//EN"
DEFAULT_REFRESH = timedelta(hours=1)
EPOCH = datetime(2000, 1, 1, tzinfo=UTC)
# Calendar heads remembered (see `_head`): one per feed, about 2 KB each.
HEAD_MEMO_SIZE = 2048


@dataclass(frozen=True)
class CalendarEntry:
    """One meeting as a calendar event. Datetimes are aware; `timezone` is its IANA zone.
    An online meeting's `video_link` goes in URL and CONFERENCE (RFC 7986), the latter
    labelled `video_label` (in the calendar's language)."""

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
    video_label: str = ""


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


def _video_parameters(label: str) -> str:
    """CONFERENCE's parameters as icalendar writes them (sorted, quoted where needed), for
    the text writer."""
    return f"FEATURE=VIDEO;LABEL={dquote(label)};VALUE=URI"


def write_calendar(
    uid: str,
    name: str,
    entries: Sequence[CalendarEntry],
    *,
    description: str = "",
    refresh: timedelta = DEFAULT_REFRESH,
) -> bytes:
    """The published calendar `build_calendar` makes of `entries`, byte for byte, written as
    text: building an icalendar object per meeting takes seconds for a whole fair.

    The calendar's head and VTIMEZONEs still come from icalendar, built from a few of the
    entries: the first of each zone (icalendar orders VTIMEZONEs as a set of the zones met
    in that order) and the first of the earliest and latest years (their range).
    """
    if not entries:
        return build_calendar(uid, name, entries, description=description, refresh=refresh)
    ordered = sorted(entries, key=lambda item: (item.start, item.uid))
    years = [entry.start.year for entry in ordered]
    zones = tuple(dict.fromkeys(entry.timezone for entry in ordered))
    head = _head(uid, name, description, refresh, zones, min(years), max(years))
    local = {zone: f"TZID:{zone}\r\n" in head for zone in zones}
    stamp = _utc_text(max(entry.last_modified for entry in entries))
    lines: list[str] = []
    for entry in ordered:
        lines += _event_lines(entry, stamp, local[entry.timezone])
    return (head + "".join(lines) + "END:VCALENDAR\r\n").encode()


@lru_cache(maxsize=HEAD_MEMO_SIZE)
def _head(
    uid: str,
    name: str,
    description: str,
    refresh: timedelta,
    zones: tuple[str, ...],
    first_year: int,
    last_year: int,
) -> str:
    """Everything `build_calendar` writes before the first VEVENT: the calendar's properties
    and a VTIMEZONE per zone (in the order the zones are met) covering the years' range.

    It depends on nothing else, so icalendar builds it from stand-in entries: one per zone
    in that order, and one in the last year. Feeds are fetched again and again unchanged.
    """
    moment = datetime(first_year, 7, 1, tzinfo=UTC)
    stand_ins = [
        _stand_in(zone, moment + timedelta(minutes=index)) for index, zone in enumerate(zones)
    ]
    stand_ins.append(_stand_in(zones[0], datetime(last_year, 7, 2, tzinfo=UTC)))
    skeleton = build_calendar(uid, name, stand_ins, description=description, refresh=refresh)
    return skeleton[: skeleton.index(b"BEGIN:VEVENT\r\n")].decode()


def _stand_in(zone: str, start: datetime) -> CalendarEntry:
    """An entry in `zone` at `start` that only shapes a calendar's head (see `_head`)."""
    return CalendarEntry(
        uid="stand-in",
        sequence=0,
        start=start,
        end=start + timedelta(minutes=1),
        timezone=zone,
        summary="",
        location="",
        description="",
        cancelled=False,
        created=start,
        last_modified=start,
    )


def _event_lines(entry: CalendarEntry, stamp: str, local: bool) -> list[str]:
    """One VEVENT as `_event` and icalendar write it (properties in icalendar's order)."""

    def moment(key: str, value: datetime) -> str:
        if not local:
            return f"{key}:{_utc_text(value)}\r\n"
        zone = ZoneInfo(entry.timezone)
        return f"{key};TZID={entry.timezone}:{value.astimezone(zone):%Y%m%dT%H%M%S}\r\n"

    lines = [
        "BEGIN:VEVENT\r\n",
        _text_line("SUMMARY", entry.summary),
        moment("DTSTART", entry.start),
        moment("DTEND", entry.end),
        f"DTSTAMP:{stamp}\r\n",
        _text_line("UID", entry.uid),
        f"SEQUENCE:{entry.sequence}\r\n",
    ]
    if entry.video_link:
        lines.append(
            _fold(f"CONFERENCE;{_video_parameters(entry.video_label)}:{entry.video_link}") + "\r\n"
        )
    lines.append(f"CREATED:{_utc_text(entry.created)}\r\n")
    if entry.description:
        lines.append(_text_line("DESCRIPTION", entry.description))
    lines.append(f"LAST-MODIFIED:{_utc_text(entry.last_modified)}\r\n")
    if entry.location:
        lines.append(_text_line("LOCATION", entry.location))
    lines.append(f"STATUS:{'CANCELLED' if entry.cancelled else 'CONFIRMED'}\r\n")
    lines.append("TRANSP:OPAQUE\r\n")
    if entry.video_link:
        lines.append(_fold(f"URL;VALUE=URI:{entry.video_link}") + "\r\n")
    lines.append("END:VEVENT\r\n")
    return lines


def _utc_text(moment: datetime) -> str:
    return f"{moment.astimezone(UTC):%Y%m%dT%H%M%S}Z"


def _text_line(key: str, value: str) -> str:
    """A TEXT property, escaped (RFC 5545 3.3.11) and folded as icalendar does."""
    escaped = (
        value.replace(r"\N", "\n")
        .replace("\\", "\\\\")
        .replace(";", r"\;")
        .replace(",", r"\,")
        .replace("\r\n", r"\n")
        .replace("\n", r"\n")
        .replace("\r", r"\n")
    )
    return _fold(f"{key}:{escaped}") + "\r\n"


def _fold(line: str, limit: int = 75) -> str:
    """Fold a content line into pieces under `limit` octets, cut between characters and
    never just after a backslash or caret (as icalendar folds, so both write the same
    bytes)."""
    data = line.encode()
    if len(data) < limit:
        return line
    most = limit - 1
    pieces = []
    start = 0
    while len(data) - start > most:
        cut = start + most
        while data[cut] & 0xC0 == 0x80:  # inside a character: cut before it
            cut -= 1
        if cut - start > 1 and data[cut - 1] in b"\\^":
            cut -= 1
        pieces.append(data[start:cut])
        start = cut
    pieces.append(data[start:])
    return b"\r\n ".join(pieces).decode()


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
            parameters={"VALUE": "URI", "FEATURE": "VIDEO", "LABEL": entry.video_label},
        )
    return event
