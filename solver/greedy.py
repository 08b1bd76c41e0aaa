"""The greedy baseline and warm start: each candidate into the earliest slot that fits.

`order="fcfs"` takes candidates in a seeded random order, as request-and-book platforms
do; `order="weight"` takes them heaviest first, ties in that same random order (this
reproduces the reference figures in the shared bench README).
"""

from __future__ import annotations

import random
import time
from collections.abc import Iterable
from typing import Literal

from solver.assemble import assemble
from solver.compact import Compact, Occupancy, capacity_bound, compact
from solver.schema import Problem, Schedule, SolveStatus
from solver.tables import assign_tables

GreedyOrder = Literal["weight", "fcfs"]


def greedy_order(comp: Compact, order: GreedyOrder, seed: int) -> list[int]:
    """Candidate numbers in the order the greedy considers them."""
    cands = list(range(len(comp.cand_a)))
    random.Random(seed).shuffle(cands)
    if order == "fcfs":
        return cands
    return sorted(cands, key=lambda c: -comp.cand_w[c])


def greedy_fill(occ: Occupancy, cands: Iterable[int]) -> None:
    """Place each candidate not yet placed (nor locked) into its earliest open slot."""
    for cand in cands:
        mask = occ.open_slots(cand)
        if mask:
            occ.place(cand, (mask & -mask).bit_length() - 1)


def locked_occupancy(comp: Compact) -> Occupancy:
    """An occupancy holding just the locked meetings."""
    occ = Occupancy(comp)
    for m in comp.problem.locked:
        occ.add_locked(m)
    return occ


def greedy_schedule(problem: Problem, order: GreedyOrder = "weight", seed: int = 0) -> Schedule:
    """The greedy schedule of `problem` with stats and reasons (status feasible).

    Its stats carry the quick capacity bound (`compact.capacity_bound`).
    """
    start = time.monotonic()
    comp = compact(problem)
    occ = locked_occupancy(comp)
    greedy_fill(occ, greedy_order(comp, order, seed))
    meetings = assign_tables(comp, occ.slot_of, problem.locked)
    return assemble(
        problem,
        meetings,
        bound=capacity_bound(comp),
        status=SolveStatus.FEASIBLE,
        started=start,
        message=f"greedy ({order})",
    )
