"""Last stage: give each timed shared-table meeting a concrete table.

Per slot the tables are distinct. Locked meetings keep theirs, a meeting that stays in its
previous slot keeps its previous table when it is still free, any other prefers its
previous table, and the rest take the first free tables in problem order.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping

from solver.compact import Compact
from solver.schema import Meeting


def assign_tables(
    comp: Compact, timed: Mapping[int, int], locked: Iterable[Meeting]
) -> list[Meeting]:
    """Locked meetings as given, then every `timed` candidate (number -> slot) with a place.

    Raises ValueError when a slot has more shared-table meetings than free tables.
    """
    locked = list(locked)
    used: dict[int, set[str]] = defaultdict(set)
    for m in locked:
        if m.table is not None and m.slot in comp.slot_index:
            used[comp.slot_index[m.slot]].add(m.table)
    previous_table: dict[int, tuple[int, str]] = {}
    for m in comp.problem.previous:
        cand = comp.cand_of(m)
        if cand is not None and m.table is not None and m.slot in comp.slot_index:
            previous_table[cand] = (comp.slot_index[m.slot], m.table)
    table_of: dict[int, str | None] = {}
    waiting: dict[int, list[int]] = defaultdict(list)
    for cand, slot in timed.items():
        if not comp.cand_table[cand]:
            table_of[cand] = None
        else:
            waiting[slot].append(cand)
    for slot, cands in waiting.items():
        taken = used[slot]
        # Same slot as before first, so a moved meeting cannot take a staying one's table.
        stays = [c for c in cands if previous_table.get(c, (-1, ""))[0] == slot]
        moved = [c for c in cands if previous_table.get(c, (-1, ""))[0] != slot]
        for cand in [*stays, *moved]:
            wish = previous_table.get(cand)
            if wish is not None and wish[1] not in taken and wish[1] in comp.tables:
                table_of[cand] = wish[1]
                taken.add(wish[1])
        rest = iter(t for t in comp.tables if t not in taken)
        for cand in cands:
            if cand not in table_of:
                table = next(rest, None)
                if table is None:
                    raise ValueError(f"no table left in slot {comp.slot_ids[slot]}")
                table_of[cand] = table
                taken.add(table)
    timed_meetings = [comp.meeting(c, s, table_of[c]) for c, s in timed.items()]
    return [*locked, *timed_meetings]
