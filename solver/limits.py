"""Per-person limits and the guaranteed minimum: one reading for the solver, its bound,
the validator and the explanations.

Limits of a participant (None: no limit):

    max_meetings              meetings over the whole event (per participant)
    max_meetings_per_day      meetings on one day, the slot's local date (event setting,
                              per-participant override)
    max_consecutive_meetings  longest run of back-to-back meetings, i.e. meetings in
                              consecutive slots of the same session (event setting)

Organiser overrides: locked meetings are always kept, even beyond a limit. A limit counts
them, and its effective value is max(limit, locked meetings it counts): the total over the
event, the locked meetings on that day, the locked meetings in that run. So nothing is
added beyond a limit that locked meetings already fill, and a run longer than
`max_consecutive_meetings` is allowed only when every meeting in it is locked.

The guaranteed minimum (`min_meetings`: event setting, default 1, per-participant
override) is capped per person by what they can reach on their own
(`effective_minimum`): the number of partners they share a free slot with (partners who
take meetings at all) and their `capacity`, the most meetings their free slots hold
under their limits.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date

from solver.schema import Meeting, Problem, Slot


@dataclass(frozen=True)
class Limits:
    """A participant's configured limits and the locked meetings they count."""

    max_meetings: int | None
    max_meetings_per_day: int | None
    max_consecutive_meetings: int | None
    locked_total: int = 0
    locked_by_day: Mapping[date, int] = field(default_factory=dict)

    def total_allowed(self) -> int | None:
        """The effective cap over the event: max(max_meetings, locked meetings)."""
        return raised(self.max_meetings, self.locked_total)

    def day_allowed(self, day: date) -> int | None:
        """The effective cap of one day: max(max_meetings_per_day, locked that day)."""
        return raised(self.max_meetings_per_day, self.locked_by_day.get(day, 0))

    def run_allowed(self, locked_in_run: int) -> int | None:
        """The effective longest run: max(max_consecutive_meetings, locked in the run)."""
        return raised(self.max_consecutive_meetings, locked_in_run)


def raised(limit: int | None, locked: int) -> int | None:
    return None if limit is None else max(limit, locked)


def slot_day(slot: Slot) -> date:
    """The day a slot belongs to: its local start date."""
    return slot.start.date()


def locked_of(problem: Problem, participant_id: str) -> list[Meeting]:
    return [m for m in problem.locked if participant_id in (m.a, m.b)]


def effective_limits(problem: Problem, participant_id: str) -> Limits:
    """The participant's limits: own overrides, else the event's, and their locked meetings."""
    person = problem.participant_by_id[participant_id]
    per_day = person.max_meetings_per_day
    locked = locked_of(problem, participant_id)
    by_day: Counter[date] = Counter(
        slot_day(problem.slot_by_id[m.slot]) for m in locked if m.slot in problem.slot_by_id
    )
    return Limits(
        max_meetings=person.max_meetings,
        max_meetings_per_day=problem.max_meetings_per_day if per_day is None else per_day,
        max_consecutive_meetings=problem.max_consecutive_meetings,
        locked_total=len(locked),
        locked_by_day=dict(by_day),
    )


def slot_positions(problem: Problem) -> dict[str, tuple[str, int]]:
    """Slot id -> (session, index of the slot within its session in time order): slots
    are back-to-back when they share a session and their indices differ by one."""
    position: dict[str, tuple[str, int]] = {}
    counters: dict[str, int] = defaultdict(int)
    for slot in sorted(problem.slots, key=lambda s: s.start):
        position[slot.id] = (slot.session, counters[slot.session])
        counters[slot.session] += 1
    return position


def limit_reached(
    problem: Problem,
    limits: Limits,
    positions: Mapping[str, tuple[str, int]],
    busy: Collection[str],
    slot_id: str,
) -> str | None:
    """The rule code (over-cap, over-day-cap, over-consecutive) a new, not locked meeting
    in `slot_id` would break for a person busy in the slots `busy`; None if it fits."""
    total = limits.total_allowed()
    if total is not None and len(busy) + 1 > total:
        return "over-cap"
    day = slot_day(problem.slot_by_id[slot_id])
    on_day = sum(
        1 for s in busy if s in problem.slot_by_id and slot_day(problem.slot_by_id[s]) == day
    )
    allowed = limits.day_allowed(day)
    if allowed is not None and on_day + 1 > allowed:
        return "over-day-cap"
    longest = limits.max_consecutive_meetings
    if longest is not None:
        by_position = {positions[s] for s in busy if s in positions}
        session, index = positions[slot_id]
        run = 1
        for step in (-1, 1):
            at = index + step
            while (session, at) in by_position:
                run += 1
                at += step
        if run > longest:
            return "over-consecutive"
    return None


def session_segments(problem: Problem, free: Iterable[str]) -> dict[date, list[list[str]]]:
    """Per day, the runs of consecutive free slots within each session (chronological)."""
    free_set = set(free)
    by_session: dict[str, list[Slot]] = defaultdict(list)
    for slot in sorted(problem.slots, key=lambda s: s.start):
        by_session[slot.session].append(slot)
    segments: dict[date, list[list[str]]] = defaultdict(list)
    for slots in by_session.values():
        current: list[str] = []
        current_day: date | None = None
        for slot in slots:
            if slot.id not in free_set:
                current = []
                continue
            if not current or slot_day(slot) != current_day:
                current, current_day = [], slot_day(slot)
                segments[current_day].append(current)
            current.append(slot.id)
    return segments


def run_capacity(length: int, longest: int | None) -> int:
    """Most meetings in `length` consecutive free slots with runs of at most `longest`."""
    if longest is None:
        return length
    return length - length // (longest + 1)


def capacity(problem: Problem, participant_id: str) -> int:
    """An upper bound on the participant's meetings from their free slots and limits.

    Exact without locked meetings; a run of free slots holding a locked meeting counts
    whole, since locked runs may be longer than the limit.
    """
    person = problem.participant_by_id[participant_id]
    limits = effective_limits(problem, participant_id)
    locked_slots = {m.slot for m in locked_of(problem, participant_id)}
    free = [s.id for s in problem.slots if s.id not in person.unavailable]
    total = 0
    for day, segments in session_segments(problem, free).items():
        in_day = sum(
            len(seg)
            if locked_slots.intersection(seg)
            else run_capacity(len(seg), limits.max_consecutive_meetings)
            for seg in segments
        )
        day_cap = limits.day_allowed(day)
        total += in_day if day_cap is None else min(day_cap, in_day)
    cap = limits.total_allowed()
    return total if cap is None else min(cap, total)


def requested_minimum(problem: Problem, participant_id: str) -> int:
    """The minimum asked for the participant: their own override, else the event's."""
    own = problem.participant_by_id[participant_id].min_meetings
    return problem.min_meetings if own is None else own


def reachable_partners(problem: Problem, participant_ids: Collection[str]) -> Counter[str]:
    """For each of `participant_ids`: partners they share a free slot with and who take
    meetings at all (a locked pair always counts)."""
    people = problem.participant_by_id
    locked_pairs = {m.key for m in problem.locked}
    counts: Counter[str] = Counter()
    for cand in problem.candidates:
        a, b = people[cand.a], people[cand.b]
        if cand.key not in locked_pairs and not any(
            s.id not in a.unavailable and s.id not in b.unavailable for s in problem.slots
        ):
            continue
        for me, other in ((a, b), (b, a)):
            if me.id in participant_ids and (other.max_meetings != 0 or cand.key in locked_pairs):
                counts[me.id] += 1
    return counts


def minimum_of(problem: Problem, participant_id: str, partners: int) -> int:
    wanted = requested_minimum(problem, participant_id)
    if wanted == 0:
        return 0
    return min(wanted, partners, capacity(problem, participant_id))


def effective_minimum(problem: Problem, participant_id: str) -> int:
    """The participant's guaranteed minimum, capped by what they can reach on their own:
    min(requested, partners sharing a free slot, `capacity`)."""
    partners = reachable_partners(problem, {participant_id})[participant_id]
    return minimum_of(problem, participant_id, partners)


def effective_minimums(problem: Problem) -> dict[str, int]:
    """Every participant's effective minimum (one pass over the candidates)."""
    partners = reachable_partners(problem, problem.participant_by_id.keys())
    return {p.id: minimum_of(problem, p.id, partners[p.id]) for p in problem.participants}


def below_minimum(problem: Problem, meetings: Iterable[Meeting]) -> list[str]:
    """Ids of the participants with fewer meetings than their effective minimum."""
    counts: Counter[str] = Counter()
    for m in meetings:
        counts.update({m.a, m.b})
    return [pid for pid, least in effective_minimums(problem).items() if counts[pid] < least]
