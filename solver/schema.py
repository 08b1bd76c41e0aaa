"""The solver's vocabulary: plain frozen dataclasses for problems and schedules.

Everything here is immutable and free of I/O; `solver.fileformat` reads and writes these
objects as the `matchmaker-problem/1` and `matchmaker-schedule/1` JSON formats.
Slot times are naive local times in `Event.timezone`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from functools import cached_property

PROBLEM_FORMAT = "matchmaker-problem/1"
SCHEDULE_FORMAT = "matchmaker-schedule/1"


def pair_key(a: str, b: str) -> tuple[str, str]:
    """The canonical (sorted) key of an unordered pair of participant ids."""
    return (a, b) if a <= b else (b, a)


@dataclass(frozen=True)
class Event:
    """What the schedule is for: a name and the IANA time zone of its slot times."""

    name: str
    timezone: str


@dataclass(frozen=True)
class Slot:
    """One meeting slot; `session` groups back-to-back slots of one B2B block."""

    id: str
    start: datetime
    end: datetime
    session: str


@dataclass(frozen=True)
class Participant:
    """A person who can meet. `location` (an exhibitor's booth) replaces a shared table."""

    id: str
    name: str = ""
    organisation: str = ""
    country: str = ""
    unavailable: frozenset[str] = frozenset()
    max_meetings: int | None = None
    location: str | None = None


@dataclass(frozen=True)
class Candidate:
    """An unordered pair that may meet at most once, with a positive integer weight."""

    a: str
    b: str
    weight: int

    @property
    def key(self) -> tuple[str, str]:
        return pair_key(self.a, self.b)


@dataclass(frozen=True)
class Meeting:
    """A scheduled meeting: at a shared `table`, or at a participant's `location`."""

    a: str
    b: str
    slot: str
    table: str | None = None
    location: str | None = None

    @property
    def key(self) -> tuple[str, str]:
        return pair_key(self.a, self.b)

    @property
    def place(self) -> str | None:
        return self.table if self.table is not None else self.location


@dataclass(frozen=True)
class Problem:
    """A whole scheduling problem (`matchmaker-problem/1`)."""

    event: Event
    slots: tuple[Slot, ...]
    tables: tuple[str, ...]
    participants: tuple[Participant, ...]
    candidates: tuple[Candidate, ...]
    locked: tuple[Meeting, ...] = ()
    previous: tuple[Meeting, ...] = ()

    @cached_property
    def participant_by_id(self) -> dict[str, Participant]:
        return {p.id: p for p in self.participants}

    @cached_property
    def slot_by_id(self) -> dict[str, Slot]:
        return {s.id: s for s in self.slots}

    @cached_property
    def candidate_by_key(self) -> dict[tuple[str, str], Candidate]:
        return {c.key: c for c in self.candidates}

    def free_slots(self, participant_id: str) -> list[str]:
        """Ids of the slots in which the participant is available, in problem order."""
        unavailable = self.participant_by_id[participant_id].unavailable
        return [s.id for s in self.slots if s.id not in unavailable]


class SolveStatus(StrEnum):
    OPTIMAL = "optimal"
    FEASIBLE = "feasible"
    INFEASIBLE = "infeasible"
    UNKNOWN = "unknown"


class UnscheduledReason(StrEnum):
    """Why a candidate pair got no meeting, in words an organiser understands."""

    NO_COMMON_SLOT = "no-common-slot"
    CAP_REACHED = "cap-reached"
    NO_TABLE = "no-table"
    OUTWEIGHED = "outweighed"
    NOT_REACHED = "not-reached"  # it still fits: the search stopped before placing it


@dataclass(frozen=True)
class Unscheduled:
    """A candidate pair left out, with the reason and an optional human-readable detail."""

    a: str
    b: str
    reason: UnscheduledReason
    detail: str = ""


@dataclass(frozen=True)
class Stats:
    weight: int = 0
    bound: int = 0
    meetings: int = 0
    holes: int = 0
    zero_meeting_participants: int = 0
    moved_from_previous: int = 0


@dataclass(frozen=True)
class SolverInfo:
    status: SolveStatus
    wall_s: float = 0.0
    message: str = ""
    conflicts: tuple[str, ...] = ()


@dataclass(frozen=True)
class Changes:
    """How a schedule differs from `Problem.previous` (pairs compared by `Meeting.key`)."""

    moved: tuple[tuple[Meeting, Meeting], ...] = ()
    cancelled: tuple[Meeting, ...] = ()
    added: tuple[Meeting, ...] = ()


@dataclass(frozen=True)
class Schedule:
    """A solution (`matchmaker-schedule/1`)."""

    meetings: tuple[Meeting, ...]
    unscheduled: tuple[Unscheduled, ...] = ()
    stats: Stats = field(default_factory=Stats)
    solver: SolverInfo = field(default_factory=lambda: SolverInfo(SolveStatus.UNKNOWN))
    changes: Changes = field(default_factory=Changes)


@dataclass(frozen=True)
class ObjectiveWeights:
    """Penalties below total weight, in the design's quality order."""

    zero_meeting: int = 1000
    hole: int = 1
    moved: int = 2


@dataclass(frozen=True)
class SolveOptions:
    time_limit_s: float = 60.0
    workers: int = 2
    seed: int = 0
    weights: ObjectiveWeights = field(default_factory=ObjectiveWeights)


@dataclass(frozen=True)
class Progress:
    """A progress report: best weight so far, best known bound, elapsed wall time."""

    phase: str
    best_weight: int
    bound: int
    elapsed_s: float
    time_limit_s: float


ProgressCallback = Callable[[Progress], None]
CancelCheck = Callable[[], bool]
