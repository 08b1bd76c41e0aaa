"""The bridge between the database and the solver (the only module that imports `solver`).

Event rows become a `solver.Problem`: slot ids are `TimeSlot` ids, table ids `MeetingTable`
ids and participant ids `Participant` ids, all as strings; slot times are the event's local
naive times. A solver result (stored as `matchmaker-schedule/1` JSON in `ScheduleRun.result`)
becomes meeting rows again through `apply_proposal`, one row per pairing.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any, NamedTuple

from flask_babel import lazy_gettext
from sqlalchemy.orm import Session

import solver.schema as sv
from matchmaker.models import (
    Event,
    Meeting,
    MeetingStatus,
    Participant,
    Preference,
    PreferenceLevel,
    ProgrammeItem,
    TimeSlot,
    cancel_meeting,
    place_meeting,
    release_seats,
)
from solver.edits import additions, move_targets, swap_partners, swapped
from solver.fileformat import schedule_from_dict, schedule_to_dict
from solver.limits import slot_day
from solver.schema import Progress as Progress  # re-exported for the solve job
from solver.validation import Violation, effective_limits, effective_minimums, validate

PREFERENCE_POINTS = {PreferenceLevel.MUST: 3, PreferenceLevel.WANT: 2, PreferenceLevel.MAYBE: 1}
MUTUAL_BONUS = 1
# A pair that meets today without anyone asking (added by hand) stays a candidate.
UNREQUESTED_WEIGHT = 1

REASON_LABELS = {
    sv.UnscheduledReason.NO_COMMON_SLOT: lazy_gettext("No common free slot"),
    sv.UnscheduledReason.CAP_REACHED: lazy_gettext("Meeting cap reached"),
    sv.UnscheduledReason.DAY_CAP_REACHED: lazy_gettext("Meeting cap for the day reached"),
    sv.UnscheduledReason.CONSECUTIVE_LIMIT: lazy_gettext("Too many meetings back to back"),
    sv.UnscheduledReason.NO_TABLE: lazy_gettext("No free table"),
    sv.UnscheduledReason.OUTWEIGHED: lazy_gettext("Outweighed by other requests"),
    sv.UnscheduledReason.NOT_REACHED: lazy_gettext("Still fits: solve longer, or add it by hand"),
}


def reason_label(reason: str) -> str:
    """The organiser's words for a solver reason code (the code itself if unknown)."""
    try:
        return str(REASON_LABELS[sv.UnscheduledReason(reason)])
    except ValueError:
        return reason


Pair = tuple[int, int]


class Mark(NamedTuple):
    """A preference as plain values: who marked whom at which level."""

    from_participant_id: int
    to_participant_id: int
    level: PreferenceLevel


def ordered_pair(a: int, b: int) -> Pair:
    """The pair with the lower id first, as meetings store it."""
    return (a, b) if a < b else (b, a)


def same_delegation(pair: Pair, delegation_of: Mapping[int, int]) -> bool:
    """Whether both people are members of one delegation kept apart (like colleagues)."""
    first = delegation_of.get(pair[0])
    return first is not None and first == delegation_of.get(pair[1])


def pair_weights(
    preferences: Iterable[Preference | Mark],
    organisation_of: Mapping[int, int],
    delegation_of: Mapping[int, int] | None = None,
) -> dict[Pair, int]:
    """Candidate weights from both sides' preferences among the given participants.

    Each side adds must 3, want 2, maybe 1; a pair both sides asked for gets a bonus;
    "not" from either side removes the pair, and so does a shared organisation or a shared
    delegation of `delegation_of` (participant id -> delegation id).
    """
    points: dict[Pair, list[int]] = defaultdict(list)
    refused: set[Pair] = set()
    for preference in preferences:
        a, b = preference.from_participant_id, preference.to_participant_id
        if a not in organisation_of or b not in organisation_of:
            continue
        pair = ordered_pair(a, b)
        if preference.level == PreferenceLevel.NOT:
            refused.add(pair)
        else:
            points[pair].append(PREFERENCE_POINTS[preference.level])
    weights = {}
    for pair, sides in points.items():
        if pair in refused or organisation_of[pair[0]] == organisation_of[pair[1]]:
            continue
        if same_delegation(pair, delegation_of or {}):
            continue
        weights[pair] = sum(sides) + (MUTUAL_BONUS if len(sides) == 2 else 0)
    return weights


def local_naive(moment: datetime, event: Event) -> datetime:
    """A UTC moment as the event's local wall time without a zone."""
    return moment.astimezone(event.zone).replace(tzinfo=None)


def programme_slots(
    slots: Iterable[TimeSlot], busy: Mapping[int, Sequence[ProgrammeItem]]
) -> dict[int, dict[int, ProgrammeItem]]:
    """Participant id -> slot id -> the programme item that overlaps the slot: times at a
    company visit or a reception are unavailable for meetings, in every solve, re-plan
    and hand edit alike."""
    slots = list(slots)
    overlapping: dict[int, list[int]] = {}
    taken: dict[int, dict[int, ProgrammeItem]] = {}
    for participant_id, items in busy.items():
        for item in items:
            if item.id not in overlapping:
                overlapping[item.id] = [
                    slot.id
                    for slot in slots
                    if slot.starts_at < item.ends_at and item.starts_at < slot.ends_at
                ]
            for slot_id in overlapping[item.id]:
                taken.setdefault(participant_id, {}).setdefault(slot_id, item)
    return taken


def solver_meeting(meeting: Meeting) -> sv.Meeting:
    """A confirmed meeting row in the solver's terms."""
    return sv.Meeting(
        a=str(meeting.participant_a_id),
        b=str(meeting.participant_b_id),
        slot=str(meeting.slot_id),
        table=str(meeting.table_id) if meeting.table_id is not None else None,
        location=meeting.location if meeting.table_id is None else None,
    )


@dataclass(frozen=True)
class EventData:
    """What a problem is built from: the event's rows, loaded by the caller."""

    event: Event
    participants: Sequence[Participant]
    preferences: Sequence[Preference | Mark]
    unavailable: Mapping[int, set[int]]
    confirmed: Sequence[Meeting]
    kept_apart: frozenset[Pair] = frozenset()
    # Participant id -> delegation id of members whose delegation must not meet itself.
    delegation_of: Mapping[int, int] = field(default_factory=dict)


def build_problem(
    data: EventData, *, minimal_change: bool, hand_placed: frozenset[Pair] = frozenset()
) -> sv.Problem:
    """The solver problem of an event: active participants, weighted pairs, locks, previous,
    the guaranteed minimum and the per-person limits.

    Locked meetings are kept whatever the preferences say (the organiser decided), and pairs
    whose meeting the organiser cancelled by hand are left out. Other meetings of today's
    schedule stay candidates, and so do the `hand_placed` pairs an organiser is placing now,
    unless both people are colleagues or in one delegation kept apart. With `minimal_change`
    today's meetings are passed as `previous`, and the meetings of everyone the change does
    not touch are locked: a withdrawal or a late registration reschedules only the people
    concerned (see `untouched_meetings`).
    """
    event = data.event
    active = [p for p in data.participants if p.active]
    organisation_of = {p.id: p.organisation_id for p in active}
    weights = pair_weights(data.preferences, organisation_of, data.delegation_of)
    for pair in data.kept_apart:
        weights.pop(pair, None)
    current = [
        m
        for m in data.confirmed
        if m.participant_a_id in organisation_of and m.participant_b_id in organisation_of
    ]
    placed = [(m.participant_a_id, m.participant_b_id, m.locked) for m in current]
    placed += [(a, b, False) for a, b in hand_placed]
    for a, b, locked in placed:
        known = a in organisation_of and b in organisation_of
        apart = organisation_of.get(a) == organisation_of.get(b) or same_delegation(
            ordered_pair(a, b), data.delegation_of
        )
        if known and (locked or not apart):
            weights.setdefault((a, b), UNREQUESTED_WEIGHT)
    slots = tuple(
        sv.Slot(
            id=str(slot.id),
            start=local_naive(slot.starts_at, event),
            end=local_naive(slot.ends_at, event),
            session=str(slot.block_id),
        )
        for slot in sorted(event.slots, key=lambda s: s.starts_at)
    )
    participants = tuple(
        sv.Participant(
            id=str(p.id),
            name=p.full_name,
            organisation=p.organisation.name,
            country=p.organisation.country,
            unavailable=frozenset(str(s) for s in data.unavailable.get(p.id, ())),
            max_meetings=p.max_meetings
            if p.max_meetings is not None
            else event.default_max_meetings,
            location=p.location or None,
            min_meetings=p.min_meetings,
            max_meetings_per_day=p.max_meetings_per_day,
            online=p.attends_online,
        )
        for p in sorted(active, key=lambda p: p.id)
    )
    candidates = tuple(
        sv.Candidate(a=str(a), b=str(b), weight=weight)
        for (a, b), weight in sorted(weights.items())
    )
    in_play = [m for m in current if (m.participant_a_id, m.participant_b_id) in weights]
    problem = sv.Problem(
        event=sv.Event(name=event.name, timezone=event.timezone),
        slots=slots,
        tables=tuple(str(t.id) for t in event.tables),
        participants=participants,
        candidates=candidates,
        locked=tuple(solver_meeting(m) for m in in_play if m.locked),
        min_meetings=event.min_meetings,
        max_meetings_per_day=event.max_meetings_per_day,
        max_consecutive_meetings=event.max_consecutive_meetings,
    )
    if not minimal_change:
        return problem
    return replace(
        problem,
        locked=problem.locked
        + tuple(solver_meeting(m) for m in untouched_meetings(problem, current)),
        previous=tuple(solver_meeting(m) for m in in_play),
    )


def untouched_meetings(problem: sv.Problem, meetings: Sequence[Meeting]) -> list[Meeting]:
    """Today's unlocked meetings that stay exactly as they are on a minimal-change re-solve.

    The validator says which meetings break a rule now (a "not" mark, lost availability, a
    table gone, a booth moved, a lowered cap or limit): everyone it names is touched by the
    change, and their meetings may move. (A withdrawn person's meetings are already
    cancelled: the freed slots are filled around everyone else's meetings.) Everybody
    else's meetings are kept as they are, so no agenda is reshuffled for a small weight
    gain elsewhere.
    """
    today = sv.Schedule(meetings=tuple(solver_meeting(m) for m in meetings))
    touched = {pid for found in validate(problem, today) for pid in found.participants}
    return [
        m
        for m in meetings
        if not m.locked
        and str(m.participant_a_id) not in touched
        and str(m.participant_b_id) not in touched
    ]


# The limits an organiser may knowingly break by hand: the meeting is then locked.
LIMIT_RULES = frozenset({"over-cap", "over-day-cap", "over-consecutive"})


@dataclass(frozen=True)
class RuleBreak:
    """A rule of `solver.validation` that a hand edit would break, in database ids.

    `participant_ids` and `slot_id`/`table_id` are the validator's; `limit` is the
    effective limit of the first participant for the three limit rules.
    """

    rule: str
    message: str
    participant_ids: tuple[int, ...]
    slot_id: int | None
    table_id: int | None
    limit: int | None = None

    @property
    def over_limit(self) -> bool:
        """Whether an organiser may override it (a cap or limit, not a clash)."""
        return self.rule in LIMIT_RULES


def placed_meeting(placed: ProposedMeeting) -> sv.Meeting:
    """A meeting being placed by hand, in the solver's terms."""
    return sv.Meeting(
        a=str(placed.a),
        b=str(placed.b),
        slot=str(placed.slot_id),
        table=str(placed.table_id) if placed.table_id is not None else None,
        location=placed.location if placed.table_id is None else None,
    )


def edit_problem(
    data: EventData, placed: Sequence[ProposedMeeting], locked: Collection[Pair] = ()
) -> tuple[sv.Problem, list[Meeting]]:
    """The problem a hand edit is checked on, and today's meetings it leaves alone.

    The meetings of the `placed` pairs are left out of today's; the placed meetings whose
    pair is in `locked` count as locked (an organiser's override, or a locked meeting
    being moved).
    """
    pairs = {m.pair for m in placed}
    others = [m for m in data.confirmed if (m.participant_a_id, m.participant_b_id) not in pairs]
    problem = build_problem(
        replace(data, confirmed=others), minimal_change=False, hand_placed=frozenset(pairs)
    )
    kept = tuple(placed_meeting(m) for m in placed if m.pair in locked)
    return replace(problem, locked=problem.locked + kept), others


def edit_breaks(
    data: EventData,
    placed: Sequence[ProposedMeeting],
    locked: Collection[Pair] = (),
    *,
    as_today: bool = True,
) -> list[RuleBreak]:
    """The rules today's schedule breaks once `placed` replace the meetings of their pairs,
    and did not break before (a cap someone was over already does not block moving one of
    their meetings): `solver.validation` on the problem built from the database.

    Without `as_today` "before" leaves the placed pairs' meetings out, so every rule the
    placed meetings break counts (a meeting about to be locked must be valid as it is).
    """
    problem, others = edit_problem(data, placed, locked)
    kept = data.confirmed if as_today else others
    before = sv.Schedule(meetings=tuple(solver_meeting(m) for m in kept))
    after = sv.Schedule(
        meetings=tuple(solver_meeting(m) for m in others) + tuple(placed_meeting(m) for m in placed)
    )
    known = Counter(found.message for found in validate(problem, before))
    breaks = []
    for found in validate(problem, after):
        if known[found.message]:
            known[found.message] -= 1
        else:
            breaks.append(rule_break(problem, found))
    return breaks


def rule_break(problem: sv.Problem, found: Violation) -> RuleBreak:
    """A violation in database ids, with the effective limit it went over."""
    limit = None
    if found.rule in LIMIT_RULES:
        limits = effective_limits(problem, found.participants[0])
        if found.rule == "over-cap":
            limit = limits.total_allowed()
        elif found.rule == "over-day-cap":
            assert found.slot is not None
            limit = limits.day_allowed(slot_day(problem.slot_by_id[found.slot]))
        else:
            limit = limits.max_consecutive_meetings
    return RuleBreak(
        rule=found.rule,
        message=found.message,
        participant_ids=tuple(int(pid) for pid in found.participants),
        slot_id=int(found.slot) if found.slot is not None else None,
        table_id=int(found.table) if found.table is not None else None,
        limit=limit,
    )


def run_solver(
    problem: sv.Problem,
    *,
    time_limit_s: float,
    workers: int,
    progress: sv.ProgressCallback | None = None,
    cancel: sv.CancelCheck | None = None,
) -> dict[str, Any]:
    """Solve and return the result as `matchmaker-schedule/1` JSON (with its changes)."""
    # Imported here: OR-Tools costs every web process about 90 MB, and only solves need it.
    from solver.pipeline import solve

    options = sv.SolveOptions(time_limit_s=time_limit_s, workers=workers)
    return schedule_to_dict(solve(problem, options, progress=progress, cancel=cancel))


@dataclass(frozen=True)
class ProposedMeeting:
    """A meeting of a solver result, in database ids."""

    a: int
    b: int
    slot_id: int
    table_id: int | None
    location: str | None

    @property
    def pair(self) -> Pair:
        return (self.a, self.b)

    def same_place_and_time(self, meeting: Meeting) -> bool:
        """Whether a meeting row already sits at this slot and place."""
        return (meeting.slot_id, meeting.table_id, meeting.location) == (
            self.slot_id,
            self.table_id,
            self.location if self.table_id is None else None,
        )


@dataclass(frozen=True)
class UnscheduledPair:
    """A requested pair the solver left out, and why."""

    a: int
    b: int
    reason: str
    detail: str

    @property
    def reason_label(self) -> str:
        return reason_label(self.reason)


def proposed(meeting: sv.Meeting) -> ProposedMeeting:
    """A solver meeting in database ids."""
    a, b = ordered_pair(int(meeting.a), int(meeting.b))
    table_id = int(meeting.table) if meeting.table is not None else None
    return ProposedMeeting(a, b, int(meeting.slot), table_id, meeting.location)


def proposed_meetings(result: Mapping[str, Any]) -> list[ProposedMeeting]:
    """The meetings of a stored solver result."""
    return [proposed(m) for m in schedule_from_dict(dict(result)).meetings]


def unscheduled_pairs(result: Mapping[str, Any]) -> list[UnscheduledPair]:
    """The requested pairs a stored solver result left out, with the solver's reasons."""
    schedule = schedule_from_dict(dict(result))
    return [
        UnscheduledPair(*ordered_pair(int(u.a), int(u.b)), u.reason.value, u.detail)
        for u in schedule.unscheduled
    ]


@dataclass(frozen=True)
class ScheduleDiff:
    """How a proposal differs from the confirmed meetings of today."""

    moved: list[tuple[Meeting, ProposedMeeting]]
    cancelled: list[Meeting]
    added: list[ProposedMeeting]
    unchanged: int

    @property
    def empty(self) -> bool:
        return not (self.moved or self.cancelled or self.added)


def diff_proposal(
    confirmed: Iterable[Meeting], proposal: Iterable[ProposedMeeting]
) -> ScheduleDiff:
    """Compare by pairing: moved (other slot or place), cancelled, added, unchanged."""
    now = {m.pair: m for m in proposal}
    before = {(m.participant_a_id, m.participant_b_id): m for m in confirmed}
    moved = [
        (row, now[pair])
        for pair, row in before.items()
        if pair in now and not now[pair].same_place_and_time(row)
    ]
    cancelled = [row for pair, row in before.items() if pair not in now]
    added = [m for pair, m in now.items() if pair not in before]
    return ScheduleDiff(moved, cancelled, added, len(before) - len(moved) - len(cancelled))


def mark_changed(meeting: Meeting, *, published: bool, now: datetime) -> None:
    """Bump the meeting's calendar sequence; after publication flag it for participants."""
    meeting.sequence += 1
    if published:
        meeting.previous_slot_id = meeting.slot_id
        meeting.changed_at = now


def apply_proposal(
    session: Session,
    event: Event,
    rows: Sequence[Meeting],
    proposal: Sequence[ProposedMeeting],
    *,
    now: datetime,
) -> ScheduleDiff:
    """Make the event's confirmed meetings equal to `proposal`, one row per pairing.

    Moved and cancelled meetings leave their seats and tables first (flushed), so a
    reshuffle never trips the double-booking constraints half way; then every moved, revived
    or new meeting is placed. Raises IntegrityError if the proposal clashes with itself or
    with meetings it leaves alone.
    """
    published = event.published_at is not None
    confirmed = [m for m in rows if m.status == MeetingStatus.CONFIRMED]
    diff = diff_proposal(confirmed, proposal)
    by_pair = {(m.participant_a_id, m.participant_b_id): m for m in rows}
    for row, _ in diff.moved:
        release_seats(session, row)
    for row in diff.cancelled:
        mark_changed(row, published=published, now=now)
        cancel_meeting(session, row)
    placements: list[tuple[Meeting, ProposedMeeting]] = []
    for row, target in diff.moved:
        mark_changed(row, published=published, now=now)
        placements.append((row, target))
    for target in diff.added:
        revived = by_pair.get(target.pair)
        if revived is None:
            placements.append(
                (
                    Meeting(
                        event_id=event.id, participant_a_id=target.a, participant_b_id=target.b
                    ),
                    target,
                )
            )
        else:
            mark_changed(revived, published=published, now=now)
            placements.append((revived, target))
    for row, target in placements:
        place_meeting(
            session,
            row,
            slot_id=target.slot_id,
            table_id=target.table_id,
            location=target.location if target.table_id is None else None,
        )
    return diff


def swapped_place(meeting: Meeting, other: Meeting) -> tuple[int, int | None, str | None]:
    """(slot, table, location) of `meeting` once it swaps slots with `other`
    (see `solver.edits.swapped`)."""
    moved = proposed(swapped(solver_meeting(meeting), solver_meeting(other))[0])
    return moved.slot_id, moved.table_id, moved.location


@dataclass(frozen=True)
class PossibleMeeting:
    """A meeting a participant could gain: partner, the pair's weight, placements."""

    partner_id: int
    weight: int
    placements: tuple[ProposedMeeting, ...]


def today(data: EventData) -> tuple[sv.Problem, list[sv.Meeting]]:
    """The event's problem (no minimal change) and today's meetings in solver terms."""
    problem = build_problem(data, minimal_change=False)
    people = problem.participant_by_id
    meetings = [
        solver_meeting(m)
        for m in data.confirmed
        if str(m.participant_a_id) in people and str(m.participant_b_id) in people
    ]
    return problem, meetings


def move_choices(data: EventData, meeting: Meeting) -> list[ProposedMeeting]:
    """Where a confirmed meeting can move without breaking a rule, one place per slot."""
    problem, meetings = today(data)
    return [proposed(m) for m in move_targets(problem, meetings, solver_meeting(meeting))]


def swap_choices(data: EventData, meeting: Meeting) -> list[Pair]:
    """The pairs of the meetings a confirmed meeting can swap slots with."""
    problem, meetings = today(data)
    found = swap_partners(problem, meetings, solver_meeting(meeting))
    return [ordered_pair(int(m.a), int(m.b)) for m in found]


def addition_choices(data: EventData, participant_id: int) -> list[PossibleMeeting]:
    """Meetings a participant could gain without moving anyone, heaviest pair first."""
    problem, meetings = today(data)
    if str(participant_id) not in problem.participant_by_id:
        return []
    return [
        PossibleMeeting(int(a.partner), a.weight, tuple(proposed(m) for m in a.placements))
        for a in additions(problem, meetings, str(participant_id))
    ]


def minimums(data: EventData) -> dict[int, int]:
    """Each active participant's guaranteed minimum, capped by what they can reach."""
    problem = build_problem(data, minimal_change=False)
    return {int(pid): least for pid, least in effective_minimums(problem).items()}


@dataclass(frozen=True)
class DayProblem:
    """A small re-plan on the event day, in database terms (see `solve_day`).

    Only `slots` and `tables` (ids) are in play; `people` may meet in them except in their
    `unavailable` slots, each up to `caps` more meetings (None: no cap); `weights` are the
    pairs that may meet; `locked` meetings (everyone else's) stay exactly where they are and
    keep their people and tables busy.
    """

    event: Event
    slots: Sequence[TimeSlot]
    tables: Sequence[int]
    people: Sequence[Participant]
    unavailable: Mapping[int, set[int]]
    caps: Mapping[int, int | None]
    weights: Mapping[Pair, int]
    locked: Sequence[Meeting]


def solve_day(problem: DayProblem, *, time_limit_s: float, workers: int) -> list[ProposedMeeting]:
    """The new meetings a restricted solve adds around the locked ones (locked left out)."""
    event = problem.event
    slot_ids = {str(slot.id) for slot in problem.slots}
    weights = dict(problem.weights)
    for meeting in problem.locked:
        weights.setdefault((meeting.participant_a_id, meeting.participant_b_id), UNREQUESTED_WEIGHT)
    if not problem.slots or not problem.weights:
        return []
    solver_problem = sv.Problem(
        event=sv.Event(name=event.name, timezone=event.timezone),
        slots=tuple(
            sv.Slot(
                id=str(slot.id),
                start=local_naive(slot.starts_at, event),
                end=local_naive(slot.ends_at, event),
                session=str(slot.block_id),
            )
            for slot in problem.slots
        ),
        tables=tuple(str(table_id) for table_id in problem.tables),
        participants=tuple(
            sv.Participant(
                id=str(p.id),
                name=p.full_name,
                organisation=str(p.organisation_id),
                unavailable=frozenset(
                    str(s) for s in problem.unavailable.get(p.id, ()) if str(s) in slot_ids
                ),
                max_meetings=problem.caps.get(p.id),
                location=p.location or None,
                online=p.attends_online,
            )
            for p in problem.people
        ),
        candidates=tuple(
            sv.Candidate(a=str(a), b=str(b), weight=weight)
            for (a, b), weight in sorted(weights.items())
        ),
        locked=tuple(solver_meeting(m) for m in problem.locked),
    )
    result = run_solver(solver_problem, time_limit_s=time_limit_s, workers=workers)
    kept = {(m.participant_a_id, m.participant_b_id) for m in problem.locked}
    return [m for m in proposed_meetings(result) if m.pair not in kept]
