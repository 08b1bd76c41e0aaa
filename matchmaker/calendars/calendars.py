"""The calendars the product writes, as .ics bytes (shared by views and the CLI)."""

from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy.orm import Session

from matchmaker.calendars import queries
from matchmaker.calendars.entries import (
    agenda_calendar_entries,
    event_entries,
    participant_entries,
    programme_entries,
)
from matchmaker.i18n import recipient_locale
from matchmaker.ical import Scheduling, build_calendar, write_calendar
from matchmaker.models import Event, Meeting, MeetingTable, Participant
from matchmaker.participants.agenda import AgendaEntry
from matchmaker.programme.itinerary import Itinerary, build_itinerary


def owner_locale(participant: Participant) -> str:
    """The language of a person's own calendar: the one they chose, else their event's.
    Calendar apps fetch feeds without a language of their own (nor the person's)."""
    user = participant.user
    return recipient_locale(user.locale if user else None, participant.event.default_locale)


def _meetings_of(event: Event, participant: Participant) -> str:
    name: str = _(
        "%(event)s: B2B meetings of %(name)s", event=event.display_name, name=participant.full_name
    )
    return name


def _agendas_by_event(itinerary: Itinerary) -> list[tuple[Event, list[AgendaEntry]]]:
    """The itinerary's meetings grouped by their event (in time order within each), so that
    each event's calendar words are looked up once."""
    groups: dict[int, tuple[Event, list[AgendaEntry]]] = {}
    for row in itinerary.entries:
        if row.meeting is not None and row.event is not None:
            groups.setdefault(row.event.id, (row.event, []))[1].append(row.meeting)
    return list(groups.values())


def participant_calendar(
    session: Session, participant: Participant, *, only_published: bool = True
) -> bytes:
    """A participant's itinerary: their meetings in every event of the mission whose
    schedule is published (all of them unless `only_published`) and their programme items,
    each in its own zone."""
    itinerary = build_itinerary(session, participant, only_published=only_published)
    entries = []
    for event, agenda in _agendas_by_event(itinerary):
        entries += agenda_calendar_entries(event, agenda)
    entries += programme_entries(row.item for row in itinerary.entries if row.item is not None)
    event = participant.event
    mission_wide = len(itinerary.registrations) > 1 or any(
        row.item is not None for row in itinerary.entries
    )
    return write_calendar(
        f"participant-{participant.id}.{event.slug}@matchmaker",
        _(
            "%(mission)s: itinerary of %(name)s",
            mission=event.mission.name,
            name=participant.full_name,
        )
        if mission_wide
        else _meetings_of(event, participant),
        entries,
        description=f"{event.display_name}, {event.venue}" if event.venue else event.display_name,
    )


def participant_ics(
    participant: Participant, meetings: list[Meeting], scheduling: Scheduling | None = None
) -> bytes:
    """`meetings` of the participant as their feed shows them; with `scheduling`, an iTIP
    message (REQUEST or CANCEL) for a mail with the feed's UIDs, SEQUENCE and descriptions."""
    event = participant.event
    return build_calendar(
        f"participant-{participant.id}.{event.slug}@matchmaker",
        _meetings_of(event, participant),
        participant_entries(event, participant, meetings),
        description=f"{event.display_name}, {event.venue}" if event.venue else event.display_name,
        scheduling=scheduling,
    )


def event_calendar(session: Session, event: Event) -> bytes:
    """Every meeting of the event."""
    return write_calendar(
        f"event.{event.slug}@matchmaker",
        _("%(event)s: all B2B meetings", event=event.display_name),
        event_entries(event, queries.event_meeting_rows(session, event)),
    )


def table_calendar(session: Session, table: MeetingTable) -> bytes:
    """The meetings at one table."""
    event = table.event
    return write_calendar(
        f"table-{table.id}.{event.slug}@matchmaker",
        f"{event.display_name}: {table.name}",
        event_entries(event, queries.table_meeting_rows(session, table)),
    )
