"""Figures of a schedule (today's or a proposed one), for the review pages and charts.

Pure: works on plain meeting triples, so the confirmed meetings and a solver proposal are
measured the same way.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from statistics import fmean

from flask_babel import gettext as _

from matchmaker.models import Event, Participant, TimeSlot
from matchmaker.schedule.scheduling import Mark


def no_group() -> str:
    """The group of people without a delegation or sector, in the current language."""
    return str(_("(none)"))


# (participant a, participant b, slot id)
MeetingTriple = tuple[int, int, int]


@dataclass(frozen=True)
class GroupFigures:
    """Figures of the participants of one country, delegation (cluster) or sector."""

    name: str
    participants: int
    meetings: int
    without_meeting: int
    requests: int
    requests_met: int

    @property
    def mean_meetings(self) -> float:
        return self.meetings / self.participants if self.participants else 0.0

    @property
    def share_met(self) -> float | None:
        return self.requests_met / self.requests if self.requests else None


@dataclass(frozen=True)
class DelegationShare:
    """A delegation's share of the event's requests (made by its members) and of its
    meetings (seats of its members, two per meeting)."""

    name: str
    participants: int
    requests_share: float
    meetings_share: float

    @property
    def difference(self) -> float:
        """Meetings share minus requests share: below zero, it got less than it asked."""
        return self.meetings_share - self.requests_share


@dataclass(frozen=True)
class ScheduleFigures:
    """What an organiser checks before applying or publishing a schedule."""

    meetings: int
    requests: int
    requests_met: int
    min_meetings: int
    mean_meetings: float
    max_meetings: int
    holes: int
    without_meeting: list[Participant]
    below_minimum: list[Participant]
    minimum_of: dict[int, int] = field(repr=False)
    by_country: list[GroupFigures] = field(repr=False)
    by_delegation: list[GroupFigures] = field(repr=False)
    by_sector: list[GroupFigures] = field(repr=False)
    meetings_of: dict[int, int] = field(repr=False)
    share_met_of: dict[int, float] = field(repr=False)
    country_pairs: Counter[tuple[str, str]] = field(repr=False)
    per_hour: dict[datetime, int] = field(repr=False)
    delegation_shares: list[DelegationShare] = field(repr=False, default_factory=list)
    online_meetings: int = 0

    @property
    def share_met(self) -> float | None:
        return self.requests_met / self.requests if self.requests else None

    @property
    def distribution(self) -> dict[int, int]:
        """Number of meetings -> participants with that many, from 0 to the most."""
        counts = Counter(self.meetings_of.values())
        return {n: counts[n] for n in range(max(counts, default=-1) + 1)}


def count_holes(
    meetings: Iterable[MeetingTriple],
    slots: Sequence[TimeSlot],
    unavailable: Mapping[int, set[int]],
) -> int:
    """Idle available slots between someone's first and last meeting of a block."""
    order = {slot.id: index for index, slot in enumerate(sorted(slots, key=lambda s: s.starts_at))}
    block_of = {slot.id: slot.block_id for slot in slots}
    busy: dict[tuple[int, int], set[int]] = defaultdict(set)
    for a, b, slot_id in meetings:
        for person in (a, b):
            busy[(person, block_of[slot_id])].add(slot_id)
    block_slots: dict[int, list[int]] = defaultdict(list)
    for slot_id in sorted(order, key=order.__getitem__):
        block_slots[block_of[slot_id]].append(slot_id)
    holes = 0
    for (person, block_id), taken in busy.items():
        positions = [order[s] for s in taken]
        first, last = min(positions), max(positions)
        for slot_id in block_slots[block_id]:
            inside = first < order[slot_id] < last
            if inside and slot_id not in taken and slot_id not in unavailable.get(person, ()):
                holes += 1
    return holes


def _groups(
    keys_of: Mapping[int, list[str]],
    meetings_of: Mapping[int, int],
    requests_of: Mapping[int, int],
    met_of: Mapping[int, int],
) -> list[GroupFigures]:
    members: dict[str, list[int]] = defaultdict(list)
    for person, keys in keys_of.items():
        for key in keys:
            members[key].append(person)
    return [
        GroupFigures(
            name=name,
            participants=len(people),
            meetings=sum(meetings_of[p] for p in people),
            without_meeting=sum(1 for p in people if meetings_of[p] == 0),
            requests=sum(requests_of[p] for p in people),
            requests_met=sum(met_of[p] for p in people),
        )
        for name, people in sorted(members.items())
    ]


def delegation_shares(
    groups: Sequence[GroupFigures], requests: int, meetings: int
) -> list[DelegationShare]:
    """Each delegation's share of `requests` and of the seats of `meetings`."""
    return [
        DelegationShare(
            name=group.name,
            participants=group.participants,
            requests_share=group.requests / requests if requests else 0.0,
            meetings_share=group.meetings / (2 * meetings) if meetings else 0.0,
        )
        for group in groups
    ]


def schedule_figures(
    event: Event,
    participants: Sequence[Participant],
    requests: Sequence[Mark],
    meetings: Sequence[MeetingTriple],
    unavailable: Mapping[int, set[int]],
    minimums: Mapping[int, int],
    delegation_of: Mapping[int, str] | None = None,
) -> ScheduleFigures:
    """Measure a schedule of the event's active participants; `minimums` are their
    guaranteed minimums (capped by what each can reach), to name who stays below.

    With `delegation_of` (participant id -> delegation name) the delegation figures are
    by delegation, everyone else under "(none)"; without, by the organisation's cluster."""
    people = {p.id: p for p in participants if p.active}
    kept = [m for m in meetings if m[0] in people and m[1] in people]
    meetings_of: Counter[int] = Counter({p: 0 for p in people})
    pairs = set()
    for a, b, _slot in kept:
        meetings_of[a] += 1
        meetings_of[b] += 1
        pairs.add((min(a, b), max(a, b)))
    requests_of: Counter[int] = Counter({p: 0 for p in people})
    met_of: Counter[int] = Counter({p: 0 for p in people})
    for request in requests:
        source, target = request.from_participant_id, request.to_participant_id
        if source in people and target in people:
            requests_of[source] += 1
            if (min(source, target), max(source, target)) in pairs:
                met_of[source] += 1
    zone = event.zone
    hour_of = {
        slot.id: slot.local_start(zone).replace(minute=0, second=0, microsecond=0)
        for slot in event.slots
    }
    country_of = {p: person.organisation.country for p, person in people.items()}
    country_pairs: Counter[tuple[str, str]] = Counter()
    per_hour: Counter[datetime] = Counter()
    for a, b, slot_id in kept:
        first, second = sorted((country_of[a], country_of[b]))
        country_pairs[(first or "?", second or "?")] += 1
        per_hour[hour_of[slot_id]] += 1
    counts = list(meetings_of.values())
    online = {p for p, person in people.items() if person.attends_online}
    none = no_group()
    if delegation_of:
        delegation_keys = {p: [delegation_of.get(p, none)] for p in people}
    else:
        delegation_keys = {p: [person.organisation.cluster or none] for p, person in people.items()}
    by_delegation = _groups(delegation_keys, meetings_of, requests_of, met_of)
    return ScheduleFigures(
        meetings=len(kept),
        requests=sum(requests_of.values()),
        requests_met=sum(met_of.values()),
        min_meetings=min(counts, default=0),
        mean_meetings=fmean(counts) if counts else 0.0,
        max_meetings=max(counts, default=0),
        holes=count_holes(kept, event.slots, unavailable),
        without_meeting=[people[p] for p, count in sorted(meetings_of.items()) if count == 0],
        below_minimum=[
            people[p] for p, count in sorted(meetings_of.items()) if count < minimums.get(p, 0)
        ],
        minimum_of={p: minimums.get(p, 0) for p in people},
        by_country=_groups(
            {p: [person.organisation.country or "?"] for p, person in people.items()},
            meetings_of,
            requests_of,
            met_of,
        ),
        by_delegation=by_delegation,
        by_sector=_groups(
            {p: list(person.organisation.sectors or [none]) for p, person in people.items()},
            meetings_of,
            requests_of,
            met_of,
        ),
        meetings_of=dict(meetings_of),
        share_met_of={p: met_of[p] / requests_of[p] for p in people if requests_of[p]},
        country_pairs=country_pairs,
        per_hour={hour: per_hour[hour] for hour in sorted(per_hour)},
        delegation_shares=(
            delegation_shares(by_delegation, sum(requests_of.values()), len(kept))
            if delegation_of
            else []
        ),
        online_meetings=sum(1 for a, b, _slot in kept if a in online or b in online),
    )
