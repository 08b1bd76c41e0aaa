"""Reads for calendars: the meetings a calendar shows, with everything it prints loaded."""

from __future__ import annotations

from sqlalchemy import Select, or_, select
from sqlalchemy.orm import Session, selectinload

from matchmaker.models import Event, Meeting, MeetingStatus, MeetingTable, Participant


def _shown_meetings(event: Event) -> Select[Meeting]:
    """Confirmed meetings, and those cancelled after publication (calendars must drop them)."""
    return (
        select(Meeting)
        .where(
            Meeting.event_id == event.id,
            or_(Meeting.status == MeetingStatus.CONFIRMED, Meeting.changed_at.is_not(None)),
        )
        .options(
            selectinload(Meeting.slot),
            selectinload(Meeting.table),
            selectinload(Meeting.participant_a).selectinload(Participant.organisation),
            selectinload(Meeting.participant_b).selectinload(Participant.organisation),
        )
        .order_by(Meeting.id)
    )


def participant_meetings(session: Session, participant: Participant) -> list[Meeting]:
    """The meetings on one participant's calendar."""
    query = _shown_meetings(participant.event).where(
        or_(
            Meeting.participant_a_id == participant.id,
            Meeting.participant_b_id == participant.id,
        )
    )
    return list(session.scalars(query))


def event_meetings(session: Session, event: Event) -> list[Meeting]:
    """Every meeting on the event's calendar."""
    return list(session.scalars(_shown_meetings(event)))


def table_meetings(session: Session, table: MeetingTable) -> list[Meeting]:
    """The meetings at one table."""
    return list(session.scalars(_shown_meetings(table.event).where(Meeting.table_id == table.id)))


def event_table(session: Session, event: Event, table_id: int) -> MeetingTable | None:
    """A table of this event (None for another event's table)."""
    return session.scalar(
        select(MeetingTable).where(MeetingTable.id == table_id, MeetingTable.event_id == event.id)
    )


def event_participants(session: Session, event: Event) -> list[Participant]:
    """The event's active participants, for per-person exports."""
    return list(
        session.scalars(
            select(Participant)
            .where(Participant.event_id == event.id, Participant.withdrawn_at.is_(None))
            .order_by(Participant.last_name, Participant.first_name, Participant.id)
        )
    )


def participant_by_feed_hash(session: Session, token_hash: str) -> Participant | None:
    """The participant whose calendar-feed token has this hash."""
    return session.scalar(select(Participant).where(Participant.feed_token_hash == token_hash))
