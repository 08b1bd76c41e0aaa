"""Stage 1: which meetings. A b-matching for the two top goals, by LP and CP-SAT.

Each person meets at most their capacity (`solver.limits.capacity`: cap, per-day caps and
back-to-back runs over their free slots) of partners and the shared-table meetings fit
in the tables left over all slots. Timing is ignored, so the optima are upper bounds on
any schedule: on people reaching their minimum and on weight (the bound in the stats);
the chosen meetings are usually almost timeable, which makes them a good target for the
timing stage.

1. The LP relaxation (GLOP) of the max-weight b-matching takes a fraction of a second
   and on event-shaped problems its optimum is integral: the weight bound.
2. If that matching leaves someone below their minimum, CP-SAT maximises the people who
   reach it (coverage indicators), hinted with the LP's whole part: the coverage bound.
3. Then CP-SAT maximises weight keeping at least that coverage: the weight bound for
   schedules at the best coverage.
Both prefer keeping the previous schedule's pairs at equal weight.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Sequence
from dataclasses import dataclass, replace

from ortools.linear_solver import pywraplp
from ortools.sat.python import cp_model

from solver.compact import Compact, Occupancy
from solver.control import Clock, SearchLimits, run_cpsat


@dataclass(frozen=True)
class Selection:
    """The chosen candidate numbers and the bounds they prove (on top of the locked).

    `bound`: the most weight any schedule can add; `cover_bound`: the most people who can
    be at their minimum; `cover_weight_bound`: the most weight a schedule can add while
    at least as many people as in `chosen` are at their minimum.
    """

    chosen: tuple[int, ...]
    bound: int
    optimal: bool
    cover_bound: int
    cover_weight_bound: int


Search = tuple[int, Clock, SearchLimits]
"""How CP-SAT searches: the locked weight (for reported bounds), the clock and limits."""


@dataclass(frozen=True)
class BMatching:
    """The b-matching on top of the locked meetings: eligible pairs and capacities."""

    cands: list[int]
    room: list[int]
    tables: int


def b_matching(comp: Compact, occ: Occupancy) -> BMatching:
    """Pairs that could still meet, each person's room and the table-meetings left."""
    room = [
        min(comp.cap[p] - occ.count[p], (comp.free[p] & ~occ.busy[p]).bit_count())
        for p in range(len(comp.person_ids))
    ]
    cands = []
    for cand, common in enumerate(comp.cand_common):
        a, b = comp.cand_a[cand], comp.cand_b[cand]
        if cand in occ.locked_cands or common & ~(occ.busy[a] | occ.busy[b]) == 0:
            continue
        if room[a] > 0 and room[b] > 0:
            cands.append(cand)
    return BMatching(cands, room, sum(occ.tables_left))


def needs(comp: Compact, occ: Occupancy, bm: BMatching) -> tuple[int, dict[int, int]]:
    """People at their minimum through locked meetings alone, and person -> meetings
    still needed for everyone else who can reach their minimum in the b-matching."""
    already = 0
    wanted: dict[int, int] = {}
    for p, least in enumerate(comp.minimum):
        if not least:
            continue
        need = least - occ.count[p]
        if need <= 0:
            already += 1
        elif need <= bm.room[p]:
            wanted[p] = need
    return already, wanted


def covered_by(comp: Compact, chosen: Sequence[int], wanted: dict[int, int]) -> int:
    got = dict.fromkeys(wanted, 0)
    for c in chosen:
        for p in (comp.cand_a[c], comp.cand_b[c]):
            if p in got:
                got[p] += 1
    return sum(1 for p, need in wanted.items() if got[p] >= need)


def choose_meetings(
    comp: Compact,
    occ: Occupancy,
    *,
    keep: Collection[int],
    hint: Collection[int],
    clock: Clock,
    limits: SearchLimits,
) -> Selection | None:
    """Solve the b-matchings on top of the locked meetings in `occ`; None if no solution.

    `hint` (a feasible set, such as the greedy's) seeds CP-SAT if the LP is not solved.
    """
    bm = b_matching(comp, occ)
    already, wanted = needs(comp, occ, bm)
    if not bm.cands:
        return Selection((), 0, True, already, 0)
    weighted = max_weight(comp, occ, bm, keep, hint, clock, limits)
    if weighted is None:
        return None
    everyone = already + len(wanted)
    if covered_by(comp, weighted.chosen, wanted) == len(wanted):
        return replace(weighted, cover_bound=everyone, cover_weight_bound=weighted.bound)
    # The LP with the fewest meetings missing from people's minimums, then the most
    # weight: with none missing and integral it settles the stage; else CP-SAT improves
    # on its whole part for the exact coverage, and the better of the two is kept.
    scale = len(keep) + 1
    relaxed = solve_lp(comp, bm, keep, scale, limits.wall_s, wanted)
    rounded = weighted.chosen
    if relaxed is not None:
        values, objective = relaxed.values, relaxed.objective
        rounded = tuple(c for c, v in zip(bm.cands, values, strict=True) if v > 1 - 1e-6)
        if relaxed.deficit < 1e-6 and all(v < 1e-6 or v > 1 - 1e-6 for v in values):
            bound = math.floor(objective / scale + 1e-6)
            return Selection(rounded, weighted.bound, weighted.optimal, everyone, bound)
    fair = most_covered(
        comp, bm, keep, rounded, clock, replace(limits, wall_s=limits.wall_s / 2), wanted
    )
    if fair is None:
        return replace(weighted, chosen=rounded, optimal=False, cover_bound=everyone)
    if quality(comp, rounded, wanted) > quality(comp, fair.chosen, wanted):
        fair = replace(fair, chosen=rounded, optimal=False)
    return Selection(
        fair.chosen,
        weighted.bound,
        weighted.optimal and fair.optimal,
        already + fair.cover_bound,
        min(weighted.bound, fair.cover_weight_bound),
    )


def quality(comp: Compact, chosen: Sequence[int], wanted: dict[int, int]) -> tuple[int, int]:
    """(people of `wanted` at their minimum, weight) of a set of pairs."""
    return covered_by(comp, chosen, wanted), sum(comp.cand_w[c] for c in chosen)


def max_weight(
    comp: Compact,
    occ: Occupancy,
    bm: BMatching,
    keep: Collection[int],
    hint: Collection[int],
    clock: Clock,
    limits: SearchLimits,
) -> Selection | None:
    """The max-weight b-matching: the LP if integral, else CP-SAT hinted with it.

    Its cover fields are left at 0 for the caller.
    """
    scale = len(keep) + 1
    relaxed = solve_lp(comp, bm, keep, scale, limits.wall_s, {})
    if relaxed is None:
        return solve_cpsat(comp, bm, keep, hint, (occ.locked_weight, clock, limits))
    values, objective = relaxed.values, relaxed.objective
    bound = math.floor(objective / scale + 1e-6)
    whole = tuple(c for c, v in zip(bm.cands, values, strict=True) if v > 1 - 1e-6)
    if all(v < 1e-6 or v > 1 - 1e-6 for v in values):
        return Selection(whole, bound, True, 0, 0)
    clock.tighten_bound(occ.locked_weight + bound)
    exact = solve_cpsat(comp, bm, keep, whole, (occ.locked_weight, clock, limits))
    if exact is None:
        return Selection(whole, bound, False, 0, 0)
    return Selection(exact.chosen, min(bound, exact.bound), exact.optimal, 0, 0)


@dataclass(frozen=True)
class Relaxed:
    """An LP optimum: each eligible pair's value, the weight objective, and the meetings
    missing from people's minimums."""

    values: list[float]
    objective: float
    deficit: float


def solve_lp(
    comp: Compact,
    bm: BMatching,
    keep: Collection[int],
    scale: int,
    time_s: float,
    wanted: dict[int, int],
) -> Relaxed | None:
    """The LP relaxation, each pair in [0, 1]; None if unsolved.

    With `wanted` (person -> meetings needed), it first minimises the meetings missing
    from those minimums, then keeps that deficit and maximises `scale` x weight plus one
    per kept previous pair.
    """
    solver = pywraplp.Solver.CreateSolver("GLOP")
    if solver is None:
        return None
    solver.SetTimeLimit(max(1, int(time_s * 1000)))
    xs = [solver.NumVar(0.0, 1.0, "") for _ in bm.cands]
    per_person: dict[int, list[int]] = {}
    for i, cand in enumerate(bm.cands):
        per_person.setdefault(comp.cand_a[cand], []).append(i)
        per_person.setdefault(comp.cand_b[cand], []).append(i)
    for person, indices in per_person.items():
        if len(indices) > bm.room[person]:
            row = solver.Constraint(0.0, float(bm.room[person]))
            for i in indices:
                row.SetCoefficient(xs[i], 1.0)
    tables = [i for i, cand in enumerate(bm.cands) if comp.cand_table[cand]]
    if len(tables) > bm.tables:
        row = solver.Constraint(0.0, float(bm.tables))
        for i in tables:
            row.SetCoefficient(xs[i], 1.0)
    objective = solver.Objective()
    deficit = 0.0
    if wanted:
        missing = []
        for person, need in wanted.items():
            slack = solver.NumVar(0.0, float(need), "")
            row = solver.Constraint(float(need), solver.infinity())
            row.SetCoefficient(slack, 1.0)
            for i in per_person.get(person, []):
                row.SetCoefficient(xs[i], 1.0)
            missing.append(slack)
            objective.SetCoefficient(slack, 1.0)
        objective.SetMinimization()
        if solver.Solve() != pywraplp.Solver.OPTIMAL:
            return None
        deficit = objective.Value()
        cap = solver.Constraint(0.0, deficit + 1e-6)
        for slack in missing:
            cap.SetCoefficient(slack, 1.0)
            objective.SetCoefficient(slack, 0.0)
    for x, cand in zip(xs, bm.cands, strict=True):
        objective.SetCoefficient(x, float(scale * comp.cand_w[cand] + (cand in keep)))
    objective.SetMaximization()
    if solver.Solve() != pywraplp.Solver.OPTIMAL:
        return None
    return Relaxed([x.solution_value() for x in xs], objective.Value(), deficit)


def matching_model(
    comp: Compact, bm: BMatching, hint: Collection[int]
) -> tuple[cp_model.CpModel, dict[int, cp_model.IntVar]]:
    """The b-matching's variables and capacity constraints in CP-SAT, hinted."""
    model = cp_model.CpModel()
    chosen = {cand: model.new_bool_var(f"x{cand}") for cand in bm.cands}
    for person, cands in enumerate(comp.by_person):
        xs = [chosen[c] for c in cands if c in chosen]
        if len(xs) > bm.room[person]:
            model.add(sum(xs) <= bm.room[person])
    table_cands = [x for c, x in chosen.items() if comp.cand_table[c]]
    if len(table_cands) > bm.tables:
        model.add(sum(table_cands) <= bm.tables)
    for cand, x in chosen.items():
        model.add_hint(x, cand in hint)
    return model, chosen


def coverage_vars(
    comp: Compact,
    model: cp_model.CpModel,
    chosen: dict[int, cp_model.IntVar],
    wanted: dict[int, int],
) -> list[cp_model.IntVar]:
    """A boolean per person in `wanted` that is true only if they reach their minimum."""
    reached = []
    for person, need in wanted.items():
        xs = [chosen[c] for c in comp.by_person[person] if c in chosen]
        at_minimum = model.new_bool_var(f"m{person}")
        model.add(sum(xs) >= need).only_enforce_if(at_minimum)
        reached.append(at_minimum)
    return reached


def most_covered(
    comp: Compact,
    bm: BMatching,
    keep: Collection[int],
    hint: Collection[int],
    clock: Clock,
    limits: SearchLimits,
    wanted: dict[int, int],
) -> Selection | None:
    """The b-matching with the most people of `wanted` at their minimum, then the most
    weight, then the most kept previous pairs (one lexicographic CP-SAT objective).

    Its bounds: `cover_bound` people of `wanted` at most, and `cover_weight_bound`
    weight at most for a matching with that many at their minimum.
    """
    model, chosen = matching_model(comp, bm, hint)
    reached = coverage_vars(comp, model, chosen, wanted)
    kept = [x for c, x in chosen.items() if c in keep]
    scale = len(kept) + 1
    cover_scale = scale * sum(comp.cand_w[c] for c in chosen) + len(kept) + 1
    weight = sum(comp.cand_w[c] * x for c, x in chosen.items())
    model.maximize(cover_scale * sum(reached) + scale * weight + sum(kept))
    result = run_cpsat(model, limits, clock, "choose")
    if not result.has_solution:
        return None
    solver = result.solver
    picked = tuple(c for c, x in chosen.items() if solver.boolean_value(x))
    objective_bound = int(solver.best_objective_bound + 1e-6)
    cover_bound = min(len(wanted), objective_bound // cover_scale)
    weight_bound = (objective_bound - cover_scale * cover_bound) // scale
    return Selection(picked, weight_bound, result.optimal, cover_bound, weight_bound)


def solve_cpsat(
    comp: Compact, bm: BMatching, keep: Collection[int], hint: Collection[int], run: Search
) -> Selection | None:
    """The max-weight b-matching in CP-SAT; below weight it prefers kept previous pairs."""
    locked_weight, clock, limits = run
    model, chosen = matching_model(comp, bm, hint)
    kept = [x for c, x in chosen.items() if c in keep]
    scale = len(kept) + 1
    weight = sum(comp.cand_w[c] * x for c, x in chosen.items())
    model.maximize(scale * weight + sum(kept))

    def on_bound(objective_bound: float) -> None:
        clock.tighten_bound(locked_weight + int(objective_bound + 1e-6) // scale)

    result = run_cpsat(model, limits, clock, "choose", on_bound)
    if not result.has_solution:
        return None
    solver = result.solver
    picked = tuple(c for c, x in chosen.items() if solver.boolean_value(x))
    bound = int(solver.best_objective_bound + 1e-6) // scale
    return Selection(picked, bound, result.optimal, 0, 0)
