"""Why a candidate pair got no meeting, in words an organiser understands.

The reason is decided from the final schedule, checking in this order:

1. no-common-slot: the two are never available in the same slot;
2. cap-reached: one side (or both) already has `max_meetings` meetings;
3. outweighed: in every common free slot at least one of them meets someone else
   (the detail names who, where and how heavy those meetings are);
4. day-cap-reached / consecutive-limit: in every common free slot where both are idle, a
   meeting would take one of them beyond `max_meetings_per_day` (day-cap-reached, when
   that is the case in any of those slots) or `max_consecutive_meetings`;
5. no-table: in the slots left, neither has a location and every shared table is taken;
6. not-reached: a slot with both idle, within their limits and a place free remains (a
   search stopped early): the meeting still fits there.

Limits are read by `solver.limits`, as the solver and the validator read them.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence

from solver.limits import Limits, effective_limits, limit_reached, slot_positions
from solver.schema import Candidate, Meeting, Participant, Problem, Unscheduled, UnscheduledReason


def label(person: Participant) -> str:
    """How a participant is named in a detail sentence."""
    return f"{person.name} ({person.id})" if person.name else person.id


def slot_list(slot_ids: Sequence[str], shown: int = 4) -> str:
    if len(slot_ids) <= shown:
        return ", ".join(slot_ids)
    return f"{', '.join(slot_ids[:shown])} and {len(slot_ids) - shown} more"


def plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


class ScheduleView:
    """Lookups over a schedule: who meets whom when, how many tables each slot uses."""

    def __init__(self, problem: Problem, meetings: Iterable[Meeting]) -> None:
        self.problem = problem
        self.meetings = list(meetings)
        self.pairs = {m.key for m in self.meetings}
        self.busy: dict[str, dict[str, Meeting]] = defaultdict(dict)
        self.count: Counter[str] = Counter()
        self.tables_used: Counter[str] = Counter()
        self.positions = slot_positions(problem)
        self.limits: dict[str, Limits] = {}
        for m in self.meetings:
            for pid in (m.a, m.b):
                self.busy[pid][m.slot] = m
                self.count[pid] += 1
            if m.table is not None:
                self.tables_used[m.slot] += 1

    def weight(self, meeting: Meeting) -> int:
        candidate = self.problem.candidate_by_key.get(meeting.key)
        return candidate.weight if candidate else 0

    def partner(self, pid: str, slot: str) -> str:
        meeting = self.busy[pid][slot]
        return meeting.b if meeting.a == pid else meeting.a

    def limit_reached(self, pid: str, slot: str) -> str | None:
        """The limit a new meeting of `pid` in `slot` would break (a rule code), or None."""
        if pid not in self.limits:
            self.limits[pid] = effective_limits(self.problem, pid)
        return limit_reached(
            self.problem, self.limits[pid], self.positions, self.busy[pid].keys(), slot
        )


def common_free_slots(problem: Problem, a: Participant, b: Participant) -> list[str]:
    return [s.id for s in problem.slots if s.id not in a.unavailable and s.id not in b.unavailable]


def cap_detail(view: ScheduleView, people: Sequence[Participant]) -> str | None:
    """Which side is at its meeting cap (locked meetings beyond it count), or None."""
    capped = [
        p
        for p in people
        if (p.max_meetings is not None and view.count[p.id] >= max(1, p.max_meetings))
        or p.max_meetings == 0
    ]
    if not capped:
        return None
    parts = [
        f"{label(p)} takes no meetings (max_meetings 0)"
        if p.max_meetings == 0
        else f"{label(p)} is at the cap of {plural(p.max_meetings or 0, 'meeting')}"
        for p in capped
    ]
    return " and ".join(parts)


def heaviness(weights: Sequence[int], own: int) -> str:
    if all(w > own for w in weights):
        return "heavier"
    if all(w >= own for w in weights):
        return "equally or more heavily weighted"
    return "other"


def outweighed_detail(
    view: ScheduleView, candidate: Candidate, people: Sequence[Participant], common: list[str]
) -> str:
    """Who is busy in the common free slots, with whom, and how heavy those meetings are."""
    busy_in = {p.id: [s for s in common if s in view.busy[p.id]] for p in people}
    blocking = {m for p in people for m in view.busy[p.id].values() if m.slot in common}
    requests = f"{heaviness([view.weight(m) for m in blocking], candidate.weight)} requests"
    where = (
        "the only common free slot" if len(common) == 1 else f"all {len(common)} common free slots"
    )
    full = [p for p in people if len(busy_in[p.id]) == len(common)]
    if len(full) == 2:
        return f"both {label(full[0])} and {label(full[1])} meet {requests} in {where}"
    if full:
        partners = sorted({view.partner(full[0].id, s) for s in common})
        return f"{label(full[0])} meets {requests} in {where} (with {slot_list(partners)})"
    split = "; ".join(f"{label(p)} in {slot_list(busy_in[p.id])}" for p in people)
    return f"in {where} one of them meets {requests} ({split})"


def no_table_detail(table_count: int, both_idle: Sequence[str]) -> str:
    if table_count == 0:
        return "there are no shared tables and neither has a location"
    tables = "the only table is" if table_count == 1 else f"all {table_count} tables are"
    where = (
        "the only common free slot"
        if len(both_idle) == 1
        else f"all {len(both_idle)} common free slots"
    )
    return f"{tables} taken in {where} where both are idle ({slot_list(both_idle)})"


def limits_in(
    view: ScheduleView, people: Sequence[Participant], slot: str
) -> list[tuple[str, str]]:
    """(participant id, rule code) for each of the pair whose limits a meeting in `slot`
    would break."""
    found = []
    for p in people:
        rule = view.limit_reached(p.id, slot)
        if rule is not None:
            found.append((p.id, rule))
    return found


def limit_result(
    candidate: Candidate,
    people: Sequence[Participant],
    blocked: dict[str, list[tuple[str, str]]],
) -> Unscheduled:
    """The pair fits nowhere only because of per-day or back-to-back limits."""
    day = any(rule == "over-day-cap" for hits in blocked.values() for _, rule in hits)
    rule = "over-day-cap" if day else "over-consecutive"
    who = {pid for hits in blocked.values() for pid, broken in hits if broken == rule}
    whom = " and ".join(label(p) for p in people if p.id in who)
    slots = slot_list(list(blocked))
    if day:
        reason = UnscheduledReason.DAY_CAP_REACHED
        verb = "has" if len(who) == 1 else "have"
        detail = (
            f"{whom} already {verb} the most meetings allowed per day "
            f"(max_meetings_per_day) on the days both are idle ({slots})"
        )
    else:
        reason = UnscheduledReason.CONSECUTIVE_LIMIT
        detail = (
            f"a meeting in {slots}, where both are idle, would give {whom} more back-to-back "
            "meetings than max_consecutive_meetings allows"
        )
    return Unscheduled(a=candidate.a, b=candidate.b, reason=reason, detail=detail)


def explain_pair(view: ScheduleView, candidate: Candidate) -> Unscheduled:
    """The reason one candidate pair without a meeting has none."""
    problem = view.problem
    people = (problem.participant_by_id[candidate.a], problem.participant_by_id[candidate.b])
    a, b = people

    def result(reason: UnscheduledReason, detail: str) -> Unscheduled:
        return Unscheduled(a=candidate.a, b=candidate.b, reason=reason, detail=detail)

    common = common_free_slots(problem, a, b)
    if not common:
        return result(
            UnscheduledReason.NO_COMMON_SLOT,
            f"{label(a)} and {label(b)} are never available in the same slot",
        )
    capped = cap_detail(view, people)
    if capped:
        return result(UnscheduledReason.CAP_REACHED, capped)
    both_idle = [s for s in common if s not in view.busy[a.id] and s not in view.busy[b.id]]
    if not both_idle:
        return result(
            UnscheduledReason.OUTWEIGHED, outweighed_detail(view, candidate, people, common)
        )
    blocked = {s: limits_in(view, people, s) for s in both_idle}
    within = [s for s in both_idle if not blocked[s]]
    if not within:
        return limit_result(candidate, people, blocked)
    needs_table = a.location is None and b.location is None and not (a.online or b.online)
    free_place = [s for s in within if not needs_table or view.tables_used[s] < len(problem.tables)]
    if not free_place:
        return result(UnscheduledReason.NO_TABLE, no_table_detail(len(problem.tables), within))
    return result(
        UnscheduledReason.NOT_REACHED,
        f"not placed, though both are idle with a place free in {slot_list(free_place)}; "
        "the search stopped before adding it",
    )


def explain_unscheduled(problem: Problem, meetings: Iterable[Meeting]) -> tuple[Unscheduled, ...]:
    """A reason for every candidate pair without a meeting, in candidate order."""
    view = ScheduleView(problem, meetings)
    return tuple(
        explain_pair(view, candidate)
        for candidate in problem.candidates
        if candidate.key not in view.pairs
    )
