"""`solve()`: greedy warm start, then which meetings, when, improve, which tables.

1. greedy by weight: a complete schedule at once (the fallback and the first hint);
2. `choose`: the max-weight b-matching (LP, else CP-SAT) picks meetings, proves a bound;
3. `timing`: the chosen meetings go into slots greedily with few holes, previous ones
   back where they were;
4. `lns`: large-neighbourhood search over small groups of people improves weight, people
   without a meeting, holes and moves;
5. `tables`: concrete tables per slot, previous tables kept where possible.

The time limit covers everything; cancellation and the deadline stop any stage and the
best schedule so far is returned. With one worker the result depends only on the seed.
"""

from __future__ import annotations

from dataclasses import dataclass

from solver.assemble import assemble
from solver.choose import choose_meetings
from solver.compact import Compact, Occupancy, capacity_bound, compact
from solver.control import Clock, SearchLimits
from solver.greedy import greedy_fill, greedy_order, locked_occupancy
from solver.lns import improve
from solver.objective import evaluate
from solver.schema import (
    CancelCheck,
    Problem,
    ProgressCallback,
    Schedule,
    SolveOptions,
    SolveStatus,
)
from solver.tables import assign_tables
from solver.timing import time_meetings
from solver.validation import validate

# Share of the remaining time for choosing meetings; improving gets the rest, less the
# time kept for tables, stats and explanations: about 1 s at 33,000 candidates on an idle
# machine, so twice that per candidate plus 2 % of the time limit for loaded machines.
CHOOSE_SHARE = 0.4
FINISH_S_PER_CANDIDATE = 1 / 8000
FINISH_MARGIN = 0.02
# With one worker, steps are bounded in CP-SAT's deterministic time: this share of the time
# limit, as model building in Python takes about as long again as the search.
DETERMINISTIC_SHARE = 0.15


def previous_slots(comp: Compact) -> dict[int, int]:
    """Candidate number -> slot index of the previous schedule's meetings."""
    slots = {}
    for m in comp.problem.previous:
        cand = comp.cand_of(m)
        if cand is not None and m.slot in comp.slot_index:
            slots[cand] = comp.slot_index[m.slot]
    return slots


@dataclass
class Run:
    """One solve in progress: the indexed problem, options, clock and the best so far."""

    comp: Compact
    options: SolveOptions
    clock: Clock
    previous: dict[int, int]
    locked_only: Occupancy
    order: list[int]
    best: Occupancy
    bound: int
    wanted: tuple[int, ...] = ()
    proven: bool = False

    @property
    def deterministic_s(self) -> float | None:
        """With one worker, the deterministic-time budget of a stage; else None."""
        if self.options.workers != 1:
            return None
        return self.options.time_limit_s * DETERMINISTIC_SHARE

    def offer(self, occ: Occupancy) -> None:
        """Keep `occ` if it beats the best so far in the design's quality order."""
        weights = self.options.weights
        mine = evaluate(self.comp, self.best, self.previous, weights)
        theirs = evaluate(self.comp, occ, self.previous, weights)
        if theirs > mine:
            self.best = occ
        self.clock.best_weight = max(mine, theirs).weight


def solve(
    problem: Problem,
    options: SolveOptions | None = None,
    progress: ProgressCallback | None = None,
    cancel: CancelCheck | None = None,
) -> Schedule:
    """The best schedule found within `options.time_limit_s` (see the module docstring).

    Status optimal means the total weight is proven optimal (the lower-order goals are
    best effort); a cancelled solve returns its best schedule with status feasible.
    Locked meetings that cannot all hold give status infeasible, the clashes in
    `solver.conflicts` and no meetings. `progress` and `cancel` are called on the
    calling thread.
    """
    options = options or SolveOptions()
    clock = Clock(options.time_limit_s, progress, cancel)
    conflicts = tuple(v.message for v in validate(problem, Schedule(meetings=problem.locked)))
    if conflicts:
        return assemble(
            problem,
            (),
            bound=0,
            status=SolveStatus.INFEASIBLE,
            started=clock.start,
            message="the locked meetings cannot all be kept",
            conflicts=conflicts,
        )
    run = warm_start(compact(problem), options, clock)
    if not clock.should_stop():
        choose_and_time(run)
    if not clock.should_stop():
        improved = improve(
            run.comp,
            run.best,
            bound=run.bound,
            wanted=run.wanted,
            previous=run.previous,
            weights=options.weights,
            clock=clock,
            budget_s=clock.remaining() - finishing_time(run.comp, clock),
            workers=options.workers,
            seed=options.seed,
            deterministic_s=run.deterministic_s,
        )
        run.best, run.proven = improved.occ, improved.proven
    return finish(run)


def finishing_time(comp: Compact, clock: Clock) -> float:
    """Seconds to keep for the last stage: a little per candidate, plus a safety margin."""
    margin = 0.5 + FINISH_MARGIN * clock.time_limit_s
    return min(clock.remaining() * 0.5, margin + len(comp.cand_a) * FINISH_S_PER_CANDIDATE)


def warm_start(comp: Compact, options: SolveOptions, clock: Clock) -> Run:
    """The locked meetings, then the greedy by weight on top: the first best schedule."""
    locked_only = locked_occupancy(comp)
    order = greedy_order(comp, "weight", options.seed)
    best = locked_only.copy()
    greedy_fill(best, order)
    clock.bound = capacity_bound(comp)
    previous = previous_slots(comp)
    clock.best_weight = evaluate(comp, best, previous, options.weights).weight
    clock.report("greedy", force=True)
    return Run(comp, options, clock, previous, locked_only, order, best, clock.bound)


def choose_and_time(run: Run) -> None:
    """Choose meetings by b-matching (tightening the bound), time them, keep if better."""
    budget = run.clock.remaining() * CHOOSE_SHARE
    options = run.options
    selection = choose_meetings(
        run.comp,
        run.locked_only,
        keep=run.previous,
        hint=run.best.slot_of.keys(),
        clock=run.clock,
        limits=SearchLimits(
            budget if run.deterministic_s is None else run.clock.remaining(),
            options.workers,
            options.seed,
            run.deterministic_s,
        ),
    )
    if selection is None:
        return
    run.bound = min(run.bound, run.locked_only.locked_weight + selection.bound)
    run.clock.bound = run.bound
    timed = run.locked_only.copy()
    time_meetings(run.comp, timed, selection.chosen, run.previous, run.order)
    run.offer(timed)
    run.wanted = selection.chosen


def finish(run: Run) -> Schedule:
    """Give tables and build the schedule with stats, status and reasons."""
    comp, clock = run.comp, run.clock
    weight = evaluate(comp, run.best, run.previous, run.options.weights).weight
    weight_proven = run.proven or weight >= run.bound
    bound = weight if weight_proven else run.bound
    clock.best_weight, clock.bound = weight, bound
    clock.report("tables", force=True)
    meetings = assign_tables(comp, run.best.slot_of, comp.problem.locked)
    optimal = weight_proven and not clock.cancelled
    return assemble(
        comp.problem,
        meetings,
        bound=bound,
        status=SolveStatus.OPTIMAL if optimal else SolveStatus.FEASIBLE,
        started=clock.start,
        message=solve_message(weight_proven, clock),
    )


def solve_message(weight_proven: bool, clock: Clock) -> str:
    """A short note on how the solve ended."""
    if clock.cancelled:
        return "cancelled; best schedule so far"
    if weight_proven:
        return "total weight proven optimal"
    return "best schedule found within the time limit"
