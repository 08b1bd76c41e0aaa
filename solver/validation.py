"""An independent check of a schedule against DESIGN.md's definition of a valid schedule.

`validate` lists every broken rule; it shares no code with the solver, so a solver bug
cannot hide itself. Rule codes (`Violation.rule`):

    unknown-participant   a meeting names someone not in the problem
    not-candidate         the pair is not a candidate pair
    duplicate-pair        the pair meets more than once
    unknown-slot          the slot does not exist
    unavailable           a participant is unavailable in the meeting's slot
    double-booked         a participant has more than one meeting in a slot
    online-with-place     a meeting with an online participant names a table or a location
    table-at-location     a located participant's meeting names a table
    wrong-location        a located participant's meeting is not at (one of) their location(s)
    location-not-owned    a meeting of two people without a location names a location
    missing-table         a meeting of two people without a location names no table
    unknown-table         the table does not exist
    table-double-booked   a table is used by more than one meeting in a slot
    over-cap              a participant has more meetings than their max_meetings
    over-day-cap          a participant has more meetings on one day (the slot's local
                          date) than their max_meetings_per_day
    over-consecutive      a participant has a longer run of back-to-back meetings
                          (consecutive slots of one session) than max_consecutive_meetings
    missing-locked        a locked meeting is not in the schedule as given

The three limits (over-cap, over-day-cap, over-consecutive) are read by
`solver.limits.effective_limits`: locked meetings are organiser overrides and never break
a limit, but count towards it, so a limit's effective value is max(limit, locked meetings
it counts) and a non-locked meeting beyond it is a violation.

Every `Violation` names the participants concerned and, where there is one, the slot
(the offending meeting's; for a limit, the last non-locked meeting beyond it) and table,
so a caller can write its own message naming people and times.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from solver.limits import (
    Limits,
    effective_limits,
    effective_minimum,
    effective_minimums,
    slot_day,
    slot_positions,
)
from solver.schema import Meeting, Participant, Problem, Schedule

__all__ = [
    "Limits",
    "Violation",
    "effective_limits",
    "effective_minimum",
    "effective_minimums",
    "validate",
]


@dataclass(frozen=True)
class Violation:
    """One broken rule: a stable `rule` code, a message an organiser can act on, and the
    participants, slot and table it concerns (for callers writing their own messages)."""

    rule: str
    message: str
    participants: tuple[str, ...] = ()
    slot: str | None = None
    table: str | None = None


def about(meeting: Meeting, rule: str, message: str) -> Violation:
    """A violation concerning one meeting."""
    return Violation(rule, message, (meeting.a, meeting.b), meeting.slot, meeting.table)


def describe(meeting: Meeting) -> str:
    place = f" at {meeting.place}" if meeting.place is not None else ""
    return f"meeting {meeting.a}-{meeting.b} in slot {meeting.slot}{place}"


def meeting_violations(problem: Problem, meeting: Meeting) -> list[Violation]:
    """Rules a single meeting breaks on its own."""
    people = problem.participant_by_id
    unknown = [pid for pid in (meeting.a, meeting.b) if pid not in people]
    found = [
        about(meeting, "unknown-participant", f"{describe(meeting)}: unknown participant {pid}")
        for pid in unknown
    ]
    if meeting.key not in problem.candidate_by_key:
        found.append(
            about(meeting, "not-candidate", f"{describe(meeting)}: {meeting.a}-{meeting.b} "
                  "is not a candidate pair")
        )  # fmt: skip
    if meeting.slot not in problem.slot_by_id:
        found.append(
            about(meeting, "unknown-slot", f"{describe(meeting)}: unknown slot {meeting.slot}")
        )
    known = [people[pid] for pid in (meeting.a, meeting.b) if pid in people]
    found.extend(
        about(meeting, "unavailable", f"{describe(meeting)}: {p.id} is unavailable in "
              f"{meeting.slot}")
        for p in known
        if meeting.slot in p.unavailable
    )  # fmt: skip
    found.extend(place_violations(problem, meeting, known))
    return found


def place_violations(
    problem: Problem, meeting: Meeting, known: list[Participant]
) -> list[Violation]:
    """Where the meeting is held: nowhere when one side is online, else a located
    participant's location, else a known table."""
    if any(p.online for p in known):
        if meeting.place is None:
            return []
        return [
            about(meeting, "online-with-place", f"{describe(meeting)}: is online and needs "
                  "no table or location")
        ]  # fmt: skip
    locations = [p.location for p in known if p.location is not None]
    if locations:
        found = []
        if meeting.table is not None:
            found.append(
                about(meeting, "table-at-location", f"{describe(meeting)}: uses table "
                      f"{meeting.table}, but meets at location {locations[0]} and needs no table")
            )  # fmt: skip
        if meeting.location not in locations:
            expected = " or ".join(locations)
            found.append(
                about(meeting, "wrong-location", f"{describe(meeting)}: should be at {expected}, "
                      f"not {meeting.location or 'no location'}")
            )  # fmt: skip
        return found
    if meeting.location is not None:
        return [
            about(meeting, "location-not-owned", f"{describe(meeting)}: location "
                  f"{meeting.location} belongs to neither participant; use a table")
        ]  # fmt: skip
    if meeting.table is None:
        return [about(meeting, "missing-table", f"{describe(meeting)}: names no table")]
    if meeting.table not in problem.tables:
        return [
            about(meeting, "unknown-table", f"{describe(meeting)}: unknown table {meeting.table}")
        ]
    return []


def duplicate_pairs(meetings: Iterable[Meeting]) -> list[Violation]:
    by_pair: dict[tuple[str, str], list[Meeting]] = defaultdict(list)
    for m in meetings:
        by_pair[m.key].append(m)
    return [
        Violation("duplicate-pair", f"{a} and {b} meet {len(ms)} times "
                  f"(slots {', '.join(m.slot for m in ms)})", (a, b), ms[-1].slot, ms[-1].table)
        for (a, b), ms in by_pair.items()
        if len(ms) > 1
    ]  # fmt: skip


def double_bookings(meetings: Iterable[Meeting]) -> list[Violation]:
    """People with several meetings in one slot, and tables used several times in one slot."""
    by_person: dict[tuple[str, str], list[Meeting]] = defaultdict(list)
    by_table: dict[tuple[str, str], list[Meeting]] = defaultdict(list)
    for m in meetings:
        for pid in {m.a, m.b}:
            by_person[pid, m.slot].append(m)
        if m.table is not None:
            by_table[m.table, m.slot].append(m)
    found = [
        Violation("double-booked", f"{pid} has {len(ms)} meetings in slot {slot} "
                  f"(with {', '.join(partners)})", (pid, *partners), slot)
        for (pid, slot), ms in by_person.items()
        if len(ms) > 1
        for partners in [tuple(m.b if m.a == pid else m.a for m in ms)]
    ]  # fmt: skip
    found.extend(
        Violation("table-double-booked", f"table {table} is used {len(ms)} times in slot {slot} "
                  f"(by {', '.join(f'{m.a}-{m.b}' for m in ms)})",
                  tuple(pid for m in ms for pid in (m.a, m.b)), slot, table)
        for (table, slot), ms in by_table.items()
        if len(ms) > 1
    )  # fmt: skip
    return found


def meetings_by_person(problem: Problem, meetings: Iterable[Meeting]) -> dict[str, list[Meeting]]:
    """Each known participant's meetings, chronological (unknown slots last)."""
    order = {s.id: (0, s.start, i) for i, s in enumerate(problem.slots)}
    mine: dict[str, list[Meeting]] = defaultdict(list)
    for m in meetings:
        for pid in {m.a, m.b}:
            if pid in problem.participant_by_id:
                mine[pid].append(m)
    last = (1, datetime.max, 0)
    return {pid: sorted(ms, key=lambda m: order.get(m.slot, last)) for pid, ms in mine.items()}


def beyond(
    problem: Problem,
    pid: str,
    rule: str,
    ms: list[Meeting],
    allowed: int | None,
    message: str,
) -> Violation | None:
    """A violation if the (chronological) meetings `ms` are more than `allowed`."""
    if allowed is None or len(ms) <= allowed:
        return None
    locked = set(problem.locked)
    last_free = next((m for m in reversed(ms) if m not in locked), ms[-1])
    partner = last_free.b if last_free.a == pid else last_free.a
    return Violation(rule, message, (pid, partner), last_free.slot, last_free.table)


def runs(position: dict[str, tuple[str, int]], ms: list[Meeting]) -> list[list[Meeting]]:
    """A person's runs of back-to-back meetings (chronological, in known slots):
    consecutive slots of one session."""
    found: list[list[Meeting]] = []
    for m in ms:
        session, index = position[m.slot]
        if found and position[found[-1][-1].slot] == (session, index - 1):
            found[-1].append(m)
        else:
            found.append([m])
    return found


def over_limits(problem: Problem, meetings: Iterable[Meeting]) -> list[Violation]:
    """Meetings beyond a participant's effective limits (see `solver.limits`)."""
    locked = set(problem.locked)
    position = slot_positions(problem)
    found: list[Violation | None] = []
    for pid, ms in meetings_by_person(problem, meetings).items():
        limits = effective_limits(problem, pid)
        found.append(
            beyond(problem, pid, "over-cap", ms, limits.total_allowed(),
                   f"{pid} has {len(ms)} meetings, more than max_meetings {limits.max_meetings}")
        )  # fmt: skip
        timed = [m for m in ms if m.slot in position]
        by_day: dict[date, list[Meeting]] = defaultdict(list)
        for m in timed:
            by_day[slot_day(problem.slot_by_id[m.slot])].append(m)
        for day, day_ms in by_day.items():
            found.append(
                beyond(problem, pid, "over-day-cap", day_ms, limits.day_allowed(day),
                       f"{pid} has {len(day_ms)} meetings on {day.isoformat()}, more than "
                       f"max_meetings_per_day {limits.max_meetings_per_day}")
            )  # fmt: skip
        for run in runs(position, timed):
            allowed = limits.run_allowed(sum(1 for m in run if m in locked))
            found.append(
                beyond(problem, pid, "over-consecutive", run, allowed,
                       f"{pid} has {len(run)} back-to-back meetings ({run[0].slot} to "
                       f"{run[-1].slot}), more than max_consecutive_meetings "
                       f"{limits.max_consecutive_meetings}")
            )  # fmt: skip
    return [v for v in found if v is not None]


def missing_locked(problem: Problem, meetings: Iterable[Meeting]) -> list[Violation]:
    present: dict[tuple[str, str], list[Meeting]] = defaultdict(list)
    for m in meetings:
        present[m.key].append(m)
    found: list[Violation] = []
    for locked in problem.locked:
        same_pair = present.get(locked.key, [])
        where = (locked.slot, locked.table, locked.location)
        if any((m.slot, m.table, m.location) == where for m in same_pair):
            continue
        instead = (
            f"; the pair meets in slot {same_pair[0].slot} at {same_pair[0].place} instead"
            if same_pair
            else ""
        )
        found.append(
            about(locked, "missing-locked", f"locked {describe(locked)} is missing{instead}")
        )
    return found


def validate(problem: Problem, schedule: Schedule) -> list[Violation]:
    """Every rule the schedule breaks, in a stable order; an empty list means valid."""
    meetings = schedule.meetings
    found = [v for m in meetings for v in meeting_violations(problem, m)]
    found.extend(duplicate_pairs(meetings))
    found.extend(double_bookings(meetings))
    found.extend(over_limits(problem, meetings))
    found.extend(missing_locked(problem, meetings))
    return found
