"""Stage 3: improve a timed schedule by large-neighbourhood search.

Each step frees a small group of people linked by candidate pairs: all meetings between
them may move to any slot, be dropped or be added, while everyone else's meetings stay
fixed. A small CP-SAT model re-optimises the group for the design's quality order
(people reaching their minimum, then weight, then holes and moves, via
`ObjectiveWeights`) within everyone's limits, hinted with the current schedule; the step
is kept when the whole schedule scores better, so no step ever loses coverage.

The search ends when every goal sits at its proven bound (`Goals.proven`), when no step
has gained for the stall time, at the budget, or on cancel.
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from solver.compact import Compact, Occupancy, mask_slots, person_holes
from solver.control import Clock, SearchLimits, run_cpsat
from solver.objective import Bounds, figures, goals
from solver.schema import ObjectiveWeights

GROUP_PEOPLE = 40
GROUP_PAIRS = 70
STEP_WALL_S = 0.5
STEP_DETERMINISTIC_S = 0.1


@dataclass
class Neighbourhood:
    """The CP-SAT model of one group: x[(cand, slot)] says the pair meets in that slot.

    `fixed_busy`, `fixed_count` and `tables_left` describe everything outside the model:
    the group's other meetings and the tables they leave.
    """

    freed: list[int]
    fixed_busy: dict[int, int]
    fixed_count: dict[int, int]
    tables_left: list[int]
    model: cp_model.CpModel = field(default_factory=cp_model.CpModel)
    x: dict[tuple[int, int], cp_model.IntVar] = field(default_factory=dict)
    at: dict[tuple[int, int], list[cp_model.IntVar]] = field(default_factory=dict)
    own: dict[int, list[cp_model.IntVar]] = field(default_factory=dict)


def partner(comp: Compact, cand: int, person: int) -> int:
    """The other person of candidate `cand`."""
    return comp.cand_b[cand] if comp.cand_a[cand] == person else comp.cand_a[cand]


def group_around(comp: Compact, occ: Occupancy, seeds: list[int], rng: random.Random) -> list[int]:
    """People reached from `seeds` through candidate pairs, breadth first, until the group
    has GROUP_PEOPLE people or GROUP_PAIRS candidate pairs among them. A person's current
    meeting partners come before their other candidates: moving those makes room."""
    group = list(seeds)
    seen = set(seeds)
    pairs = 0
    head = 0
    while head < len(group) and len(group) < GROUP_PEOPLE and pairs < GROUP_PAIRS:
        person = group[head]
        head += 1
        meeting = [partner(comp, c, person) for c in comp.by_person[person] if c in occ.slot_of]
        other = [partner(comp, c, person) for c in comp.by_person[person] if c not in occ.slot_of]
        rng.shuffle(meeting)
        rng.shuffle(other)
        for candidate in (*meeting, *other):
            if candidate in seen:
                continue
            seen.add(candidate)
            group.append(candidate)
            pairs += sum(
                1 for c in comp.by_person[candidate] if partner(comp, c, candidate) in seen
            )
            if len(group) >= GROUP_PEOPLE or pairs >= GROUP_PAIRS:
                break
    return group


def build(
    comp: Compact,
    occ: Occupancy,
    group: list[int],
    previous: Mapping[int, int],
    weights: ObjectiveWeights,
) -> Neighbourhood:
    """The model re-optimising every candidate pair inside `group`."""
    members = set(group)
    cands = sorted(
        {
            c
            for p in group
            for c in comp.by_person[p]
            if comp.cand_a[c] in members
            and comp.cand_b[c] in members
            and comp.cand_common[c]
            and c not in occ.locked_cands
        }
    )
    hood = free_group(comp, occ, group, cands)
    add_meeting_vars(comp, hood, cands)
    penalties: list[tuple[int, cp_model.IntVar]] = []
    reached: list[cp_model.IntVar] = []
    for p in group:
        own = hood.own[p]
        room = comp.cap[p] - hood.fixed_count[p]
        if len(own) > room:
            hood.model.add(sum(own) <= room)
        add_limits(comp, hood, p)
        need = comp.minimum[p] - hood.fixed_count[p]
        if comp.minimum[p] and 0 < need <= len(own):
            at_minimum = hood.model.new_bool_var(f"m{p}")
            hood.model.add(sum(own) >= need).only_enforce_if(at_minimum)
            reached.append(at_minimum)
        holes = hole_vars(comp, hood.model, p, hood.fixed_busy[p], hood.at)
        penalties.extend((weights.hole, h) for h in holes)
    kept = [hood.x[(c, s)] for c, s in previous.items() if (c, s) in hood.x]
    # Lexicographic: one more person at their minimum outweighs all the weight the model
    # can add, and one unit of weight outweighs every penalty it can incur.
    scale = sum(w for w, _ in penalties) + weights.moved * len(kept) + 1
    cover_scale = scale * (sum(comp.cand_w[c] for c in cands) + 1)
    hood.model.maximize(
        cp_model.LinearExpr.weighted_sum(
            [*reached, *hood.x.values(), *kept, *(term for _, term in penalties)],
            [
                *(cover_scale for _ in reached),
                *(scale * comp.cand_w[c] for c, _ in hood.x),
                *(weights.moved for _ in kept),
                *(-w for w, _ in penalties),
            ],
        )
    )
    for (c, slot), x in hood.x.items():
        hood.model.add_hint(x, occ.slot_of.get(c) == slot)
    return hood


def free_group(comp: Compact, occ: Occupancy, group: list[int], cands: list[int]) -> Neighbourhood:
    """An empty neighbourhood where the timed meetings among `cands` are taken out."""
    hood = Neighbourhood(
        freed=[c for c in cands if c in occ.slot_of],
        fixed_busy={p: occ.busy[p] for p in group},
        fixed_count={p: occ.count[p] for p in group},
        tables_left=list(occ.tables_left),
        own={p: [] for p in group},
    )
    for c in hood.freed:
        slot = occ.slot_of[c]
        for p in (comp.cand_a[c], comp.cand_b[c]):
            hood.fixed_busy[p] &= ~(1 << slot)
            hood.fixed_count[p] -= 1
        if comp.cand_table[c]:
            hood.tables_left[slot] += 1
    return hood


def add_meeting_vars(comp: Compact, hood: Neighbourhood, cands: list[int]) -> None:
    """A boolean per pair and open slot; at most one slot per pair, one meeting per person
    and slot, and no more shared-table meetings per slot than tables left."""
    by_slot_table: dict[int, list[cp_model.IntVar]] = {}
    for c in cands:
        a, b = comp.cand_a[c], comp.cand_b[c]
        if hood.fixed_count[a] >= comp.cap[a] or hood.fixed_count[b] >= comp.cap[b]:
            continue
        mask = comp.cand_common[c] & ~(hood.fixed_busy[a] | hood.fixed_busy[b])
        options = []
        for slot in mask_slots(mask):
            if comp.cand_table[c] and hood.tables_left[slot] == 0:
                continue
            x = hood.model.new_bool_var(f"x{c}_{slot}")
            hood.x[(c, slot)] = x
            options.append(x)
            hood.at.setdefault((a, slot), []).append(x)
            hood.at.setdefault((b, slot), []).append(x)
            if comp.cand_table[c]:
                by_slot_table.setdefault(slot, []).append(x)
        if len(options) > 1:
            hood.model.add_at_most_one(options)
        hood.own[a].extend(options)
        hood.own[b].extend(options)
    for xs in hood.at.values():
        if len(xs) > 1:
            hood.model.add_at_most_one(xs)
    for slot, xs in by_slot_table.items():
        if len(xs) > hood.tables_left[slot]:
            hood.model.add(sum(xs) <= hood.tables_left[slot])


def add_limits(comp: Compact, hood: Neighbourhood, person: int) -> None:
    """The person's per-day caps and back-to-back windows, counting their fixed meetings."""
    busy = hood.fixed_busy[person]
    caps = comp.day_cap[person]
    windows = [(day_mask, cap) for day_mask, cap in zip(comp.day_masks, caps or [], strict=False)]
    windows += [(w, len(mask_slots(w)) - 1) for w in comp.run_windows]
    for mask, cap in windows:
        xs = [x for s in mask_slots(mask & ~busy) for x in hood.at.get((person, s), [])]
        room = cap - (busy & mask).bit_count()
        if len(xs) > room:
            hood.model.add(sum(xs) <= max(0, room))


def hole_vars(
    comp: Compact,
    model: cp_model.CpModel,
    person: int,
    fixed_busy: int,
    at: Mapping[tuple[int, int], list[cp_model.IntVar]],
) -> list[cp_model.IntVar]:
    """Booleans that count the person's holes in the sessions where the model can move them.

    Per slot: `before` (a meeting at or before it) and `after` (at or after it); a free
    idle slot with both is a hole. Minimising holes keeps `before` and `after` tight.
    """
    holes = []
    free = comp.free[person]
    for slots in comp.sessions:
        if not any((person, s) in at for s in slots):
            continue
        before = [model.new_bool_var("") for _ in slots]
        after = [model.new_bool_var("") for _ in slots]
        for i, s in enumerate(slots):
            if i:
                model.add(before[i] >= before[i - 1])
                model.add(after[i - 1] >= after[i])
            if fixed_busy >> s & 1:
                model.add(before[i] == 1)
                model.add(after[i] == 1)
                continue
            busy = cp_model.LinearExpr.sum(at.get((person, s), []))
            model.add(before[i] >= busy)
            model.add(after[i] >= busy)
            if free >> s & 1:
                hole = model.new_bool_var("")
                model.add(hole + busy >= before[i] + after[i] - 1)
                holes.append(hole)
    return holes


def apply(
    comp: Compact, occ: Occupancy, hood: Neighbourhood, solver: cp_model.CpSolver
) -> Occupancy:
    """A copy of `occ` with the group's meetings replaced by the solver's."""
    out = occ.copy()
    for c in hood.freed:
        out.remove(c)
    for (c, slot), x in hood.x.items():
        if solver.boolean_value(x):
            out.place(c, slot)
    return out


def seed_people(
    comp: Compact, occ: Occupancy, wanted: Sequence[int], rng: random.Random
) -> list[int]:
    """People worth improving around: someone below their minimum, the two of a wanted
    pair not yet timed, someone with holes, with room, or anyone."""
    roll = rng.random()
    people = range(len(comp.person_ids))
    if roll < 0.3:
        below = [p for p in people if occ.count[p] < comp.minimum[p]]
        if below:
            return [below[rng.randrange(len(below))]]
    if roll < 0.5:
        missing = [c for c in wanted if c not in occ.slot_of and occ.open_slots(c) == 0]
        if missing:
            cand = missing[rng.randrange(len(missing))]
            return [comp.cand_a[cand], comp.cand_b[cand]]
    if roll < 0.8:
        pool = [p for p in people if occ.busy[p] and person_holes(comp, p, occ.busy[p])]
    elif roll < 0.9:
        pool = [p for p in people if comp.by_person[p] and occ.count[p] < comp.cap[p]]
    else:
        pool = []
    if not pool:
        pool = [p for p in people if comp.by_person[p]]
    return [pool[rng.randrange(len(pool))]]


@dataclass(frozen=True)
class Improved:
    """The improved schedule; `proven` when every goal is at its proven bound (or the
    whole problem was solved to optimality), `stalled` when no step gained for the stall
    time."""

    occ: Occupancy
    proven: bool
    stalled: bool = False


@dataclass(frozen=True)
class Budget:
    """How long the search may run: wall seconds, and the stall time without a gain.

    With `deterministic_s` the steps and the stall are measured in CP-SAT's deterministic
    time instead of the wall clock (wall time then only matters as the outer guard), so
    runs repeat exactly.
    """

    wall_s: float
    stall: float
    workers: int
    seed: int
    deterministic_s: float | None


def improve(
    comp: Compact,
    occ: Occupancy,
    *,
    bounds: Bounds,
    wanted: Sequence[int],
    previous: Mapping[int, int],
    weights: ObjectiveWeights,
    clock: Clock,
    budget: Budget,
) -> Improved:
    """Improve `occ` step by step until every goal is at its bound, the search stalls, the
    budget is spent or the solve is cancelled.

    `wanted` are pairs worth timing (the chosen meetings); groups form around those left
    out and around people below their minimum. A problem small enough for one group is
    solved as a whole in a single step.
    """
    if not any(comp.by_person):
        return Improved(occ, True)
    rng = random.Random(budget.seed)
    end = clock.elapsed() + budget.wall_s
    spent = 0.0
    deterministic = budget.deterministic_s is not None
    last_gain = 0.0 if deterministic else clock.elapsed()
    figs = figures(comp, occ, previous)
    score = figs.score(weights)
    active = [p for p, cands in enumerate(comp.by_person) if cands]
    pairs = sum(1 for common in comp.cand_common if common)
    small = len(active) <= GROUP_PEOPLE or pairs <= 2 * GROUP_PAIRS
    work_limit = budget.deterministic_s if budget.deterministic_s is not None else float("inf")
    while not clock.should_stop() and clock.elapsed() < end and spent < work_limit:
        clock.goals = goals(comp, figs, bounds, bool(previous))
        if all(goal.at_bound for goal in clock.goals):
            return Improved(occ, True)
        if (spent if deterministic else clock.elapsed()) - last_gain > budget.stall:
            return Improved(occ, False, stalled=True)
        group = (
            active if small else group_around(comp, occ, seed_people(comp, occ, wanted, rng), rng)
        )
        hood = build(comp, occ, group, previous, weights)
        left = end - clock.elapsed()
        if budget.deterministic_s is None:
            limits = SearchLimits(
                left if small else min(STEP_WALL_S, left), budget.workers, rng.randrange(1 << 30)
            )
        else:
            step = work_limit - spent if small else STEP_DETERMINISTIC_S
            limits = SearchLimits(left, budget.workers, rng.randrange(1 << 30), step)
        result = run_cpsat(hood.model, limits, clock, "improve")
        spent += result.solver.deterministic_time
        if result.has_solution:
            candidate = apply(comp, occ, hood, result.solver)
            new_figs = figures(comp, candidate, previous)
            new_score = new_figs.score(weights)
            if new_score > score:
                occ, figs, score = candidate, new_figs, new_score
                last_gain = spent if deterministic else clock.elapsed()
                clock.best_weight = max(clock.best_weight, score.weight)
        if small and result.optimal:
            return Improved(occ, True)
    return Improved(occ, False)
