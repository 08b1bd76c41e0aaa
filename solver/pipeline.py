"""`solve()`: greedy warm start, then which meetings, when, improve, which tables.

The quality order (`solver.objective`): most people at their guaranteed minimum, then
total weight, then few holes, then (on a re-solve) few moved meetings.

1. greedy by weight: a complete schedule at once (the fallback and the first hint);
2. `choose`: b-matchings (LP and CP-SAT) pick meetings for coverage and weight and prove
   the bounds of both goals;
3. `timing`: the chosen meetings go into slots greedily with few holes, previous ones
   back where they were;
4. `lns`: large-neighbourhood search over small groups of people improves the goals in
   order and never loses coverage;
5. `tables`: concrete tables per slot, previous tables kept where possible.

The solve stops as soon as every goal is at its proven bound ("proven"), after
`SolveOptions.stall_limit_s` without a gain ("stalled"), at the time limit
("time-limit") or on cancel ("cancelled"): `SolverInfo.stop`. Cancellation and the
deadline stop any stage and the best schedule so far is returned. With one worker the
result depends only on the seed (the stall then counts search steps).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from solver.assemble import assemble
from solver.choose import choose_meetings
from solver.compact import Compact, Occupancy, capacity_bound, compact
from solver.control import Clock, SearchLimits
from solver.greedy import greedy_fill, greedy_order, locked_occupancy
from solver.lns import Budget, improve
from solver.objective import Bounds, evaluate, figures, goals
from solver.schema import (
    CancelCheck,
    Problem,
    ProgressCallback,
    Schedule,
    SolveOptions,
    SolveStatus,
    StopReason,
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
    bounds: Bounds
    wanted: tuple[int, ...] = ()
    stop: StopReason | None = None

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

    def proven(self) -> bool:
        """Whether the best schedule has every goal at its proven bound (and says so)."""
        figs = figures(self.comp, self.best, self.previous)
        self.clock.goals = goals(self.comp, figs, self.bounds, bool(self.previous))
        return all(goal.at_bound for goal in self.clock.goals)


def solve(
    problem: Problem,
    options: SolveOptions | None = None,
    progress: ProgressCallback | None = None,
    cancel: CancelCheck | None = None,
) -> Schedule:
    """The best schedule found within `options.time_limit_s` (see the module docstring).

    Status optimal means coverage and total weight are proven optimal (the lower-order
    goals are best effort); a cancelled solve returns its best schedule with status
    feasible.
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
    if run.proven():
        run.stop = StopReason.PROVEN
    elif not clock.should_stop():
        deterministic = run.deterministic_s
        improved = improve(
            run.comp,
            run.best,
            bounds=run.bounds,
            wanted=run.wanted,
            previous=run.previous,
            weights=options.weights,
            clock=clock,
            budget=Budget(
                wall_s=clock.remaining() - finishing_time(run.comp, clock),
                stall=options.stall_limit_s,
                workers=options.workers,
                seed=options.seed,
                deterministic_s=deterministic,
            ),
        )
        run.best = improved.occ
        if improved.proven:
            run.stop = StopReason.PROVEN
        elif improved.stalled:
            run.stop = StopReason.STALLED
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
    with_minimum = sum(1 for least in comp.minimum if least)
    bounds = Bounds(weight=clock.bound, cover=with_minimum, cover_weight=clock.bound)
    clock.goals = goals(comp, figures(comp, best, previous), bounds, bool(previous))
    clock.report("greedy", force=True)
    return Run(comp, options, clock, previous, locked_only, order, best, bounds)


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
    locked_weight = run.locked_only.locked_weight
    weight = min(run.bounds.weight, locked_weight + selection.bound)
    run.bounds = Bounds(
        weight=weight,
        cover=selection.cover_bound,
        cover_weight=min(weight, locked_weight + selection.cover_weight_bound),
    )
    run.clock.bound = weight
    run.clock.report("choose")
    if run.clock.should_stop():
        return
    timed = run.locked_only.copy()
    time_meetings(run.comp, timed, selection.chosen, run.previous, run.order)
    run.offer(timed)
    run.wanted = selection.chosen


def finish(run: Run) -> Schedule:
    """Give tables and build the schedule with stats, status, stop reason and reasons."""
    comp, clock = run.comp, run.clock
    figs = figures(comp, run.best, run.previous)
    final = goals(comp, figs, run.bounds, bool(run.previous))
    # A whole-problem solve proves every goal, so its values are the bounds.
    if run.stop is StopReason.PROVEN:
        final = tuple(replace(goal, bound=goal.value) for goal in final)
    top_proven = all(goal.at_bound for goal in final[:2])
    # The last report shows the schedule returned, not the search's last step before it.
    clock.goals = final
    weight_proven = top_proven or figs.weight >= run.bounds.weight
    bound = figs.weight if weight_proven else run.bounds.weight
    clock.best_weight, clock.bound = figs.weight, bound
    clock.report("tables", force=True)
    meetings = assign_tables(comp, run.best.slot_of, comp.problem.locked)
    stop = StopReason.CANCELLED if clock.cancelled else run.stop or StopReason.TIME_LIMIT
    optimal = top_proven and not clock.cancelled
    return assemble(
        comp.problem,
        meetings,
        bound=bound,
        status=SolveStatus.OPTIMAL if optimal else SolveStatus.FEASIBLE,
        started=clock.start,
        message=STOP_MESSAGES[stop],
        stop=stop,
    )


STOP_MESSAGES = {
    StopReason.PROVEN: "every goal at its proven bound",
    StopReason.STALLED: "stopped: no gain for the stall time",
    StopReason.TIME_LIMIT: "best schedule found within the time limit",
    StopReason.CANCELLED: "cancelled; best schedule so far",
}
