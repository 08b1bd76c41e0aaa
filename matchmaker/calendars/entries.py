"""Meetings as calendar entries: what each calendar says about a meeting."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import NamedTuple

from flask_babel import gettext as _

from matchmaker.ical import CalendarEntry
from matchmaker.models import Event, Meeting, MeetingStatus, Participant, ProgrammeItem
from matchmaker.participants.agenda import AgendaEntry, agenda_entries
from matchmaker.programme.labels import KIND_LABELS
from matchmaker.programme.maps import map_url
from matchmaker.video import video_link


class Side(NamedTuple):
    """One participant of a meeting as calendars describe them."""

    full_name: str
    job_title: str | None
    email: str
    phone: str | None
    organisation: str
    country: str | None


class MeetingFacts(NamedTuple):
    """What a calendar says about a meeting, as plain values; `video_link` is where an
    online meeting is held (None at a table or a booth)."""

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
    video_link: str | None


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
    """A meeting row (slot, table and people loaded) as plain values."""
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
        video_link(meeting),
    )


class Texts(NamedTuple):
    """The calendar's words in the request's language, looked up once per calendar (a
    lookup per line costs most of the writing of a whole-event calendar); the formats are
    filled in with `%` as gettext fills them."""

    online: str
    email: str
    phone: str
    video_call_at: str
    video_call: str
    meeting_with: str
    why_meet: str
    cancelled: str
    with_organisation: str

    @classmethod
    def now(cls) -> Texts:
        return cls(
            online=_("Online: %(link)s"),
            email=_("Email: %(email)s"),
            phone=_("Phone: %(phone)s"),
            video_call_at=_("Video call: %(link)s"),
            video_call=_("Video call"),
            meeting_with=_("Your B2B meeting with:"),
            why_meet=_("Why meet:"),
            cancelled=_("This meeting is cancelled."),
            with_organisation=_("B2B: %(organisation)s"),
        )


def _place(facts: MeetingFacts, event: Event, texts: Texts) -> str:
    if facts.video_link:
        return texts.online % {"link": facts.video_link}
    if facts.table is not None:
        place = facts.table
        if facts.table_place:
            place = f"{place} ({facts.table_place})"
        return ", ".join(part for part in (place, event.venue) if part)
    # An exhibitor's booth is already a full address within the fair ("Hall 8, Booth C23").
    return facts.location or event.venue


def _person_lines(person: Side, texts: Texts) -> list[str]:
    lines = [person.full_name + (f", {person.job_title}" if person.job_title else "")]
    lines.append(person.organisation + (f" ({person.country})" if person.country else ""))
    lines.append(texts.email % {"email": person.email})
    if person.phone:
        lines.append(texts.phone % {"phone": person.phone})
    return lines


def _entry(
    facts: MeetingFacts, event: Event, summary: str, description: str, texts: Texts
) -> CalendarEntry:
    link = facts.video_link
    if link:
        description = texts.video_call_at % {"link": link} + f"\n\n{description}"
    return CalendarEntry(
        uid=facts.uid,
        sequence=facts.sequence,
        start=facts.starts_at,
        end=facts.ends_at,
        timezone=event.timezone,
        summary=summary,
        location=_place(facts, event, texts),
        description=description,
        cancelled=facts.cancelled,
        created=facts.created_at,
        last_modified=facts.updated_at,
        video_link=link,
        video_label=texts.video_call,
    )


def participant_entries(
    event: Event, participant: Participant, meetings: Iterable[Meeting]
) -> list[CalendarEntry]:
    """One participant's meetings: "B2B: <partner organisation>", partner details, and
    why they meet (the agenda's entries, so both say the same)."""
    return agenda_calendar_entries(event, agenda_entries(event, participant, meetings))


def agenda_calendar_entries(event: Event, agenda: Iterable[AgendaEntry]) -> list[CalendarEntry]:
    """Agenda entries of one event as calendar entries (see `participant_entries`)."""
    entries = []
    texts = Texts.now()
    for agenda_entry in agenda:
        partner = agenda_entry.partner
        lines = [texts.meeting_with, *_person_lines(side_of(partner), texts)]
        if agenda_entry.reasons:
            lines += [
                "",
                texts.why_meet,
                *(f"- {reason.text_for(event)}" for reason in agenda_entry.reasons),
            ]
        if agenda_entry.cancelled:
            lines = [texts.cancelled, "", *lines]
        entries.append(
            _entry(
                facts_of(agenda_entry.meeting),
                event,
                texts.with_organisation % {"organisation": partner.organisation.name},
                "\n".join(lines),
                texts,
            )
        )
    return entries


def event_entries(event: Event, meetings: Iterable[EventMeeting]) -> list[CalendarEntry]:
    """Meetings as the organisers and venue staff see them: both sides named."""
    entries = []
    texts = Texts.now()
    both = _("B2B: %(organisation)s – %(partner)s")
    for facts, a, b in meetings:
        summary = both % {"organisation": a.organisation, "partner": b.organisation}
        description = "\n".join([*_person_lines(a, texts), "", *_person_lines(b, texts)])
        entries.append(_entry(facts, event, summary, description, texts))
    return entries


def programme_entries(items: Iterable[ProgrammeItem]) -> list[CalendarEntry]:
    """Programme items in their own zones: "<kind>: <title>", place and address, a map link."""
    entries = []
    for item in items:
        lines = [item.description] if item.description else []
        link = map_url(item.address)
        if link:
            lines.append(_("Map: %(link)s", link=link))
        if item.capacity is not None:
            lines.append(_("You have a place (signed up)."))
        if item.cancelled:
            lines = [_("This item is cancelled."), "", *lines]
        entries.append(
            CalendarEntry(
                uid=item.uid,
                sequence=item.sequence,
                start=item.starts_at,
                end=item.ends_at,
                timezone=item.timezone,
                summary=f"{KIND_LABELS[item.kind]}: {item.title}",
                location=", ".join(part for part in (item.place, item.address) if part),
                description="\n".join(lines),
                cancelled=item.cancelled,
                created=item.created_at,
                last_modified=item.updated_at,
            )
        )
    return entries
