"""The design's quality order as one comparable score of a timed occupancy."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from solver.compact import Compact, Occupancy, person_holes
from solver.schema import Goal, ObjectiveWeights


@dataclass(frozen=True, order=True)
class Score:
    """Compared in the quality order: people at their minimum, then weight, then the
    weighted holes and moves (`neg_penalty`, 0 at best)."""

    covered: int
    weight: int
    neg_penalty: int


@dataclass(frozen=True)
class Figures:
    """The goals' raw values: people at their minimum, weight, holes, moved meetings."""

    covered: int
    weight: int
    holes: int
    moved: int

    def score(self, weights: ObjectiveWeights) -> Score:
        penalty = weights.hole * self.holes + weights.moved * self.moved
        return Score(self.covered, self.weight, -penalty)


def covered(comp: Compact, occ: Occupancy) -> int:
    """How many people with a minimum above 0 have at least that many meetings."""
    return sum(1 for p, least in enumerate(comp.minimum) if least and occ.count[p] >= least)


def figures(comp: Compact, occ: Occupancy, previous: Mapping[int, int]) -> Figures:
    """The goals' values of a timed occupancy (locked meetings included)."""
    return Figures(
        covered=covered(comp, occ),
        weight=occ.locked_weight + sum(comp.cand_w[c] for c in occ.slot_of),
        holes=sum(person_holes(comp, p, busy) for p, busy in enumerate(occ.busy) if busy),
        moved=sum(1 for c, slot in previous.items() if occ.slot_of.get(c) != slot),
    )


def evaluate(
    comp: Compact, occ: Occupancy, previous: Mapping[int, int], weights: ObjectiveWeights
) -> Score:
    """The occupancy's score in the quality order."""
    return figures(comp, occ, previous).score(weights)


@dataclass
class Bounds:
    """What no schedule can beat: `weight` overall, `cover` people at their minimum, and
    `cover_weight` weight among schedules with `cover` people at their minimum."""

    weight: int
    cover: int
    cover_weight: int


def goals(comp: Compact, figs: Figures, bounds: Bounds, with_moves: bool) -> tuple[Goal, ...]:
    """The goals in the quality order, each with its value and proven bound.

    Weight is judged against `cover_weight` once coverage is at its bound (the goals are
    lexicographic), else against the overall bound. Holes and moves are bounded by 0.
    """
    with_minimum = sum(1 for least in comp.minimum if least)
    at_cover = figs.covered >= bounds.cover
    found = [
        Goal("below_minimum", with_minimum - figs.covered, with_minimum - bounds.cover, False),
        Goal("weight", figs.weight, bounds.cover_weight if at_cover else bounds.weight, True),
        Goal("holes", figs.holes, 0, False),
    ]
    if with_moves:
        found.append(Goal("moved", figs.moved, 0, False))
    return tuple(found)
