"""Quality figures of a set of meetings: weight, holes, people left out, changes.

Pure functions of a `Problem` and its meetings; they assume nothing about validity, so the
validator and the benchmark can use them on any schedule.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from solver.limits import below_minimum
from solver.schema import Changes, Meeting, Problem, Stats


def total_weight(problem: Problem, meetings: Iterable[Meeting]) -> int:
    """Sum of the candidate weights of the distinct pairs that meet (non-candidates add 0)."""
    keys = {m.key for m in meetings}
    by_key = problem.candidate_by_key
    return sum(by_key[k].weight for k in keys if k in by_key)


def session_slot_order(problem: Problem) -> dict[str, list[str]]:
    """For each session, its slot ids in chronological order (ties keep problem order)."""
    ordered = sorted(problem.slots, key=lambda s: s.start)
    sessions: dict[str, list[str]] = defaultdict(list)
    for slot in ordered:
        sessions[slot.session].append(slot.id)
    return dict(sessions)


def holes(problem: Problem, meetings: Iterable[Meeting]) -> int:
    """Idle available slots between a person's first and last meeting of a session, summed.

    Slots a person is unavailable in are not holes; meetings in unknown slots are ignored.
    """
    busy: dict[str, set[str]] = defaultdict(set)
    for m in meetings:
        busy[m.a].add(m.slot)
        busy[m.b].add(m.slot)
    sessions = session_slot_order(problem)
    count = 0
    for person_id, slot_ids in busy.items():
        participant = problem.participant_by_id.get(person_id)
        unavailable = participant.unavailable if participant else frozenset()
        for session_slots in sessions.values():
            used = [i for i, s in enumerate(session_slots) if s in slot_ids]
            if len(used) < 2:
                continue
            between = session_slots[used[0] + 1 : used[-1]]
            count += sum(1 for s in between if s not in slot_ids and s not in unavailable)
    return count


def zero_meeting_participants(problem: Problem, meetings: Iterable[Meeting]) -> int:
    """How many people with at least one candidate pair have no meeting at all."""
    with_candidates = {c.a for c in problem.candidates} | {c.b for c in problem.candidates}
    meeting_people: set[str] = set()
    for m in meetings:
        meeting_people.update((m.a, m.b))
    return len(with_candidates - meeting_people)


def diff_changes(previous: Iterable[Meeting], meetings: Iterable[Meeting]) -> Changes:
    """Compare two meeting sets by pair: moved (other slot or place), cancelled, added.

    `moved` holds (before, after) pairs in the order of `previous`; `cancelled` follows
    `previous`, `added` follows `meetings`.
    """
    now = {m.key: m for m in meetings}
    before = {m.key: m for m in previous}
    moved = tuple(
        (old, now[key])
        for key, old in before.items()
        if key in now and (now[key].slot, now[key].place) != (old.slot, old.place)
    )
    cancelled = tuple(old for key, old in before.items() if key not in now)
    added = tuple(new for key, new in now.items() if key not in before)
    return Changes(moved=moved, cancelled=cancelled, added=added)


def compute_stats(problem: Problem, meetings: Iterable[Meeting], bound: int) -> Stats:
    """All `Stats` figures of `meetings`; `moved_from_previous` counts moved plus cancelled,
    `below_minimum_participants` people below their effective minimum (`solver.limits`)."""
    meeting_list = list(meetings)
    changes = diff_changes(problem.previous, meeting_list)
    return Stats(
        weight=total_weight(problem, meeting_list),
        bound=bound,
        meetings=len(meeting_list),
        holes=holes(problem, meeting_list),
        zero_meeting_participants=zero_meeting_participants(problem, meeting_list),
        moved_from_previous=len(changes.moved) + len(changes.cancelled),
        below_minimum_participants=len(below_minimum(problem, meeting_list)),
    )
