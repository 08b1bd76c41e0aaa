"""`solve()`: quality order, places, locked meetings, limits, cancel, progress, determinism."""

from __future__ import annotations

import itertools
import threading
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from solver import (
    Problem,
    Progress,
    Schedule,
    SolveOptions,
    SolveStatus,
    greedy_schedule,
    load_problem,
    solve,
    validate,
)
from tests.solver.conftest import make_problem, meet, person
from tests.solver.test_properties import brute_force_optimum, problems

QUICK = SolveOptions(time_limit_s=10, workers=1, seed=0)


def solved(problem: Problem, options: SolveOptions = QUICK) -> Schedule:
    """Solve and insist the result is valid, as every solve in these tests must be."""
    schedule = solve(problem, options)
    assert validate(problem, schedule) == []
    assert schedule.stats.bound >= schedule.stats.weight
    return schedule


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(problems(max_people=5, max_slots=3))
def test_tiny_problems_are_proven_optimal_with_a_tight_bound(problem: Problem) -> None:
    schedule = solved(problem)
    optimum = brute_force_optimum(problem)
    assert schedule.stats.weight == optimum
    assert schedule.stats.bound == optimum
    assert schedule.solver.status is SolveStatus.OPTIMAL
    assert schedule.stats.weight >= greedy_schedule(problem).stats.weight


def test_weight_comes_before_everything_else() -> None:
    # P1-P2 (weight 3) leaves P3 and P4 without a meeting; two weight-1 meetings would not.
    problem = make_problem(
        slots=1,
        tables=2,
        people=[person("P1", max_meetings=1), person("P2", max_meetings=1)],
        candidates=[("P1", "P2", 3), ("P1", "P3", 1), ("P2", "P4", 1)],
    )
    schedule = solved(problem)
    assert [m.key for m in schedule.meetings] == [("P1", "P2")]
    assert schedule.stats.zero_meeting_participants == 2


def test_at_equal_weight_nobody_is_left_without_a_meeting() -> None:
    problem = make_problem(
        slots=1,
        tables=2,
        people=[person("P1", max_meetings=1)],
        candidates=[("P1", "P2", 2), ("P1", "P3", 2), ("P2", "P4", 2)],
    )
    schedule = solved(problem)
    assert {m.key for m in schedule.meetings} == {("P1", "P3"), ("P2", "P4")}
    assert schedule.stats.zero_meeting_participants == 0


def test_meetings_of_a_person_are_back_to_back() -> None:
    # The greedy puts P1-P2 first at s1, and P1-P3 can only be at s3: a hole at s2.
    problem = make_problem(
        slots=4,
        tables=2,
        people=[person("P3", unavailable=["s1", "s2", "s4"])],
        candidates=[("P1", "P2", 2), ("P1", "P3", 1)],
    )
    schedule = solved(problem)
    assert schedule.stats.weight == 3
    assert schedule.stats.holes == 0
    assert greedy_schedule(problem).stats.holes > 0


def test_odd_cycle_where_the_relaxation_is_fractional() -> None:
    # One slot: the LP would take half of each pair of the triangle (weight 4.5).
    problem = make_problem(
        slots=1, tables=3, candidates=[("P1", "P2", 3), ("P2", "P3", 3), ("P1", "P3", 3)]
    )
    schedule = solved(problem)
    assert schedule.stats.weight == 3
    assert schedule.stats.bound == 3
    assert schedule.solver.status is SolveStatus.OPTIMAL


def test_exhibitors_meet_at_their_location_without_a_table() -> None:
    problem = make_problem(
        slots=1,
        tables=1,
        people=[person("P1", location="Booth A"), person("P3", location="Booth C")],
        candidates=[("P1", "P2", 1), ("P3", "P4", 1), ("P5", "P6", 1), ("P1", "P3", 1)],
    )
    schedule = solved(problem)
    places = {m.key: (m.table, m.location) for m in schedule.meetings}
    assert places[("P1", "P2")] == (None, "Booth A")
    assert places[("P3", "P4")] == (None, "Booth C")
    assert places[("P5", "P6")] == ("T1", None)


def test_scarce_tables_limit_each_slot() -> None:
    problem = make_problem(
        slots=2, tables=1, candidates=[("P1", "P2", 1), ("P3", "P4", 2), ("P5", "P6", 3)]
    )
    schedule = solved(problem)
    assert {m.key for m in schedule.meetings} == {("P3", "P4"), ("P5", "P6")}
    assert {m.table for m in schedule.meetings} == {"T1"}


def test_locked_meetings_are_kept_exactly() -> None:
    locked = meet("P1", "P2", "s3", table="T2")
    problem = make_problem(
        slots=3,
        tables=2,
        candidates=[("P1", "P2", 1), ("P1", "P3", 5), ("P2", "P3", 5)],
        locked=[locked],
    )
    schedule = solved(problem)
    assert locked in schedule.meetings
    assert schedule.stats.weight == 11


def test_a_locked_pair_is_not_scheduled_a_second_time() -> None:
    locked = meet("P1", "P2", "s1", table="T1")
    problem = make_problem(slots=2, tables=1, candidates=[("P1", "P2", 1)], locked=[locked])
    for options in (QUICK, SolveOptions(time_limit_s=5, workers=2)):
        schedule = solved(problem, options)
        assert schedule.meetings == (locked,)
        assert schedule.stats.weight == 1


def test_clashing_locked_meetings_make_the_problem_infeasible() -> None:
    problem = make_problem(
        slots=2,
        tables=2,
        people=[person("P1", max_meetings=1)],
        candidates=[("P1", "P2", 1), ("P1", "P5", 1), ("P3", "P4", 1)],
        locked=[meet("P1", "P2", "s1", table="T1"), meet("P1", "P5", "s1", table="T2")],
    )
    schedule = solve(problem, QUICK)
    assert schedule.solver.status is SolveStatus.INFEASIBLE
    assert schedule.meetings == ()
    text = " ".join(schedule.solver.conflicts)
    assert "P1" in text and "s1" in text
    assert any("max_meetings" in c for c in schedule.solver.conflicts)
    assert len(schedule.solver.conflicts) >= 2


def test_one_worker_and_a_seed_give_the_same_schedule(bench_dir: Path) -> None:
    problem = load_problem(bench_dir / "S-60.json")
    options = SolveOptions(time_limit_s=10, workers=1, seed=3)
    first = solve(problem, options)
    second = solve(problem, options)
    assert validate(problem, first) == []
    assert first.meetings == second.meetings
    assert first.stats.weight >= greedy_schedule(problem).stats.weight


def test_time_limit_covers_the_whole_solve(bench_dir: Path) -> None:
    problem = load_problem(bench_dir / "M-400.json")
    reports: list[Progress] = []
    schedule = solve(problem, SolveOptions(time_limit_s=3, workers=2), progress=reports.append)
    assert schedule.solver.message == "best schedule found within the time limit"
    assert all(report.time_limit_s == 3 for report in reports)
    assert validate(problem, schedule) == []
    assert schedule.stats.weight >= greedy_schedule(problem).stats.weight


def test_cancel_stops_within_two_seconds_with_the_best_so_far(bench_dir: Path) -> None:
    problem = load_problem(bench_dir / "M-400.json")
    reports: list[Progress] = []
    began = time.monotonic()
    schedule = solve(
        problem,
        SolveOptions(time_limit_s=60, workers=2),
        progress=reports.append,
        cancel=lambda: time.monotonic() - began > 1.5,
    )
    assert schedule.solver.message == "cancelled; best schedule so far"  # not the 60 s limit
    assert schedule.solver.status is SolveStatus.FEASIBLE
    assert validate(problem, schedule) == []
    assert schedule.stats.weight > 0
    assert reports
    assert all(r.bound >= r.best_weight > 0 for r in reports)
    assert reports[-1].time_limit_s == 60


def test_an_error_in_a_callback_stops_the_search(bench_dir: Path) -> None:
    problem = load_problem(bench_dir / "M-400.json")
    threads_before = set(threading.enumerate())
    began = time.monotonic()

    def failing_cancel() -> bool:
        if time.monotonic() - began > 0.5:
            raise RuntimeError("database gone")
        return False

    with pytest.raises(RuntimeError, match="database gone"):
        solve(problem, SolveOptions(time_limit_s=30, workers=2), cancel=failing_cancel)
    assert not [t for t in threading.enumerate() if t not in threads_before]


def test_progress_reports_come_regularly(bench_dir: Path) -> None:
    problem = load_problem(bench_dir / "M-400.json")
    reports: list[Progress] = []
    schedule = solve(problem, SolveOptions(time_limit_s=4, workers=2), progress=reports.append)
    assert validate(problem, schedule) == []
    times = [0.0, *(r.elapsed_s for r in reports)]
    assert max(b - a for a, b in itertools.pairwise(times)) <= 1.0
    assert reports[-1].best_weight == schedule.stats.weight
    assert all(r.bound >= schedule.stats.bound for r in reports)
