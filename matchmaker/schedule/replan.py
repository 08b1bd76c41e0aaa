"""Same-day recovery: replacement meetings for people whose partner did not come.

When an absent person's remaining meetings are released, their partners have free seats.
A restricted solve (`scheduling.solve_day`) fills them, changing nothing else:
- only today's slots still open for planning (`live.queries.open_for_planning`: the running
  slot until half of it has passed) and in which someone was freed;
- only checked-in people who have not left, and each freed partner only in the slots they
  were freed in;
- only pairs the freed partner asked for (must, want or maybe), never a "not", never
  colleagues or members of one delegation (unless the event allows it), never a pair that
  already has a meeting or that an organiser kept apart;
- everyone's confirmed meetings in those slots are locked: they stay where they are and
  keep their people and tables busy.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from datetime import datetime

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from matchmaker.delegations.queries import kept_apart_delegations
from matchmaker.live.queries import check_ins, remaining_slots
from matchmaker.models import (
    Event,
    Meeting,
    MeetingSeat,
    MeetingStatus,
    Participant,
    Preference,
    TimeSlot,
    place_meeting,
)
from matchmaker.schedule.queries import unavailable_slots
from matchmaker.schedule.scheduling import (
    DayProblem,
    Pair,
    ProposedMeeting,
    mark_changed,
    pair_weights,
    solve_day,
)


def _meetings_in(session: Session, event: Event, slot_ids: set[int]) -> list[Meeting]:
    return list(
        session.scalars(
            select(Meeting).where(
                Meeting.event_id == event.id,
                Meeting.status == MeetingStatus.CONFIRMED,
                Meeting.slot_id.in_(slot_ids),
            )
        )
    )


def _meetings_elsewhere(
    session: Session, event: Event, people: set[int], slot_ids: set[int]
) -> dict[int, int]:
    """Participant id -> their confirmed meetings outside these slots (for their caps)."""
    rows = session.execute(
        select(MeetingSeat.participant_id, func.count())
        .join(TimeSlot, TimeSlot.id == MeetingSeat.slot_id)
        .where(
            TimeSlot.event_id == event.id,
            MeetingSeat.participant_id.in_(people),
            MeetingSeat.slot_id.not_in(slot_ids),
        )
        .group_by(MeetingSeat.participant_id)
    )
    return {pid: count for pid, count in rows}


def _kept_apart_or_met(session: Session, event: Event) -> set[Pair]:
    """Pairs that cannot get a replacement: they meet already, or an organiser cancelled
    their meeting by hand (locked while cancelled)."""
    rows = session.execute(
        select(Meeting.participant_a_id, Meeting.participant_b_id).where(
            Meeting.event_id == event.id,
            or_(Meeting.status == MeetingStatus.CONFIRMED, Meeting.locked.is_(True)),
        )
    )
    return {(a, b) for a, b in rows}


def day_problem(
    session: Session, event: Event, freed: Mapping[int, set[int]], now: datetime
) -> DayProblem | None:
    """The restricted problem that fills the freed seats (see the module), or None when
    no freed seat is left to fill."""
    present = {pid for pid, row in check_ins(session, event).items() if row.present}
    freed = {pid: slots for pid, slots in freed.items() if pid in present}
    slots = [
        slot
        for slot in remaining_slots(event, now)
        if any(slot.id in seats for seats in freed.values())
    ]
    if not slots:
        return None
    slot_ids = {slot.id for slot in slots}
    preferences = session.scalars(
        select(Preference).where(
            Preference.event_id == event.id,
            or_(
                Preference.from_participant_id.in_(freed),
                Preference.to_participant_id.in_(freed),
            ),
        )
    ).all()
    asked = {(p.from_participant_id, p.to_participant_id) for p in preferences}
    wanted_ids = (
        {p.from_participant_id for p in preferences} | {p.to_participant_id for p in preferences}
    ) & present | set(freed)
    rows = session.execute(
        select(Participant.id, Participant.organisation_id).where(
            Participant.id.in_(wanted_ids), Participant.withdrawn_at.is_(None)
        )
    )
    organisation_of = {pid: organisation_id for pid, organisation_id in rows}
    excluded = _kept_apart_or_met(session, event)
    weights = {
        pair: weight
        for pair, weight in pair_weights(
            preferences, organisation_of, kept_apart_delegations(session, event)
        ).items()
        if pair not in excluded and _asked_by_freed(pair, freed, asked)
    }
    if not weights:
        return None
    in_play = {pid for pair in weights for pid in pair}
    locked, tables = _locked_and_tables(event, _meetings_in(session, event, slot_ids), in_play)
    people = {
        p.id: p
        for p in session.scalars(
            select(Participant).where(
                Participant.id.in_(in_play | {pid for m in locked for pid in _pair(m)})
            )
        )
    }
    seated: dict[int, set[int]] = defaultdict(set)
    for meeting in locked:
        for pid in _pair(meeting):
            seated[pid].add(meeting.slot_id)
    unavailable = unavailable_slots(session, event)
    for pid, seats in freed.items():
        unavailable[pid] = set(unavailable.get(pid, set())) | (slot_ids - seats)
    # A locked meeting is kept even where its people said they are busy (placed by hand).
    unavailable = {pid: slots - seated[pid] for pid, slots in unavailable.items()}
    meetings_elsewhere = _meetings_elsewhere(session, event, in_play, slot_ids)
    caps: dict[int, int | None] = {}
    for pid in in_play:
        cap = people[pid].max_meetings
        cap = cap if cap is not None else event.default_max_meetings
        caps[pid] = None if cap is None else max(0, cap - meetings_elsewhere.get(pid, 0))
    return DayProblem(
        event=event,
        slots=slots,
        tables=tables,
        people=sorted(people.values(), key=lambda p: p.id),
        unavailable=unavailable,
        caps=caps,
        weights=weights,
        locked=locked,
    )


def _locked_and_tables(
    event: Event, meetings: list[Meeting], in_play: set[int]
) -> tuple[list[Meeting], list[int]]:
    """The meetings to lock and the tables to offer, kept small for a quick solve.

    The meetings of people in play are locked (they keep them busy), and so is every other
    meeting at their tables. Other tables are offered only when nobody sits at them in these
    slots; meetings of people out of play elsewhere then cannot matter and are left out.
    """
    involved = [m for m in meetings if in_play & set(_pair(m))]
    their_tables = {m.table_id for m in involved if m.table_id is not None}
    occupied = {m.table_id for m in meetings if m.table_id is not None}
    locked = [m for m in meetings if m in involved or m.table_id in their_tables]
    tables = [t.id for t in event.tables if t.id in their_tables or t.id not in occupied]
    return locked, tables


def _pair(meeting: Meeting) -> Pair:
    return (meeting.participant_a_id, meeting.participant_b_id)


def _asked_by_freed(pair: Pair, freed: Mapping[int, set[int]], asked: set[Pair]) -> bool:
    """Whether a freed side of the pair asked to meet the other ("whom they wanted")."""
    a, b = pair
    return (a in freed and (a, b) in asked) or (b in freed and (b, a) in asked)


def place_replacements(
    session: Session, event: Event, proposal: list[ProposedMeeting], now: datetime
) -> list[Meeting]:
    """Confirm the proposed meetings (reviving a pair's cancelled row where it has one)."""
    rows = {
        _pair(m): m
        for m in session.scalars(
            select(Meeting).where(
                Meeting.event_id == event.id, Meeting.status == MeetingStatus.CANCELLED
            )
        )
    }
    placed = []
    for target in proposal:
        row = rows.get(target.pair)
        if row is None:
            row = Meeting(event_id=event.id, participant_a_id=target.a, participant_b_id=target.b)
        else:
            mark_changed(row, published=True, now=now)
        row.changed_at = now
        place_meeting(
            session,
            row,
            slot_id=target.slot_id,
            table_id=target.table_id,
            location=target.location if target.table_id is None else None,
        )
        placed.append(row)
    return placed


def replan_day(
    session: Session,
    event: Event,
    freed: Mapping[int, set[int]],
    now: datetime,
    *,
    time_limit_s: float,
    workers: int = 1,
) -> list[Meeting]:
    """Give freed partners replacement meetings (see the module); returns the new meetings.

    `freed` maps a participant id to the slot ids in which their meeting was released.
    Flushed, not committed.
    """
    problem = day_problem(session, event, freed, now)
    if problem is None:
        return []
    proposal = solve_day(problem, time_limit_s=time_limit_s, workers=workers)
    return place_replacements(session, event, proposal, now)
