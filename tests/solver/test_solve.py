"""`solve()`: quality order, places, locked meetings, limits, cancel, progress, determinism."""

from __future__ import annotations

import threading
import time
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from solver import (
    Problem,
    Progress,
    Schedule,
    SolveOptions,
    SolveStatus,
    StopReason,
    UnscheduledReason,
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
    greedy = greedy_schedule(problem).stats
    assert schedule.stats.below_minimum_participants <= greedy.below_minimum_participants


def test_the_guaranteed_minimum_comes_before_weight() -> None:
    # P1-P2 (weight 3) leaves P3 and P4 without a meeting; two weight-1 meetings would not.
    problem = make_problem(
        slots=1,
        tables=2,
        people=[person("P1", max_meetings=1), person("P2", max_meetings=1)],
        candidates=[("P1", "P2", 3), ("P1", "P3", 1), ("P2", "P4", 1)],
    )
    schedule = solved(problem)
    assert {m.key for m in schedule.meetings} == {("P1", "P3"), ("P2", "P4")}
    assert schedule.stats.below_minimum_participants == 0
    # Without a minimum, weight comes first.
    schedule = solved(replace(problem, min_meetings=0))
    assert [m.key for m in schedule.meetings] == [("P1", "P2")]
    assert schedule.stats.zero_meeting_participants == 2


def test_a_minimum_of_two_spreads_meetings() -> None:
    # A hub with heavy requests could take all four slots; a minimum of 2 for everyone
    # gives B..E two meetings each among themselves instead.
    hub = [("H", x, 5) for x in "BCDE"]
    ring = [("B", "C", 1), ("C", "D", 1), ("D", "E", 1), ("E", "B", 1)]
    problem = make_problem(slots=2, tables=4, candidates=[*hub, *ring], min_meetings=2)
    schedule = solved(problem)
    assert schedule.stats.below_minimum_participants == 1  # only H, or one of the ring
    assert schedule.solver.stop is StopReason.PROVEN


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
    assert schedule.solver.conflicts == ("P1 has 2 meetings in slot s1 (with P2, P5)",)


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
    assert schedule.solver.stop is StopReason.CANCELLED


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


def test_progress_reports_follow_the_search(bench_dir: Path) -> None:
    # How often reports come is a matter of wall time (REPORT_EVERY_S), which a loaded
    # machine stretches; what must hold is that they come, in order, and end at the result.
    problem = load_problem(bench_dir / "M-400.json")
    reports: list[Progress] = []
    schedule = solve(problem, SolveOptions(time_limit_s=4, workers=2), progress=reports.append)
    assert validate(problem, schedule) == []
    assert len(reports) >= 2
    times = [r.elapsed_s for r in reports]
    assert times == sorted(times)
    assert all(r.time_limit_s == 4 for r in reports)
    assert reports[-1].best_weight == schedule.stats.weight
    assert all(r.bound >= schedule.stats.bound for r in reports)
    assert [g.name for g in reports[-1].goals] == ["below_minimum", "weight", "holes"]
    below, weight, hole_goal = reports[-1].goals
    assert below.value == schedule.stats.below_minimum_participants
    assert (weight.value, hole_goal.value) == (schedule.stats.weight, schedule.stats.holes)
    assert weight.maximise and not hole_goal.maximise and hole_goal.bound == 0


def test_progress_shows_moves_on_a_re_solve() -> None:
    problem = make_problem(slots=2, candidates=[("A", "B"), ("C", "D")],
                           previous=[meet("A", "B", "s2", "T1")])  # fmt: skip
    reports: list[Progress] = []
    schedule = solve(problem, QUICK, progress=reports.append)
    assert [g.name for g in reports[-1].goals] == ["below_minimum", "weight", "holes", "moved"]
    assert schedule.solver.stop is StopReason.PROVEN
    assert all(g.at_bound for g in reports[-1].goals)


def test_a_solve_stops_as_soon_as_every_goal_is_proven() -> None:
    # 50 stars of a centre and three partners in three slots: too big for one
    # whole-problem model, but every meeting fits back to back, which the bounds prove.
    pairs = [(f"C{i}", f"L{i}-{j}", 2) for i in range(50) for j in range(3)]
    problem = make_problem(slots=3, tables=50, candidates=pairs)
    reports: list[Progress] = []
    schedule = solve(problem, SolveOptions(time_limit_s=60, workers=2, stall_s=60),
                     progress=reports.append)  # fmt: skip
    assert schedule.solver.stop is StopReason.PROVEN
    assert schedule.solver.status is SolveStatus.OPTIMAL
    assert schedule.stats.weight == schedule.stats.bound == 300
    assert all(goal.at_bound for goal in reports[-1].goals)


def triangles(count: int) -> Problem:
    """`count` separate triangles in two slots: the b-matching bound (3 meetings each)
    can never be timed (2 at most), too many people for one whole-problem model."""
    pairs = []
    for i in range(count):
        a, b, c = f"A{i}", f"B{i}", f"C{i}"
        pairs += [(a, b, 1), (b, c, 1), (a, c, 1)]
    return make_problem(slots=2, tables=3 * count, candidates=pairs)


def test_a_solve_without_gain_stops_after_the_stall_time() -> None:
    options = SolveOptions(time_limit_s=20, workers=1, stall_s=0.5)
    schedule = solved(triangles(50), options)
    assert schedule.solver.stop is StopReason.STALLED
    assert schedule.stats.weight == 100 and schedule.stats.bound == 150
    assert schedule.stats.below_minimum_participants == 0


def test_a_solve_without_stall_limit_runs_to_the_time_limit() -> None:
    options = SolveOptions(time_limit_s=2, workers=2, stall_s=100)
    schedule = solved(triangles(50), options)
    assert schedule.solver.stop is StopReason.TIME_LIMIT


def test_default_stall_time_is_a_tenth_of_the_limit_but_at_least_three_seconds() -> None:
    assert SolveOptions(time_limit_s=60).stall_limit_s == 6
    assert SolveOptions(time_limit_s=5).stall_limit_s == 3
    assert SolveOptions(time_limit_s=60, stall_s=1.5).stall_limit_s == 1.5


def day_problem(**overrides: object) -> Problem:
    """A hub H requested by six people (heavy) over 2 days of 3 slots, one session a day."""
    pairs = [("H", f"P{i}", 5) for i in range(6)]
    pairs += [(f"P{i}", f"P{i + 1}", 1) for i in range(0, 6, 2)]
    return make_problem(slots=6, tables=6, sessions=2, days=2, candidates=pairs, **overrides)  # type: ignore[arg-type]


def hub_days(schedule: Schedule) -> list[int]:
    hub = [m for m in schedule.meetings if "H" in (m.a, m.b)]
    return sorted(
        sum(1 for m in hub if m.slot in day) for day in ({"s1", "s2", "s3"}, {"s4", "s5", "s6"})
    )


def test_the_solver_keeps_everyone_within_their_day_cap() -> None:
    assert hub_days(solved(day_problem())) == [3, 3]
    capped = solved(day_problem(max_meetings_per_day=2))
    assert hub_days(capped) == [2, 2]
    own = solved(day_problem(people=[person("H", max_meetings_per_day=1)]))
    assert hub_days(own) == [1, 1]
    assert any(u.reason is UnscheduledReason.DAY_CAP_REACHED for u in own.unscheduled)


def test_the_solver_keeps_runs_of_back_to_back_meetings_short() -> None:
    # A day is one session of three slots: two back to back at most, so two a day.
    schedule = solved(day_problem(max_consecutive_meetings=2))
    assert hub_days(schedule) == [2, 2]
    assert any(u.reason is UnscheduledReason.CONSECUTIVE_LIMIT for u in schedule.unscheduled)


def test_locked_meetings_beyond_a_limit_are_kept_and_nothing_is_added_beyond() -> None:
    locked = [meet("H", "P0", "s1", "T1"), meet("H", "P1", "s2", "T1"),
              meet("H", "P2", "s3", "T1")]  # fmt: skip
    problem = day_problem(locked=locked, max_meetings_per_day=1, max_consecutive_meetings=2)
    schedule = solved(problem)
    assert set(locked) <= set(schedule.meetings)
    assert hub_days(schedule) == [1, 3]  # day two gets one, as the day cap says
