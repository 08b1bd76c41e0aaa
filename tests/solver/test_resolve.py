"""Minimal-change re-solve: with `previous`, meetings stay put unless moving gains."""

from __future__ import annotations

import random
from dataclasses import replace
from pathlib import Path

from solver import Problem, Schedule, SolveOptions, load_problem, solve, validate
from solver.schema import Candidate, Meeting, Participant
from tests.solver.conftest import make_problem, person

OPTIONS = SolveOptions(time_limit_s=30, workers=1, seed=1)


def solved(problem: Problem) -> Schedule:
    schedule = solve(problem, OPTIONS)
    assert validate(problem, schedule) == []
    return schedule


def mission(people: int = 40, seed: int = 7) -> Problem:
    """A small mission: 2 sessions of 4 slots, few tables, a few exhibitors, random pairs."""
    rng = random.Random(seed)
    ids = [f"P{i}" for i in range(1, people + 1)]
    members = [
        person(
            pid,
            max_meetings=rng.choice([None, 3, 4]),
            unavailable=rng.choice([(), (), ("s1", "s2")]),
            location=f"Booth {pid}" if rng.random() < 0.15 else None,
        )
        for pid in ids
    ]
    pairs = {tuple(sorted(rng.sample(ids, 2))) for _ in range(people * 2)}
    return make_problem(
        slots=8,
        tables=6,
        sessions=2,
        people=members,
        candidates=[(a, b, rng.randint(1, 4)) for a, b in sorted(pairs)],
    )


def agenda(meetings: tuple[Meeting, ...], pid: str) -> set[Meeting]:
    return {m for m in meetings if pid in (m.a, m.b)}


def test_resolving_the_same_problem_moves_nothing() -> None:
    problem = mission()
    first = solved(problem)
    again = solved(replace(problem, previous=first.meetings))
    assert set(again.meetings) == set(first.meetings)
    assert again.changes.moved == () and again.changes.cancelled == ()
    assert again.stats.moved_from_previous == 0


def register_late(problem: Problem, previous: tuple[Meeting, ...], partners: list[str]) -> Problem:
    """`problem` plus a newcomer who wants to meet `partners` (weight 3 each)."""
    return replace(
        problem,
        participants=(*problem.participants, Participant(id="NEW", name="Late registrant")),
        candidates=(*problem.candidates, *(Candidate("NEW", p, 3) for p in partners)),
        previous=previous,
    )


def undisturbed(first: Schedule, second: Schedule, people: list[str]) -> int:
    """How many of `people` keep every meeting they had, in place (new ones may be added)."""
    now = set(second.meetings)
    return sum(1 for pid in people if agenda(first.meetings, pid) <= now)


def test_late_registration_with_room_changes_nothing_else() -> None:
    problem = replace(mission(), tables=tuple(f"T{i}" for i in range(1, 21)))
    first = solved(problem)
    people = problem.participant_by_id
    roomy = [
        pid
        for pid in sorted(people)
        if people[pid].max_meetings is None and len(agenda(first.meetings, pid)) <= 2
    ][:3]
    second = solved(register_late(problem, first.meetings, roomy))
    assert len(agenda(second.meetings, "NEW")) == 3
    assert set(first.meetings) <= set(second.meetings)
    assert second.changes.moved == () and second.changes.cancelled == ()
    assert second.stats.weight == first.stats.weight + 9


def test_late_registration_does_not_reshuffle_other_agendas() -> None:
    # P25 is full, so NEW-P25 costs one of P25's meetings. Weight ranks first, so a short
    # weight-gaining chain of changes may follow; a reshuffle of the agendas may not.
    problem = mission()
    first = solved(problem)
    partners = ["P3", "P11", "P25"]
    second = solved(register_late(problem, first.meetings, partners))
    assert agenda(second.meetings, "NEW"), "the newcomer gets meetings"
    assert second.stats.weight > first.stats.weight
    assert len(second.changes.moved) + len(second.changes.cancelled) <= 4
    others = [pid for pid in sorted(problem.participant_by_id) if pid not in partners]
    assert undisturbed(first, second, others) >= 0.75 * len(others)


def test_withdrawal_does_not_reshuffle_other_agendas() -> None:
    problem = mission()
    first = solved(problem)
    leaver = "P10"
    later = replace(
        problem,
        participants=tuple(p for p in problem.participants if p.id != leaver),
        candidates=tuple(c for c in problem.candidates if leaver not in (c.a, c.b)),
        previous=tuple(m for m in first.meetings if leaver not in (m.a, m.b)),
    )
    second = solved(later)
    lost = sum(problem.candidate_by_key[m.key].weight for m in agenda(first.meetings, leaver))
    assert lost > 0
    assert second.stats.weight >= first.stats.weight - lost
    assert len(second.changes.moved) + len(second.changes.cancelled) <= 4
    partners = {m.a if m.b == leaver else m.b for m in agenda(first.meetings, leaver)}
    others = [pid for pid in sorted(problem.participant_by_id) if pid not in {leaver, *partners}]
    assert undisturbed(first, second, others) >= 0.75 * len(others)


def test_a_better_placement_wins_over_keeping_the_old_one() -> None:
    # The previous schedule left P1-P3 out; the re-solve moves P1-P2 to make room for it.
    problem = make_problem(
        slots=2,
        tables=2,
        people=[person("P3", unavailable=["s2"])],
        candidates=[("P1", "P2", 1), ("P1", "P3", 5)],
        previous=[Meeting("P1", "P2", "s1", table="T1")],
    )
    schedule = solved(problem)
    assert schedule.stats.weight == 6
    [(before, after)] = schedule.changes.moved
    assert (before.slot, after.slot) == ("s1", "s2")
    assert [m.key for m in schedule.changes.added] == [("P1", "P3")]


def test_late_registration_on_a_400_person_event_touches_only_its_partners(
    bench_dir: Path,
) -> None:
    problem = load_problem(bench_dir / "M-400.json")
    # One worker: the search is bounded by deterministic time, so the run repeats on a busy
    # machine (the wall-clock limit is only the outer guard).
    options = SolveOptions(time_limit_s=30, workers=1)
    first = solve(problem, options)
    partners = ["P1", "P2", "P3"]
    later = register_late(problem, first.meetings, partners)
    second = solve(later, options)
    assert validate(later, second) == []
    assert agenda(second.meetings, "NEW")
    changed = [*second.changes.moved, *((m, m) for m in second.changes.cancelled)]
    assert len(changed) <= 6
    others = [pid for pid in sorted(problem.participant_by_id) if pid not in partners]
    assert undisturbed(first, second, others) >= len(others) - 10
