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
    """A person who can meet. `location` (an exhibitor's booth) replaces a shared table;
    `online` (attending by video) means their meetings need no place at all.

    `min_meetings` and `max_meetings_per_day` override the event's settings when not None.
    """

    id: str
    name: str = ""
    organisation: str = ""
    country: str = ""
    unavailable: frozenset[str] = frozenset()
    max_meetings: int | None = None
    location: str | None = None
    min_meetings: int | None = None
    max_meetings_per_day: int | None = None
    online: bool = False


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
    """A scheduled meeting: at a shared `table`, or at a participant's `location`; a
    meeting with an online participant has neither."""

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
    """A whole scheduling problem (`matchmaker-problem/1`).

    `min_meetings` is the guaranteed minimum every participant should reach (capped per
    person, see `solver.limits`); `max_meetings_per_day` and `max_consecutive_meetings`
    are event-wide limits (None: no limit).
    """

    event: Event
    slots: tuple[Slot, ...]
    tables: tuple[str, ...]
    participants: tuple[Participant, ...]
    candidates: tuple[Candidate, ...]
    locked: tuple[Meeting, ...] = ()
    previous: tuple[Meeting, ...] = ()
    min_meetings: int = 1
    max_meetings_per_day: int | None = None
    max_consecutive_meetings: int | None = None

    @cached_property
    def participant_by_id(self) -> dict[str, Participant]:
        return {p.id: p for p in self.participants}

    @cached_property
    def slot_by_id(self) -> dict[str, Slot]:
        return {s.id: s for s in self.slots}

    def online_pair(self, a: str, b: str) -> bool:
        """Whether a meeting of `a` and `b` is held online (either attends online)."""
        people = self.participant_by_id
        return any(pid in people and people[pid].online for pid in (a, b))

    @cached_property
    def candidate_by_key(self) -> dict[tuple[str, str], Candidate]:
        return {c.key: c for c in self.candidates}

    @cached_property
    def locked_by_participant(self) -> dict[str, list[Meeting]]:
        """Each participant's locked meetings (only those with any)."""
        mine: dict[str, list[Meeting]] = {}
        for m in self.locked:
            for pid in {m.a, m.b}:
                mine.setdefault(pid, []).append(m)
        return mine

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
    DAY_CAP_REACHED = "day-cap-reached"
    CONSECUTIVE_LIMIT = "consecutive-limit"
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
    below_minimum_participants: int = 0


class StopReason(StrEnum):
    """Why a solve ended: every goal at its proven bound, no gain for the stall time, the
    time limit, or a cancel request."""

    PROVEN = "proven"
    STALLED = "stalled"
    TIME_LIMIT = "time-limit"
    CANCELLED = "cancelled"


@dataclass(frozen=True)
class SolverInfo:
    status: SolveStatus
    wall_s: float = 0.0
    message: str = ""
    conflicts: tuple[str, ...] = ()
    stop: StopReason | None = None


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
    """Penalties below total weight, in the design's quality order: the guaranteed minimum
    ranks above weight outright, holes and moves below it are traded with these weights."""

    hole: int = 1
    moved: int = 2


# A solve stops after this share of its time limit without any gain, but never sooner
# than STALL_MIN_S: large-neighbourhood steps find gains in bursts a few seconds apart.
STALL_SHARE = 0.1
STALL_MIN_S = 3.0


@dataclass(frozen=True)
class SolveOptions:
    """`stall_s`: stop after this long without a gain (None: 10 % of the time limit, at
    least 3 s), counted in CPU seconds per worker so a busy machine does not cut it short
    (with one worker: in search steps, so runs repeat)."""

    time_limit_s: float = 60.0
    workers: int = 2
    seed: int = 0
    weights: ObjectiveWeights = field(default_factory=ObjectiveWeights)
    stall_s: float | None = None

    @property
    def stall_limit_s(self) -> float:
        if self.stall_s is not None:
            return self.stall_s
        return max(STALL_MIN_S, STALL_SHARE * self.time_limit_s)


@dataclass(frozen=True)
class Goal:
    """One goal of the quality order: its current value and its proven bound.

    `maximise` tells which way is better: the minimum and weight go up to their bound,
    holes and moves down to theirs.
    """

    name: str
    value: int
    bound: int
    maximise: bool

    @property
    def at_bound(self) -> bool:
        return self.value >= self.bound if self.maximise else self.value <= self.bound


@dataclass(frozen=True)
class Progress:
    """A progress report: best weight so far, best known bound, elapsed wall time, and
    the goals in the quality order (`goals`, empty before the first schedule)."""

    phase: str
    best_weight: int
    bound: int
    elapsed_s: float
    time_limit_s: float
    goals: tuple[Goal, ...] = ()


ProgressCallback = Callable[[Progress], None]
CancelCheck = Callable[[], bool]
