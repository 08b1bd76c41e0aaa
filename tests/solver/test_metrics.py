"""Quality figures: weight, holes, people without a meeting, changes against `previous`."""

from __future__ import annotations

from dataclasses import replace

from solver.metrics import (
    compute_stats,
    diff_changes,
    holes,
    total_weight,
    zero_meeting_participants,
)
from solver.schema import Stats
from tests.solver.conftest import make_problem, meet, person


def test_total_weight_sums_candidate_weights_once_per_pair() -> None:
    problem = make_problem(candidates=[("A", "B", 5), ("A", "C", 2), ("B", "C", 7)])
    meetings = [meet("A", "B", "s1", "T1"), meet("C", "A", "s2", "T1")]
    assert total_weight(problem, meetings) == 7
    assert total_weight(problem, [*meetings, meet("B", "A", "s3", "T1")]) == 7


def test_total_weight_ignores_non_candidates() -> None:
    problem = make_problem(people=["D"], candidates=[("A", "B", 5)])
    assert total_weight(problem, [meet("A", "D", "s1", "T1")]) == 0


def test_no_holes_when_meetings_are_back_to_back() -> None:
    problem = make_problem(slots=4, candidates=[("A", "B"), ("A", "C")])
    assert holes(problem, [meet("A", "B", "s1", "T1"), meet("A", "C", "s2", "T1")]) == 0


def test_idle_slots_between_meetings_are_holes_for_each_person() -> None:
    problem = make_problem(slots=5, candidates=[("A", "B"), ("A", "C")])
    meetings = [meet("A", "B", "s1", "T1"), meet("A", "C", "s4", "T1")]
    assert holes(problem, meetings) == 2  # A idles in s2 and s3; B and C meet once


def test_unavailable_slots_are_not_holes() -> None:
    problem = make_problem(
        slots=5, people=[person("A", unavailable=["s2"])], candidates=[("A", "B"), ("A", "C")]
    )
    meetings = [meet("A", "B", "s1", "T1"), meet("A", "C", "s4", "T1")]
    assert holes(problem, meetings) == 1


def test_holes_do_not_span_sessions() -> None:
    problem = make_problem(slots=6, sessions=2, candidates=[("A", "B"), ("A", "C")])
    meetings = [meet("A", "B", "s1", "T1"), meet("A", "C", "s6", "T1")]
    assert holes(problem, meetings) == 0


def test_holes_follow_slot_times_not_file_order() -> None:
    base = make_problem(slots=3, candidates=[("A", "B"), ("A", "C")])
    reversed_slots = replace(base, slots=tuple(reversed(base.slots)))
    meetings = [meet("A", "B", "s1", "T1"), meet("A", "C", "s3", "T1")]
    assert holes(reversed_slots, meetings) == 1


def test_zero_meeting_participants_counts_only_people_with_candidates() -> None:
    problem = make_problem(people=["Z"], candidates=[("A", "B"), ("C", "D")])
    assert zero_meeting_participants(problem, [meet("A", "B", "s1", "T1")]) == 2
    assert zero_meeting_participants(problem, []) == 4


def test_diff_changes_classifies_by_pair() -> None:
    previous = [
        meet("A", "B", "s1", "T1"),
        meet("C", "D", "s1", "T2"),
        meet("E", "F", "s2", "T1"),
        meet("G", "H", "s3", location="Booth"),
    ]
    meetings = [
        meet("B", "A", "s1", "T1"),  # same pair, same place: unchanged
        meet("C", "D", "s1", "T1"),  # other table: moved
        meet("G", "H", "s2", location="Booth"),  # other slot: moved
        meet("I", "J", "s3", "T2"),  # new
    ]
    changes = diff_changes(previous, meetings)
    assert changes.moved == ((previous[1], meetings[1]), (previous[3], meetings[2]))
    assert changes.cancelled == (previous[2],)
    assert changes.added == (meetings[3],)


def test_diff_changes_of_identical_sets_is_empty() -> None:
    meetings = [meet("A", "B", "s1", "T1")]
    changes = diff_changes(meetings, meetings)
    assert (changes.moved, changes.cancelled, changes.added) == ((), (), ())


def test_compute_stats_gathers_every_figure() -> None:
    previous = (meet("A", "B", "s1", "T1"), meet("A", "C", "s2", "T1"), meet("C", "D", "s3", "T2"))
    problem = make_problem(
        slots=4,
        people=["Z"],
        candidates=[("A", "B", 3), ("A", "C", 2), ("C", "D", 4), ("E", "F", 1)],
        previous=previous,
    )
    meetings = [meet("A", "B", "s1", "T1"), meet("A", "C", "s4", "T1")]
    assert compute_stats(problem, meetings, bound=10) == Stats(
        weight=5,
        bound=10,
        meetings=2,
        holes=2,
        zero_meeting_participants=3,
        moved_from_previous=2,
        below_minimum_participants=3,
    )
