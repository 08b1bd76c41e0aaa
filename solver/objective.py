"""The design's quality order as one comparable score of a timed occupancy."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from solver.compact import Compact, Occupancy, person_holes
from solver.schema import ObjectiveWeights


@dataclass(frozen=True, order=True)
class Score:
    """Compared as (weight, -penalty): weight always dominates the penalties below it."""

    weight: int
    neg_penalty: int


def evaluate(
    comp: Compact, occ: Occupancy, previous: Mapping[int, int], weights: ObjectiveWeights
) -> Score:
    """Total weight (locked included) and the weighted zero-meeting, hole and move count."""
    weight = occ.locked_weight + sum(comp.cand_w[c] for c in occ.slot_of)
    zero = sum(1 for p, cands in enumerate(comp.by_person) if cands and occ.count[p] == 0)
    holes = sum(person_holes(comp, p, busy) for p, busy in enumerate(occ.busy) if busy)
    moved = sum(1 for c, slot in previous.items() if occ.slot_of.get(c) != slot)
    penalty = weights.zero_meeting * zero + weights.hole * holes + weights.moved * moved
    return Score(weight, -penalty)
