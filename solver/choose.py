"""Stage 1: which meetings. A max-weight b-matching, by linear programming or CP-SAT.

Each person meets at most min(cap, free slots) partners and the shared-table meetings fit
in the tables left over all slots. Timing is ignored, so the optimum is an upper bound on
any schedule's weight (the bound reported in the stats); it is also usually almost
timeable, which makes its meetings a good target for the timing stage.

The LP relaxation (GLOP) comes first: it takes a fraction of a second and on event-shaped
problems its optimum is integral, which settles the stage. Otherwise CP-SAT solves the
b-matching itself, hinted with the LP's whole part, and below weight prefers giving
everyone a meeting. Both prefer keeping the previous schedule's pairs at equal weight.
"""

from __future__ import annotations

import math
from collections.abc import Collection
from dataclasses import dataclass

from ortools.linear_solver import pywraplp
from ortools.sat.python import cp_model

from solver.compact import Compact, Occupancy
from solver.control import Clock, SearchLimits, run_cpsat


@dataclass(frozen=True)
class Selection:
    """The chosen candidate numbers and an upper bound on the weight they can add."""

    chosen: tuple[int, ...]
    bound: int
    optimal: bool


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


def choose_meetings(
    comp: Compact,
    occ: Occupancy,
    *,
    keep: Collection[int],
    hint: Collection[int],
    clock: Clock,
    limits: SearchLimits,
) -> Selection | None:
    """Solve the b-matching on top of the locked meetings in `occ`; None if no solution.

    `hint` (a feasible set, such as the greedy's) seeds CP-SAT if the LP is not solved.
    """
    bm = b_matching(comp, occ)
    if not bm.cands:
        return Selection((), 0, True)
    scale = len(keep) + 1
    relaxed = solve_lp(comp, bm, keep, scale, limits.wall_s)
    if relaxed is None:
        return solve_cpsat(comp, occ, bm, keep, hint, clock, limits)
    values, objective = relaxed
    bound = math.floor(objective / scale + 1e-6)
    whole = tuple(c for c, v in zip(bm.cands, values, strict=True) if v > 1 - 1e-6)
    if all(v < 1e-6 or v > 1 - 1e-6 for v in values):
        return Selection(whole, bound, True)
    clock.tighten_bound(occ.locked_weight + bound)
    exact = solve_cpsat(comp, occ, bm, keep, whole, clock, limits)
    if exact is None:
        return Selection(whole, bound, False)
    return Selection(exact.chosen, min(bound, exact.bound), exact.optimal)


def solve_lp(
    comp: Compact, bm: BMatching, keep: Collection[int], scale: int, time_s: float
) -> tuple[list[float], float] | None:
    """The LP relaxation: each pair's value in [0, 1] and the optimum; None if unsolved.

    The objective is `scale` x weight, plus one per kept previous pair.
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
    for x, cand in zip(xs, bm.cands, strict=True):
        objective.SetCoefficient(x, float(scale * comp.cand_w[cand] + (cand in keep)))
    objective.SetMaximization()
    if solver.Solve() != pywraplp.Solver.OPTIMAL:
        return None
    return [x.solution_value() for x in xs], objective.Value()


def solve_cpsat(
    comp: Compact,
    occ: Occupancy,
    bm: BMatching,
    keep: Collection[int],
    hint: Collection[int],
    clock: Clock,
    limits: SearchLimits,
) -> Selection | None:
    """The b-matching in CP-SAT, preferring people with a meeting below weight."""
    model = cp_model.CpModel()
    chosen = {cand: model.new_bool_var(f"x{cand}") for cand in bm.cands}
    met = []
    for person, cands in enumerate(comp.by_person):
        xs = [chosen[c] for c in cands if c in chosen]
        if not xs:
            continue
        if len(xs) > bm.room[person]:
            model.add(sum(xs) <= bm.room[person])
        if occ.count[person] == 0:
            has_meeting = model.new_bool_var(f"y{person}")
            model.add_bool_or(xs).only_enforce_if(has_meeting)
            met.append(has_meeting)
    table_cands = [x for c, x in chosen.items() if comp.cand_table[c]]
    if len(table_cands) > bm.tables:
        model.add(sum(table_cands) <= bm.tables)
    kept = [x for c, x in chosen.items() if c in keep]
    scale = len(met) + len(kept) + 1
    weight = sum(comp.cand_w[c] * x for c, x in chosen.items())
    model.maximize(scale * weight + sum(met) + sum(kept))
    for cand, x in chosen.items():
        model.add_hint(x, cand in hint)

    def on_bound(objective_bound: float) -> None:
        clock.tighten_bound(occ.locked_weight + int(objective_bound + 1e-6) // scale)

    result = run_cpsat(model, limits, clock, "choose", on_bound)
    if not result.has_solution:
        return None
    solver = result.solver
    picked = tuple(c for c, x in chosen.items() if solver.boolean_value(x))
    bound = int(solver.best_objective_bound + 1e-6) // scale
    return Selection(picked, bound, result.optimal)
