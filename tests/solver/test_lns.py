"""Large-neighbourhood search: the groups it re-optimises."""

from __future__ import annotations

import random

from solver.compact import compact
from solver.greedy import locked_occupancy
from solver.lns import repair_group
from solver.schema import pair_key
from tests.solver.conftest import make_problem


def test_a_repair_group_frees_room_around_someone_below_their_minimum() -> None:
    # N's only partner H meets A and B; A also meets C. Freeing a slot of H's takes A or B
    # into the group, and C does not need to come.
    problem = make_problem(
        slots=2, candidates=[("N", "H"), ("H", "A"), ("H", "B"), ("A", "C"), ("X", "Y")]
    )
    comp = compact(problem)
    occ = locked_occupancy(comp)
    index = comp.person_index
    for pair, slot in ((("H", "A"), 0), (("H", "B"), 1), (("A", "C"), 1)):
        occ.place(comp.cand_index[pair_key(*pair)], slot)
    group = repair_group(comp, occ, index["N"], random.Random(0))
    assert {comp.person_ids[p] for p in group} == {"N", "H", "A", "B"}
    assert group[0] == index["N"]
