"""The bridge between the database and the solver (the only module that imports `solver`).

Event rows become a `solver.Problem`: slot ids are `TimeSlot` ids, table ids `MeetingTable`
ids and participant ids `Participant` ids, all as strings; slot times are the event's local
naive times. A solver result (stored as `matchmaker-schedule/1` JSON in `ScheduleRun.result`)
becomes meeting rows again through `apply_proposal`, one row per pairing.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

import solver.schema as sv
from matchmaker.models import (
    Event,
    Meeting,
    MeetingStatus,
    Participant,
    Preference,
    PreferenceLevel,
    cancel_meeting,
    place_meeting,
    release_seats,
)
from solver.fileformat import schedule_from_dict, schedule_to_dict
from solver.schema import Progress as Progress  # re-exported for the solve job

PREFERENCE_POINTS = {PreferenceLevel.MUST: 3, PreferenceLevel.WANT: 2, PreferenceLevel.MAYBE: 1}
MUTUAL_BONUS = 1
# A pair that meets today without anyone asking (added by hand) stays a candidate.
UNREQUESTED_WEIGHT = 1

REASON_LABELS = {
    sv.UnscheduledReason.NO_COMMON_SLOT.value: "No common free slot",
    sv.UnscheduledReason.CAP_REACHED.value: "Meeting cap reached",
    sv.UnscheduledReason.NO_TABLE.value: "No free table",
    sv.UnscheduledReason.OUTWEIGHED.value: "Outweighed by other requests",
    sv.UnscheduledReason.NOT_REACHED.value: "Still fits: solve longer, or add it by hand",
}

Pair = tuple[int, int]


def ordered_pair(a: int, b: int) -> Pair:
    """The pair with the lower id first, as meetings store it."""
    return (a, b) if a < b else (b, a)


def pair_weights(
    preferences: Iterable[Preference], organisation_of: Mapping[int, int]
) -> dict[Pair, int]:
    """Candidate weights from both sides' preferences among the given participants.

    Each side adds must 3, want 2, maybe 1; a pair both sides asked for gets a bonus;
    "not" from either side removes the pair, and so does a shared organisation.
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
        weights[pair] = sum(sides) + (MUTUAL_BONUS if len(sides) == 2 else 0)
    return weights


def local_naive(moment: datetime, event: Event) -> datetime:
    """A UTC moment as the event's local wall time without a zone."""
    return moment.astimezone(event.zone).replace(tzinfo=None)


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
    preferences: Sequence[Preference]
    unavailable: Mapping[int, set[int]]
    confirmed: Sequence[Meeting]
    kept_apart: frozenset[Pair] = frozenset()


def build_problem(data: EventData, *, minimal_change: bool) -> sv.Problem:
    """The solver problem of an event: active participants, weighted pairs, locks, previous.

    Locked meetings are kept whatever the preferences say (the organiser decided), and pairs
    whose meeting the organiser cancelled by hand are left out. Other meetings of today's
    schedule stay candidates. With `minimal_change` they are passed as `previous`, and the
    still-possible meetings of everyone the change does not touch are locked: a withdrawal
    or a late registration reschedules only the people concerned (see `untouched_meetings`).
    """
    event = data.event
    active = [p for p in data.participants if p.active]
    organisation_of = {p.id: p.organisation_id for p in active}
    weights = pair_weights(data.preferences, organisation_of)
    for pair in data.kept_apart:
        weights.pop(pair, None)
    current = [
        m
        for m in data.confirmed
        if m.participant_a_id in organisation_of and m.participant_b_id in organisation_of
    ]
    for meeting in current:
        pair = (meeting.participant_a_id, meeting.participant_b_id)
        if meeting.locked or organisation_of[pair[0]] != organisation_of[pair[1]]:
            weights.setdefault(pair, UNREQUESTED_WEIGHT)
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
        )
        for p in sorted(active, key=lambda p: p.id)
    )
    candidates = tuple(
        sv.Candidate(a=str(a), b=str(b), weight=weight)
        for (a, b), weight in sorted(weights.items())
    )
    in_play = [m for m in current if (m.participant_a_id, m.participant_b_id) in weights]
    locked = [m for m in in_play if m.locked]
    if minimal_change:
        locked += untouched_meetings(current, weights, participants, event)
    return sv.Problem(
        event=sv.Event(name=event.name, timezone=event.timezone),
        slots=slots,
        tables=tuple(str(t.id) for t in event.tables),
        participants=participants,
        candidates=candidates,
        locked=tuple(solver_meeting(m) for m in locked),
        previous=tuple(solver_meeting(m) for m in in_play) if minimal_change else (),
    )


def untouched_meetings(
    meetings: Sequence[Meeting],
    weights: Mapping[Pair, int],
    participants: Sequence[sv.Participant],
    event: Event,
) -> list[Meeting]:
    """Today's unlocked meetings that stay exactly as they are on a minimal-change re-solve.

    A meeting is no longer possible when its pair is no longer a candidate (a "not" mark),
    one side is not available in its slot any more, its table is gone or a booth moved, or
    a side now has more meetings than their cap. (A withdrawn person's meetings are already
    cancelled: the freed slots are filled around everyone else's meetings.) Both people of such a
    meeting are touched by the change, and so is everyone over their cap: their meetings
    may move. Everybody else's meetings are kept as they are, so no agenda is reshuffled for
    a small weight gain elsewhere.
    """
    people = {int(p.id): p for p in participants}
    table_ids = {table.id for table in event.tables}
    count: dict[int, int] = {}
    for meeting in meetings:
        for pid in (meeting.participant_a_id, meeting.participant_b_id):
            count[pid] = count.get(pid, 0) + 1

    def possible(meeting: Meeting) -> bool:
        pair = (meeting.participant_a_id, meeting.participant_b_id)
        if pair not in weights or pair[0] not in people or pair[1] not in people:
            return False
        sides = [people[pair[0]], people[pair[1]]]
        if any(str(meeting.slot_id) in side.unavailable for side in sides):
            return False
        booths = {side.location for side in sides if side.location}
        if booths:
            return meeting.table_id is None and meeting.location in booths
        return meeting.table_id in table_ids

    touched: set[int] = set()
    for pid, n in count.items():
        cap = people[pid].max_meetings if pid in people else None
        if cap is not None and n > cap:
            touched.add(pid)
    for meeting in meetings:
        if not possible(meeting):
            touched.update((meeting.participant_a_id, meeting.participant_b_id))
    return [
        m
        for m in meetings
        if not m.locked
        and possible(m)
        and m.participant_a_id not in touched
        and m.participant_b_id not in touched
    ]


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
        return REASON_LABELS.get(self.reason, self.reason)


def proposed_meetings(result: Mapping[str, Any]) -> list[ProposedMeeting]:
    """The meetings of a stored solver result."""
    schedule = schedule_from_dict(dict(result))
    proposal = []
    for m in schedule.meetings:
        a, b = ordered_pair(int(m.a), int(m.b))
        table_id = int(m.table) if m.table is not None else None
        proposal.append(ProposedMeeting(a, b, int(m.slot), table_id, m.location))
    return proposal


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
