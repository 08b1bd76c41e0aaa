"""Meetings as calendar entries: what each calendar says about a meeting."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import NamedTuple

from matchmaker.ical import CalendarEntry
from matchmaker.models import Event, Meeting, MeetingStatus, Participant
from matchmaker.participants.agenda import agenda_entries


class Side(NamedTuple):
    """One participant of a meeting as calendars describe them."""

    full_name: str
    job_title: str | None
    email: str
    phone: str | None
    organisation: str
    country: str | None


class MeetingFacts(NamedTuple):
    """What a calendar says about a meeting, as plain values."""

    uid: str
    sequence: int
    starts_at: datetime
    ends_at: datetime
    table: str | None
    table_place: str | None
    location: str | None
    cancelled: bool
    created_at: datetime
    updated_at: datetime


class EventMeeting(NamedTuple):
    """A meeting of the whole-event or a table's calendar: its facts and both sides."""

    facts: MeetingFacts
    a: Side
    b: Side


def side_of(person: Participant) -> Side:
    """A participant as a meeting's side."""
    organisation = person.organisation
    return Side(
        person.full_name,
        person.job_title,
        person.email,
        person.phone,
        organisation.name,
        organisation.country,
    )


def facts_of(meeting: Meeting) -> MeetingFacts:
    """A meeting row (slot and table loaded) as plain values."""
    table = meeting.table
    return MeetingFacts(
        meeting.uid,
        meeting.sequence,
        meeting.slot.starts_at,
        meeting.slot.ends_at,
        table.name if table is not None else None,
        table.place if table is not None else None,
        meeting.location,
        meeting.status == MeetingStatus.CANCELLED,
        meeting.created_at,
        meeting.updated_at,
    )


def _place(facts: MeetingFacts, event: Event) -> str:
    if facts.table is not None:
        place = facts.table
        if facts.table_place:
            place = f"{place} ({facts.table_place})"
        return ", ".join(part for part in (place, event.venue) if part)
    # An exhibitor's booth is already a full address within the fair ("Hall 8, Booth C23").
    return facts.location or event.venue


def _person_lines(person: Side) -> list[str]:
    lines = [person.full_name + (f", {person.job_title}" if person.job_title else "")]
    lines.append(person.organisation + (f" ({person.country})" if person.country else ""))
    lines.append(f"Email: {person.email}")
    if person.phone:
        lines.append(f"Phone: {person.phone}")
    return lines


def _entry(facts: MeetingFacts, event: Event, summary: str, description: str) -> CalendarEntry:
    return CalendarEntry(
        uid=facts.uid,
        sequence=facts.sequence,
        start=facts.starts_at,
        end=facts.ends_at,
        timezone=event.timezone,
        summary=summary,
        location=_place(facts, event),
        description=description,
        cancelled=facts.cancelled,
        created=facts.created_at,
        last_modified=facts.updated_at,
    )


def participant_entries(
    event: Event, participant: Participant, meetings: Iterable[Meeting]
) -> list[CalendarEntry]:
    """One participant's meetings: "B2B: <partner organisation>", partner details, and
    why they meet (the agenda's entries, so both say the same)."""
    entries = []
    for agenda_entry in agenda_entries(event, participant, meetings):
        partner = agenda_entry.partner
        lines = ["Your B2B meeting with:", *_person_lines(side_of(partner))]
        if agenda_entry.reasons:
            lines += ["", "Why meet:", *(f"- {reason.text}" for reason in agenda_entry.reasons)]
        if agenda_entry.cancelled:
            lines = ["This meeting is cancelled.", "", *lines]
        entries.append(
            _entry(
                facts_of(agenda_entry.meeting),
                event,
                f"B2B: {partner.organisation.name}",
                "\n".join(lines),
            )
        )
    return entries


def event_entries(event: Event, meetings: Iterable[EventMeeting]) -> list[CalendarEntry]:
    """Meetings as the organisers and venue staff see them: both sides named."""
    entries = []
    for facts, a, b in meetings:
        summary = f"B2B: {a.organisation} – {b.organisation}"
        description = "\n".join([*_person_lines(a), "", *_person_lines(b)])
        entries.append(_entry(facts, event, summary, description))
    return entries
