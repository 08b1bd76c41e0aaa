"""The solver's rule codes in words: why a hand edit is refused, naming people and times.

`solver.validation` decides (through `scheduling.edit_breaks`); this module only says it
the way an organiser reads it, with names instead of ids and times in the event's zone.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from matchmaker.models import Event, MeetingTable, Participant, ProgrammeItem, TimeSlot
from matchmaker.schedule.scheduling import Pair, ProposedMeeting, RuleBreak, same_delegation

OVERRIDE_HINT = " Tick “Over the limit” to place it anyway; the meeting is then locked."


def when(event: Event, slot: TimeSlot) -> str:
    """ "Mon 20 Apr at 16:30" in the event's zone."""
    start = slot.local_start(event.zone)
    return f"{start:%a %d %b} at {start:%H:%M}"


@dataclass(frozen=True)
class Names:
    """What a message names: the event's people, slots and tables, and the meetings placed."""

    event: Event
    people: Mapping[int, Participant]
    unavailable: Mapping[int, set[int]]
    placed: Sequence[ProposedMeeting]
    programme: Mapping[int, Mapping[int, ProgrammeItem]] = field(default_factory=dict)
    # Participant id -> delegation id of members kept apart (see `EventData.delegation_of`).
    delegation_of: Mapping[int, int] = field(default_factory=dict)

    def person(self, participant_id: int) -> str:
        found = self.people.get(participant_id)
        return found.full_name if found is not None else f"participant {participant_id}"

    def at(self, slot_id: int | None) -> str:
        slot = next((s for s in self.event.slots if s.id == slot_id), None)
        return when(self.event, slot) if slot is not None else "that time"

    def table(self, table_id: int | None) -> MeetingTable | None:
        return next((t for t in self.event.tables if t.id == table_id), None)

    def placed_pairs(self) -> set[Pair]:
        return {m.pair for m in self.placed}

    def placed_with(self, participant_id: int, slot_id: int | None) -> set[int]:
        """Who `participant_id` meets in `slot_id` among the meetings being placed."""
        return {
            m.b if m.a == participant_id else m.a
            for m in self.placed
            if m.slot_id == slot_id and participant_id in m.pair
        }


def meetings(count: int | None) -> str:
    """ "1 meeting", "3 meetings"."""
    return f"{count} meeting" if count == 1 else f"{count} meetings"


def pair_names(names: Names, found: RuleBreak) -> tuple[str, str]:
    first, second = (*found.participant_ids, 0, 0)[:2]
    return names.person(first), names.person(second)


def refusal(names: Names, found: RuleBreak) -> str:
    """One broken rule as a sentence an organiser can act on."""
    ids = found.participant_ids
    at = names.at(found.slot_id)
    first, second = pair_names(names, found)
    if found.rule == "unknown-participant":
        gone = [pid for pid in ids if pid in names.people and not names.people[pid].active]
        who = names.person(gone[0]) if gone else first
        return f"{who} has withdrawn from the event and cannot meet."
    if found.rule == "not-candidate":
        a, b = (names.people.get(pid) for pid in ids[:2])
        if a is not None and b is not None and a.organisation_id == b.organisation_id:
            return (
                f"{a.full_name} and {b.full_name} are both from {a.organisation.name}: "
                "colleagues do not meet each other here."
            )
        if a is not None and b is not None and same_delegation((a.id, b.id), names.delegation_of):
            return (
                f"{a.full_name} and {b.full_name} are in the same delegation: its members do "
                "not meet each other here unless the event allows it."
            )
        return f"{first} and {second} may not meet."
    if found.rule == "unavailable":
        away = [pid for pid in ids if found.slot_id in names.unavailable.get(pid, set())]
        busy = away[0] if away else ids[0]
        item = names.programme.get(busy, {}).get(found.slot_id or 0)
        if item is not None:
            start = item.starts_at.astimezone(item.zone)
            return (
                f"{names.person(busy)} is at “{item.title}” on {at} "
                f"({start:%a %d %b %H:%M}–{item.ends_at.astimezone(item.zone):%H:%M}, "
                f"{item.place or item.timezone})."
            )
        return f"{names.person(away[0]) if away else first} is not available on {at}."
    if found.rule == "double-booked":
        busy = ids[0]
        partners = names.placed_with(busy, found.slot_id)
        others = [pid for pid in ids[1:] if pid not in partners] or list(ids[1:])
        return f"{names.person(busy)} already meets {names.person(others[0])} on {at}."
    if found.rule == "table-double-booked":
        table = names.table(found.table_id)
        pairs = [(ids[i], ids[i + 1]) for i in range(0, len(ids) - 1, 2)]
        placed = names.placed_pairs()
        holder = next((p for p in pairs if tuple(sorted(p)) not in placed), pairs[0])
        return (
            f"{table.name if table else 'The table'} is taken on {at} by "
            f"{names.person(holder[0])} and {names.person(holder[1])}."
        )
    if found.rule == "duplicate-pair":
        return f"{first} and {second} already have a meeting: move it instead."
    if found.rule == "online-with-place":
        return f"{first} or {second} attends online: the meeting needs no table or booth."
    if found.rule in ("missing-table", "location-not-owned"):
        return "Neither participant has a booth: choose a table."
    if found.rule in ("table-at-location", "wrong-location"):
        return f"{first} or {second} meets at their booth: choose the booth, not a table."
    if found.rule == "unknown-table":
        return "Choose one of the event's tables."
    if found.rule == "over-cap":
        return f"{first} would go over their cap of {meetings(found.limit)}." + OVERRIDE_HINT
    if found.rule == "over-day-cap":
        slot = next((s for s in names.event.slots if s.id == found.slot_id), None)
        day = f"{slot.local_start(names.event.zone):%a %d %b}" if slot else "that day"
        return (
            f"{first} would go over their cap of {meetings(found.limit)} on {day}." + OVERRIDE_HINT
        )
    if found.rule == "over-consecutive":
        return (
            f"{first} would have more than {meetings(found.limit)} back to back around {at}."
            + OVERRIDE_HINT
        )
    return found.message
