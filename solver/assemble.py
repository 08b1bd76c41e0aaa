"""Turn a solver's meetings into a full `Schedule`: stats, changes, reasons, status."""

from __future__ import annotations

from collections.abc import Sequence

from solver.explain import explain_unscheduled
from solver.metrics import compute_stats, diff_changes
from solver.schema import Meeting, Problem, Schedule, SolverInfo, SolveStatus


def assemble(
    problem: Problem,
    meetings: Sequence[Meeting],
    *,
    bound: int,
    status: SolveStatus,
    wall_s: float,
    message: str = "",
    conflicts: tuple[str, ...] = (),
) -> Schedule:
    """A schedule of `meetings` with stats, changes against `problem.previous` and reasons."""
    meetings = tuple(meetings)
    return Schedule(
        meetings=meetings,
        unscheduled=explain_unscheduled(problem, meetings),
        stats=compute_stats(problem, meetings, bound),
        solver=SolverInfo(
            status=status, wall_s=round(wall_s, 3), message=message, conflicts=conflicts
        ),
        changes=diff_changes(problem.previous, meetings),
    )
