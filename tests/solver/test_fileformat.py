"""Problem and schedule files: exact round trips, and a precise error for every bad input."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from solver.fileformat import (
    FormatError,
    dump_problem,
    dump_schedule,
    dumps_problem,
    load_problem,
    load_schedule,
    loads_problem,
    loads_schedule,
    problem_from_dict,
    problem_to_dict,
    schedule_from_dict,
    schedule_to_dict,
)
from solver.schema import (
    PROBLEM_FORMAT,
    SCHEDULE_FORMAT,
    Changes,
    Schedule,
    SolverInfo,
    SolveStatus,
    Stats,
    StopReason,
    Unscheduled,
    UnscheduledReason,
)
from tests.solver.conftest import make_problem, meet, person


def valid_problem_dict() -> dict[str, Any]:
    """A small problem using every feature of the format."""
    return {
        "format": PROBLEM_FORMAT,
        "event": {"name": "EU-US Cluster B2B", "timezone": "Europe/Berlin"},
        "slots": [
            {"id": "d1-0900", "start": "2026-04-20T09:00:00", "end": "2026-04-20T09:30:00",
             "session": "d1-am"},
            {"id": "d1-0930", "start": "2026-04-20T09:30:00", "end": "2026-04-20T10:00:00",
             "session": "d1-am"},
        ],
        "tables": ["T1", "T2"],
        "participants": [
            {"id": "P1", "name": "Ana", "organisation": "Org 1", "country": "PT",
             "unavailable": ["d1-0930"], "max_meetings": 3},
            {"id": "P2", "name": "Ben", "organisation": "Org 2", "country": "US"},
            {"id": "P3", "name": "Cai", "organisation": "Org 3", "country": "US",
             "location": "Booth 7-A12"},
            {"id": "P4", "name": "Dee", "organisation": "Org 4", "country": "DE"},
        ],
        "candidates": [
            {"a": "P1", "b": "P2", "weight": 5},
            {"a": "P1", "b": "P3", "weight": 2},
            {"a": "P2", "b": "P4", "weight": 4},
            {"a": "P3", "b": "P4", "weight": 1},
        ],
        "locked": [{"a": "P1", "b": "P2", "slot": "d1-0900", "table": "T1"}],
        "previous": [
            {"a": "P3", "b": "P4", "slot": "d1-0930", "location": "Booth 7-A12"},
            {"a": "P2", "b": "P4", "slot": "d1-0930", "table": "T2"},
        ],
    }  # fmt: skip


def error_for(data: object) -> str:
    with pytest.raises(FormatError) as caught:
        problem_from_dict(data)
    return str(caught.value)


def test_problem_round_trip_is_exact() -> None:
    problem = problem_from_dict(valid_problem_dict())
    assert problem_from_dict(problem_to_dict(problem)) == problem
    assert loads_problem(dumps_problem(problem)) == problem


def test_problem_dict_round_trip_keeps_the_given_file() -> None:
    data = valid_problem_dict()
    assert problem_to_dict(problem_from_dict(data)) == data


def test_problem_fields_are_read() -> None:
    problem = problem_from_dict(valid_problem_dict())
    p1 = problem.participant_by_id["P1"]
    assert p1.unavailable == frozenset({"d1-0930"})
    assert p1.max_meetings == 3
    assert problem.participant_by_id["P3"].location == "Booth 7-A12"
    assert problem.participant_by_id["P2"].max_meetings is None
    assert problem.slots[0].start.hour == 9
    assert problem.locked == (meet("P1", "P2", "d1-0900", "T1"),)
    assert problem.previous[0] == meet("P3", "P4", "d1-0930", location="Booth 7-A12")


def test_optional_sections_may_be_absent_or_null() -> None:
    data = valid_problem_dict()
    del data["locked"]
    data["previous"] = None
    data["participants"][1]["max_meetings"] = None
    problem = problem_from_dict(data)
    assert problem.locked == () and problem.previous == ()


def test_files_round_trip(tmp_path: Path) -> None:
    problem = make_problem(
        slots=2, people=[person("X", unavailable=["s2"])], candidates=[("X", "Y", 3)]
    )
    dump_problem(problem, tmp_path / "p.json")
    assert load_problem(tmp_path / "p.json") == problem


def test_bench_file_round_trips(bench_dir: Path) -> None:
    problem = load_problem(bench_dir / "S-60.json")
    assert len(problem.participants) == 60 and len(problem.candidates) == 441
    assert problem_from_dict(problem_to_dict(problem)) == problem


Mutation = Callable[[dict[str, Any]], object]


def set_in(path: list[str | int], value: object) -> Mutation:
    def mutate(data: dict[str, Any]) -> None:
        target: Any = data
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value

    return mutate


def delete(path: list[str | int]) -> Mutation:
    def mutate(data: dict[str, Any]) -> None:
        target: Any = data
        for key in path[:-1]:
            target = target[key]
        del target[path[-1]]

    return mutate


def append(section: str, *items: object) -> Mutation:
    return lambda data: data[section].extend(items)


BAD_PROBLEMS: list[tuple[str, Mutation, str]] = [
    ("wrong format", set_in(["format"], "matchmaker-problem/2"),
     "format: expected 'matchmaker-problem/1', got 'matchmaker-problem/2'"),
    ("missing format", delete(["format"]), "format: required field is missing"),
    ("unknown top-level field", set_in(["tabels"], []), "tabels: unknown field"),
    ("missing slots", delete(["slots"]), "slots: required field is missing"),
    ("slots not a list", set_in(["slots"], {}), "slots: expected a list, got an object"),
    ("slot not an object", set_in(["slots", 0], "d1"), "slots[0]: expected an object, got 'd1'"),
    ("missing event name", delete(["event", "name"]), "event.name: required field is missing"),
    ("unknown time zone", set_in(["event", "timezone"], "Europe/Hanover"),
     "event.timezone: unknown time zone 'Europe/Hanover'"),
    ("malformed time zone", set_in(["event", "timezone"], "../etc/passwd"),
     "event.timezone: unknown time zone '../etc/passwd'"),
    ("time zone not a string", set_in(["event", "timezone"], 1),
     "event.timezone: expected a string, got 1"),
    ("bad date-time", set_in(["slots", 1, "start"], "2026-04-20 9h"),
     "slots[1].start: not a date-time like '2026-04-20T09:00:00', got '2026-04-20 9h'"),
    ("date-time with offset", set_in(["slots", 1, "end"], "2026-04-20T10:00:00+02:00"),
     "slots[1].end: expected a local time without UTC offset, got '2026-04-20T10:00:00+02:00'"),
    ("slot ends before it starts", set_in(["slots", 1, "end"], "2026-04-20T09:00:00"),
     "slots[1].end: '2026-04-20T09:00:00' is not after start '2026-04-20T09:30:00'"),
    ("slot ends when it starts", set_in(["slots", 1, "end"], "2026-04-20T09:30:00"),
     "slots[1].end: '2026-04-20T09:30:00' is not after start '2026-04-20T09:30:00'"),
    ("missing session", delete(["slots", 0, "session"]),
     "slots[0].session: required field is missing"),
    ("duplicate slot id", set_in(["slots", 1, "id"], "d1-0900"),
     "slots[1].id: duplicate slot id 'd1-0900'"),
    ("empty slot id", set_in(["slots", 1, "id"], " "),
     "slots[1].id: expected a non-empty id, got ' '"),
    ("duplicate table", set_in(["tables", 1], "T1"), "tables[1]: duplicate table id 'T1'"),
    ("table not a string", set_in(["tables", 1], 2), "tables[1]: expected a string, got 2"),
    ("duplicate participant", set_in(["participants", 3, "id"], "P2"),
     "participants[3].id: duplicate participant id 'P2'"),
    ("missing participant id", delete(["participants", 2, "id"]),
     "participants[2].id: required field is missing"),
    ("unknown participant field", set_in(["participants", 0, "max_meeting"], 3),
     "participants[0].max_meeting: unknown field"),
    ("negative max_meetings", set_in(["participants", 0, "max_meetings"], -1),
     "participants[0].max_meetings: expected an integer >= 0, got -1"),
    ("fractional max_meetings", set_in(["participants", 0, "max_meetings"], 2.5),
     "participants[0].max_meetings: expected an integer, got 2.5"),
    ("boolean max_meetings", set_in(["participants", 0, "max_meetings"], True),
     "participants[0].max_meetings: expected an integer, got true"),
    ("unknown unavailable slot", set_in(["participants", 0, "unavailable"], ["d9"]),
     "participants[0].unavailable[0]: unknown slot 'd9'"),
    ("unavailable not a list", set_in(["participants", 0, "unavailable"], "d1-0900"),
     "participants[0].unavailable: expected a list, got 'd1-0900'"),
    ("name not a string", set_in(["participants", 1, "name"], ["Ben"]),
     "participants[1].name: expected a string, got a list"),
    ("unknown candidate participant", set_in(["candidates", 2, "b"], "P999"),
     "candidates[2].b: unknown participant 'P999'"),
    ("self-pair", set_in(["candidates", 2, "b"], "P2"),
     "candidates[2].b: a participant cannot meet itself ('P2')"),
    ("duplicate candidate pair", append("candidates", {"a": "P2", "b": "P1", "weight": 1}),
     "candidates[4]: duplicate candidate pair 'P2'-'P1' (already candidates[0])"),
    ("zero weight", set_in(["candidates", 1, "weight"], 0),
     "candidates[1].weight: expected a positive integer, got 0"),
    ("negative weight", set_in(["candidates", 1, "weight"], -2),
     "candidates[1].weight: expected a positive integer, got -2"),
    ("fractional weight", set_in(["candidates", 1, "weight"], 1.5),
     "candidates[1].weight: expected an integer, got 1.5"),
    ("weight as text", set_in(["candidates", 1, "weight"], "5"),
     "candidates[1].weight: expected an integer, got '5'"),
    ("missing weight", delete(["candidates", 1, "weight"]),
     "candidates[1].weight: required field is missing"),
    ("locked unknown participant", set_in(["locked", 0, "a"], "P0"),
     "locked[0].a: unknown participant 'P0'"),
    ("locked unknown slot", set_in(["locked", 0, "slot"], "d3-0900"),
     "locked[0].slot: unknown slot 'd3-0900'"),
    ("locked unknown table", set_in(["locked", 0, "table"], "T9"),
     "locked[0].table: unknown table 'T9'"),
    ("locked not a candidate", set_in(["locked", 0, "b"], "P4"),
     "locked[0].b: 'P1'-'P4' is not a candidate pair"),
    ("locked while unavailable", set_in(["locked", 0, "slot"], "d1-0930"),
     "locked[0].slot: 'P1' is unavailable in slot 'd1-0930'"),
    ("locked without table", delete(["locked", 0, "table"]),
     "locked[0].table: required field is missing (neither participant has a location)"),
    ("locked at a location nobody has", set_in(["locked", 0, "location"], "Booth 1"),
     "locked[0].location: 'Booth 1' given, but neither participant has a location"),
    ("locked exhibitor meeting with a table",
     append("locked", {"a": "P4", "b": "P3", "slot": "d1-0930", "table": "T2"}),
     "locked[1].table: 'T2' given, but the meeting is at the location 'Booth 7-A12' "
     "and uses no table"),
    ("locked exhibitor meeting elsewhere",
     append("locked", {"a": "P4", "b": "P3", "slot": "d1-0930", "location": "Hall 2"}),
     "locked[1].location: expected 'Booth 7-A12', got 'Hall 2'"),
    ("locked exhibitor meeting without location",
     append("locked", {"a": "P4", "b": "P3", "slot": "d1-0930"}),
     "locked[1].location: expected 'Booth 7-A12', got null"),
    ("locked person twice in a slot",
     append("locked", {"a": "P2", "b": "P4", "slot": "d1-0900", "table": "T2"}),
     "locked[1]: 'P2' already has locked[0] in slot 'd1-0900'"),
    ("locked pair twice",
     append("locked", {"a": "P2", "b": "P4", "slot": "d1-0930", "table": "T1"},
            {"a": "P4", "b": "P2", "slot": "d1-0900", "table": "T2"}),
     "locked[2]: pair already locked at locked[1]"),
    ("locked meeting self-pair", set_in(["locked", 0, "b"], "P1"),
     "locked[0].b: a participant cannot meet itself ('P1')"),
    ("previous unknown participant", set_in(["previous", 1, "a"], "P77"),
     "previous[1].a: unknown participant 'P77'"),
    ("previous unknown slot", set_in(["previous", 1, "slot"], "x"),
     "previous[1].slot: unknown slot 'x'"),
    ("previous unknown table", set_in(["previous", 1, "table"], "T3"),
     "previous[1].table: unknown table 'T3'"),
    ("previous meeting field typo", set_in(["previous", 1, "tabel"], "T1"),
     "previous[1].tabel: unknown field"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("mutate", "message"),
    [pytest.param(m, msg, id=name) for name, m, msg in BAD_PROBLEMS],
)
def test_bad_problem_names_field_and_value(mutate: Mutation, message: str) -> None:
    data = valid_problem_dict()
    mutate(data)
    assert error_for(data) == message


def test_locked_table_clash_in_one_slot() -> None:
    data = valid_problem_dict()
    data["locked"].append({"a": "P4", "b": "P3", "slot": "d1-0900", "location": "Booth 7-A12"})
    data["candidates"].append({"a": "P3", "b": "P2", "weight": 1})
    assert problem_from_dict(copy.deepcopy(data)).locked[1].location == "Booth 7-A12"
    data["participants"].append({"id": "P5"})
    data["participants"].append({"id": "P6"})
    data["candidates"].append({"a": "P5", "b": "P6", "weight": 1})
    data["locked"].append({"a": "P5", "b": "P6", "slot": "d1-0900", "table": "T1"})
    assert error_for(data) == (
        "locked[2].table: table 'T1' already used by locked[0] in slot 'd1-0900'"
    )


def test_locked_meetings_may_go_beyond_a_cap() -> None:
    """Locking is the organiser's override: a cap does not make the file invalid."""
    data = valid_problem_dict()
    data["participants"][1]["max_meetings"] = 1
    data["locked"].append({"a": "P2", "b": "P4", "slot": "d1-0930", "table": "T1"})
    assert len(problem_from_dict(data).locked) == 2


def test_limits_and_minimum_are_read_and_written() -> None:
    data = valid_problem_dict()
    data["min_meetings"] = 3
    data["max_meetings_per_day"] = 6
    data["max_consecutive_meetings"] = 4
    data["participants"][0]["min_meetings"] = 0
    data["participants"][1]["max_meetings_per_day"] = 2
    problem = problem_from_dict(data)
    assert (problem.min_meetings, problem.max_meetings_per_day) == (3, 6)
    assert problem.max_consecutive_meetings == 4
    assert problem.participant_by_id["P1"].min_meetings == 0
    assert problem.participant_by_id["P2"].max_meetings_per_day == 2
    assert problem_to_dict(problem) == data


def test_files_without_limits_read_as_before() -> None:
    problem = problem_from_dict(valid_problem_dict())
    assert problem.min_meetings == 1
    assert problem.max_meetings_per_day is None and problem.max_consecutive_meetings is None
    assert all(p.min_meetings is None and p.max_meetings_per_day is None
               for p in problem.participants)  # fmt: skip
    assert "min_meetings" not in problem_to_dict(problem)


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (set_in(["min_meetings"], -1), "min_meetings: expected an integer >= 0, got -1"),
        (set_in(["min_meetings"], "3"), "min_meetings: expected an integer, got '3'"),
        (set_in(["max_meetings_per_day"], 1.5),
         "max_meetings_per_day: expected an integer, got 1.5"),
        (set_in(["max_consecutive_meetings"], 0),
         "max_consecutive_meetings: expected a positive integer, got 0"),
        (set_in(["participants", 1, "min_meetings"], True),
         "participants[1].min_meetings: expected an integer, got true"),
        (set_in(["participants", 0, "max_meetings_per_day"], -2),
         "participants[0].max_meetings_per_day: expected an integer >= 0, got -2"),
        (set_in(["participants", 0, "max_consecutive_meetings"], 2),
         "participants[0].max_consecutive_meetings: unknown field"),
    ],
)  # fmt: skip
def test_bad_limits_are_named(mutate: Mutation, message: str) -> None:
    data = valid_problem_dict()
    mutate(data)
    assert error_for(data) == message


def test_locked_meeting_between_two_exhibitors_may_use_either_location() -> None:
    data = valid_problem_dict()
    data["participants"][3]["location"] = "Booth 9"
    for location in ("Booth 7-A12", "Booth 9"):
        data["locked"] = [{"a": "P3", "b": "P4", "slot": "d1-0900", "location": location}]
        assert problem_from_dict(data).locked[0].location == location
    data["locked"] = [{"a": "P3", "b": "P4", "slot": "d1-0900", "location": "Hall"}]
    assert error_for(data) == "locked[0].location: expected 'Booth 7-A12' or 'Booth 9', got 'Hall'"


def test_top_level_must_be_an_object() -> None:
    assert error_for([1, 2]) == "expected an object, got a list"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            '{"format": "x",\n  "slots": [1, }',
            "malformed JSON at line 2, column 16: Expecting value",
        ),
        ("", "malformed JSON at line 1, column 1"),
        ('{"a": 1} x', "malformed JSON at line 1, column 10"),
    ],
)
def test_malformed_json_reports_line_and_column(text: str, message: str) -> None:
    with pytest.raises(FormatError) as caught:
        loads_problem(text)
    assert str(caught.value).startswith(message)
    with pytest.raises(FormatError):
        loads_schedule(text)


def test_non_utf8_file(tmp_path: Path) -> None:
    path = tmp_path / "p.json"
    path.write_bytes(b'{"format": "\xff"}')
    with pytest.raises(FormatError, match="not UTF-8"):
        load_problem(path)


def test_format_error_is_a_value_error_with_path() -> None:
    data = valid_problem_dict()
    data["candidates"][0]["a"] = "nobody"
    with pytest.raises(ValueError) as caught:
        problem_from_dict(data)
    assert isinstance(caught.value, FormatError)
    assert caught.value.path == "candidates[0].a"
    assert caught.value.reason == "unknown participant 'nobody'"


# ---------------------------------------------------------------------------- schedules


def full_schedule() -> Schedule:
    first = meet("P1", "P2", "s1", "T1")
    moved_to = meet("P3", "P4", "s2", location="Booth")
    return Schedule(
        meetings=(first, moved_to),
        unscheduled=(
            Unscheduled("P1", "P3", UnscheduledReason.CAP_REACHED, "P1 is at its cap of 1"),
            Unscheduled("P2", "P5", UnscheduledReason.NO_COMMON_SLOT),
        ),
        stats=Stats(weight=9, bound=12, meetings=2, holes=1, zero_meeting_participants=1,
                    moved_from_previous=2, below_minimum_participants=3),
        solver=SolverInfo(SolveStatus.FEASIBLE, wall_s=1.25, message="time limit",
                          conflicts=("locked[0]", "locked[1]"), stop=StopReason.TIME_LIMIT),
        changes=Changes(
            moved=((meet("P3", "P4", "s1", location="Booth"), moved_to),),
            cancelled=(meet("P5", "P6", "s1", "T2"),),
            added=(first,),
        ),
    )  # fmt: skip


def test_schedule_round_trip_is_exact(tmp_path: Path) -> None:
    schedule = full_schedule()
    assert schedule_from_dict(schedule_to_dict(schedule)) == schedule
    dump_schedule(schedule, tmp_path / "s.json")
    assert load_schedule(tmp_path / "s.json") == schedule


def test_schedule_file_carries_changes_and_design_fields() -> None:
    data = schedule_to_dict(full_schedule())
    assert data["format"] == SCHEDULE_FORMAT
    assert data["meetings"] == [
        {"a": "P1", "b": "P2", "slot": "s1", "table": "T1"},
        {"a": "P3", "b": "P4", "slot": "s2", "location": "Booth"},
    ]
    assert data["unscheduled"][1] == {"a": "P2", "b": "P5", "reason": "no-common-slot"}
    assert data["solver"]["status"] == "feasible"
    assert data["changes"]["moved"][0]["to"]["slot"] == "s2"
    assert json.loads(json.dumps(data)) == data


def test_schedule_without_optional_sections_is_read() -> None:
    schedule = schedule_from_dict(
        {
            "format": SCHEDULE_FORMAT,
            "meetings": [{"a": "P1", "b": "P2", "slot": "s1", "table": "T1"}],
        }
    )
    assert schedule.meetings == (meet("P1", "P2", "s1", "T1"),)
    assert schedule.changes == Changes()
    assert schedule.stats == Stats()
    assert schedule.solver.status == SolveStatus.UNKNOWN


def test_schedule_meetings_are_not_checked_against_a_problem() -> None:
    data = {"format": SCHEDULE_FORMAT, "meetings": [{"a": "X", "b": "X", "slot": "nowhere"}]}
    assert schedule_from_dict(data).meetings == (meet("X", "X", "nowhere"),)


def schedule_error(data: object) -> str:
    with pytest.raises(FormatError) as caught:
        schedule_from_dict(data)
    return str(caught.value)


BAD_SCHEDULES: list[tuple[str, Mutation, str]] = [
    ("wrong format", set_in(["format"], PROBLEM_FORMAT),
     "format: expected 'matchmaker-schedule/1', got 'matchmaker-problem/1'"),
    ("missing meetings", delete(["meetings"]), "meetings: required field is missing"),
    ("meeting without slot", delete(["meetings", 0, "slot"]),
     "meetings[0].slot: required field is missing"),
    ("meeting table not text", set_in(["meetings", 1, "table"], 3),
     "meetings[1].table: expected a string, got 3"),
    ("bad reason", set_in(["unscheduled", 0, "reason"], "bad-luck"),
     "unscheduled[0].reason: expected one of 'no-common-slot', 'cap-reached', "
     "'day-cap-reached', 'consecutive-limit', 'no-table', 'outweighed', 'not-reached', "
     "got 'bad-luck'"),
    ("bad stop", set_in(["solver", "stop"], "bored"),
     "solver.stop: expected one of 'proven', 'stalled', 'time-limit', 'cancelled', got 'bored'"),
    ("bad status", set_in(["solver", "status"], "great"),
     "solver.status: expected one of 'optimal', 'feasible', 'infeasible', 'unknown', got 'great'"),
    ("bad wall time", set_in(["solver", "wall_s"], "1s"),
     "solver.wall_s: expected a number, got '1s'"),
    ("negative stat", set_in(["stats", "holes"], -1),
     "stats.holes: expected an integer >= 0, got -1"),
    ("unknown stat", set_in(["stats", "gaps"], 1), "stats.gaps: unknown field"),
    ("moved without target", delete(["changes", "moved", 0, "to"]),
     "changes.moved[0].to: required field is missing"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("mutate", "message"),
    [pytest.param(m, msg, id=name) for name, m, msg in BAD_SCHEDULES],
)
def test_bad_schedule_names_field_and_value(mutate: Mutation, message: str) -> None:
    data = schedule_to_dict(full_schedule())
    mutate(data)
    assert schedule_error(data) == message
