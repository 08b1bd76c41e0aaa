"""What a lead watches: each member's registration, availability, marks and meetings."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy.orm import Session

from matchmaker.delegations import queries
from matchmaker.models import Delegation, Event, Participant


@dataclass(frozen=True)
class MemberProgress:
    """One member's participant at one event and how far they are."""

    participant: Participant
    marks: int
    meetings: int
    lead_may_mark: bool

    @property
    def availability_given(self) -> bool:
        return self.participant.availability_saved_at is not None

    @property
    def has_account(self) -> bool:
        return self.participant.user_id is not None

    @property
    def waiting(self) -> bool:
        """Neither availability nor any mark yet: someone to chase."""
        return not self.availability_given or self.marks == 0


@dataclass(frozen=True)
class EventProgress:
    """The delegation's members at one event of the mission."""

    event: Event
    members: list[MemberProgress]

    @property
    def without_availability(self) -> list[MemberProgress]:
        return [m for m in self.members if m.participant.active and not m.availability_given]

    @property
    def without_marks(self) -> list[MemberProgress]:
        return [m for m in self.members if m.participant.active and m.marks == 0]


def delegation_progress(session: Session, delegation: Delegation) -> list[EventProgress]:
    """Every event of the mission with the delegation's members there (events without
    members too, so that the lead can register someone)."""
    people: Sequence[Participant] = queries.member_participants(session, delegation)
    ids = [p.id for p in people]
    marks = queries.marks_given(session, ids)
    meetings = queries.meeting_counts(session, ids)
    consenting = {m.email for m in delegation.members if m.lead_may_mark}
    by_event: dict[int, list[MemberProgress]] = {}
    for person in people:
        by_event.setdefault(person.event_id, []).append(
            MemberProgress(
                participant=person,
                marks=marks.get(person.id, 0),
                meetings=meetings.get(person.id, 0),
                lead_may_mark=person.email.lower() in consenting,
            )
        )
    return [EventProgress(event, by_event.get(event.id, [])) for event in delegation.mission.events]
