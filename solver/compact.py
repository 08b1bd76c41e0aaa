"""An integer-indexed view of a `Problem` shared by the greedy and the CP-SAT stages.

People, slots and candidates become small integers; a person's free slots and a pair's
common free slots are bit masks over slot indices. Slots are indexed in chronological
order, so within a session consecutive indices are consecutive slots.

Limits come from `solver.limits`: `cap` is a person's `capacity` (total cap, per-day caps
and back-to-back runs over their free slots), `day_cap` the effective cap per day and
`run_windows` every window of max_consecutive_meetings + 1 back-to-back slots: a new
meeting may not fill the last free slot of such a window (runs beyond the limit are
allowed only when all locked, and new meetings are never locked).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from solver.limits import capacity, effective_limits, effective_minimums, slot_day
from solver.schema import Meeting, Problem, pair_key


@dataclass
class Compact:
    """The problem as arrays; `cand_*` lists are indexed by candidate number."""

    problem: Problem
    person_ids: list[str]
    person_index: dict[str, int]
    slot_ids: list[str]
    slot_index: dict[str, int]
    slot_session: list[int]
    sessions: list[list[int]]
    tables: list[str]
    free: list[int]
    cap: list[int]
    location: list[str | None]
    online: list[bool]
    cand_a: list[int]
    cand_b: list[int]
    cand_w: list[int]
    cand_table: list[bool]
    cand_common: list[int]
    cand_index: dict[tuple[str, str], int]
    by_person: list[list[int]] = field(default_factory=list)
    session_masks: list[int] = field(default_factory=list)
    minimum: list[int] = field(default_factory=list)
    day_masks: list[int] = field(default_factory=list)
    day_cap: list[list[int] | None] = field(default_factory=list)
    run_windows: list[int] = field(default_factory=list)

    @property
    def limited(self) -> bool:
        """Whether any per-day or back-to-back limit applies."""
        return bool(self.run_windows) or any(caps is not None for caps in self.day_cap)

    def allowed_mask(self, person: int, busy: int) -> int:
        """Slots where a new meeting keeps the person, busy in `busy`, within their per-day
        and back-to-back limits."""
        mask = -1
        caps = self.day_cap[person]
        if caps is not None:
            for day_mask, cap in zip(self.day_masks, caps, strict=True):
                if (busy & day_mask).bit_count() >= cap:
                    mask &= ~day_mask
        for window in self.run_windows:
            missing = window & ~busy
            if missing & (missing - 1) == 0:
                mask &= ~missing
        return mask

    @property
    def n_slots(self) -> int:
        return len(self.slot_ids)

    def meeting(self, cand: int, slot: int, table: str | None) -> Meeting:
        """The schema meeting of candidate `cand` in `slot` at `table` (or a location, or
        nowhere when one side is online)."""
        a, b = self.cand_a[cand], self.cand_b[cand]
        if self.online[a] or self.online[b]:
            return Meeting(a=self.person_ids[a], b=self.person_ids[b], slot=self.slot_ids[slot])
        place = self.location[a] if self.location[a] is not None else self.location[b]
        return Meeting(
            a=self.person_ids[a],
            b=self.person_ids[b],
            slot=self.slot_ids[slot],
            table=None if place is not None else table,
            location=place,
        )

    def cand_of(self, meeting: Meeting) -> int | None:
        """The candidate number of a meeting's pair, or None when it is no candidate."""
        return self.cand_index.get(pair_key(meeting.a, meeting.b))


def slot_mask(slots: list[int]) -> int:
    """The bit mask of a list of slot indices."""
    mask = 0
    for s in slots:
        mask |= 1 << s
    return mask


def mask_slots(mask: int) -> list[int]:
    """The slot indices of a bit mask, ascending."""
    out = []
    s = 0
    while mask:
        if mask & 1:
            out.append(s)
        mask >>= 1
        s += 1
    return out


def compact(problem: Problem) -> Compact:
    """Index `problem`; candidates keep the problem's order."""
    ordered = sorted(range(len(problem.slots)), key=lambda i: problem.slots[i].start)
    slots = [problem.slots[i] for i in ordered]
    slot_ids = [s.id for s in slots]
    slot_index = {sid: i for i, sid in enumerate(slot_ids)}
    session_index: dict[str, int] = {}
    sessions: list[list[int]] = []
    slot_session = []
    for i, slot in enumerate(slots):
        if slot.session not in session_index:
            session_index[slot.session] = len(sessions)
            sessions.append([])
        sessions[session_index[slot.session]].append(i)
        slot_session.append(session_index[slot.session])
    all_slots = (1 << len(slots)) - 1
    person_ids = [p.id for p in problem.participants]
    person_index = {pid: i for i, pid in enumerate(person_ids)}
    free = []
    for p in problem.participants:
        mask = all_slots & ~slot_mask([slot_index[s] for s in p.unavailable if s in slot_index])
        free.append(mask)
    days = sorted({slot_day(s) for s in slots})
    day_masks = [slot_mask([i for i, s in enumerate(slots) if slot_day(s) == d]) for d in days]
    day_cap: list[list[int] | None] = []
    for p in problem.participants:
        limits = effective_limits(problem, p.id)
        allowed = [limits.day_allowed(d) for d in days]
        day_cap.append(None if limits.max_meetings_per_day is None else [a or 0 for a in allowed])
    longest = problem.max_consecutive_meetings
    run_windows = (
        []
        if longest is None
        else [
            slot_mask(members[i : i + longest + 1])
            for members in sessions
            for i in range(len(members) - longest)
        ]
    )
    minimums = effective_minimums(problem)
    location = [p.location for p in problem.participants]
    online = [p.online for p in problem.participants]
    comp = Compact(
        problem=problem,
        person_ids=person_ids,
        person_index=person_index,
        slot_ids=slot_ids,
        slot_index=slot_index,
        slot_session=slot_session,
        sessions=sessions,
        tables=list(problem.tables),
        free=free,
        cap=[capacity(problem, p.id) for p in problem.participants],
        location=location,
        online=online,
        cand_a=[],
        cand_b=[],
        cand_w=[],
        cand_table=[],
        cand_common=[],
        cand_index={},
        by_person=[[] for _ in person_ids],
        session_masks=[slot_mask(slots_of) for slots_of in sessions],
        minimum=[minimums[pid] for pid in person_ids],
        day_masks=day_masks,
        day_cap=day_cap,
        run_windows=run_windows,
    )
    for c in problem.candidates:
        if c.key in comp.cand_index or c.a not in person_index or c.b not in person_index:
            continue
        a, b = person_index[c.a], person_index[c.b]
        k = len(comp.cand_a)
        comp.cand_index[c.key] = k
        comp.cand_a.append(a)
        comp.cand_b.append(b)
        comp.cand_w.append(c.weight)
        comp.cand_table.append(
            location[a] is None and location[b] is None and not online[a] and not online[b]
        )
        comp.cand_common.append(free[a] & free[b])
        comp.by_person[a].append(k)
        comp.by_person[b].append(k)
    return comp


class Occupancy:
    """Who is busy when, how many meetings each person has, and tables left per slot."""

    def __init__(self, comp: Compact) -> None:
        self.comp = comp
        self.busy = [0] * len(comp.person_ids)
        self.count = [0] * len(comp.person_ids)
        self.tables_left = [len(comp.tables)] * comp.n_slots
        self.slot_of: dict[int, int] = {}
        self.locked_cands: set[int] = set()
        self.locked_weight = 0

    def copy(self) -> Occupancy:
        """An independent copy."""
        other = Occupancy(self.comp)
        other.busy = list(self.busy)
        other.count = list(self.count)
        other.tables_left = list(self.tables_left)
        other.slot_of = dict(self.slot_of)
        other.locked_cands = self.locked_cands
        other.locked_weight = self.locked_weight
        return other

    def add_locked(self, meeting: Meeting) -> None:
        """Reserve a locked meeting's people, slot, table and pair (shared with copies)."""
        slot = self.comp.slot_index.get(meeting.slot)
        cand = self.comp.cand_of(meeting)
        if cand is not None:
            self.locked_cands.add(cand)
            self.locked_weight += self.comp.cand_w[cand]
        for pid in (meeting.a, meeting.b):
            person = self.comp.person_index.get(pid)
            if person is not None:
                self.count[person] += 1
                if slot is not None:
                    self.busy[person] |= 1 << slot
        if slot is not None and meeting.table is not None:
            self.tables_left[slot] -= 1

    def open_slots(self, cand: int) -> int:
        """The slots (mask) in which candidate `cand` could be added right now."""
        comp = self.comp
        a, b = comp.cand_a[cand], comp.cand_b[cand]
        if cand in self.locked_cands or cand in self.slot_of:
            return 0
        if self.count[a] >= comp.cap[a] or self.count[b] >= comp.cap[b]:
            return 0
        mask = comp.cand_common[cand] & ~(self.busy[a] | self.busy[b])
        if comp.cand_table[cand]:
            mask &= self.table_mask()
        if mask and comp.limited:
            mask &= comp.allowed_mask(a, self.busy[a]) & comp.allowed_mask(b, self.busy[b])
        return mask

    def table_mask(self) -> int:
        """The slots (mask) with a table left."""
        return slot_mask([s for s, left in enumerate(self.tables_left) if left > 0])

    def place(self, cand: int, slot: int) -> None:
        """Add candidate `cand` in `slot`."""
        comp = self.comp
        for person in (comp.cand_a[cand], comp.cand_b[cand]):
            self.busy[person] |= 1 << slot
            self.count[person] += 1
        if comp.cand_table[cand]:
            self.tables_left[slot] -= 1
        self.slot_of[cand] = slot

    def remove(self, cand: int) -> None:
        """Take candidate `cand` out again."""
        comp = self.comp
        slot = self.slot_of.pop(cand)
        for person in (comp.cand_a[cand], comp.cand_b[cand]):
            self.busy[person] &= ~(1 << slot)
            self.count[person] -= 1
        if comp.cand_table[cand]:
            self.tables_left[slot] += 1


def idle_between(busy: int, free: int, within: int) -> int:
    """Holes: free idle slots of `within` between the first and last busy slot there."""
    used = busy & within
    if used == 0:
        return 0
    first = used & -used
    last = 1 << (used.bit_length() - 1)
    return ((last << 1) - first & free & ~busy).bit_count()


def person_holes(comp: Compact, person: int, busy: int) -> int:
    """The person's holes over all sessions, were they busy in the slots of `busy`."""
    return sum(idle_between(busy, comp.free[person], m) for m in comp.session_masks)


def capacity_bound(comp: Compact) -> int:
    """A quick upper bound on total weight: half of each person's heaviest `cap` pairs.

    Every meeting counts once for each of its two people, so summing each person's best
    possible meetings counts any schedule's weight at most twice.
    """
    doubled = 0
    for person, cands in enumerate(comp.by_person):
        weights = sorted((comp.cand_w[c] for c in cands if comp.cand_common[c]), reverse=True)
        doubled += sum(weights[: comp.cap[person]])
    return doubled // 2
