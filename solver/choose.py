"""Stage 1: which meetings. A max-weight b-matching solved with CP-SAT.

Each person meets at most min(cap, free slots) partners and the shared-table meetings fit
in the tables left over all slots. Timing is ignored, so the optimum is an upper bound on
any schedule's weight (the bound reported in the stats); it is also usually almost
timeable, which makes its meetings a good target for the timing stage. Below weight the
objective prefers giving everyone a meeting, then keeping the previous schedule's pairs.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass

from ortools.sat.python import cp_model

from solver.compact import Compact, Occupancy
from solver.control import Clock, SearchLimits, run_cpsat


@dataclass(frozen=True)
class Selection:
    """The chosen candidate numbers and an upper bound on the weight they can add."""

    chosen: tuple[int, ...]
    bound: int
    optimal: bool


def choose_meetings(
    comp: Compact,
    occ: Occupancy,
    *,
    keep: Collection[int],
    hint: Iterable[int],
    clock: Clock,
    limits: SearchLimits,
) -> Selection | None:
    """Solve the b-matching on top of the locked meetings in `occ`; None if no solution."""
    model = cp_model.CpModel()
    room = [
        min(comp.cap[p] - occ.count[p], (comp.free[p] & ~occ.busy[p]).bit_count())
        for p in range(len(comp.person_ids))
    ]
    chosen = {}
    for cand, common in enumerate(comp.cand_common):
        a, b = comp.cand_a[cand], comp.cand_b[cand]
        if cand in occ.locked_cands or common & ~(occ.busy[a] | occ.busy[b]) == 0:
            continue
        if room[a] > 0 and room[b] > 0:
            chosen[cand] = model.new_bool_var(f"x{cand}")
    if not chosen:
        return Selection((), 0, True)
    met = []
    for person, cands in enumerate(comp.by_person):
        xs = [chosen[c] for c in cands if c in chosen]
        if not xs:
            continue
        if len(xs) > room[person]:
            model.add(sum(xs) <= room[person])
        if occ.count[person] == 0:
            has_meeting = model.new_bool_var(f"y{person}")
            model.add_bool_or(xs).only_enforce_if(has_meeting)
            met.append(has_meeting)
    table_cands = [x for c, x in chosen.items() if comp.cand_table[c]]
    if len(table_cands) > sum(occ.tables_left):
        model.add(sum(table_cands) <= sum(occ.tables_left))
    kept = [x for c, x in chosen.items() if c in keep]
    scale = len(met) + len(kept) + 1
    weight = sum(comp.cand_w[c] * x for c, x in chosen.items())
    model.maximize(scale * weight + sum(met) + sum(kept))
    hinted = set(hint)
    for cand, x in chosen.items():
        model.add_hint(x, cand in hinted)

    def on_bound(objective_bound: float) -> None:
        clock.tighten_bound(occ.locked_weight + int(objective_bound + 1e-6) // scale)

    result = run_cpsat(model, limits, clock, "choose", on_bound)
    if not result.has_solution:
        return None
    solver = result.solver
    picked = tuple(c for c, x in chosen.items() if solver.boolean_value(x))
    bound = int(solver.best_objective_bound + 1e-6) // scale
    return Selection(picked, bound, result.optimal)
