"""Property tests on random small problems: solve() is valid, beats the greedy, and on
tiny problems reaches the optimum found by brute force (people at their minimum, then
weight); the validator's limit rules agree with an independent brute-force reading."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from solver.fileformat import (
    dumps_problem,
    dumps_schedule,
    loads_problem,
    loads_schedule,
    problem_from_dict,
    problem_to_dict,
)
from solver.greedy import greedy_schedule
from solver.limits import requested_minimum
from solver.metrics import total_weight
from solver.pipeline import solve
from solver.schema import Candidate, Meeting, Participant, Problem, Schedule, SolveOptions
from solver.validation import effective_minimum, effective_minimums, validate
from tests.solver.conftest import make_problem, meet, person

OPTIONS = SolveOptions(time_limit_s=5.0, workers=1, seed=0)
PROPERTY_SETTINGS = settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


def place_for(problem: Problem, a: str, b: str, slot: str, used_tables: set[str]) -> Meeting | None:
    """Where a meeting of a and b in `slot` can be held, given the tables already used."""
    people = problem.participant_by_id
    location = people[a].location or people[b].location
    if location is not None:
        return Meeting(a, b, slot, location=location)
    free = [t for t in problem.tables if t not in used_tables]
    return Meeting(a, b, slot, table=free[0]) if free else None


def lockable(problem: Problem, picks: Sequence[tuple[int, int]]) -> tuple[Meeting, ...]:
    """Locked meetings built from (candidate, slot) picks, keeping only ones that fit."""
    locked: list[Meeting] = []
    busy: set[tuple[str, str]] = set()
    tables: dict[str, set[str]] = {s.id: set() for s in problem.slots}
    for cand_index, slot_index in picks:
        if not problem.candidates:
            break
        c = problem.candidates[cand_index % len(problem.candidates)]
        slot = problem.slots[slot_index % len(problem.slots)].id
        people = [problem.participant_by_id[pid] for pid in (c.a, c.b)]
        # Limits do not apply: locked meetings are the organiser's overrides.
        if any(m.key == c.key for m in locked) or any(
            (p.id, slot) in busy or slot in p.unavailable for p in people
        ):
            continue
        meeting = place_for(problem, c.a, c.b, slot, tables[slot])
        if meeting is None:
            continue
        locked.append(meeting)
        busy.update({(c.a, slot), (c.b, slot)})
        if meeting.table:
            tables[slot].add(meeting.table)
    return tuple(locked)


@st.composite
def problems(draw: st.DrawFn, max_people: int = 7, max_slots: int = 4) -> Problem:
    """A random small problem: availability, caps, per-day caps, back-to-back limits,
    minimums, booths, weights, locks and a previous."""
    slot_count = draw(st.integers(1, max_slots))
    slot_ids = [f"s{i + 1}" for i in range(slot_count)]
    ids = [f"P{i + 1}" for i in range(draw(st.integers(2, max_people)))]
    people: list[Participant] = [
        person(
            pid,
            unavailable=draw(st.sets(st.sampled_from(slot_ids), max_size=slot_count)),
            max_meetings=draw(st.none() | st.integers(0, 3)),
            location=draw(st.none() | st.none() | st.just(f"Booth {pid}")),
            min_meetings=draw(st.none() | st.none() | st.integers(0, 3)),
            max_meetings_per_day=draw(st.none() | st.none() | st.integers(0, 2)),
        )
        for pid in ids
    ]
    pairs = [(a, b) for i, a in enumerate(ids) for b in ids[i + 1 :]]
    chosen = draw(st.lists(st.sampled_from(pairs), unique=True, min_size=1, max_size=10))
    weights = draw(st.lists(st.integers(1, 6), min_size=len(chosen), max_size=len(chosen)))
    problem = make_problem(
        slots=slot_count,
        tables=draw(st.integers(0, 2)),
        people=people,
        candidates=[(a, b, w) for (a, b), w in zip(chosen, weights, strict=True)],
        sessions=draw(st.integers(1, 2)),
        days=draw(st.integers(1, 2)),
        min_meetings=draw(st.integers(0, 2)),
        max_meetings_per_day=draw(st.none() | st.integers(1, 2)),
        max_consecutive_meetings=draw(st.none() | st.integers(1, 2)),
    )
    picks = st.tuples(st.integers(0, 50), st.integers(0, 10))
    locked = lockable(problem, draw(st.lists(picks, max_size=2)))
    previous = lockable(problem, draw(st.lists(picks, max_size=4)))
    problem = replace(problem, locked=locked, previous=previous)
    problem_from_dict(problem_to_dict(problem))  # raises unless a file could say this
    return problem


def day_of(problem: Problem, slot_id: str) -> date:
    return problem.slot_by_id[slot_id].start.date()


def back_to_back(problem: Problem, first: str, second: str) -> bool:
    """Whether `second` directly follows `first` in the same session."""
    session = [s for s in sorted(problem.slots, key=lambda s: s.start)
               if s.session == problem.slot_by_id[first].session]  # fmt: skip
    ids = [s.id for s in session]
    return second in ids and ids.index(second) == ids.index(first) + 1


def within_limits(
    problem: Problem, meetings: Sequence[Meeting], who: Sequence[str] | None = None
) -> bool:
    """The limit rules read independently (for `who`, default everyone): a person's
    meetings that are not locked fit in what their locked ones leave of each limit, and
    every back-to-back window one longer than the limit holds only locked meetings."""
    locked = set(problem.locked)
    for p in problem.participants:
        if who is not None and p.id not in who:
            continue
        mine = [m for m in meetings if p.id in (m.a, m.b)]
        mine_locked = [m for m in mine if m in locked]
        free = len(mine) - len(mine_locked)
        if p.max_meetings is not None and free > max(0, p.max_meetings - len(mine_locked)):
            return False
        per_day = p.max_meetings_per_day
        per_day = problem.max_meetings_per_day if per_day is None else per_day
        for day in {day_of(problem, m.slot) for m in mine}:
            on_day = [m for m in mine if day_of(problem, m.slot) == day]
            day_locked = sum(1 for m in on_day if m in locked)
            if per_day is not None and len(on_day) - day_locked > max(0, per_day - day_locked):
                return False
        longest = problem.max_consecutive_meetings
        if longest is None:
            continue
        by_slot = {m.slot: m for m in mine}
        for start in by_slot:
            window = [start]
            while len(window) <= longest:
                following = [s for s in by_slot if back_to_back(problem, window[-1], s)]
                if not following:
                    break
                window.append(following[0])
            if len(window) > longest and any(by_slot[s] not in locked for s in window):
                return False
    return True


def reachable_minimums(problem: Problem) -> dict[str, int]:
    """Each person's requested minimum capped by the most meetings a valid schedule gives
    them (found by brute force)."""
    return {
        p.id: min(requested_minimum(problem, p.id), brute_force_best(problem, p.id)[1])
        for p in problem.participants
    }


def brute_force_best(problem: Problem, only: str | None = None) -> tuple[int, int]:
    """The best (people at their effective minimum, weight) over all valid schedules, by
    exhaustive search with pruning; with `only`, (0, the most meetings that person can
    have) instead."""
    people = problem.participant_by_id
    locked_keys = {m.key for m in problem.locked}
    free: list[Candidate] = sorted(
        (c for c in problem.candidates if c.key not in locked_keys), key=lambda c: -c.weight
    )
    remaining = [sum(c.weight for c in free[i:]) for i in range(len(free) + 1)]
    least = effective_minimums(problem)
    best = (-1, -1)

    def place(meetings: list[Meeting], c: Candidate, slot: str) -> Meeting | None:
        a, b = people[c.a], people[c.b]
        if slot in a.unavailable or slot in b.unavailable:
            return None
        if any(m.slot == slot and {m.a, m.b} & {c.a, c.b} for m in meetings):
            return None
        used = {m.table for m in meetings if m.slot == slot and m.table is not None}
        meeting = place_for(problem, c.a, c.b, slot, used)
        if meeting is None or not within_limits(problem, [*meetings, meeting], (c.a, c.b)):
            return None
        return meeting

    def optimistic(index: int, meetings: list[Meeting]) -> tuple[int, int]:
        counts = Counter(pid for m in meetings for pid in (m.a, m.b))
        later = Counter(pid for c in free[index:] for pid in (c.a, c.b))
        if only is not None:
            return 0, counts[only] + later[only]
        covered = sum(1 for pid, n in least.items() if n and counts[pid] + later[pid] >= n)
        return covered, total_weight(problem, meetings) + remaining[index]

    def search(index: int, meetings: list[Meeting]) -> None:
        nonlocal best
        best = max(best, optimistic(len(free), meetings))
        if index == len(free) or optimistic(index, meetings) <= best:
            return
        c = free[index]
        for slot in problem.slots:
            meeting = place(meetings, c, slot.id)
            if meeting is not None:
                search(index + 1, [*meetings, meeting])
        search(index + 1, meetings)

    search(0, list(problem.locked))
    return best


def brute_force_optimum(problem: Problem) -> int:
    """The weight of the best valid schedule in the quality order."""
    return brute_force_best(problem)[1]


def test_brute_force_on_a_hand_made_problem() -> None:
    pairs = [("A", "B", 5), ("C", "D", 4), ("A", "C", 3)]
    # One table and two slots hold two meetings: A-B and C-D.
    assert brute_force_optimum(make_problem(slots=2, tables=1, candidates=pairs)) == 9
    # Two tables: A-B and C-D in one slot, A-C in the other.
    assert brute_force_optimum(make_problem(slots=2, tables=2, candidates=pairs)) == 12
    # A located participant needs no table; a cap of 1 on A leaves A-B only.
    booth = [person("A", location="Booth A", max_meetings=1)]
    assert brute_force_optimum(make_problem(slots=2, tables=0, people=booth, candidates=pairs)) == 5


# Found by the property below: a locked pair was scheduled a second time.
LOCKED_PAIR = make_problem(
    slots=2, tables=1, candidates=[("P1", "P2", 1)], locked=[meet("P1", "P2", "s1", "T1")]
)


@PROPERTY_SETTINGS
@given(problems())
@example(LOCKED_PAIR)
def test_solve_is_valid_and_never_below_the_greedy(problem: Problem) -> None:
    schedule = solve(problem, OPTIONS)
    assert validate(problem, schedule) == []
    weight = total_weight(problem, schedule.meetings)
    assert schedule.stats.weight == weight
    greedy = greedy_schedule(problem).stats
    quality = (-schedule.stats.below_minimum_participants, weight)
    assert quality >= (-greedy.below_minimum_participants, greedy.weight)
    assert weight <= schedule.stats.bound


@PROPERTY_SETTINGS
@given(problems(max_people=5, max_slots=3))
def test_solve_reaches_the_brute_force_optimum_on_tiny_problems(problem: Problem) -> None:
    schedule = solve(problem, OPTIONS)
    assert validate(problem, schedule) == []
    covered, weight = brute_force_best(problem)
    with_minimum = sum(1 for n in effective_minimums(problem).values() if n)
    assert with_minimum - covered == schedule.stats.below_minimum_participants
    assert total_weight(problem, schedule.meetings) == weight


@st.composite
def schedules(draw: st.DrawFn) -> tuple[Problem, tuple[Meeting, ...]]:
    """A small problem and a schedule of its candidate pairs that is valid apart from
    (maybe) the limits: each person and table at most once per slot."""
    problem = draw(problems(max_people=5, max_slots=4))
    meetings = list(problem.locked)
    for c in problem.candidates:
        if c.key in {m.key for m in meetings}:
            continue
        slot = draw(st.none() | st.sampled_from([s.id for s in problem.slots]))
        if (
            slot is None
            or any(m.slot == slot and {m.a, m.b} & {c.a, c.b} for m in meetings)
            or any(slot in problem.participant_by_id[pid].unavailable for pid in (c.a, c.b))
        ):
            continue
        used = {m.table for m in meetings if m.slot == slot and m.table is not None}
        meeting = place_for(problem, c.a, c.b, slot, used)
        if meeting is not None:
            meetings.append(meeting)
    return problem, tuple(meetings)


LIMIT_RULES = {"over-cap", "over-day-cap", "over-consecutive"}


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(schedules())
def test_validator_limits_agree_with_brute_force(case: tuple[Problem, tuple[Meeting, ...]]) -> None:
    problem, meetings = case
    found = validate(problem, Schedule(meetings=meetings))
    assert {v.rule for v in found} <= LIMIT_RULES
    assert (not found) == within_limits(problem, meetings)


@PROPERTY_SETTINGS
@given(problems(max_people=5, max_slots=3))
def test_effective_minimum_lies_between_what_can_be_reached_and_what_was_asked(
    problem: Problem,
) -> None:
    reachable = reachable_minimums(problem)
    for p in problem.participants:
        assert reachable[p.id] <= effective_minimum(problem, p.id)
        assert effective_minimum(problem, p.id) <= requested_minimum(problem, p.id)


@PROPERTY_SETTINGS
@given(problems())
def test_greedy_schedules_are_valid(problem: Problem) -> None:
    for order in ("weight", "fcfs"):
        assert validate(problem, greedy_schedule(problem, order=order, seed=1)) == []


@PROPERTY_SETTINGS
@given(problems())
def test_problem_and_schedule_files_round_trip(problem: Problem) -> None:
    assert loads_problem(dumps_problem(problem)) == problem
    schedule = greedy_schedule(problem)
    assert loads_schedule(dumps_schedule(schedule)) == schedule
