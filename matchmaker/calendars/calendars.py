"""The calendars the product writes, as .ics bytes (shared by views and the CLI)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from matchmaker.calendars import queries
from matchmaker.calendars.entries import event_entries, participant_entries
from matchmaker.ical import Scheduling, build_calendar, write_calendar
from matchmaker.models import Event, Meeting, MeetingTable, Participant, Phase
from matchmaker.participants.queries import agenda_meetings


def participant_calendar(
    session: Session, participant: Participant, *, only_published: bool = True
) -> bytes:
    """A participant's agenda; empty until the schedule is published unless told otherwise."""
    meetings = (
        agenda_meetings(session, participant)
        if participant.event.phase == Phase.PUBLISHED or not only_published
        else []
    )
    return participant_ics(participant, meetings)


def participant_ics(
    participant: Participant, meetings: list[Meeting], scheduling: Scheduling | None = None
) -> bytes:
    """`meetings` of the participant as their feed shows them; with `scheduling`, an iTIP
    message (REQUEST or CANCEL) for a mail with the feed's UIDs, SEQUENCE and descriptions."""
    event = participant.event
    return build_calendar(
        f"participant-{participant.id}.{event.slug}@matchmaker",
        f"{event.name}: B2B meetings of {participant.full_name}",
        participant_entries(event, participant, meetings),
        description=f"{event.name}, {event.venue}" if event.venue else event.name,
        scheduling=scheduling,
    )


def event_calendar(session: Session, event: Event) -> bytes:
    """Every meeting of the event."""
    return write_calendar(
        f"event.{event.slug}@matchmaker",
        f"{event.name}: all B2B meetings",
        event_entries(event, queries.event_meeting_rows(session, event)),
    )


def table_calendar(session: Session, table: MeetingTable) -> bytes:
    """The meetings at one table."""
    event = table.event
    return write_calendar(
        f"table-{table.id}.{event.slug}@matchmaker",
        f"{event.name}: {table.name}",
        event_entries(event, queries.table_meeting_rows(session, table)),
    )
