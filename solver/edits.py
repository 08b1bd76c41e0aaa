"""Edit aids: where a meeting can move, which meetings it can swap with, and which meetings
a participant could gain.

Every choice is checked with the rules of `solver.validation` on the meetings it concerns
only (the people of the changed meetings, and the slots they use), comparing what breaks
after the change with what broke before: a rule someone already broke elsewhere (a cap
lowered after the schedule was made) does not hide every choice. No whole schedule is
validated per choice.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from solver.schema import Meeting, Problem
from solver.validation import (
    Violation,
    double_bookings,
    duplicate_pairs,
    meeting_violations,
    over_limits,
)


@dataclass(frozen=True)
class Addition:
    """A meeting a participant could gain: the partner, the pair's weight, and the
    feasible placements (earliest first)."""

    partner: str
    weight: int
    placements: tuple[Meeting, ...]


def swapped(first: Meeting, second: Meeting) -> tuple[Meeting, Meeting]:
    """Two meetings with their slots exchanged: a shared table goes with its slot (a
    meeting keeps its own table when the other meets at a booth or online), a booth stays,
    and an online meeting (no place) stays without one."""

    def moved(meeting: Meeting, other: Meeting) -> Meeting:
        if meeting.place is None or meeting.location is not None:
            return replace(meeting, slot=other.slot)
        table = other.table if other.table is not None else meeting.table
        return replace(meeting, slot=other.slot, table=table)

    return moved(first, second), moved(second, first)


class Occupancy:
    """A schedule indexed by person and by slot, to check changes locally."""

    def __init__(self, problem: Problem, meetings: Iterable[Meeting]) -> None:
        self.problem = problem
        self.meetings = list(meetings)
        self.of_person: dict[str, list[Meeting]] = defaultdict(list)
        self.in_slot: dict[str, list[Meeting]] = defaultdict(list)
        for m in self.meetings:
            self.of_person[m.a].append(m)
            self.of_person[m.b].append(m)
            self.in_slot[m.slot].append(m)

    def clashes(self, meeting: Meeting, slot: str, ignoring: Sequence[Meeting]) -> bool:
        """A quick look before the validator's: either person of `meeting` is away in
        `slot` or meets someone else then (the meetings `ignoring` left out)."""
        people = self.problem.participant_by_id
        pair = (meeting.a, meeting.b)
        if any(pid in people and slot in people[pid].unavailable for pid in pair):
            return True
        return any(
            m not in ignoring and (m.a in pair or m.b in pair) for m in self.in_slot.get(slot, ())
        )

    def free_table(
        self, slot: str, preferred: str | None, ignoring: Sequence[Meeting]
    ) -> str | None:
        """A table unused in the slot (`preferred` first), or None."""
        used = {m.table for m in self.in_slot.get(slot, ()) if m not in ignoring}
        order = [preferred] if preferred is not None else []
        return next((t for t in [*order, *self.problem.tables] if t and t not in used), None)

    def place(self, meeting: Meeting, slot: str, ignoring: Sequence[Meeting]) -> Meeting | None:
        """The meeting in `slot` online, at its pair's location, or at a free table (None:
        no table)."""
        if self.problem.online_pair(meeting.a, meeting.b):
            return replace(meeting, slot=slot, table=None, location=None)
        people = self.problem.participant_by_id
        locations = [people[pid].location for pid in (meeting.a, meeting.b) if pid in people]
        location = next((loc for loc in locations if loc is not None), None)
        if location is not None:
            return replace(meeting, slot=slot, table=None, location=location)
        table = self.free_table(slot, meeting.table, ignoring)
        if table is None:
            return None
        return replace(meeting, slot=slot, table=table, location=None)

    def new_violations(
        self, removed: Sequence[Meeting], added: Sequence[Meeting]
    ) -> list[Violation]:
        """The rules broken once `removed` give way to `added` that were not broken before,
        among the people of the changed meetings (their limits and clashes) and the slots
        they use (tables)."""
        people = {pid for m in (*removed, *added) for pid in (m.a, m.b)}
        slots = {m.slot for m in (*removed, *added)}
        theirs = {id(m): m for pid in people for m in self.of_person.get(pid, ())}
        nearby = dict(theirs)
        nearby.update({id(m): m for slot in slots for m in self.in_slot.get(slot, ())})

        def changed(meetings: dict[int, Meeting], new: Sequence[Meeting]) -> list[Meeting]:
            return [m for m in meetings.values() if m not in removed] + list(new)

        before = self.rules(list(theirs.values()), list(nearby.values()), removed, people)
        after = self.rules(changed(theirs, added), changed(nearby, added), added, people)
        known = Counter(v.message for v in before)
        found = []
        for violation in after:
            if known[violation.message]:
                known[violation.message] -= 1
            else:
                found.append(violation)
        return found

    def rules(
        self,
        theirs: list[Meeting],
        nearby: list[Meeting],
        changed: Sequence[Meeting],
        people: set[str],
    ) -> list[Violation]:
        """The validator's rules on the changed meetings, their people's meetings (pairs,
        limits) and the meetings around them (clashes, tables), about `people`."""
        found = [v for m in changed for v in meeting_violations(self.problem, m)]
        found += duplicate_pairs(theirs)
        found += double_bookings(nearby)
        found += over_limits(self.problem, theirs)
        return [v for v in found if v.participants and set(v.participants) & people]

    def allows(self, removed: Sequence[Meeting], added: Sequence[Meeting]) -> bool:
        return not self.new_violations(removed, added)


def slot_order(problem: Problem) -> list[str]:
    return [s.id for s in sorted(problem.slots, key=lambda s: s.start)]


def move_targets(problem: Problem, meetings: Iterable[Meeting], meeting: Meeting) -> list[Meeting]:
    """Where `meeting` can move: one placement per other slot (its pair's booth, else its
    own table if free, else the first free table), chronological."""
    schedule = Occupancy(problem, meetings)
    targets = []
    for slot in slot_order(problem):
        if slot == meeting.slot or schedule.clashes(meeting, slot, [meeting]):
            continue
        target = schedule.place(meeting, slot, [meeting])
        if target is not None and schedule.allows([meeting], [target]):
            targets.append(target)
    return targets


def swap_partners(problem: Problem, meetings: Iterable[Meeting], meeting: Meeting) -> list[Meeting]:
    """The meetings `meeting` can exchange slots with (see `swapped`), chronological."""
    schedule = Occupancy(problem, meetings)
    order = {slot: index for index, slot in enumerate(slot_order(problem))}
    partners = []
    for other in schedule.meetings:
        if other.slot == meeting.slot or other == meeting:
            continue
        pair = [meeting, other]
        if schedule.clashes(meeting, other.slot, pair) or schedule.clashes(
            other, meeting.slot, pair
        ):
            continue
        first, second = swapped(meeting, other)
        if schedule.allows([meeting, other], [first, second]):
            partners.append(other)
    return sorted(partners, key=lambda m: (order.get(m.slot, len(order)), m.key))


def additions(
    problem: Problem, meetings: Iterable[Meeting], participant_id: str, *, per_partner: int = 3
) -> list[Addition]:
    """Meetings `participant_id` could gain without moving anyone: their candidate
    partners they do not meet yet, each with up to `per_partner` feasible placements;
    heaviest pair first."""
    schedule = Occupancy(problem, meetings)
    met = {
        m.b if m.a == participant_id else m.a for m in schedule.of_person.get(participant_id, ())
    }
    found = []
    for candidate in problem.candidates:
        if participant_id not in candidate.key:
            continue
        partner = candidate.b if candidate.a == participant_id else candidate.a
        if partner in met:
            continue
        sketch = Meeting(a=candidate.a, b=candidate.b, slot="")
        placements: list[Meeting] = []
        for slot in slot_order(problem):
            if schedule.clashes(sketch, slot, []):
                continue
            placed = schedule.place(sketch, slot, [])
            if placed is not None and schedule.allows([], [placed]):
                placements.append(placed)
                if len(placements) == per_partner:
                    break
        if placements:
            found.append(Addition(partner, candidate.weight, tuple(placements)))
    return sorted(found, key=lambda a: (-a.weight, a.partner))
