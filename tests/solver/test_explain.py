"""Explanations for candidate pairs left out: each reason on a tiny hand-made problem."""

from __future__ import annotations

from solver.explain import explain_unscheduled
from solver.schema import Unscheduled, UnscheduledReason
from tests.solver.conftest import make_problem, meet, person


def test_scheduled_pairs_are_not_explained() -> None:
    problem = make_problem(candidates=[("A", "B"), ("A", "C")])
    explained = explain_unscheduled(problem, [meet("B", "A", "s1", "T1")])
    assert [(u.a, u.b) for u in explained] == [("A", "C")]
    both = [meet("A", "B", "s1", "T1"), meet("A", "C", "s2", "T1")]
    assert explain_unscheduled(problem, both) == ()


def test_no_common_slot() -> None:
    problem = make_problem(
        slots=2,
        people=[person("A", unavailable=["s1"], name="Ana"), person("B", unavailable=["s2"])],
        candidates=[("A", "B", 3)],
    )
    assert explain_unscheduled(problem, []) == (
        Unscheduled(
            "A",
            "B",
            UnscheduledReason.NO_COMMON_SLOT,
            "Ana (A) and Person B (B) are never available in the same slot",
        ),
    )


def test_cap_reached_names_who_and_the_cap() -> None:
    ana = person("A", max_meetings=1, name="Ana")
    problem = make_problem(slots=3, people=[ana], candidates=[("A", "B", 5), ("A", "C", 1)])
    (left_out,) = explain_unscheduled(problem, [meet("A", "C", "s1", "T1")])
    assert (left_out.a, left_out.b, left_out.reason) == ("A", "B", UnscheduledReason.CAP_REACHED)
    assert left_out.detail == "Ana (A) is at the cap of 1 meeting"


def test_cap_of_zero() -> None:
    problem = make_problem(people=[person("A", max_meetings=0)], candidates=[("A", "B")])
    (left_out,) = explain_unscheduled(problem, [])
    assert left_out.reason == UnscheduledReason.CAP_REACHED
    assert left_out.detail == "Person A (A) takes no meetings (max_meetings 0)"


def test_both_sides_at_cap() -> None:
    people = [person("A", max_meetings=1), person("B", max_meetings=2)]
    problem = make_problem(
        slots=3, people=people, candidates=[("A", "B"), ("A", "C"), ("B", "D"), ("B", "E")]
    )
    meetings = [meet("A", "C", "s1", "T1"), meet("B", "D", "s1", "T2"), meet("B", "E", "s2", "T1")]
    (left_out,) = explain_unscheduled(problem, meetings)
    assert left_out.detail == (
        "Person A (A) is at the cap of 1 meeting and Person B (B) is at the cap of 2 meetings"
    )


def test_no_common_slot_comes_before_the_cap() -> None:
    people = [person("A", max_meetings=0, unavailable=["s1"]), person("B", unavailable=["s2"])]
    problem = make_problem(slots=2, people=people, candidates=[("A", "B")])
    assert explain_unscheduled(problem, [])[0].reason == UnscheduledReason.NO_COMMON_SLOT


def test_no_table_left_in_the_slots_where_both_are_idle() -> None:
    # A and B are both idle only in s2, where the single table is taken by C-D.
    problem = make_problem(
        slots=2,
        tables=1,
        people=[person("A", unavailable=["s1"])],
        candidates=[("A", "B", 5), ("C", "D", 1)],
    )
    (left_out,) = explain_unscheduled(problem, [meet("C", "D", "s1", "T1")])
    assert left_out.reason == UnscheduledReason.NOT_REACHED  # s2 still has the table free
    (left_out,) = explain_unscheduled(problem, [meet("C", "D", "s2", "T1")])
    assert left_out == Unscheduled(
        "A",
        "B",
        UnscheduledReason.NO_TABLE,
        "the only table is taken in the only common free slot where both are idle (s2)",
    )


def test_no_table_over_several_slots() -> None:
    problem = make_problem(
        slots=3, tables=2, candidates=[("A", "B"), ("C", "D"), ("E", "F"), ("G", "H"), ("I", "J")]
    )
    meetings = [
        meet("C", "D", "s1", "T1"),
        meet("E", "F", "s1", "T2"),
        meet("G", "H", "s2", "T1"),
        meet("I", "J", "s2", "T2"),
        meet("A", "C", "s3", "T1"),
    ]
    explained = explain_unscheduled(problem, meetings)
    assert explained[0].reason == UnscheduledReason.NO_TABLE
    assert explained[0].detail == (
        "all 2 tables are taken in all 2 common free slots where both are idle (s1, s2)"
    )


def test_no_shared_tables_at_all() -> None:
    (left_out,) = explain_unscheduled(make_problem(tables=0, candidates=[("A", "B")]), [])
    assert left_out.reason == UnscheduledReason.NO_TABLE
    assert left_out.detail == "there are no shared tables and neither has a location"


def test_located_pair_never_lacks_a_table() -> None:
    problem = make_problem(
        slots=1,
        tables=1,
        people=[person("A", location="Booth A")],
        candidates=[("A", "B", 5), ("C", "D", 1)],
    )
    (left_out,) = explain_unscheduled(problem, [meet("C", "D", "s1", "T1")])
    assert left_out.reason == UnscheduledReason.NOT_REACHED
    assert left_out.detail == (
        "not placed, though both are idle with a place free in s1; "
        "the search stopped before adding it"
    )


def test_lost_to_heavier_meetings_of_one_side() -> None:
    meetings = [
        meet("P3", "P4", "s1", "T1"),
        meet("P3", "P5", "s2", "T1"),
        meet("P6", "P3", "s3", "T1"),
    ]
    problem = make_problem(
        slots=3,
        tables=3,
        people=[person("P3", name="")],
        candidates=[("P1", "P3", 1), ("P3", "P4", 5), ("P3", "P5", 4), ("P3", "P6", 2)],
    )
    (left_out,) = explain_unscheduled(problem, meetings)
    assert left_out == Unscheduled(
        "P1",
        "P3",
        UnscheduledReason.OUTWEIGHED,
        "P3 meets heavier requests in all 3 common free slots (with P4, P5, P6)",
    )


def test_lost_to_meetings_of_both_sides() -> None:
    problem = make_problem(slots=2, candidates=[("A", "B", 3), ("A", "C", 3), ("B", "D", 1)])
    meetings = [meet("A", "C", "s1", "T1"), meet("B", "D", "s2", "T1")]
    (left_out,) = explain_unscheduled(problem, meetings)
    assert left_out.reason == UnscheduledReason.OUTWEIGHED
    assert left_out.detail == (
        "in all 2 common free slots one of them meets other requests "
        "(Person A (A) in s1; Person B (B) in s2)"
    )


def test_lost_when_both_are_busy_everywhere() -> None:
    problem = make_problem(slots=1, candidates=[("A", "B", 2), ("A", "C", 2), ("B", "D", 2)])
    meetings = [meet("A", "C", "s1", "T1"), meet("B", "D", "s1", "T2")]
    (left_out,) = explain_unscheduled(problem, meetings)
    assert left_out.detail == (
        "both Person A (A) and Person B (B) meet equally or more heavily weighted requests "
        "in the only common free slot"
    )


def test_explanations_follow_candidate_order_and_are_deterministic() -> None:
    problem = make_problem(
        slots=1,
        people=[person("Z", unavailable=["s1"])],
        candidates=[("Z", "A"), ("A", "B", 2), ("B", "C")],
    )
    meetings = [meet("A", "B", "s1", "T1")]
    first = explain_unscheduled(problem, meetings)
    assert [(u.a, u.b, u.reason) for u in first] == [
        ("Z", "A", UnscheduledReason.NO_COMMON_SLOT),
        ("B", "C", UnscheduledReason.OUTWEIGHED),
    ]
    assert explain_unscheduled(problem, meetings) == first


def test_day_cap_is_named_when_it_keeps_a_pair_apart() -> None:
    ana = person("A", name="Ana", max_meetings_per_day=1)
    problem = make_problem(slots=4, days=2, sessions=2, people=[ana],
                           candidates=[("A", "B"), ("A", "C"), ("A", "D")])  # fmt: skip
    meetings = [meet("A", "B", "s1", "T1"), meet("A", "C", "s3", "T1")]
    (left_out,) = explain_unscheduled(problem, meetings)
    assert (left_out.b, left_out.reason) == ("D", UnscheduledReason.DAY_CAP_REACHED)
    assert left_out.detail == (
        "Ana (A) already has the most meetings allowed per day (max_meetings_per_day) "
        "on the days both are idle (s2, s4)"
    )
    # Without the day cap the pair simply was not reached.
    plain = make_problem(slots=4, days=2, sessions=2,
                         candidates=[("A", "B"), ("A", "C"), ("A", "D")])  # fmt: skip
    assert explain_unscheduled(plain, meetings)[0].reason is UnscheduledReason.NOT_REACHED


def test_consecutive_limit_is_named_when_it_keeps_a_pair_apart() -> None:
    problem = make_problem(slots=3, candidates=[("A", "B"), ("A", "C"), ("A", "D")],
                           max_consecutive_meetings=2)  # fmt: skip
    meetings = [meet("A", "B", "s1", "T1"), meet("A", "C", "s2", "T1")]
    (left_out,) = explain_unscheduled(problem, meetings)
    assert (left_out.b, left_out.reason) == ("D", UnscheduledReason.CONSECUTIVE_LIMIT)
    assert left_out.detail == (
        "a meeting in s3, where both are idle, would give Person A (A) more back-to-back "
        "meetings than max_consecutive_meetings allows"
    )
