"""The independent validator: every rule of a valid schedule, feasible and broken."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from solver.schema import Meeting, Problem, Schedule
from solver.validation import Violation, validate
from tests.solver.conftest import make_problem, meet, person


def problem_with_booths(**overrides: object) -> Problem:
    """A, B, C share tables; X has Booth X, Y has Booth Y; every pair is a candidate."""
    people = [
        person("A", unavailable=["s3"]),
        person("B"),
        person("C", max_meetings=1),
        person("X", location="Booth X"),
        person("Y", location="Booth Y"),
    ]
    ids = ["A", "B", "C", "X", "Y"]
    pairs = [(a, b, 1) for i, a in enumerate(ids) for b in ids[i + 1 :]]
    return make_problem(slots=3, tables=1, people=people, candidates=pairs, **overrides)  # type: ignore[arg-type]


def rules(problem: Problem, meetings: Sequence[Meeting]) -> list[str]:
    return [v.rule for v in validate(problem, Schedule(meetings=tuple(meetings)))]


def messages(problem: Problem, meetings: Sequence[Meeting]) -> list[str]:
    return [v.message for v in validate(problem, Schedule(meetings=tuple(meetings)))]


def test_a_valid_schedule_has_no_violations() -> None:
    problem = problem_with_booths(locked=[meet("A", "B", "s1", "T1")])
    meetings = [
        meet("A", "B", "s1", "T1"),
        meet("A", "X", "s2", location="Booth X"),
        meet("B", "C", "s2", "T1"),
        meet("X", "Y", "s1", location="Booth Y"),
        meet("B", "Y", "s3", location="Booth Y"),
    ]
    assert validate(problem, Schedule(meetings=tuple(meetings))) == []


def test_empty_schedule_is_valid_without_locks() -> None:
    assert rules(problem_with_booths(), []) == []


def test_unknown_participant() -> None:
    assert messages(problem_with_booths(), [meet("A", "Q", "s1", "T1")]) == [
        "meeting A-Q in slot s1 at T1: unknown participant Q",
        "meeting A-Q in slot s1 at T1: A-Q is not a candidate pair",
    ]


def test_not_a_candidate_pair() -> None:
    problem = make_problem(people=["C"], candidates=[("A", "B")])
    assert rules(problem, [meet("A", "B", "s1", "T1")]) == []
    assert rules(problem, [meet("A", "C", "s1", "T1")]) == ["not-candidate"]
    assert rules(problem, [meet("A", "A", "s1", "T1")]) == ["not-candidate"]


def test_each_pair_at_most_once() -> None:
    problem = problem_with_booths()
    assert rules(problem, [meet("A", "B", "s1", "T1"), meet("B", "C", "s2", "T1")]) == []
    assert messages(problem, [meet("A", "B", "s1", "T1"), meet("B", "A", "s2", "T1")]) == [
        "A and B meet 2 times (slots s1, s2)"
    ]


def test_slot_must_exist() -> None:
    assert messages(problem_with_booths(), [meet("A", "B", "s9", "T1")]) == [
        "meeting A-B in slot s9 at T1: unknown slot s9"
    ]


def test_both_must_be_available() -> None:
    problem = problem_with_booths()
    assert rules(problem, [meet("A", "B", "s2", "T1")]) == []
    assert messages(problem, [meet("B", "A", "s3", "T1")]) == [
        "meeting B-A in slot s3 at T1: A is unavailable in s3"
    ]


def test_nobody_twice_in_one_slot() -> None:
    problem = problem_with_booths()
    ok = [meet("A", "B", "s1", "T1"), meet("C", "X", "s1", location="Booth X")]
    assert rules(problem, ok) == []
    clash = [meet("A", "B", "s1", "T1"), meet("A", "X", "s1", location="Booth X")]
    assert messages(problem, clash) == ["A has 2 meetings in slot s1 (with B, X)"]


def test_located_meeting_uses_that_location_and_no_table() -> None:
    problem = problem_with_booths()
    assert rules(problem, [meet("A", "X", "s1", location="Booth X")]) == []
    assert messages(problem, [meet("A", "X", "s1", "T1", location="Booth X")]) == [
        "meeting A-X in slot s1 at T1: uses table T1, but meets at location Booth X "
        "and needs no table"
    ]
    assert messages(problem, [meet("A", "X", "s1", location="Booth Y")]) == [
        "meeting A-X in slot s1 at Booth Y: should be at Booth X, not Booth Y"
    ]
    assert rules(problem, [meet("A", "X", "s1", "T1")]) == ["table-at-location", "wrong-location"]


def test_two_located_participants_may_use_either_location() -> None:
    problem = problem_with_booths()
    assert rules(problem, [meet("X", "Y", "s1", location="Booth X")]) == []
    assert rules(problem, [meet("X", "Y", "s1", location="Booth Y")]) == []
    assert messages(problem, [meet("X", "Y", "s1")]) == [
        "meeting X-Y in slot s1: should be at Booth X or Booth Y, not no location"
    ]


def test_unlocated_meeting_needs_a_known_table() -> None:
    problem = problem_with_booths()
    assert rules(problem, [meet("A", "B", "s1", "T1")]) == []
    assert rules(problem, [meet("A", "B", "s1")]) == ["missing-table"]
    assert messages(problem, [meet("A", "B", "s1", "T7")]) == [
        "meeting A-B in slot s1 at T7: unknown table T7"
    ]
    assert rules(problem, [meet("A", "B", "s1", location="Booth X")]) == ["location-not-owned"]


def test_table_used_once_per_slot() -> None:
    problem = make_problem(tables=2, candidates=[("A", "B"), ("C", "D")])
    assert rules(problem, [meet("A", "B", "s1", "T1"), meet("C", "D", "s1", "T2")]) == []
    assert rules(problem, [meet("A", "B", "s1", "T1"), meet("C", "D", "s2", "T1")]) == []
    assert messages(problem, [meet("A", "B", "s1", "T1"), meet("C", "D", "s1", "T1")]) == [
        "table T1 is used 2 times in slot s1 (by A-B, C-D)"
    ]


def test_max_meetings() -> None:
    problem = problem_with_booths()
    assert rules(problem, [meet("C", "A", "s1", "T1")]) == []
    over = [meet("C", "A", "s1", "T1"), meet("C", "B", "s2", "T1")]
    assert messages(problem, over) == ["C has 2 meetings, more than max_meetings 1"]


def test_zero_cap() -> None:
    problem = make_problem(people=[person("A", max_meetings=0)], candidates=[("A", "B")])
    assert rules(problem, [meet("A", "B", "s1", "T1")]) == ["over-cap"]


def test_every_locked_meeting_is_kept_as_given() -> None:
    problem = problem_with_booths(locked=[meet("A", "B", "s2", "T1")])
    assert rules(problem, [meet("B", "A", "s2", "T1")]) == []
    assert messages(problem, []) == ["locked meeting A-B in slot s2 at T1 is missing"]
    assert messages(problem, [meet("A", "B", "s1", "T1")]) == [
        "locked meeting A-B in slot s2 at T1 is missing; the pair meets in slot s1 at T1 instead"
    ]


def test_every_broken_rule_is_listed() -> None:
    problem = problem_with_booths(locked=[meet("B", "C", "s2", "T1")])
    meetings = [
        meet("A", "B", "s3", "T1"),
        meet("A", "B", "s1", "T1"),
        meet("C", "Y", "s1", "T1"),
    ]
    assert sorted(rules(problem, meetings)) == sorted(
        [
            "unavailable",
            "table-at-location",
            "wrong-location",
            "duplicate-pair",
            "table-double-booked",
            "missing-locked",
        ]
    )


def test_violation_is_frozen() -> None:
    violation = Violation("over-cap", "x")
    with pytest.raises(AttributeError):
        violation.rule = "other"  # type: ignore[misc]


def limits_problem(**overrides: object) -> Problem:
    """Everyone may meet everyone; 6 slots over 2 days (3 a day, one session a day), 3 tables."""
    ids = ["A", "B", "C", "D", "E"]
    pairs = [(a, b, 1) for i, a in enumerate(ids) for b in ids[i + 1 :]]
    return make_problem(slots=6, tables=3, sessions=2, days=2, candidates=pairs, **overrides)  # type: ignore[arg-type]


def violations(problem: Problem, meetings: Sequence[Meeting]) -> list[Violation]:
    return validate(problem, Schedule(meetings=tuple(meetings)))


DAY_ONE_FOR_A = [meet("A", "B", "s1", "T1"), meet("A", "C", "s2", "T1"), meet("A", "D", "s3", "T1")]


def test_day_cap_of_the_event() -> None:
    problem = limits_problem(max_meetings_per_day=2)
    assert rules(problem, [*DAY_ONE_FOR_A[:2], meet("A", "D", "s4", "T1")]) == []
    found = violations(problem, DAY_ONE_FOR_A)
    assert [(v.rule, v.participants, v.slot, v.table) for v in found] == [
        ("over-day-cap", ("A", "D"), "s3", "T1")
    ]
    assert found[0].message == "A has 3 meetings on 2026-04-20, more than max_meetings_per_day 2"


def test_day_cap_override_per_participant() -> None:
    people = [person("A", max_meetings_per_day=3), person("B", max_meetings_per_day=0)]
    problem = make_problem(
        slots=6, sessions=2, days=2, tables=3, people=people,
        candidates=[("A", "C"), ("A", "D"), ("A", "E"), ("A", "B")], max_meetings_per_day=2,
    )  # fmt: skip
    three = [meet("A", "C", "s1", "T1"), meet("A", "D", "s2", "T1"), meet("A", "E", "s3", "T1")]
    assert rules(problem, three) == []
    assert rules(problem, [meet("A", "B", "s4", "T1")]) == ["over-day-cap"]


def test_consecutive_meetings() -> None:
    problem = limits_problem(max_consecutive_meetings=2)
    assert rules(problem, DAY_ONE_FOR_A[:2]) == []
    # s3 ends day one's session and s4 starts day two's: not back-to-back.
    assert rules(problem, [*DAY_ONE_FOR_A[1:], meet("A", "E", "s4", "T1")]) == []
    found = violations(problem, DAY_ONE_FOR_A)
    assert [(v.rule, v.participants, v.slot) for v in found] == [
        ("over-consecutive", ("A", "D"), "s3")
    ]
    assert found[0].message == (
        "A has 3 back-to-back meetings (s1 to s3), more than max_consecutive_meetings 2"
    )


def test_a_gap_ends_a_run() -> None:
    problem = make_problem(slots=5, candidates=[("A", "B"), ("A", "C"), ("A", "D"), ("A", "E")],
                           max_consecutive_meetings=2)  # fmt: skip
    gap = [meet("A", "B", "s1", "T1"), meet("A", "C", "s2", "T1"),
           meet("A", "D", "s4", "T1"), meet("A", "E", "s5", "T1")]  # fmt: skip
    assert rules(problem, gap) == []


def test_locked_meetings_may_break_a_limit_but_nothing_is_added_beyond() -> None:
    locked = DAY_ONE_FOR_A
    problem = limits_problem(
        locked=locked, max_meetings_per_day=2, max_consecutive_meetings=1,
        people=[person("A", max_meetings=3)],
    )  # fmt: skip
    assert violations(problem, locked) == []
    found = violations(problem, [*locked, meet("A", "E", "s5", "T1")])
    assert [(v.rule, v.slot) for v in found] == [("over-cap", "s5")]
    beyond_day = limits_problem(locked=locked, max_meetings_per_day=2)
    assert rules(beyond_day, [*locked, meet("A", "E", "s4", "T1")]) == []


def test_a_run_beyond_the_limit_must_be_all_locked() -> None:
    locked = DAY_ONE_FOR_A[:2]
    problem = limits_problem(locked=locked, max_consecutive_meetings=1)
    assert rules(problem, locked) == []
    found = violations(problem, [*locked, meet("A", "D", "s3", "T1")])
    assert [(v.rule, v.participants, v.slot) for v in found] == [
        ("over-consecutive", ("A", "D"), "s3")
    ]


def test_every_violation_names_its_people_and_slot() -> None:
    problem = problem_with_booths(locked=[meet("B", "C", "s2", "T1")])
    meetings = [meet("A", "B", "s3", "T1"), meet("A", "B", "s1", "T1"), meet("C", "Y", "s1", "T1")]
    for violation in violations(problem, meetings):
        assert violation.participants, violation
        assert violation.slot in {"s1", "s2", "s3"}, violation
