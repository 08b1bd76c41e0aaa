"""Every member's agenda of a delegation, for the lead's pages and the booklet."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from matchmaker.delegations import queries
from matchmaker.models import Delegation, Participant, Phase
from matchmaker.participants.agenda import AgendaEntry, agenda_days, agenda_entries
from matchmaker.participants.queries import agenda_meetings


@dataclass(frozen=True)
class MemberAgenda:
    """One member's meetings at one event, by day (empty before the schedule is published)."""

    participant: Participant
    published: bool
    days: list[tuple[date, list[AgendaEntry]]]

    @property
    def meetings(self) -> int:
        return sum(1 for _day, entries in self.days for e in entries if not e.cancelled)


def member_agendas(session: Session, delegation: Delegation) -> list[MemberAgenda]:
    """The agendas of the delegation's active members, by event and name."""
    agendas = []
    for person in queries.member_participants(session, delegation):
        if not person.active:
            continue
        event = person.event
        published = event.phase == Phase.PUBLISHED
        entries = (
            agenda_entries(event, person, agenda_meetings(session, person)) if published else []
        )
        agendas.append(MemberAgenda(person, published, agenda_days(event, entries)))
    return agendas
