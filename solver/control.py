"""Time limit, cancellation and progress for a solve, and a CP-SAT runner that honours them.

CP-SAT releases the GIL while it searches, so `run_cpsat` lets it search in a worker thread
while the caller's thread polls `cancel()`, watches the deadline, reports progress about
twice a second and calls `stop_search()` when needed. Callbacks therefore always run on the
thread that called `solve()`.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from ortools.sat.python import cp_model

from solver.schema import CancelCheck, Goal, Progress, ProgressCallback

POLL_S = 0.1
REPORT_EVERY_S = 0.5


class Clock:
    """The wall-time budget of one solve, its cancel check and its progress reports."""

    def __init__(
        self,
        time_limit_s: float,
        progress: ProgressCallback | None = None,
        cancel: CancelCheck | None = None,
    ) -> None:
        self.start = time.monotonic()
        self.time_limit_s = time_limit_s
        self._progress = progress
        self._cancel = cancel
        self.cancelled = False
        self.best_weight = 0
        self.bound = 0
        self.goals: tuple[Goal, ...] = ()
        self._last_report = -REPORT_EVERY_S

    def elapsed(self) -> float:
        return time.monotonic() - self.start

    def remaining(self) -> float:
        return max(0.0, self.time_limit_s - self.elapsed())

    def should_stop(self) -> bool:
        """True once cancelled or out of time (polls the cancel check)."""
        if not self.cancelled and self._cancel is not None and self._cancel():
            self.cancelled = True
        return self.cancelled or self.remaining() <= 0.0

    def tighten_bound(self, bound: int) -> None:
        """Lower the reported bound to `bound` if that is tighter (safe from any thread)."""
        self.bound = min(self.bound, bound)

    def report(self, phase: str, *, force: bool = False) -> None:
        """Send a progress report, at most every REPORT_EVERY_S unless forced."""
        now = self.elapsed()
        if self._progress is None or (not force and now - self._last_report < REPORT_EVERY_S):
            return
        self._last_report = now
        self._progress(
            Progress(
                phase=phase,
                best_weight=self.best_weight,
                bound=self.bound,
                elapsed_s=round(now, 3),
                time_limit_s=self.time_limit_s,
                goals=self.goals,
            )
        )


@dataclass(frozen=True)
class SearchLimits:
    """How one CP-SAT call may search: wall seconds, workers, seed, deterministic time."""

    wall_s: float
    workers: int
    seed: int
    deterministic_s: float | None = None


@dataclass(frozen=True)
class SearchResult:
    """A finished CP-SAT call: its status and the solver holding the values."""

    status: cp_model.CpSolverStatus
    solver: cp_model.CpSolver

    @property
    def has_solution(self) -> bool:
        return self.status in (cp_model.OPTIMAL, cp_model.FEASIBLE)

    @property
    def optimal(self) -> bool:
        return bool(self.status == cp_model.OPTIMAL)


def run_cpsat(
    model: cp_model.CpModel,
    limits: SearchLimits,
    clock: Clock,
    phase: str,
    on_bound: Callable[[float], None] | None = None,
) -> SearchResult:
    """Solve `model` within `limits` and the clock's deadline and cancel check.

    `on_bound` receives each improved objective bound (on CP-SAT's thread).
    """
    solver = cp_model.CpSolver()
    params = solver.parameters
    params.max_time_in_seconds = max(0.01, min(limits.wall_s, clock.remaining()))
    params.num_workers = limits.workers
    params.random_seed = limits.seed
    # CP-SAT's own Ctrl-C handler would replace the caller's (and abort at exit).
    params.catch_sigint_signal = False
    if limits.deterministic_s is not None:
        params.max_deterministic_time = limits.deterministic_s
    solver.best_bound_callback = on_bound
    statuses: list[cp_model.CpSolverStatus] = []
    thread = threading.Thread(target=lambda: statuses.append(solver.solve(model)), daemon=True)
    thread.start()
    stopped = False
    try:
        while thread.is_alive():
            thread.join(POLL_S)
            if not stopped and clock.should_stop():
                solver.stop_search()
                stopped = True
            clock.report(phase)
    finally:
        if thread.is_alive():  # a callback raised: do not leave the search running
            solver.stop_search()
            thread.join()
    return SearchResult(statuses[0] if statuses else cp_model.UNKNOWN, solver)
