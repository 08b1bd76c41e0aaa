"""Reads for calendars: the meetings a calendar shows, with everything it prints loaded."""

from __future__ import annotations

from collections.abc import Collection

from sqlalchemy import Select, or_, select
from sqlalchemy.orm import Session, selectinload

from matchmaker.models import Event, Meeting, MeetingTable, Participant, shown_to_participants


def _shown_meetings(event: Event) -> Select[Meeting]:
    """The event's meetings that calendars show (cancelled ones so that calendars drop them)."""
    return (
        select(Meeting)
        .where(
            Meeting.event_id == event.id,
            shown_to_participants(),
        )
        .options(
            selectinload(Meeting.slot),
            selectinload(Meeting.table),
            selectinload(Meeting.participant_a).selectinload(Participant.organisation),
            selectinload(Meeting.participant_b).selectinload(Participant.organisation),
        )
        .order_by(Meeting.id)
    )


def event_meetings(session: Session, event: Event) -> list[Meeting]:
    """Every meeting on the event's calendar."""
    return list(session.scalars(_shown_meetings(event)))


def people_meetings(
    session: Session, event: Event, participant_ids: Collection[int]
) -> list[Meeting]:
    """The event's calendar meetings of any of these participants (each meeting once)."""
    return list(
        session.scalars(
            _shown_meetings(event).where(
                or_(
                    Meeting.participant_a_id.in_(participant_ids),
                    Meeting.participant_b_id.in_(participant_ids),
                )
            )
        )
    )


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


def feeds_of_user(session: Session, user_id: int) -> list[Participant]:
    """The user's registrations, withdrawn ones included, whose calendar feed is on."""
    return list(
        session.scalars(
            select(Participant)
            .where(Participant.user_id == user_id, Participant.feed_token_hash.is_not(None))
            .order_by(Participant.id)
        )
    )
