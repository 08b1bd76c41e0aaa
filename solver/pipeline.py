"""`solve()`: greedy warm start, then which meetings, when, improve, which tables.

1. greedy by weight: a complete schedule at once (the fallback and the first hint);
2. `choose`: the max-weight b-matching (CP-SAT) picks the meetings and proves the bound;
3. `timing`: the chosen meetings go into slots greedily with few holes, previous ones
   back where they were;
4. `lns`: large-neighbourhood search over small groups of people improves weight, people
   without a meeting, holes and moves;
5. `tables`: concrete tables per slot, previous tables kept where possible.

The time limit covers everything; cancellation and the deadline stop any stage and the
best schedule so far is returned. With one worker the result depends only on the seed.
"""

from __future__ import annotations

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

# Shares of the remaining time; the rest is kept for tables, stats and explanations.
CHOOSE_SHARE = 0.4
IMPROVE_SHARE = 0.85
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


def solve(
    problem: Problem,
    options: SolveOptions | None = None,
    progress: ProgressCallback | None = None,
    cancel: CancelCheck | None = None,
) -> Schedule:
    """The best schedule found within `options.time_limit_s` (see the module docstring).

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
            wall_s=clock.elapsed(),
            message="the locked meetings cannot all be kept",
            conflicts=conflicts,
        )
    comp = compact(problem)
    previous = previous_slots(comp)
    deterministic = options.workers == 1
    det_budget = options.time_limit_s if deterministic else None
    start, taken = locked_occupancy(comp)
    order = [c for c in greedy_order(comp, "weight", options.seed) if c not in taken]
    best = start.copy()
    greedy_fill(best, order)
    clock.bound = capacity_bound(comp)
    clock.best_weight = evaluate(comp, best, previous, options.weights).weight
    clock.report("greedy", force=True)
    bound = clock.bound
    wanted: list[int] = []
    if not clock.should_stop():
        budget = clock.remaining() * CHOOSE_SHARE
        selection = choose_meetings(
            comp,
            start,
            keep=previous,
            hint=best.slot_of,
            clock=clock,
            limits=SearchLimits(
                budget,
                options.workers,
                options.seed,
                None if det_budget is None else det_budget * DETERMINISTIC_SHARE,
            ),
        )
        if selection is not None:
            bound = min(bound, start.locked_weight + selection.bound)
            clock.bound = bound
            timed = start.copy()
            time_meetings(comp, timed, selection.chosen, previous, order)
            best = better(comp, best, timed, previous, options)
            wanted = list(selection.chosen)
    clock.best_weight = evaluate(comp, best, previous, options.weights).weight
    proven = False
    if not clock.should_stop():
        improved = improve(
            comp,
            best,
            bound=bound,
            wanted=wanted,
            previous=previous,
            weights=options.weights,
            clock=clock,
            budget_s=clock.remaining() * IMPROVE_SHARE,
            workers=options.workers,
            seed=options.seed,
            deterministic_s=None if det_budget is None else det_budget * DETERMINISTIC_SHARE,
        )
        best, proven = improved.occ, improved.proven
    weight = evaluate(comp, best, previous, options.weights).weight
    weight_proven = proven or weight >= bound
    if weight_proven:
        bound = weight
    clock.best_weight = weight
    clock.report("tables", force=True)
    meetings = assign_tables(comp, best.slot_of, problem.locked)
    return assemble(
        problem,
        meetings,
        bound=bound,
        status=SolveStatus.OPTIMAL if weight_proven else SolveStatus.FEASIBLE,
        wall_s=clock.elapsed(),
        message=solve_message(weight_proven, clock),
    )


def better(
    comp: Compact,
    first: Occupancy,
    second: Occupancy,
    previous: dict[int, int],
    options: SolveOptions,
) -> Occupancy:
    """The better of two timed occupancies in the design's quality order (first on ties)."""
    score_first = evaluate(comp, first, previous, options.weights)
    score_second = evaluate(comp, second, previous, options.weights)
    return second if score_second > score_first else first


def solve_message(weight_proven: bool, clock: Clock) -> str:
    """A short note on how the solve ended."""
    if clock.cancelled:
        return "cancelled; best schedule so far"
    if weight_proven:
        return "total weight proven optimal"
    return "best schedule found within the time limit"
