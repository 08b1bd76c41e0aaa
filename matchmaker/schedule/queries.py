"""Reads for the schedule area: runs, meetings, participants and what a solve needs."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from datetime import datetime
from typing import NamedTuple

from flask_babel import gettext as _
from sqlalchemy import ColumnElement, String, false, func, or_, select, type_coerce, union_all
from sqlalchemy.orm import Session, aliased, selectinload

from matchmaker.delegations.queries import kept_apart_delegations
from matchmaker.models import (
    Event,
    Meeting,
    MeetingStatus,
    MeetingTable,
    Organisation,
    Participant,
    Preference,
    PreferenceLevel,
    ProgrammeItem,
    ScheduleRun,
    TimeSlot,
    Unavailability,
)
from matchmaker.models.enums import ACTIVE_RUN_STATUSES
from matchmaker.programme.queries import busy_periods
from matchmaker.schedule import scheduling
from matchmaker.schedule.scheduling import (
    EventData,
    Mark,
    PossibleMeeting,
    ProposedMeeting,
    proposed_meetings,
)


def event_participants(session: Session, event: Event) -> Sequence[Participant]:
    """Every participant of the event (withdrawn ones too), with organisations, by name."""
    return session.scalars(
        select(Participant)
        .where(Participant.event_id == event.id)
        .options(selectinload(Participant.organisation))
        .order_by(Participant.last_name, Participant.first_name, Participant.id)
    ).all()


# A preference's level as stored text, turned into the enum by a dict: the column type's
# own conversion checks every value and costs most of a read of tens of thousands of rows.
_raw_level = type_coerce(Preference.level, String)
_LEVELS = {level.value: level for level in PreferenceLevel}


def event_preferences(session: Session, event: Event) -> list[Mark]:
    """Every preference given in the event: who marked whom at which level, as plain
    values (tens of thousands at a large fair)."""
    rows = session.execute(
        select(Preference.from_participant_id, Preference.to_participant_id, _raw_level).where(
            Preference.event_id == event.id
        )
    )
    return [Mark(source, target, _LEVELS[level]) for source, target, level in rows]


def requests(session: Session, event: Event) -> list[Mark]:
    """The preferences that ask for a meeting (must, want, maybe): who asked whom and how
    much, as plain values (tens of thousands at a large fair)."""
    rows = session.execute(
        select(Preference.from_participant_id, Preference.to_participant_id, _raw_level).where(
            Preference.event_id == event.id, Preference.level != PreferenceLevel.NOT
        )
    )
    return [Mark(source, target, _LEVELS[level]) for source, target, level in rows]


def unavailable_slots(session: Session, event: Event) -> dict[int, set[int]]:
    """Participant id -> ids of the slots in which they cannot meet."""
    rows = session.execute(
        select(Unavailability.participant_id, Unavailability.slot_id)
        .join(TimeSlot, TimeSlot.id == Unavailability.slot_id)
        .where(TimeSlot.event_id == event.id)
    ).all()
    unavailable: dict[int, set[int]] = defaultdict(set)
    for participant_id, slot_id in rows:
        unavailable[participant_id].add(slot_id)
    for participant_id, busy in programme_busy(session, event).items():
        unavailable[participant_id].update(busy)
    return unavailable


def programme_busy(session: Session, event: Event) -> dict[int, dict[int, ProgrammeItem]]:
    """Participant id -> slot id -> the mission's programme item they attend then."""

    def people() -> Iterator[Participant]:
        # Read only when the mission has programme items (most events have none).
        yield from session.scalars(
            select(Participant).where(
                Participant.event_id == event.id, Participant.withdrawn_at.is_(None)
            )
        )

    return scheduling.programme_slots(event.slots, busy_periods(session, event, people()))


def event_meetings(session: Session, event: Event) -> Sequence[Meeting]:
    """Every meeting row of the event (cancelled ones too), with people, slot and table."""
    return session.scalars(
        select(Meeting)
        .where(Meeting.event_id == event.id)
        .options(
            selectinload(Meeting.participant_a).selectinload(Participant.organisation),
            selectinload(Meeting.participant_b).selectinload(Participant.organisation),
            selectinload(Meeting.slot),
            selectinload(Meeting.table),
            selectinload(Meeting.seats),
        )
        .order_by(Meeting.id)
    ).all()


class MeetingLine(NamedTuple):
    """One meeting as plain values, for exports of thousands of meetings."""

    starts_at: datetime
    ends_at: datetime
    place: str
    a_first_name: str
    a_last_name: str
    a_organisation: str
    a_country: str
    b_first_name: str
    b_last_name: str
    b_organisation: str
    b_country: str
    status: MeetingStatus
    locked: bool
    sequence: int
    uid: str


# The two sides of a meeting, aliased once: an alias builds a proxy of each of the table's
# columns, a millisecond a query when made on each call.
_PERSON_A, _PERSON_B = aliased(Participant), aliased(Participant)
_ORGANISATION_A, _ORGANISATION_B = aliased(Organisation), aliased(Organisation)


def meeting_lines(session: Session, event: Event) -> list[MeetingLine]:
    """Every meeting of the event (cancelled ones too) in one query of columns, by id; the
    times from the event's slots, the status read as text (the column types' conversions
    cost more than the query)."""
    person_a, person_b = _PERSON_A, _PERSON_B
    organisation_a, organisation_b = _ORGANISATION_A, _ORGANISATION_B
    times = {slot.id: (slot.starts_at, slot.ends_at) for slot in event.slots}
    rows = session.execute(
        select(
            Meeting.slot_id,
            MeetingTable.name,
            Meeting.location,
            person_a.first_name,
            person_a.last_name,
            organisation_a.name,
            organisation_a.country,
            person_b.first_name,
            person_b.last_name,
            organisation_b.name,
            organisation_b.country,
            type_coerce(Meeting.status, String),
            Meeting.locked,
            Meeting.sequence,
            Meeting.uid,
        )
        .outerjoin(MeetingTable, MeetingTable.id == Meeting.table_id)
        .join(person_a, person_a.id == Meeting.participant_a_id)
        .join(organisation_a, organisation_a.id == person_a.organisation_id)
        .join(person_b, person_b.id == Meeting.participant_b_id)
        .join(organisation_b, organisation_b.id == person_b.organisation_id)
        .where(Meeting.event_id == event.id)
        .order_by(Meeting.id)
    )
    online = _("Online")
    statuses = {status.value: status for status in MeetingStatus}
    lines = []
    for slot_id, table, location, *people, status, locked, sequence, uid in rows:
        starts_at, ends_at = times[slot_id]
        a_first, a_last, a_organisation, a_country, b_first, b_last, b_organisation, b_country = (
            people
        )
        lines.append(
            MeetingLine(
                starts_at,
                ends_at,
                table or location or online,
                a_first,
                a_last,
                a_organisation,
                a_country,
                b_first,
                b_last,
                b_organisation,
                b_country,
                statuses[status],
                locked,
                sequence,
                uid,
            )
        )
    return lines


class GridPlace(NamedTuple):
    """A column of the schedule grid: a shared table, or an exhibitor's booth."""

    key: str
    name: str
    sub: str


class GridMeeting(NamedTuple):
    """A confirmed meeting as the grid shows it, in plain values."""

    id: int
    slot_id: int
    place: str
    names: tuple[str, str]
    locked: bool
    changed_at: datetime | None


def _confirmed_in(event: Event) -> ColumnElement[bool]:
    return (Meeting.event_id == event.id) & (Meeting.status == MeetingStatus.CONFIRMED)


# A meeting with an online side: no table, no booth.
_online = Meeting.table_id.is_(None) & or_(Meeting.location.is_(None), Meeting.location == "")


def grid_places(session: Session, event: Event) -> list[GridPlace]:
    """The grid's columns: the event's tables in order, then the booths with a meeting."""
    tables = session.execute(
        select(MeetingTable.id, MeetingTable.name, MeetingTable.place)
        .where(MeetingTable.event_id == event.id)
        .order_by(MeetingTable.position, MeetingTable.id)
    )
    booths = session.scalars(
        select(Meeting.location)
        .distinct()
        .where(_confirmed_in(event), Meeting.table_id.is_(None), Meeting.location != "")
    )
    places = [GridPlace(f"t{id_}", name, place) for id_, name, place in tables] + [
        GridPlace(f"b{booth}", booth, _("Booth")) for booth in sorted(b for b in booths if b)
    ]
    online = session.scalar(select(Meeting.id).where(_confirmed_in(event), _online).limit(1))
    if online is not None:
        places.append(GridPlace("online", _("Online"), _("Video calls")))
    return places


def grid_meetings(session: Session, event: Event, places: Sequence[GridPlace]) -> list[GridMeeting]:
    """The confirmed meetings held at `places`, in one query of columns, by id."""
    table_ids = [int(p.key[1:]) for p in places if p.key.startswith("t")]
    booths = [p.name for p in places if p.key.startswith("b")]
    person_a, person_b = _PERSON_A, _PERSON_B
    rows = session.execute(
        select(
            Meeting.id,
            Meeting.slot_id,
            Meeting.table_id,
            Meeting.location,
            person_a.first_name,
            person_a.last_name,
            person_b.first_name,
            person_b.last_name,
            Meeting.locked,
            Meeting.changed_at,
        )
        .join(person_a, person_a.id == Meeting.participant_a_id)
        .join(person_b, person_b.id == Meeting.participant_b_id)
        .where(
            _confirmed_in(event),
            or_(
                Meeting.table_id.in_(table_ids),
                Meeting.table_id.is_(None) & Meeting.location.in_(booths),
                _online if any(p.key == "online" for p in places) else false(),
            ),
        )
        .order_by(Meeting.id)
    )
    return [
        GridMeeting(
            id_,
            slot_id,
            f"t{table_id}" if table_id is not None else f"b{location}" if location else "online",
            (f"{a_first} {a_last}".strip(), f"{b_first} {b_last}".strip()),
            locked,
            changed_at,
        )
        for (
            id_,
            slot_id,
            table_id,
            location,
            a_first,
            a_last,
            b_first,
            b_last,
            locked,
            changed_at,
        ) in rows
    ]


def confirmed_meeting_total(session: Session, event: Event) -> int:
    """How many confirmed meetings the event has, counted by the database."""
    total = select(func.count()).select_from(Meeting).where(_confirmed_in(event))
    return session.scalar(total) or 0


def confirmed_meeting_counts(session: Session, event: Event) -> Counter[int]:
    """Participant id -> number of confirmed meetings, counted by the database."""
    confirmed = (Meeting.event_id == event.id) & (Meeting.status == MeetingStatus.CONFIRMED)
    sides = union_all(
        select(Meeting.participant_a_id.label("person")).where(confirmed),
        select(Meeting.participant_b_id.label("person")).where(confirmed),
    ).subquery()
    rows = session.execute(select(sides.c.person, func.count()).group_by(sides.c.person))
    return Counter({person: number for person, number in rows})


def confirmed_triples(session: Session, event: Event) -> list[tuple[int, int, int]]:
    """(participant A, participant B, slot) of every confirmed meeting, as plain ids."""
    rows = session.execute(
        select(Meeting.participant_a_id, Meeting.participant_b_id, Meeting.slot_id).where(
            Meeting.event_id == event.id, Meeting.status == MeetingStatus.CONFIRMED
        )
    )
    return [(a, b, slot) for a, b, slot in rows]


def confirmed_meetings(session: Session, event: Event) -> list[Meeting]:
    """The event's confirmed meetings, by slot time and place."""
    meetings = [m for m in event_meetings(session, event) if m.status == MeetingStatus.CONFIRMED]
    return sorted(meetings, key=lambda m: (m.slot.starts_at, m.place_label, m.id))


def confirmed_meetings_of_people(
    session: Session, event: Event, participant_ids: Sequence[int]
) -> list[Meeting]:
    """The confirmed meetings of these participants, with both people and the table."""
    return list(
        session.scalars(
            select(Meeting)
            .where(
                _confirmed_in(event),
                or_(
                    Meeting.participant_a_id.in_(participant_ids),
                    Meeting.participant_b_id.in_(participant_ids),
                ),
            )
            .options(
                selectinload(Meeting.participant_a),
                selectinload(Meeting.participant_b),
                selectinload(Meeting.table),
            )
            .order_by(Meeting.id)
        )
    )


def confirmed_meetings_of(session: Session, participant: Participant) -> list[Meeting]:
    """The participant's confirmed meetings."""
    return list(
        session.scalars(
            select(Meeting).where(
                Meeting.status == MeetingStatus.CONFIRMED,
                or_(
                    Meeting.participant_a_id == participant.id,
                    Meeting.participant_b_id == participant.id,
                ),
            )
        )
    )


def event_meeting(session: Session, event: Event, meeting_id: int) -> Meeting | None:
    """A meeting of this event, or None (also for another event's meeting)."""
    return session.scalars(
        select(Meeting).where(Meeting.id == meeting_id, Meeting.event_id == event.id)
    ).first()


def confirmed_meeting_rows(session: Session, event: Event) -> list[Meeting]:
    """The event's confirmed meetings as rows, by id: their people, slot and table are not
    loaded (a problem is built from their columns)."""
    return list(session.scalars(select(Meeting).where(_confirmed_in(event)).order_by(Meeting.id)))


def event_data(
    session: Session, event: Event, confirmed: Sequence[Meeting] | None = None
) -> EventData:
    """Everything `scheduling.build_problem` needs about the event; `confirmed` instead of
    today's meetings with their people, slot and table (see `confirmed_meeting_rows`)."""
    return EventData(
        event=event,
        participants=event_participants(session, event),
        preferences=event_preferences(session, event),
        unavailable=unavailable_slots(session, event),
        confirmed=confirmed_meetings(session, event) if confirmed is None else confirmed,
        kept_apart=kept_apart_pairs(session, event),
        delegation_of=kept_apart_delegations(session, event),
    )


def kept_apart_pairs(session: Session, event: Event) -> frozenset[tuple[int, int]]:
    """Pairs whose meeting the organiser cancelled by hand (cancelled and locked)."""
    rows = session.execute(
        select(Meeting.participant_a_id, Meeting.participant_b_id).where(
            Meeting.event_id == event.id,
            Meeting.status == MeetingStatus.CANCELLED,
            Meeting.locked.is_(True),
        )
    )
    return frozenset((a, b) for a, b in rows)


def event_run(session: Session, event: Event, run_id: int) -> ScheduleRun | None:
    """A run of this event, or None (also for another event's run)."""
    return session.scalars(
        select(ScheduleRun).where(ScheduleRun.id == run_id, ScheduleRun.event_id == event.id)
    ).first()


def active_run(session: Session, event: Event) -> ScheduleRun | None:
    """The event's queued or running run, if any."""
    return session.scalars(
        select(ScheduleRun).where(
            ScheduleRun.event_id == event.id, ScheduleRun.status.in_(ACTIVE_RUN_STATUSES)
        )
    ).first()


def recent_runs(session: Session, event: Event, limit: int = 10) -> Sequence[ScheduleRun]:
    """The event's latest runs, newest first."""
    return session.scalars(
        select(ScheduleRun)
        .where(ScheduleRun.event_id == event.id)
        .order_by(ScheduleRun.created_at.desc(), ScheduleRun.id.desc())
        .limit(limit)
    ).all()


def last_applied_run(session: Session, event: Event) -> ScheduleRun | None:
    """The run whose result was applied last (its unscheduled pairs explain today's gaps)."""
    return session.scalars(
        select(ScheduleRun)
        .where(ScheduleRun.event_id == event.id, ScheduleRun.applied_at.is_not(None))
        .order_by(ScheduleRun.applied_at.desc())
    ).first()


def run_proposal(session: Session, event: Event, run: ScheduleRun) -> list[ProposedMeeting]:
    """The run's proposed meetings, leaving out anyone who withdrew since the solve."""
    if run.result is None:
        return []
    active = {p.id for p in event_participants(session, event) if p.active}
    return [m for m in proposed_meetings(run.result) if m.a in active and m.b in active]


def move_choices(session: Session, event: Event, meeting: Meeting) -> list[ProposedMeeting]:
    """Where a confirmed meeting can move without breaking a rule (one place per slot)."""
    return scheduling.move_choices(event_data(session, event), meeting)


def swap_choices(session: Session, event: Event, meeting: Meeting) -> list[Meeting]:
    """The confirmed meetings a meeting can swap slots with without breaking a rule."""
    data = event_data(session, event)
    by_pair = {(m.participant_a_id, m.participant_b_id): m for m in data.confirmed}
    return [by_pair[pair] for pair in scheduling.swap_choices(data, meeting) if pair in by_pair]


def addition_choices(
    session: Session, event: Event, participant: Participant
) -> list[PossibleMeeting]:
    """Meetings the participant could gain without moving anyone, heaviest pair first."""
    return scheduling.addition_choices(event_data(session, event), participant.id)


def minimums(session: Session, event: Event) -> dict[int, int]:
    """Each active participant's guaranteed minimum, capped by what they can reach: as the
    last applied run stored it, else from a problem built now (a second or more at a
    large fair)."""
    stored = session.scalars(
        select(ScheduleRun.minimums)
        .where(ScheduleRun.event_id == event.id, ScheduleRun.applied_at.is_not(None))
        .order_by(ScheduleRun.applied_at.desc())
        .limit(1)
    ).first()
    if stored is not None:
        return {int(pid): least for pid, least in stored.items()}
    return scheduling.minimums(event_data(session, event, confirmed_meeting_rows(session, event)))
