"""The greedy baseline: earliest slot that fits, heaviest first, and the bench reference."""

from __future__ import annotations

from pathlib import Path

import pytest

from solver import greedy_schedule, load_problem, validate
from solver.schema import SolveStatus
from tests.solver.conftest import make_problem, meet, person


def test_heaviest_pair_gets_the_earliest_common_slot() -> None:
    problem = make_problem(
        slots=2, tables=1, candidates=[("P1", "P2", 1), ("P1", "P3", 3), ("P2", "P3", 2)]
    )
    schedule = greedy_schedule(problem)
    assert validate(problem, schedule) == []
    placed = {m.key: (m.slot, m.table) for m in schedule.meetings}
    assert placed == {("P1", "P3"): ("s1", "T1"), ("P2", "P3"): ("s2", "T1")}
    assert schedule.stats.weight == 5
    assert schedule.solver.status is SolveStatus.FEASIBLE
    assert [(u.a, u.b) for u in schedule.unscheduled] == [("P1", "P2")]


def test_located_participant_needs_no_table() -> None:
    problem = make_problem(
        slots=1,
        tables=1,
        people=[person("P1", location="Booth 1")],
        candidates=[("P1", "P2", 2), ("P3", "P4", 1)],
    )
    schedule = greedy_schedule(problem)
    assert validate(problem, schedule) == []
    by_key = {m.key: m for m in schedule.meetings}
    assert by_key["P1", "P2"].location == "Booth 1"
    assert by_key["P1", "P2"].table is None
    assert by_key["P3", "P4"].table == "T1"


def test_respects_availability_and_caps() -> None:
    problem = make_problem(
        slots=3,
        tables=3,
        people=[person("P1", max_meetings=1), person("P2", unavailable=["s1", "s2"])],
        candidates=[("P1", "P2", 3), ("P1", "P3", 2), ("P2", "P3", 1)],
    )
    schedule = greedy_schedule(problem)
    assert validate(problem, schedule) == []
    assert [(m.key, m.slot) for m in schedule.meetings] == [(("P1", "P2"), "s3")]
    assert schedule.stats.weight == 3


def test_locked_meetings_come_first_and_stay() -> None:
    locked = meet("P1", "P2", "s2", table="T1")
    problem = make_problem(
        slots=2, tables=1, candidates=[("P1", "P2", 1), ("P3", "P4", 5)], locked=[locked]
    )
    schedule = greedy_schedule(problem)
    assert validate(problem, schedule) == []
    assert locked in schedule.meetings
    assert meet("P3", "P4", "s1", table="T1") in schedule.meetings


def test_fcfs_depends_on_the_seed_and_stays_valid() -> None:
    problem = make_problem(
        slots=2,
        tables=2,
        candidates=[
            (f"P{i}", f"P{j}", 1 + (i * j) % 3) for i in range(1, 6) for j in range(i + 1, 7)
        ],
    )
    orders = {greedy_schedule(problem, order="fcfs", seed=s).meetings for s in range(6)}
    assert len(orders) > 1
    for seed in range(3):
        schedule = greedy_schedule(problem, order="fcfs", seed=seed)
        assert validate(problem, schedule) == []
        again = greedy_schedule(problem, order="fcfs", seed=seed)
        assert (again.meetings, again.stats) == (schedule.meetings, schedule.stats)


@pytest.mark.parametrize(
    ("order", "weight", "holes", "alone"), [("weight", 548, 87, 0), ("fcfs", 466, 99, 0)]
)
def test_matches_the_bench_reference_figures(
    bench_dir: Path, order: str, weight: int, holes: int, alone: int
) -> None:
    problem = load_problem(bench_dir / "S-60.json")
    schedule = greedy_schedule(problem, order="weight" if order == "weight" else "fcfs")
    assert validate(problem, schedule) == []
    stats = schedule.stats
    assert (stats.weight, stats.holes, stats.zero_meeting_participants) == (weight, holes, alone)
    assert stats.bound >= stats.weight
