"""The solver's rule codes in words: why a hand edit is refused, naming people and times.

`solver.validation` decides (through `scheduling.edit_breaks`); this module only says it
the way an organiser reads it, with names instead of ids and times in the event's zone.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from flask_babel import gettext as _
from flask_babel import ngettext

from matchmaker.i18n import format_time, format_weekday_day
from matchmaker.models import Event, MeetingTable, Participant, ProgrammeItem, TimeSlot
from matchmaker.schedule.scheduling import Pair, ProposedMeeting, RuleBreak, same_delegation


def override_hint() -> str:
    """What an organiser can do about a broken cap or limit (follows the refusal)."""
    return str(_("Tick “Over the limit” to place it anyway; the meeting is then locked."))


def when(event: Event, slot: TimeSlot) -> str:
    """ "Mon 20 Apr at 16:30" in the event's zone."""
    start = slot.local_start(event.zone)
    return str(_("%(day)s at %(time)s", day=format_weekday_day(start), time=format_time(start)))


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
        if found is None:
            return str(_("participant %(id)d", id=participant_id))
        return found.full_name

    def at(self, slot_id: int | None) -> str:
        slot = next((s for s in self.event.slots if s.id == slot_id), None)
        return when(self.event, slot) if slot is not None else _("that time")

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
    return str(ngettext("%(num)d meeting", "%(num)d meetings", count or 0))


def pair_names(names: Names, found: RuleBreak) -> tuple[str, str]:
    first, second = (*found.participant_ids, 0, 0)[:2]
    return names.person(first), names.person(second)


def refusal(names: Names, found: RuleBreak) -> str:
    """One broken rule as a sentence an organiser can act on."""
    return str(_sentence(names, found))


def _sentence(names: Names, found: RuleBreak) -> object:
    ids = found.participant_ids
    at = names.at(found.slot_id)
    first, second = pair_names(names, found)
    if found.rule == "unknown-participant":
        gone = [pid for pid in ids if pid in names.people and not names.people[pid].active]
        who = names.person(gone[0]) if gone else first
        return _("%(name)s has withdrawn from the event and cannot meet.", name=who)
    if found.rule == "not-candidate":
        a, b = (names.people.get(pid) for pid in ids[:2])
        if a is not None and b is not None and a.organisation_id == b.organisation_id:
            return _(
                "%(first)s and %(second)s are both from %(organisation)s: colleagues do not "
                "meet each other here.",
                first=a.full_name,
                second=b.full_name,
                organisation=a.organisation.name,
            )
        if a is not None and b is not None and same_delegation((a.id, b.id), names.delegation_of):
            return _(
                "%(first)s and %(second)s are in the same delegation: its members do not meet "
                "each other here unless the event allows it.",
                first=a.full_name,
                second=b.full_name,
            )
        return _("%(first)s and %(second)s may not meet.", first=first, second=second)
    if found.rule == "unavailable":
        away = [pid for pid in ids if found.slot_id in names.unavailable.get(pid, set())]
        busy = away[0] if away else ids[0]
        item = names.programme.get(busy, {}).get(found.slot_id or 0)
        if item is not None:
            start = item.starts_at.astimezone(item.zone)
            return _(
                "%(name)s is at “%(item)s” on %(when)s (%(day)s %(start)s–%(end)s, %(where)s).",
                name=names.person(busy),
                item=item.title,
                when=at,
                day=format_weekday_day(start),
                start=format_time(start),
                end=format_time(item.ends_at.astimezone(item.zone)),
                where=item.place or item.timezone,
            )
        return _(
            "%(name)s is not available on %(when)s.",
            name=names.person(away[0]) if away else first,
            when=at,
        )
    if found.rule == "double-booked":
        busy = ids[0]
        partners = names.placed_with(busy, found.slot_id)
        others = [pid for pid in ids[1:] if pid not in partners] or list(ids[1:])
        return _(
            "%(name)s already meets %(other)s on %(when)s.",
            name=names.person(busy),
            other=names.person(others[0]),
            when=at,
        )
    if found.rule == "table-double-booked":
        table = names.table(found.table_id)
        pairs = [(ids[i], ids[i + 1]) for i in range(0, len(ids) - 1, 2)]
        placed = names.placed_pairs()
        holder = next((p for p in pairs if tuple(sorted(p)) not in placed), pairs[0])
        if table is None:
            return _(
                "The table is taken on %(when)s by %(first)s and %(second)s.",
                when=at,
                first=names.person(holder[0]),
                second=names.person(holder[1]),
            )
        return _(
            "%(table)s is taken on %(when)s by %(first)s and %(second)s.",
            table=table.name,
            when=at,
            first=names.person(holder[0]),
            second=names.person(holder[1]),
        )
    if found.rule == "duplicate-pair":
        return _(
            "%(first)s and %(second)s already have a meeting: move it instead.",
            first=first,
            second=second,
        )
    if found.rule == "online-with-place":
        return _(
            "%(first)s or %(second)s attends online: the meeting needs no table or booth.",
            first=first,
            second=second,
        )
    if found.rule in ("missing-table", "location-not-owned"):
        return _("Neither participant has a booth: choose a table.")
    if found.rule in ("table-at-location", "wrong-location"):
        return _(
            "%(first)s or %(second)s meets at their booth: choose the booth, not a table.",
            first=first,
            second=second,
        )
    if found.rule == "unknown-table":
        return _("Choose one of the event's tables.")
    if found.rule == "over-cap":
        capped = _(
            "%(name)s would go over their cap of %(meetings)s.",
            name=first,
            meetings=meetings(found.limit),
        )
        return f"{capped} {override_hint()}"
    if found.rule == "over-day-cap":
        slot = next((s for s in names.event.slots if s.id == found.slot_id), None)
        day = format_weekday_day(slot.local_start(names.event.zone)) if slot else _("that day")
        capped = _(
            "%(name)s would go over their cap of %(meetings)s on %(day)s.",
            name=first,
            meetings=meetings(found.limit),
            day=day,
        )
        return f"{capped} {override_hint()}"
    if found.rule == "over-consecutive":
        limited = _(
            "%(name)s would have more than %(meetings)s back to back around %(when)s.",
            name=first,
            meetings=meetings(found.limit),
            when=at,
        )
        return f"{limited} {override_hint()}"
    return found.message
