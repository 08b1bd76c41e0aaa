"""The event day in figures: check-in rate, meetings held, no-shows by person and
delegation, released, replacement and on-the-spot meetings.

A no-show counts once per meeting missed: a meeting that began with someone missing (see
`attendance`), or a meeting released because its person was absent or had left.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session

from matchmaker.delegations.queries import delegation_names
from matchmaker.live import queries
from matchmaker.live.attendance import MeetingOnTheDay, meeting_on_the_day
from matchmaker.models import ChangeKind, Event, Participant

NO_DELEGATION = _l("No delegation")


@dataclass(frozen=True)
class DayFigures:
    """What happened on the event's days so far."""

    arrived: int
    expected: int
    held: int
    missed: int  # meetings that began with someone missing, and released meetings
    no_shows_by_person: list[tuple[Participant, int]]
    no_shows_by_delegation: list[tuple[str, int]]
    changes: dict[ChangeKind, int]

    @property
    def check_in_rate(self) -> float:
        return self.arrived / self.expected if self.expected else 0.0

    @property
    def any(self) -> bool:
        """Whether the day has begun: someone arrived, or a meeting was marked or changed."""
        return bool(self.arrived or self.held or self.missed or any(self.changes.values()))


def delegation_of(person: Participant, names: Mapping[int, str]) -> str:
    """The delegation a person came with: their delegation on the mission (`names`, by
    participant id), else their organisation's cluster."""
    return names.get(person.id) or person.organisation.cluster or str(NO_DELEGATION)


def meetings_on_the_day(session: Session, event: Event, now: datetime) -> list[MeetingOnTheDay]:
    """Every confirmed meeting that has begun, with its attendance at `now`."""
    meetings = queries.begun_meetings(session, event, now)
    if not meetings:
        return []
    check_ins = queries.check_ins(session, event)
    marks = queries.marks_of(session, meetings)
    return [meeting_on_the_day(event, m, check_ins, marks.get(m.id), now) for m in meetings]


def released_absentees(session: Session, event: Event) -> list[Participant]:
    """Whose absence (or departure) released a meeting, once per released meeting."""
    people = []
    for change in queries.changes(session, event):
        if change.kind != ChangeKind.RELEASED or change.participant_id is None:
            continue
        meeting = change.meeting
        a_released = meeting.participant_a_id == change.participant_id
        people.append(meeting.participant_a if a_released else meeting.participant_b)
    return people


def day_figures(session: Session, event: Event, now: datetime) -> DayFigures:
    """The day's figures at `now` (see the module)."""
    days = meetings_on_the_day(session, event, now)
    missed: Counter[int] = Counter()
    people: dict[int, Participant] = {}
    for day in days:
        for person in day.missing:
            missed[person.id] += 1
            people[person.id] = person
    released = released_absentees(session, event)
    for person in released:
        missed[person.id] += 1
        people[person.id] = person
    names = delegation_names(session, event)
    by_delegation: Counter[str] = Counter()
    for pid, count in missed.items():
        by_delegation[delegation_of(people[pid], names)] += count
    counts = queries.check_in_counts(session, event)
    return DayFigures(
        arrived=counts.arrived,
        expected=counts.expected,
        held=sum(1 for day in days if day.held),
        missed=sum(1 for day in days if day.missing) + len(released),
        no_shows_by_person=sorted(
            ((people[pid], n) for pid, n in missed.items()),
            key=lambda item: (-item[1], item[0].full_name),
        ),
        no_shows_by_delegation=sorted(by_delegation.items(), key=lambda item: (-item[1], item[0])),
        changes=queries.change_counts(session, event),
    )
