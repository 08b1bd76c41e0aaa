"""Stage 2: when. Put chosen meetings into slots, greedily and with few holes.

Previous meetings go back to their old slot when it is still open. Otherwise a meeting
takes the open slot that adds the fewest holes to its two people, the earliest on ties.
Meetings someone needs to reach their minimum go first, then those of the busiest people:
they have the least room to manoeuvre.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from solver.compact import Compact, Occupancy, idle_between


def hole_increase(comp: Compact, occ: Occupancy, person: int, slot: int) -> int:
    """How many holes the person gains by a meeting in `slot`."""
    within = comp.session_masks[comp.slot_session[slot]]
    busy = occ.busy[person]
    free = comp.free[person]
    return idle_between(busy | 1 << slot, free, within) - idle_between(busy, free, within)


def best_slot(comp: Compact, occ: Occupancy, cand: int, open_mask: int) -> int:
    """The open slot adding the fewest holes for the candidate's two people (earliest)."""
    a, b = comp.cand_a[cand], comp.cand_b[cand]
    best, best_cost = -1, 0
    mask, slot = open_mask, 0
    while mask:
        if mask & 1:
            cost = hole_increase(comp, occ, a, slot) + hole_increase(comp, occ, b, slot)
            if best < 0 or cost < best_cost:
                best, best_cost = slot, cost
        mask >>= 1
        slot += 1
    return best


def place_all(
    comp: Compact, occ: Occupancy, cands: Iterable[int], previous: Mapping[int, int]
) -> None:
    """Place each candidate not yet placed, in order, if it still fits anywhere."""
    for cand in cands:
        open_mask = occ.open_slots(cand)
        if not open_mask:
            continue
        old = previous.get(cand)
        if old is not None and open_mask >> old & 1:
            occ.place(cand, old)
        else:
            occ.place(cand, best_slot(comp, occ, cand, open_mask))


def busiest_first(comp: Compact, chosen: Sequence[int]) -> list[int]:
    """The chosen meetings: first those someone needs for their minimum (they have no
    more chosen than it), then those of people with the fullest agendas."""
    load = [0] * len(comp.person_ids)
    for cand in chosen:
        load[comp.cand_a[cand]] += 1
        load[comp.cand_b[cand]] += 1

    def fullness(cand: int) -> float:
        a, b = comp.cand_a[cand], comp.cand_b[cand]
        return load[a] / max(1, comp.free[a].bit_count()) + load[b] / max(
            1, comp.free[b].bit_count()
        )

    def needed(cand: int) -> bool:
        return any(0 < load[p] <= comp.minimum[p] for p in (comp.cand_a[cand], comp.cand_b[cand]))

    return sorted(chosen, key=lambda c: (not needed(c), -fullness(c)))


def time_meetings(
    comp: Compact,
    occ: Occupancy,
    chosen: Sequence[int],
    previous: Mapping[int, int],
    fill_order: Iterable[int],
) -> None:
    """Time kept previous meetings, then the chosen ones, then fill up in `fill_order`."""
    place_all(comp, occ, (c for c in chosen if c in previous), previous)
    place_all(comp, occ, busiest_first(comp, chosen), previous)
    place_all(comp, occ, fill_order, previous)
