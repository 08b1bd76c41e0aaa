"""Online participants: their meetings need no table and no location, in the file format,
the validator, the solver, the explanations and the hand-edit aids."""

from __future__ import annotations

import pytest

from solver import SolveOptions, solve, validate
from solver.edits import move_targets, swapped
from solver.explain import explain_unscheduled
from solver.fileformat import FormatError, problem_from_dict, problem_to_dict
from solver.schema import Problem, Schedule, UnscheduledReason
from tests.solver.conftest import make_problem, meet, person

QUICK = SolveOptions(time_limit_s=10, workers=1, seed=0)


def hybrid(tables: int = 0, **overrides: object) -> Problem:
    """O attends online; A and B on site; X has a booth; every pair is a candidate."""
    people = [person("A"), person("B"), person("O", online=True), person("X", location="Booth X")]
    ids = ["A", "B", "O", "X"]
    pairs = [(a, b, 1) for i, a in enumerate(ids) for b in ids[i + 1 :]]
    return make_problem(slots=3, tables=tables, people=people, candidates=pairs, **overrides)  # type: ignore[arg-type]


def rules(problem: Problem, *meetings: object) -> list[str]:
    schedule = Schedule(meetings=tuple(meetings))  # type: ignore[arg-type]
    return [v.rule for v in validate(problem, schedule)]


def test_an_online_meeting_names_no_table_and_no_location() -> None:
    problem = hybrid(tables=1)
    assert rules(problem, meet("A", "O", "s1")) == []
    assert rules(problem, meet("X", "O", "s1")) == []
    assert rules(problem, meet("A", "O", "s1", "T1")) == ["online-with-place"]
    assert rules(problem, meet("X", "O", "s1", location="Booth X")) == ["online-with-place"]
    assert rules(problem, meet("A", "B", "s1")) == ["missing-table"]


def test_the_solver_schedules_online_meetings_without_tables() -> None:
    # No shared table at all: A-B cannot meet, but everyone can meet O online and X at the booth.
    problem = hybrid(tables=0)
    schedule = solve(problem, QUICK)
    assert validate(problem, schedule) == []
    online = [m for m in schedule.meetings if "O" in (m.a, m.b)]
    assert {m.key for m in online} == {("A", "O"), ("B", "O"), ("O", "X")}
    assert all(m.table is None and m.location is None for m in online)
    assert [(u.a, u.b, u.reason) for u in schedule.unscheduled] == [
        ("A", "B", UnscheduledReason.NO_TABLE)
    ]


def test_online_meetings_do_not_take_the_only_table() -> None:
    # One table, one slot: A-B needs it, and O meets X online in the same slot.
    people = [person("A"), person("B"), person("O", online=True), person("X")]
    problem = make_problem(
        slots=1, tables=1, people=people, candidates=[("A", "B", 1), ("O", "X", 1)]
    )
    schedule = solve(problem, QUICK)
    assert validate(problem, schedule) == []
    assert sorted((m.key, m.table) for m in schedule.meetings) == [
        (("A", "B"), "T1"),
        (("O", "X"), None),
    ]


def test_the_explanation_does_not_blame_tables_for_an_online_pair() -> None:
    problem = hybrid(tables=0)
    reasons = {(u.a, u.b): u.reason for u in explain_unscheduled(problem, [])}
    assert reasons[("A", "B")] is UnscheduledReason.NO_TABLE
    assert reasons[("A", "O")] is UnscheduledReason.NOT_REACHED


def test_moves_and_swaps_keep_online_meetings_placeless() -> None:
    problem = hybrid(tables=1)
    online, at_table = meet("A", "O", "s1"), meet("B", "X", "s2", location="Booth X")
    assert [(m.slot, m.place) for m in move_targets(problem, [online], online)] == [
        ("s2", None),
        ("s3", None),
    ]
    table_meeting = meet("B", "X", "s2", location="Booth X")
    first, second = swapped(online, table_meeting)
    assert (first.slot, first.place) == ("s2", None)
    assert (second.slot, second.place) == ("s1", "Booth X")
    first, second = swapped(online, meet("A", "B", "s2", "T1"))
    assert (first.place, second.place) == (None, "T1")
    assert at_table.place == "Booth X"


def test_the_file_format_reads_and_writes_the_online_flag() -> None:
    problem = hybrid(tables=1, locked=[meet("A", "O", "s2")])
    data = problem_to_dict(problem)
    flags = {p["id"]: p.get("online") for p in data["participants"]}  # type: ignore[attr-defined,index]
    assert flags == {"A": None, "B": None, "O": True, "X": None}
    assert problem_from_dict(data) == problem
    data["participants"][2]["online"] = "yes"  # type: ignore[index]
    with pytest.raises(FormatError, match=r"participants\[2\]\.online: expected true or false"):
        problem_from_dict(data)


def test_a_locked_online_meeting_with_a_table_is_refused_when_read() -> None:
    data = problem_to_dict(hybrid(tables=1))
    data["locked"] = [{"a": "A", "b": "O", "slot": "s1", "table": "T1"}]
    refusal = r"locked\[0\]\.table: 'T1' given, but the meeting is online"
    with pytest.raises(FormatError, match=refusal):
        problem_from_dict(data)
