"""Meetings as calendar entries: what each calendar says about a meeting."""

from __future__ import annotations

from collections.abc import Iterable

from flask_babel import gettext as _

from matchmaker.ical import CalendarEntry
from matchmaker.models import Event, Meeting, MeetingStatus, Participant, ProgrammeItem
from matchmaker.participants.agenda import AgendaEntry, agenda_entries
from matchmaker.programme.labels import KIND_LABELS
from matchmaker.programme.maps import map_url
from matchmaker.video import video_link


def _place(meeting: Meeting, event: Event, link: str | None) -> str:
    if link:
        online: str = _("Online: %(link)s", link=link)
        return online
    if meeting.table is not None:
        place = meeting.table.name
        if meeting.table.place:
            place = f"{place} ({meeting.table.place})"
        return ", ".join(part for part in (place, event.venue) if part)
    # An exhibitor's booth is already a full address within the fair ("Hall 8, Booth C23").
    return meeting.location or event.venue


def _person_lines(person: Participant) -> list[str]:
    organisation = person.organisation
    lines = [person.full_name + (f", {person.job_title}" if person.job_title else "")]
    lines.append(organisation.name + (f" ({organisation.country})" if organisation.country else ""))
    lines.append(_("Email: %(email)s", email=person.email))
    if person.phone:
        lines.append(_("Phone: %(phone)s", phone=person.phone))
    return lines


def _entry(meeting: Meeting, event: Event, summary: str, description: str) -> CalendarEntry:
    link = video_link(meeting)
    if link:
        description = _("Video call: %(link)s", link=link) + f"\n\n{description}"
    return CalendarEntry(
        uid=meeting.uid,
        sequence=meeting.sequence,
        start=meeting.slot.starts_at,
        end=meeting.slot.ends_at,
        timezone=event.timezone,
        summary=summary,
        location=_place(meeting, event, link),
        description=description,
        cancelled=meeting.status == MeetingStatus.CANCELLED,
        created=meeting.created_at,
        last_modified=meeting.updated_at,
        video_link=link,
        video_label=_("Video call"),
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
    for agenda_entry in agenda:
        partner = agenda_entry.partner
        lines = [_("Your B2B meeting with:"), *_person_lines(partner)]
        if agenda_entry.reasons:
            lines += [
                "",
                _("Why meet:"),
                *(f"- {reason.text_for(event)}" for reason in agenda_entry.reasons),
            ]
        if agenda_entry.cancelled:
            lines = [_("This meeting is cancelled."), "", *lines]
        entries.append(
            _entry(
                agenda_entry.meeting,
                event,
                _("B2B: %(organisation)s", organisation=partner.organisation.name),
                "\n".join(lines),
            )
        )
    return entries


def event_entries(event: Event, meetings: Iterable[Meeting]) -> list[CalendarEntry]:
    """Meetings as the organisers and venue staff see them: both sides named."""
    entries = []
    for meeting in meetings:
        a, b = meeting.participant_a, meeting.participant_b
        summary = _(
            "B2B: %(organisation)s – %(partner)s",
            organisation=a.organisation.name,
            partner=b.organisation.name,
        )
        description = "\n".join([*_person_lines(a), "", *_person_lines(b)])
        entries.append(_entry(meeting, event, summary, description))
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
