"""Pure B2B meeting scheduling library (no web, no database).

    from solver import load_problem, solve, validate
    schedule = solve(load_problem("problem.json"), SolveOptions(time_limit_s=30))

`solve` is imported on first use, so importing the package does not load OR-Tools.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from solver.explain import explain_unscheduled
from solver.fileformat import (
    FormatError,
    dump_problem,
    dump_schedule,
    dumps_problem,
    dumps_schedule,
    load_problem,
    load_schedule,
    loads_problem,
    loads_schedule,
)
from solver.greedy import greedy_schedule
from solver.metrics import compute_stats
from solver.schema import (
    Candidate,
    Changes,
    Event,
    Goal,
    Meeting,
    ObjectiveWeights,
    Participant,
    Problem,
    Progress,
    Schedule,
    Slot,
    SolveOptions,
    SolverInfo,
    SolveStatus,
    Stats,
    StopReason,
    Unscheduled,
    UnscheduledReason,
)
from solver.validation import Violation, validate

if TYPE_CHECKING:
    from solver.pipeline import solve

__all__ = [
    "Candidate",
    "Changes",
    "Event",
    "FormatError",
    "Goal",
    "Meeting",
    "ObjectiveWeights",
    "Participant",
    "Problem",
    "Progress",
    "Schedule",
    "Slot",
    "SolveOptions",
    "SolveStatus",
    "SolverInfo",
    "Stats",
    "StopReason",
    "Unscheduled",
    "UnscheduledReason",
    "Violation",
    "compute_stats",
    "dump_problem",
    "dump_schedule",
    "dumps_problem",
    "dumps_schedule",
    "explain_unscheduled",
    "greedy_schedule",
    "load_problem",
    "load_schedule",
    "loads_problem",
    "loads_schedule",
    "solve",
    "validate",
]


def __getattr__(name: str) -> object:
    """Import `solve` (and with it OR-Tools) only when it is first asked for."""
    if name == "solve":
        from solver.pipeline import solve

        return solve
    raise AttributeError(f"module 'solver' has no attribute {name!r}")
