"""One reading of per-person limits and the guaranteed minimum (`solver.limits`)."""

from __future__ import annotations

from datetime import date

from solver.metrics import compute_stats
from solver.validation import effective_limits, effective_minimum, effective_minimums
from tests.solver.conftest import make_problem, meet, person

DAY_ONE, DAY_TWO = date(2026, 4, 20), date(2026, 4, 21)


def test_event_limits_apply_unless_overridden() -> None:
    people = [person("A", max_meetings=4, max_meetings_per_day=1), person("B")]
    problem = make_problem(slots=4, days=2, people=people, candidates=[("A", "B")],
                           max_meetings_per_day=2, max_consecutive_meetings=3)  # fmt: skip
    a, b = effective_limits(problem, "A"), effective_limits(problem, "B")
    assert (a.total_allowed(), a.day_allowed(DAY_ONE), a.run_allowed(0)) == (4, 1, 3)
    assert (b.total_allowed(), b.day_allowed(DAY_ONE), b.run_allowed(0)) == (None, 2, 3)


def test_locked_meetings_raise_the_limits_they_fill() -> None:
    locked = [meet("A", "B", "s1", "T1"), meet("A", "C", "s2", "T1")]
    problem = make_problem(slots=4, days=2, people=[person("A", max_meetings=1)],
                           candidates=[("A", "B"), ("A", "C")], locked=locked,
                           max_meetings_per_day=1, max_consecutive_meetings=1)  # fmt: skip
    limits = effective_limits(problem, "A")
    assert limits.total_allowed() == 2
    assert (limits.day_allowed(DAY_ONE), limits.day_allowed(DAY_TWO)) == (2, 1)
    assert (limits.run_allowed(2), limits.run_allowed(0)) == (2, 1)


def test_minimum_is_capped_by_partners_availability_and_limits() -> None:
    people = [
        person("A"),  # three partners: 3
        person("B", unavailable=["s2", "s3", "s4"]),  # one free slot: 1
        person("C", max_meetings=2, min_meetings=4),  # own minimum 4, cap 2
        person("D", min_meetings=0),  # asks for none
        person("E", max_meetings_per_day=1),  # two days: 2
    ]
    problem = make_problem(
        slots=4, days=2, people=people, min_meetings=3,
        candidates=[("A", "B"), ("A", "C"), ("A", "D"), ("C", "E"), ("D", "E"), ("B", "E"),
                    ("C", "D")],
    )  # fmt: skip
    expected = {"A": 3, "B": 1, "C": 2, "D": 0, "E": 2}
    assert effective_minimums(problem) == expected
    assert {pid: effective_minimum(problem, pid) for pid in expected} == expected


def test_runs_limit_the_minimum() -> None:
    partners = [(f"P{i}", "A") for i in range(6)]
    problem = make_problem(slots=5, candidates=partners, min_meetings=6,
                           max_consecutive_meetings=2)  # fmt: skip
    assert effective_minimum(problem, "A") == 4  # XX_XX


def test_a_partner_who_takes_no_meetings_does_not_count() -> None:
    problem = make_problem(people=[person("B", max_meetings=0)], candidates=[("A", "B")])
    assert effective_minimum(problem, "A") == 0


def test_stats_count_people_below_their_minimum() -> None:
    problem = make_problem(slots=3, candidates=[("A", "B"), ("A", "C"), ("B", "C")],
                           min_meetings=2)  # fmt: skip
    stats = compute_stats(problem, [meet("A", "B", "s1", "T1")], bound=0)
    assert stats.below_minimum_participants == 3
    stats = compute_stats(problem, [meet("A", "B", "s1", "T1"), meet("A", "C", "s2", "T1")], 0)
    assert (stats.below_minimum_participants, stats.zero_meeting_participants) == (2, 0)
