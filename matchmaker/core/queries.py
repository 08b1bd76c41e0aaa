"""Reads for the public pages: missions and events, an event's figures."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import ColumnElement, distinct, func, select
from sqlalchemy.orm import Session, joinedload, selectinload

from matchmaker.models import (
    Block,
    Event,
    Meeting,
    MeetingStatus,
    MeetingTable,
    Mission,
    Organisation,
    Participant,
    TimeSlot,
)


@dataclass(frozen=True)
class EventFigures:
    """How many active participants, organisations and countries an event has, and tables."""

    participants: int
    organisations: int
    countries: int
    tables: int


def missions_with_events(session: Session) -> Sequence[Mission]:
    """Every mission, newest first, with its events, their blocks and the mission organisers."""
    return session.scalars(
        select(Mission)
        .options(
            selectinload(Mission.events).selectinload(Event.blocks),
            selectinload(Mission.organisers),
        )
        .order_by(Mission.start_date.desc().nulls_last(), Mission.name, Mission.id)
    ).all()


def event_for_page(session: Session, slug: str) -> Event | None:
    """The event with this slug, with its mission loaded (the mission's organisers, which
    only an organiser's visit reads, load when read)."""
    return session.scalars(
        select(Event).where(Event.slug == slug).options(joinedload(Event.mission))
    ).first()


def _active_participants(event_ids: Iterable[int]) -> tuple[ColumnElement[bool], ...]:
    """Conditions selecting the not-withdrawn participants of these events."""
    return (Participant.event_id.in_(list(event_ids)), Participant.withdrawn_at.is_(None))


def participant_counts(session: Session, event_ids: Iterable[int]) -> dict[int, int]:
    """Active participants per event, for the given events (events without any are left out)."""
    rows = session.execute(
        select(Participant.event_id, func.count(Participant.id))
        .where(*_active_participants(event_ids))
        .group_by(Participant.event_id)
    )
    return {event_id: count for event_id, count in rows}


def confirmed_meeting_counts(session: Session, event_ids: Iterable[int]) -> dict[int, int]:
    """Confirmed meetings per event, for the given events (events without any are left out)."""
    rows = session.execute(
        select(Meeting.event_id, func.count(Meeting.id))
        .where(Meeting.event_id.in_(list(event_ids)), Meeting.status == MeetingStatus.CONFIRMED)
        .group_by(Meeting.event_id)
    )
    return {event_id: count for event_id, count in rows}


def event_figures(session: Session, event_id: int) -> EventFigures:
    """Active participants, their organisations and countries, and the meeting tables, in
    one query."""
    tables = select(func.count(MeetingTable.id)).where(MeetingTable.event_id == event_id)
    participants, organisations, countries, table_count = session.execute(
        select(
            func.count(Participant.id),
            func.count(distinct(Participant.organisation_id)),
            func.count(distinct(func.nullif(Organisation.country, ""))),
            tables.scalar_subquery(),
        )
        .join(Organisation, Participant.organisation_id == Organisation.id)
        .where(*_active_participants([event_id]))
    ).one()
    return EventFigures(participants, organisations, countries, table_count or 0)


def blocks_with_slot_counts(session: Session, event_id: int) -> list[tuple[Block, int]]:
    """The event's blocks by day and start time, each with its number of meeting slots."""
    rows = session.execute(
        select(Block, func.count(TimeSlot.id))
        .outerjoin(TimeSlot, TimeSlot.block_id == Block.id)
        .where(Block.event_id == event_id)
        .group_by(Block.id)
        .order_by(Block.day, Block.start_time)
    )
    return [(block, count) for block, count in rows]


def registered_event_ids(session: Session, user_id: int) -> set[int]:
    """The events in which the user has an active participant."""
    return set(
        session.scalars(
            select(Participant.event_id).where(
                Participant.user_id == user_id, Participant.withdrawn_at.is_(None)
            )
        )
    )
