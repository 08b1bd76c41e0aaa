"""The figures a funder asks for: participation, meetings kept, satisfaction, results.

Pure: works on rows already loaded (`OutcomeData`), so one event, a mission's events, or
one delegation's share of them are measured the same way.

- A meeting is **scheduled** when it is confirmed. It is **held** when the event-day
  attendance mark says so, or (without a mark) when either side's feedback says it was
  held; **missed** when the mark names someone absent, or when every side that answered
  says it was not held; otherwise its state is unknown.
- **Kept-meeting rate** = held / scheduled; **no-show rate** = missed / scheduled.
- **Satisfaction** is the mean of every rating given (1–5, one per side and meeting).
- A meeting counts once under each **result** that either side reported, in its feedback
  or in any follow-up survey; it **has a result** when one of them is not "none".
- A **group** (delegation, country, sector, type) holds its members' meetings; a meeting
  of two members counts once for the group. A person's delegation is their delegation on
  the mission, else their organisation's cluster (`live.figures.delegation_of`).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from statistics import fmean

from matchmaker.live.figures import delegation_of
from matchmaker.models import (
    AttendanceMark,
    FollowUpAnswer,
    Meeting,
    MeetingFeedback,
    Outcome,
    Participant,
    Result,
    ValueBand,
)

NO_COUNTRY = "?"
NO_SECTOR = "(none)"
BAND_ORDER = (
    ValueBand.UNKNOWN,
    ValueBand.NONE,
    ValueBand.UNDER_10K,
    ValueBand.FROM_10K,
    ValueBand.FROM_100K,
    ValueBand.OVER_1M,
)


class MeetingState(StrEnum):
    HELD = "held"
    MISSED = "missed"
    UNKNOWN = "unknown"


def share(part: int, whole: int) -> float | None:
    """`part` of `whole`, None when there is no whole. Rates of meetings count only those
    whose fate is known (held or missed): a meeting still to come is neither."""
    return part / whole if whole else None


@dataclass(frozen=True)
class OutcomeData:
    """What the figures are computed from: active participants, confirmed meetings, the
    marks, feedback and survey answers of those meetings, and the name of each member's
    delegation on the mission (by participant id)."""

    participants: Sequence[Participant]
    meetings: Sequence[Meeting]
    marks: dict[int, AttendanceMark] = field(default_factory=dict)
    feedback: Sequence[MeetingFeedback] = ()
    answers: Sequence[FollowUpAnswer] = ()
    delegations: Mapping[int, str] = field(default_factory=dict)

    def delegation_of(self, person: Participant) -> str:
        """The person's delegation on the mission, else their organisation's cluster."""
        return delegation_of(person, self.delegations)


@dataclass(frozen=True)
class GroupKpis:
    """The figures of one delegation, country, sector or organisation type."""

    name: str
    participants: int
    meetings: int
    held: int
    missed: int
    ratings: int
    rating_sum: int
    with_result: int

    @property
    def kept_rate(self) -> float | None:
        return share(self.held, self.held + self.missed)

    @property
    def satisfaction(self) -> float | None:
        return self.rating_sum / self.ratings if self.ratings else None


@dataclass(frozen=True)
class Kpis:
    """An event's (or a mission's, or a delegation's) figures; see the module."""

    participants: int
    by_type: dict[str, int]
    by_country: dict[str, int]
    by_delegation: dict[str, int]
    scheduled: int
    held: int
    missed: int
    ratings: dict[int, int]
    results: dict[Result, int]
    with_result: int
    value_bands: dict[ValueBand, int]
    meetings_of: dict[int, int]
    country_pairs: Counter[tuple[str, str]]
    registrations: dict[date, int]
    groups: dict[str, list[GroupKpis]]
    state_of: dict[int, MeetingState] = field(repr=False)
    feedback_given: int = 0

    @property
    def unknown(self) -> int:
        return self.scheduled - self.held - self.missed

    @property
    def kept_rate(self) -> float | None:
        return share(self.held, self.held + self.missed)

    @property
    def no_show_rate(self) -> float | None:
        return share(self.missed, self.held + self.missed)

    @property
    def rating_count(self) -> int:
        return sum(self.ratings.values())

    @property
    def satisfaction(self) -> float | None:
        count = self.rating_count
        return sum(r * n for r, n in self.ratings.items()) / count if count else None

    @property
    def mean_meetings(self) -> float:
        return fmean(self.meetings_of.values()) if self.meetings_of else 0.0

    @property
    def distribution(self) -> dict[int, int]:
        """Number of meetings -> participants with that many, from 0 to the most."""
        counts = Counter(self.meetings_of.values())
        return {n: counts[n] for n in range(max(counts, default=-1) + 1)}

    @property
    def cross_border(self) -> int:
        """Meetings between people of two different countries."""
        return sum(n for (a, b), n in self.country_pairs.items() if a != b)

    @property
    def cumulative_registrations(self) -> list[tuple[date, int, int]]:
        """(day, registered that day, registered by then), in order."""
        total, rows = 0, []
        for day in sorted(self.registrations):
            total += self.registrations[day]
            rows.append((day, self.registrations[day], total))
        return rows


def meeting_state(mark: AttendanceMark | None, feedback: Iterable[MeetingFeedback]) -> MeetingState:
    """Held, missed or unknown (see the module): the attendance mark first, then feedback."""
    if mark is not None:
        return MeetingState.HELD if mark.outcome == Outcome.HELD else MeetingState.MISSED
    answers = [row.held for row in feedback if row.held is not None]
    if any(answers):
        return MeetingState.HELD
    return MeetingState.MISSED if answers else MeetingState.UNKNOWN


def country_of(person: Participant) -> str:
    """The person's organisation's country code, or "?"."""
    return person.organisation.country or NO_COUNTRY


def sectors_of(person: Participant) -> list[str]:
    """The sectors of the person's organisation, or one "(none)"."""
    return list(person.organisation.sectors or [NO_SECTOR])


def type_of(person: Participant) -> str:
    """The label of the person's organisation type."""
    return person.organisation.type.label


def groupings(data: OutcomeData) -> dict[str, Callable[[Participant], list[str]]]:
    """Group name -> the keys a person counts under (a sector per sector)."""
    return {
        "delegation": lambda person: [data.delegation_of(person)],
        "country": lambda person: [country_of(person)],
        "sector": sectors_of,
        "type": lambda person: [type_of(person)],
    }


def _results_of(
    meetings: Sequence[Meeting],
    feedback: Sequence[MeetingFeedback],
    answers: Sequence[FollowUpAnswer],
) -> tuple[dict[int, set[Result]], dict[int, ValueBand]]:
    ids = {m.id for m in meetings}
    results: dict[int, set[Result]] = defaultdict(set)
    bands: dict[int, ValueBand] = {}
    for row in feedback:
        if row.meeting_id in ids and row.result is not None:
            results[row.meeting_id].add(row.result)
    for answer in answers:
        if answer.meeting_id not in ids:
            continue
        results[answer.meeting_id].add(answer.result)
        known = bands.get(answer.meeting_id)
        if known is None or BAND_ORDER.index(answer.value_band) > BAND_ORDER.index(known):
            bands[answer.meeting_id] = answer.value_band
    return results, bands


def _has_result(results: set[Result]) -> bool:
    return any(result != Result.NONE for result in results)


def compute_kpis(data: OutcomeData, members: Iterable[int] | None = None) -> Kpis:
    """The figures of `data`; with `members` (participant ids), of those people only and
    of the meetings at least one of them had (a delegation's own figures)."""
    people = {p.id: p for p in data.participants if p.active}
    chosen = set(people) if members is None else set(members) & set(people)
    meetings = [
        m
        for m in data.meetings
        if m.confirmed
        and m.participant_a_id in people
        and m.participant_b_id in people
        and (m.participant_a_id in chosen or m.participant_b_id in chosen)
    ]
    meeting_ids = {m.id for m in meetings}
    feedback_of: dict[int, list[MeetingFeedback]] = defaultdict(list)
    for row in data.feedback:
        if row.meeting_id in meeting_ids:
            feedback_of[row.meeting_id].append(row)
    state_of = {m.id: meeting_state(data.marks.get(m.id), feedback_of[m.id]) for m in meetings}
    ratings: Counter[int] = Counter()
    rated_by: dict[int, list[int]] = defaultdict(list)
    for rows in feedback_of.values():
        for row in rows:
            if row.rating is not None and row.participant_id in chosen:
                ratings[row.rating] += 1
                rated_by[row.participant_id].append(row.rating)
    results_of, band_of = _results_of(meetings, data.feedback, data.answers)
    results: Counter[Result] = Counter()
    for found in results_of.values():
        results.update(found)
    meetings_of: Counter[int] = Counter(dict.fromkeys(chosen, 0))
    country_pairs: Counter[tuple[str, str]] = Counter()
    for m in meetings:
        for pid in (m.participant_a_id, m.participant_b_id):
            if pid in chosen:
                meetings_of[pid] += 1
        first, second = sorted(
            (country_of(people[m.participant_a_id]), country_of(people[m.participant_b_id]))
        )
        country_pairs[(first, second)] += 1
    members_list = [people[pid] for pid in sorted(chosen)]
    registrations: Counter[date] = Counter(p.created_at.date() for p in members_list)
    # A person registered at several events of a mission counts once (by e-mail).
    persons = list({p.email.lower(): p for p in members_list}.values())
    groups = {
        name: _groups(key_of, members_list, meetings, state_of, rated_by, results_of)
        for name, key_of in groupings(data).items()
    }
    return Kpis(
        participants=len(persons),
        by_type=_count(type_of(p) for p in persons),
        by_country=_count(country_of(p) for p in persons),
        by_delegation=_count(data.delegation_of(p) for p in persons),
        scheduled=len(meetings),
        held=sum(1 for s in state_of.values() if s == MeetingState.HELD),
        missed=sum(1 for s in state_of.values() if s == MeetingState.MISSED),
        ratings={r: ratings[r] for r in range(1, 6)},
        results={r: results[r] for r in Result},
        with_result=sum(1 for found in results_of.values() if _has_result(found)),
        value_bands={b: sum(1 for v in band_of.values() if v == b) for b in ValueBand},
        meetings_of=dict(meetings_of),
        country_pairs=country_pairs,
        registrations=dict(sorted(registrations.items())),
        groups=groups,
        state_of=state_of,
        feedback_given=sum(
            1 for rows in feedback_of.values() for row in rows if row.participant_id in chosen
        ),
    )


def _count(keys: Iterable[str]) -> dict[str, int]:
    counts = Counter(keys)
    return dict(sorted(counts.items(), key=lambda item: (-item[1], item[0])))


def _groups(
    key_of: Callable[[Participant], list[str]],
    members: Sequence[Participant],
    meetings: Sequence[Meeting],
    state_of: dict[int, MeetingState],
    rated_by: dict[int, list[int]],
    results_of: dict[int, set[Result]],
) -> list[GroupKpis]:
    email_of = {person.id: person.email.lower() for person in members}
    people_of: dict[str, set[int]] = defaultdict(set)
    for person in members:
        for key in key_of(person):
            people_of[key].add(person.id)
    meetings_of: dict[int, list[Meeting]] = defaultdict(list)
    for m in meetings:
        meetings_of[m.participant_a_id].append(m)
        meetings_of[m.participant_b_id].append(m)
    rows = []
    for name, ids in sorted(people_of.items()):
        own = list({m.id: m for pid in ids for m in meetings_of[pid]}.values())
        given = [rating for pid in ids for rating in rated_by.get(pid, [])]
        rows.append(
            GroupKpis(
                name=name,
                participants=len({email_of[pid] for pid in ids}),
                meetings=len(own),
                held=sum(1 for m in own if state_of[m.id] == MeetingState.HELD),
                missed=sum(1 for m in own if state_of[m.id] == MeetingState.MISSED),
                ratings=len(given),
                rating_sum=sum(given),
                with_result=sum(1 for m in own if _has_result(results_of.get(m.id, set()))),
            )
        )
    return rows
