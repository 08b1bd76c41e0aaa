"""An independent check of a schedule against DESIGN.md's definition of a valid schedule.

`validate` lists every broken rule; it shares no code with the solver, so a solver bug
cannot hide itself. Rule codes (`Violation.rule`):

    unknown-participant   a meeting names someone not in the problem
    not-candidate         the pair is not a candidate pair
    duplicate-pair        the pair meets more than once
    unknown-slot          the slot does not exist
    unavailable           a participant is unavailable in the meeting's slot
    double-booked         a participant has more than one meeting in a slot
    table-at-location     a located participant's meeting names a table
    wrong-location        a located participant's meeting is not at (one of) their location(s)
    location-not-owned    a meeting of two people without a location names a location
    missing-table         a meeting of two people without a location names no table
    unknown-table         the table does not exist
    table-double-booked   a table is used by more than one meeting in a slot
    over-cap              a participant has more meetings than their max_meetings
    missing-locked        a locked meeting is not in the schedule as given
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from solver.schema import Meeting, Participant, Problem, Schedule


@dataclass(frozen=True)
class Violation:
    """One broken rule: a stable `rule` code and a message an organiser can act on."""

    rule: str
    message: str


def describe(meeting: Meeting) -> str:
    place = f" at {meeting.place}" if meeting.place is not None else ""
    return f"meeting {meeting.a}-{meeting.b} in slot {meeting.slot}{place}"


def meeting_violations(problem: Problem, meeting: Meeting) -> list[Violation]:
    """Rules a single meeting breaks on its own."""
    people = problem.participant_by_id
    unknown = [pid for pid in (meeting.a, meeting.b) if pid not in people]
    found = [
        Violation("unknown-participant", f"{describe(meeting)}: unknown participant {pid}")
        for pid in unknown
    ]
    if meeting.key not in problem.candidate_by_key:
        found.append(
            Violation("not-candidate", f"{describe(meeting)}: {meeting.a}-{meeting.b} "
                      "is not a candidate pair")
        )  # fmt: skip
    if meeting.slot not in problem.slot_by_id:
        found.append(Violation("unknown-slot", f"{describe(meeting)}: unknown slot {meeting.slot}"))
    known = [people[pid] for pid in (meeting.a, meeting.b) if pid in people]
    found.extend(
        Violation("unavailable", f"{describe(meeting)}: {p.id} is unavailable in {meeting.slot}")
        for p in known
        if meeting.slot in p.unavailable
    )
    found.extend(place_violations(problem, meeting, known))
    return found


def place_violations(
    problem: Problem, meeting: Meeting, known: list[Participant]
) -> list[Violation]:
    """Where the meeting is held: a located participant's location, else a known table."""
    locations = [p.location for p in known if p.location is not None]
    if locations:
        found = []
        if meeting.table is not None:
            found.append(
                Violation("table-at-location", f"{describe(meeting)}: uses table {meeting.table}, "
                          f"but meets at location {locations[0]} and needs no table")
            )  # fmt: skip
        if meeting.location not in locations:
            expected = " or ".join(locations)
            found.append(
                Violation("wrong-location", f"{describe(meeting)}: should be at {expected}, "
                          f"not {meeting.location or 'no location'}")
            )  # fmt: skip
        return found
    if meeting.location is not None:
        return [
            Violation("location-not-owned", f"{describe(meeting)}: location {meeting.location} "
                      "belongs to neither participant; use a table")
        ]  # fmt: skip
    if meeting.table is None:
        return [Violation("missing-table", f"{describe(meeting)}: names no table")]
    if meeting.table not in problem.tables:
        return [Violation("unknown-table", f"{describe(meeting)}: unknown table {meeting.table}")]
    return []


def duplicate_pairs(meetings: Iterable[Meeting]) -> list[Violation]:
    by_pair: dict[tuple[str, str], list[Meeting]] = defaultdict(list)
    for m in meetings:
        by_pair[m.key].append(m)
    return [
        Violation("duplicate-pair", f"{a} and {b} meet {len(ms)} times "
                  f"(slots {', '.join(m.slot for m in ms)})")
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
                  f"(with {', '.join(m.b if m.a == pid else m.a for m in ms)})")
        for (pid, slot), ms in by_person.items()
        if len(ms) > 1
    ]  # fmt: skip
    found.extend(
        Violation("table-double-booked", f"table {table} is used {len(ms)} times in slot {slot} "
                  f"(by {', '.join(f'{m.a}-{m.b}' for m in ms)})")
        for (table, slot), ms in by_table.items()
        if len(ms) > 1
    )  # fmt: skip
    return found


def over_caps(problem: Problem, meetings: Iterable[Meeting]) -> list[Violation]:
    counts: Counter[str] = Counter()
    for m in meetings:
        counts.update({m.a, m.b})
    return [
        Violation("over-cap", f"{p.id} has {counts[p.id]} meetings, more than max_meetings "
                  f"{p.max_meetings}")
        for p in problem.participants
        if p.max_meetings is not None and counts[p.id] > p.max_meetings
    ]  # fmt: skip


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
        found.append(Violation("missing-locked", f"locked {describe(locked)} is missing{instead}"))
    return found


def validate(problem: Problem, schedule: Schedule) -> list[Violation]:
    """Every rule the schedule breaks, in a stable order; an empty list means valid."""
    meetings = schedule.meetings
    found = [v for m in meetings for v in meeting_violations(problem, m)]
    found.extend(duplicate_pairs(meetings))
    found.extend(double_bookings(meetings))
    found.extend(over_caps(problem, meetings))
    found.extend(missing_locked(problem, meetings))
    return found
