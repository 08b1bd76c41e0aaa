"""Reading and writing the `matchmaker-problem/1` and `matchmaker-schedule/1` JSON formats.

Public functions:
    problem_from_dict, problem_to_dict, loads_problem, load_problem, dumps_problem, dump_problem
    schedule_from_dict, schedule_to_dict, loads_schedule, load_schedule, dumps_schedule,
    dump_schedule

Every bad input raises `FormatError`, whose message names the JSON path of the field and the
bad value, e.g. ``candidates[12].b: unknown participant 'P999'``. A problem is checked fully
(ids, references, locked meetings); a schedule only structurally, since judging its meetings
is the validator's job (`solver.validation`).
"""

from __future__ import annotations

import json
import math
import os
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from solver.schema import (
    PROBLEM_FORMAT,
    SCHEDULE_FORMAT,
    Candidate,
    Changes,
    Event,
    Meeting,
    Participant,
    Problem,
    Schedule,
    Slot,
    SolverInfo,
    SolveStatus,
    Stats,
    StopReason,
    Unscheduled,
    UnscheduledReason,
)

PathLike = str | os.PathLike[str]


class FormatError(ValueError):
    """A problem or schedule file that cannot be read; `path` is the JSON path at fault."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}" if path else reason)
        self.path = path
        self.reason = reason


def show(value: object) -> str:
    """A short rendering of a JSON value for an error message."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "a list"
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


class Node:
    """A JSON value together with its path, with typed accessors that raise `FormatError`."""

    def __init__(self, value: object, path: str) -> None:
        self.value = value
        self.path = path

    def fail(self, reason: str) -> FormatError:
        return FormatError(self.path, reason)

    def child_path(self, key: str | int) -> str:
        if isinstance(key, int):
            return f"{self.path}[{key}]"
        return f"{self.path}.{key}" if self.path else key

    def obj(self, allowed: frozenset[str]) -> dict[str, Any]:
        """The value as an object whose keys are all in `allowed`."""
        if not isinstance(self.value, dict):
            raise self.fail(f"expected an object, got {show(self.value)}")
        for key in self.value:
            if key not in allowed:
                raise FormatError(self.child_path(key), "unknown field")
        return self.value

    def field(self, allowed: frozenset[str], key: str) -> Node:
        """A required field of this object."""
        mapping = self.obj(allowed)
        if key not in mapping:
            raise FormatError(self.child_path(key), "required field is missing")
        return Node(mapping[key], self.child_path(key))

    def optional(self, allowed: frozenset[str], key: str) -> Node | None:
        """An optional field of this object; None when absent or null."""
        mapping = self.obj(allowed)
        if mapping.get(key) is None:
            return None
        return Node(mapping[key], self.child_path(key))

    def items(self) -> Iterator[Node]:
        if not isinstance(self.value, list):
            raise self.fail(f"expected a list, got {show(self.value)}")
        for index, item in enumerate(self.value):
            yield Node(item, self.child_path(index))

    def text(self) -> str:
        if not isinstance(self.value, str):
            raise self.fail(f"expected a string, got {show(self.value)}")
        return self.value

    def ident(self) -> str:
        """A non-empty string used as an id or a reference to one."""
        value = self.text()
        if not value.strip():
            raise self.fail(f"expected a non-empty id, got {show(value)}")
        return value

    def boolean(self) -> bool:
        if not isinstance(self.value, bool):
            raise self.fail(f"expected true or false, got {show(self.value)}")
        return self.value

    def integer(self, minimum: int) -> int:
        if not isinstance(self.value, int) or isinstance(self.value, bool):
            raise self.fail(f"expected an integer, got {show(self.value)}")
        if self.value < minimum:
            wanted = "a positive integer" if minimum == 1 else f"an integer >= {minimum}"
            raise self.fail(f"expected {wanted}, got {self.value}")
        return self.value

    def number(self) -> float:
        value = self.value
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise self.fail(f"expected a number, got {show(value)}")
        if not math.isfinite(value):
            raise self.fail(f"expected a finite number, got {show(value)}")
        return float(value)

    def local_time(self) -> datetime:
        """An ISO 8601 date-time without a UTC offset (local to the event's time zone)."""
        value = self.text()
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            raise self.fail(
                f"not a date-time like '2026-04-20T09:00:00', got {show(value)}"
            ) from None
        if moment.tzinfo is not None:
            raise self.fail(f"expected a local time without UTC offset, got {show(value)}")
        return moment


def parse_json(text: str) -> object:
    """Parse JSON text, turning syntax errors into a `FormatError` with line and column."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise FormatError(
            "", f"malformed JSON at line {error.lineno}, column {error.colno}: {error.msg}"
        ) from None


def read_text(path: PathLike) -> str:
    """A file's text as UTF-8; undecodable bytes become a `FormatError`."""
    try:
        return Path(path).read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise FormatError("", f"not UTF-8 text (byte {error.start})") from None


def check_format(root: Node, allowed: frozenset[str], expected: str) -> None:
    value = root.field(allowed, "format").value
    if value != expected:
        raise FormatError("format", f"expected {expected!r}, got {show(value)}")


# ---------------------------------------------------------------------------- problem

PROBLEM_KEYS = frozenset(
    {
        "format", "event", "slots", "tables", "participants", "candidates", "locked", "previous",
        "min_meetings", "max_meetings_per_day", "max_consecutive_meetings",
    }
)  # fmt: skip
EVENT_KEYS = frozenset({"name", "timezone"})
SLOT_KEYS = frozenset({"id", "start", "end", "session"})
PARTICIPANT_KEYS = frozenset(
    {
        "id", "name", "organisation", "country", "unavailable", "max_meetings", "location",
        "min_meetings", "max_meetings_per_day", "online",
    }
)  # fmt: skip
CANDIDATE_KEYS = frozenset({"a", "b", "weight"})
MEETING_KEYS = frozenset({"a", "b", "slot", "table", "location"})


def read_event(node: Node) -> Event:
    name = node.field(EVENT_KEYS, "name").text()
    zone_node = node.field(EVENT_KEYS, "timezone")
    zone = zone_node.text()
    try:
        ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError):
        raise zone_node.fail(f"unknown time zone {show(zone)}") from None
    return Event(name=name, timezone=zone)


def read_slot(node: Node) -> Slot:
    start = node.field(SLOT_KEYS, "start").local_time()
    end_node = node.field(SLOT_KEYS, "end")
    end = end_node.local_time()
    if end <= start:
        raise end_node.fail(f"{show(end_node.value)} is not after start {start.isoformat()!r}")
    return Slot(
        id=node.field(SLOT_KEYS, "id").ident(),
        start=start,
        end=end,
        session=node.field(SLOT_KEYS, "session").ident(),
    )


def optional_text(node: Node, allowed: frozenset[str], key: str) -> str:
    child = node.optional(allowed, key)
    return child.text() if child else ""


def optional_integer(node: Node, allowed: frozenset[str], key: str, minimum: int) -> int | None:
    child = node.optional(allowed, key)
    return child.integer(minimum) if child else None


def read_participant(node: Node, slot_ids: set[str]) -> Participant:
    unavailable: set[str] = set()
    unavailable_node = node.optional(PARTICIPANT_KEYS, "unavailable")
    for item in unavailable_node.items() if unavailable_node else ():
        slot_id = item.ident()
        if slot_id not in slot_ids:
            raise item.fail(f"unknown slot {show(slot_id)}")
        unavailable.add(slot_id)
    location_node = node.optional(PARTICIPANT_KEYS, "location")
    online_node = node.optional(PARTICIPANT_KEYS, "online")
    return Participant(
        id=node.field(PARTICIPANT_KEYS, "id").ident(),
        name=optional_text(node, PARTICIPANT_KEYS, "name"),
        organisation=optional_text(node, PARTICIPANT_KEYS, "organisation"),
        country=optional_text(node, PARTICIPANT_KEYS, "country"),
        unavailable=frozenset(unavailable),
        max_meetings=optional_integer(node, PARTICIPANT_KEYS, "max_meetings", 0),
        location=location_node.ident() if location_node else None,
        min_meetings=optional_integer(node, PARTICIPANT_KEYS, "min_meetings", 0),
        max_meetings_per_day=optional_integer(node, PARTICIPANT_KEYS, "max_meetings_per_day", 0),
        online=online_node.boolean() if online_node else False,
    )


def unique_ids(nodes: list[Node], ids: list[str], kind: str) -> None:
    """Raise on the second occurrence of an id among `nodes` (id field at `.id` or itself)."""
    seen: set[str] = set()
    for node, ident in zip(nodes, ids, strict=True):
        if ident in seen:
            path = node.child_path("id") if isinstance(node.value, dict) else node.path
            raise FormatError(path, f"duplicate {kind} id {show(ident)}")
        seen.add(ident)


def read_reference(
    node: Node, allowed: frozenset[str], key: str, known: set[str], kind: str
) -> str:
    child = node.field(allowed, key)
    ident = child.ident()
    if ident not in known:
        raise child.fail(f"unknown {kind} {show(ident)}")
    return ident


class ProblemIds:
    """The id sets a problem's references are checked against."""

    def __init__(self, slots: list[Slot], tables: list[str], people: list[Participant]) -> None:
        self.slots = {s.id for s in slots}
        self.tables = set(tables)
        self.participants = {p.id for p in people}


def read_meeting_refs(node: Node, problem_ids: ProblemIds) -> Meeting:
    """A meeting whose participants, slot and table (if any) exist in the problem."""
    a = read_reference(node, MEETING_KEYS, "a", problem_ids.participants, "participant")
    b = read_reference(node, MEETING_KEYS, "b", problem_ids.participants, "participant")
    if a == b:
        raise node.field(MEETING_KEYS, "b").fail(f"a participant cannot meet itself ({show(a)})")
    slot = read_reference(node, MEETING_KEYS, "slot", problem_ids.slots, "slot")
    table_node = node.optional(MEETING_KEYS, "table")
    table = None
    if table_node:
        table = table_node.ident()
        if table not in problem_ids.tables:
            raise table_node.fail(f"unknown table {show(table)}")
    location_node = node.optional(MEETING_KEYS, "location")
    location = location_node.ident() if location_node else None
    return Meeting(a=a, b=b, slot=slot, table=table, location=location)


def read_candidates(root: Node, ids: ProblemIds) -> list[Candidate]:
    candidates: list[Candidate] = []
    first_index: dict[tuple[str, str], int] = {}
    for index, node in enumerate(root.field(PROBLEM_KEYS, "candidates").items()):
        a = read_reference(node, CANDIDATE_KEYS, "a", ids.participants, "participant")
        b = read_reference(node, CANDIDATE_KEYS, "b", ids.participants, "participant")
        if a == b:
            raise node.field(CANDIDATE_KEYS, "b").fail(
                f"a participant cannot meet itself ({show(a)})"
            )
        candidate = Candidate(a=a, b=b, weight=node.field(CANDIDATE_KEYS, "weight").integer(1))
        if candidate.key in first_index:
            raise node.fail(
                f"duplicate candidate pair {show(a)}-{show(b)} "
                f"(already candidates[{first_index[candidate.key]}])"
            )
        first_index[candidate.key] = index
        candidates.append(candidate)
    return candidates


def locked_meeting_problem(
    meeting: Meeting,
    people: dict[str, Participant],
    candidate_keys: set[tuple[str, str]],
) -> tuple[str, str] | None:
    """Why a single locked meeting is impossible on its own: (field, reason), or None."""
    if meeting.key not in candidate_keys:
        return "b", f"{show(meeting.a)}-{show(meeting.b)} is not a candidate pair"
    for pid in (meeting.a, meeting.b):
        if meeting.slot in people[pid].unavailable:
            return "slot", f"{show(pid)} is unavailable in slot {show(meeting.slot)}"
    if people[meeting.a].online or people[meeting.b].online:
        if meeting.table is not None:
            return "table", f"{show(meeting.table)} given, but the meeting is online"
        if meeting.location is not None:
            return "location", f"{show(meeting.location)} given, but the meeting is online"
        return None
    locations = [
        people[pid].location for pid in (meeting.a, meeting.b) if people[pid].location is not None
    ]
    if locations:
        if meeting.table is not None:
            return "table", (
                f"{show(meeting.table)} given, but the meeting is at the location "
                f"{show(locations[0])} and uses no table"
            )
        if meeting.location not in locations:
            expected = " or ".join(show(loc) for loc in locations)
            return "location", f"expected {expected}, got {show(meeting.location)}"
        return None
    if meeting.location is not None:
        return "location", (
            f"{show(meeting.location)} given, but neither participant has a location"
        )
    if meeting.table is None:
        return "table", "required field is missing (neither participant has a location)"
    return None


def read_locked(
    root: Node, ids: ProblemIds, people: list[Participant], candidates: list[Candidate]
) -> list[Meeting]:
    """Locked meetings, each valid on its own and not clashing with an earlier one.

    Locked meetings may go beyond a participant's limits: they are organiser overrides
    (see `solver.limits`).
    """
    locked_node = root.optional(PROBLEM_KEYS, "locked")
    if locked_node is None:
        return []
    by_id = {p.id: p for p in people}
    candidate_keys = {c.key for c in candidates}
    meetings: list[Meeting] = []
    people_busy: dict[tuple[str, str], int] = {}
    tables_busy: dict[tuple[str, str], int] = {}
    pairs: dict[tuple[str, str], int] = {}
    for index, node in enumerate(locked_node.items()):
        meeting = read_meeting_refs(node, ids)
        invalid = locked_meeting_problem(meeting, by_id, candidate_keys)
        if invalid:
            field, reason = invalid
            raise FormatError(node.child_path(field), reason)
        if meeting.key in pairs:
            raise node.fail(f"pair already locked at locked[{pairs[meeting.key]}]")
        pairs[meeting.key] = index
        for pid in (meeting.a, meeting.b):
            other = people_busy.get((pid, meeting.slot))
            if other is not None:
                raise node.fail(
                    f"{show(pid)} already has locked[{other}] in slot {show(meeting.slot)}"
                )
            people_busy[pid, meeting.slot] = index
        if meeting.table is not None:
            other = tables_busy.get((meeting.table, meeting.slot))
            if other is not None:
                raise FormatError(
                    node.child_path("table"),
                    f"table {show(meeting.table)} already used by locked[{other}] "
                    f"in slot {show(meeting.slot)}",
                )
            tables_busy[meeting.table, meeting.slot] = index
        meetings.append(meeting)
    return meetings


def problem_from_dict(data: object) -> Problem:
    """Build a `Problem` from parsed `matchmaker-problem/1` JSON, checking every rule."""
    root = Node(data, "")
    check_format(root, PROBLEM_KEYS, PROBLEM_FORMAT)
    event = read_event(root.field(PROBLEM_KEYS, "event"))
    slot_nodes = list(root.field(PROBLEM_KEYS, "slots").items())
    slots = [read_slot(node) for node in slot_nodes]
    unique_ids(slot_nodes, [s.id for s in slots], "slot")
    table_nodes = list(root.field(PROBLEM_KEYS, "tables").items())
    tables = [node.ident() for node in table_nodes]
    unique_ids(table_nodes, tables, "table")
    slot_ids = {s.id for s in slots}
    people_nodes = list(root.field(PROBLEM_KEYS, "participants").items())
    people = [read_participant(node, slot_ids) for node in people_nodes]
    unique_ids(people_nodes, [p.id for p in people], "participant")
    ids = ProblemIds(slots, tables, people)
    candidates = read_candidates(root, ids)
    locked = read_locked(root, ids, people, candidates)
    previous_node = root.optional(PROBLEM_KEYS, "previous")
    previous = [read_meeting_refs(n, ids) for n in previous_node.items()] if previous_node else []
    minimum = optional_integer(root, PROBLEM_KEYS, "min_meetings", 0)
    return Problem(
        event=event,
        slots=tuple(slots),
        tables=tuple(tables),
        participants=tuple(people),
        candidates=tuple(candidates),
        locked=tuple(locked),
        previous=tuple(previous),
        min_meetings=minimum if minimum is not None else 1,
        max_meetings_per_day=optional_integer(root, PROBLEM_KEYS, "max_meetings_per_day", 0),
        max_consecutive_meetings=optional_integer(
            root, PROBLEM_KEYS, "max_consecutive_meetings", 1
        ),
    )


def meeting_to_dict(meeting: Meeting) -> dict[str, str]:
    data = {"a": meeting.a, "b": meeting.b, "slot": meeting.slot}
    if meeting.table is not None:
        data["table"] = meeting.table
    if meeting.location is not None:
        data["location"] = meeting.location
    return data


def participant_to_dict(person: Participant, slot_order: dict[str, int]) -> dict[str, object]:
    data: dict[str, object] = {
        "id": person.id,
        "name": person.name,
        "organisation": person.organisation,
        "country": person.country,
    }
    if person.unavailable:
        data["unavailable"] = sorted(person.unavailable, key=lambda s: (slot_order.get(s, 0), s))
    if person.max_meetings is not None:
        data["max_meetings"] = person.max_meetings
    if person.location is not None:
        data["location"] = person.location
    if person.min_meetings is not None:
        data["min_meetings"] = person.min_meetings
    if person.max_meetings_per_day is not None:
        data["max_meetings_per_day"] = person.max_meetings_per_day
    if person.online:
        data["online"] = True
    return data


def problem_to_dict(problem: Problem) -> dict[str, object]:
    """The `matchmaker-problem/1` JSON object of a problem."""
    slot_order = {s.id: i for i, s in enumerate(problem.slots)}
    data: dict[str, object] = {
        "format": PROBLEM_FORMAT,
        "event": {"name": problem.event.name, "timezone": problem.event.timezone},
        "slots": [
            {
                "id": s.id,
                "start": s.start.isoformat(),
                "end": s.end.isoformat(),
                "session": s.session,
            }
            for s in problem.slots
        ],
        "tables": list(problem.tables),
        "participants": [participant_to_dict(p, slot_order) for p in problem.participants],
        "candidates": [{"a": c.a, "b": c.b, "weight": c.weight} for c in problem.candidates],
    }
    if problem.min_meetings != 1:
        data["min_meetings"] = problem.min_meetings
    if problem.max_meetings_per_day is not None:
        data["max_meetings_per_day"] = problem.max_meetings_per_day
    if problem.max_consecutive_meetings is not None:
        data["max_consecutive_meetings"] = problem.max_consecutive_meetings
    if problem.locked:
        data["locked"] = [meeting_to_dict(m) for m in problem.locked]
    if problem.previous:
        data["previous"] = [meeting_to_dict(m) for m in problem.previous]
    return data


def loads_problem(text: str) -> Problem:
    """Parse and check a problem from JSON text."""
    return problem_from_dict(parse_json(text))


def load_problem(path: PathLike) -> Problem:
    """Read and check a problem file (OSError if it cannot be opened)."""
    return loads_problem(read_text(path))


def dumps_problem(problem: Problem) -> str:
    """A problem as indented JSON text."""
    return json.dumps(problem_to_dict(problem), indent=1, ensure_ascii=False) + "\n"


def dump_problem(problem: Problem, path: PathLike) -> None:
    """Write a problem file."""
    Path(path).write_text(dumps_problem(problem), encoding="utf-8")


# ---------------------------------------------------------------------------- schedule

SCHEDULE_KEYS = frozenset({"format", "meetings", "unscheduled", "stats", "solver", "changes"})
UNSCHEDULED_KEYS = frozenset({"a", "b", "reason", "detail"})
STATS_KEYS = frozenset(
    {
        "weight", "bound", "meetings", "holes", "zero_meeting_participants",
        "moved_from_previous", "below_minimum_participants",
    }
)  # fmt: skip
SOLVER_KEYS = frozenset({"status", "wall_s", "message", "conflicts", "stop"})
CHANGES_KEYS = frozenset({"moved", "cancelled", "added"})
MOVE_KEYS = frozenset({"from", "to"})


def read_meeting(node: Node) -> Meeting:
    """A meeting read structurally (its references are the validator's business)."""
    table = node.optional(MEETING_KEYS, "table")
    location = node.optional(MEETING_KEYS, "location")
    return Meeting(
        a=node.field(MEETING_KEYS, "a").ident(),
        b=node.field(MEETING_KEYS, "b").ident(),
        slot=node.field(MEETING_KEYS, "slot").ident(),
        table=table.ident() if table else None,
        location=location.ident() if location else None,
    )


EnumT = TypeVar("EnumT", SolveStatus, UnscheduledReason, StopReason)


def read_enum(node: Node, kind: type[EnumT]) -> EnumT:
    value = node.text()
    try:
        return kind(value)
    except ValueError:
        allowed = ", ".join(repr(member.value) for member in kind)
        raise node.fail(f"expected one of {allowed}, got {show(value)}") from None


def read_unscheduled(node: Node) -> Unscheduled:
    detail = node.optional(UNSCHEDULED_KEYS, "detail")
    return Unscheduled(
        a=node.field(UNSCHEDULED_KEYS, "a").ident(),
        b=node.field(UNSCHEDULED_KEYS, "b").ident(),
        reason=read_enum(node.field(UNSCHEDULED_KEYS, "reason"), UnscheduledReason),
        detail=detail.text() if detail else "",
    )


def read_stats(node: Node | None) -> Stats:
    if node is None:
        return Stats()
    node.obj(STATS_KEYS)
    figures = {}
    for key in sorted(STATS_KEYS):
        child = node.optional(STATS_KEYS, key)
        figures[key] = child.integer(0) if child else 0
    return Stats(**figures)


def read_solver_info(node: Node | None) -> SolverInfo:
    if node is None:
        return SolverInfo(SolveStatus.UNKNOWN)
    wall = node.optional(SOLVER_KEYS, "wall_s")
    message = node.optional(SOLVER_KEYS, "message")
    conflicts = node.optional(SOLVER_KEYS, "conflicts")
    stop = node.optional(SOLVER_KEYS, "stop")
    return SolverInfo(
        status=read_enum(node.field(SOLVER_KEYS, "status"), SolveStatus),
        wall_s=wall.number() if wall else 0.0,
        message=message.text() if message else "",
        conflicts=tuple(item.text() for item in conflicts.items()) if conflicts else (),
        stop=read_enum(stop, StopReason) if stop else None,
    )


def read_changes(node: Node | None) -> Changes:
    if node is None:
        return Changes()
    moved = node.optional(CHANGES_KEYS, "moved")
    cancelled = node.optional(CHANGES_KEYS, "cancelled")
    added = node.optional(CHANGES_KEYS, "added")
    return Changes(
        moved=tuple(
            (read_meeting(m.field(MOVE_KEYS, "from")), read_meeting(m.field(MOVE_KEYS, "to")))
            for m in (moved.items() if moved else ())
        ),
        cancelled=tuple(read_meeting(m) for m in (cancelled.items() if cancelled else ())),
        added=tuple(read_meeting(m) for m in (added.items() if added else ())),
    )


def schedule_from_dict(data: object) -> Schedule:
    """Build a `Schedule` from parsed `matchmaker-schedule/1` JSON (structure only)."""
    root = Node(data, "")
    check_format(root, SCHEDULE_KEYS, SCHEDULE_FORMAT)
    unscheduled = root.optional(SCHEDULE_KEYS, "unscheduled")
    return Schedule(
        meetings=tuple(read_meeting(m) for m in root.field(SCHEDULE_KEYS, "meetings").items()),
        unscheduled=tuple(read_unscheduled(u) for u in unscheduled.items()) if unscheduled else (),
        stats=read_stats(root.optional(SCHEDULE_KEYS, "stats")),
        solver=read_solver_info(root.optional(SCHEDULE_KEYS, "solver")),
        changes=read_changes(root.optional(SCHEDULE_KEYS, "changes")),
    )


def schedule_to_dict(schedule: Schedule) -> dict[str, object]:
    """The `matchmaker-schedule/1` JSON object of a schedule, with its changes."""
    stats = schedule.stats
    info = schedule.solver
    unscheduled = []
    for u in schedule.unscheduled:
        item = {"a": u.a, "b": u.b, "reason": u.reason.value}
        if u.detail:
            item["detail"] = u.detail
        unscheduled.append(item)
    solver: dict[str, object] = {"status": info.status.value, "wall_s": info.wall_s}
    if info.message:
        solver["message"] = info.message
    if info.conflicts:
        solver["conflicts"] = list(info.conflicts)
    if info.stop is not None:
        solver["stop"] = info.stop.value
    changes = schedule.changes
    return {
        "format": SCHEDULE_FORMAT,
        "meetings": [meeting_to_dict(m) for m in schedule.meetings],
        "unscheduled": unscheduled,
        "stats": {
            "weight": stats.weight,
            "bound": stats.bound,
            "meetings": stats.meetings,
            "holes": stats.holes,
            "zero_meeting_participants": stats.zero_meeting_participants,
            "moved_from_previous": stats.moved_from_previous,
            "below_minimum_participants": stats.below_minimum_participants,
        },
        "solver": solver,
        "changes": {
            "moved": [
                {"from": meeting_to_dict(old), "to": meeting_to_dict(new)}
                for old, new in changes.moved
            ],
            "cancelled": [meeting_to_dict(m) for m in changes.cancelled],
            "added": [meeting_to_dict(m) for m in changes.added],
        },
    }


def loads_schedule(text: str) -> Schedule:
    """Parse a schedule from JSON text."""
    return schedule_from_dict(parse_json(text))


def load_schedule(path: PathLike) -> Schedule:
    """Read a schedule file (OSError if it cannot be opened)."""
    return loads_schedule(read_text(path))


def dumps_schedule(schedule: Schedule) -> str:
    """A schedule as indented JSON text."""
    return json.dumps(schedule_to_dict(schedule), indent=1, ensure_ascii=False) + "\n"


def dump_schedule(schedule: Schedule, path: PathLike) -> None:
    """Write a schedule file."""
    Path(path).write_text(dumps_schedule(schedule), encoding="utf-8")
