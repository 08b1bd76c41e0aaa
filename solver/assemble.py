"""Turn a solver's meetings into a full `Schedule`: stats, changes, reasons, status."""

from __future__ import annotations

import time
from collections.abc import Sequence

from solver.explain import explain_unscheduled
from solver.metrics import compute_stats, diff_changes
from solver.schema import Meeting, Problem, Schedule, SolverInfo, SolveStatus, StopReason


def assemble(
    problem: Problem,
    meetings: Sequence[Meeting],
    *,
    bound: int,
    status: SolveStatus,
    started: float,
    message: str = "",
    conflicts: tuple[str, ...] = (),
    stop: StopReason | None = None,
) -> Schedule:
    """A schedule of `meetings` with stats, changes against `problem.previous` and reasons.

    `started` is the `time.monotonic()` at which the solve began; the wall time reported
    runs until the schedule is complete.
    """
    meetings = tuple(meetings)
    unscheduled = explain_unscheduled(problem, meetings)
    stats = compute_stats(problem, meetings, bound)
    changes = diff_changes(problem.previous, meetings)
    wall_s = round(time.monotonic() - started, 3)
    return Schedule(
        meetings=meetings,
        unscheduled=unscheduled,
        stats=stats,
        solver=SolverInfo(
            status=status, wall_s=wall_s, message=message, conflicts=conflicts, stop=stop
        ),
        changes=changes,
    )
