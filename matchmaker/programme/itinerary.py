"""A participant's itinerary: their meetings from every event of the mission and their
programme items, day by day, each in its own local zone (and the person's home zone
where that differs). The agenda page, its print version and the calendar feed read it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from itertools import groupby
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy.orm import Session

from matchmaker.models import Event, Participant, Phase, ProgrammeItem
from matchmaker.participants.agenda import AgendaEntry, agenda_entries
from matchmaker.participants.queries import agenda_meetings
from matchmaker.programme.queries import person_programme, registrations_of
from matchmaker.zones import COUNTRY_ZONES


@dataclass(frozen=True)
class ItineraryEntry:
    """A meeting (with its event) or a programme item, in its own zone."""

    start: datetime
    end: datetime
    zone: ZoneInfo
    event: Event | None = None
    meeting: AgendaEntry | None = None
    item: ProgrammeItem | None = None

    @property
    def cancelled(self) -> bool:
        if self.item is not None:
            return self.item.cancelled
        return self.meeting is not None and self.meeting.cancelled

    @property
    def local_day(self) -> date:
        return self.start.astimezone(self.zone).date()

    def differs_from(self, home: ZoneInfo | None) -> bool:
        """Whether the home zone shows other clock times than the entry's own zone."""
        if home is None:
            return False
        return (
            self.start.astimezone(home).utcoffset() != self.start.astimezone(self.zone).utcoffset()
        )


def home_zone(participant: Participant) -> ZoneInfo | None:
    """The person's home zone: their own setting, else their organisation's country's."""
    user = participant.user
    key = (user.home_timezone if user is not None else None) or COUNTRY_ZONES.get(
        participant.organisation.country or ""
    )
    if not key:
        return None
    try:
        return ZoneInfo(key)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def meeting_entries(event: Event, entries: Sequence[AgendaEntry]) -> list[ItineraryEntry]:
    """An event's agenda entries as itinerary entries in the event's zone."""
    return [
        ItineraryEntry(
            start=entry.slot.starts_at,
            end=entry.slot.ends_at,
            zone=event.zone,
            event=event,
            meeting=entry,
        )
        for entry in entries
    ]


def item_entries(items: Sequence[ProgrammeItem]) -> list[ItineraryEntry]:
    """Programme items as itinerary entries in their own zones."""
    return [
        ItineraryEntry(start=item.starts_at, end=item.ends_at, zone=item.zone, item=item)
        for item in items
    ]


def itinerary_days(entries: Sequence[ItineraryEntry]) -> list[tuple[date, list[ItineraryEntry]]]:
    """The entries in time order, grouped by their day in their own zone."""
    ordered = sorted(
        entries,
        key=lambda entry: (entry.start, entry.item is not None, entry.end),
    )
    days: list[tuple[date, list[ItineraryEntry]]] = []
    for day, day_entries in groupby(ordered, key=lambda entry: entry.local_day):
        if days and days[-1][0] == day:
            days[-1][1].extend(day_entries)
        else:
            days.append((day, list(day_entries)))
    return days


@dataclass(frozen=True)
class Itinerary:
    """What a participant's agenda page and calendar show for the whole mission."""

    days: list[tuple[date, list[ItineraryEntry]]]
    home: ZoneInfo | None
    open_to_sign_up: list[tuple[ProgrammeItem, int]]
    registrations: list[Participant]

    @property
    def entries(self) -> list[ItineraryEntry]:
        return [entry for _day, entries in self.days for entry in entries]


def build_itinerary(session: Session, me: Participant, *, only_published: bool = True) -> Itinerary:
    """`me`'s meetings in every event of the mission whose schedule is published (every
    event with `only_published` off) and the programme items they attend."""
    registrations = registrations_of(session, me)
    entries: list[ItineraryEntry] = []
    for registration in registrations:
        event = registration.event
        if only_published and event.phase != Phase.PUBLISHED:
            continue
        meetings = agenda_meetings(session, registration)
        entries += meeting_entries(event, agenda_entries(event, registration, meetings))
    programme = person_programme(session, me)
    entries += item_entries(programme.attending)
    return Itinerary(
        days=itinerary_days(entries),
        home=home_zone(me),
        open_to_sign_up=programme.open_to_sign_up,
        registrations=registrations,
    )
