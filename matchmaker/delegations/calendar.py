"""The delegation calendar: every meeting of its members across the mission's events."""

from __future__ import annotations

from itertools import groupby

from flask_babel import gettext as _
from sqlalchemy.orm import Session

from matchmaker.calendars.entries import event_entries
from matchmaker.calendars.queries import people_meeting_rows
from matchmaker.delegations import queries
from matchmaker.ical import CalendarEntry, build_calendar
from matchmaker.models import Delegation, Phase


def delegation_calendar(session: Session, delegation: Delegation) -> bytes:
    """The members' meetings of published schedules, each in its event's zone; a meeting
    between two members appears once."""
    entries: list[CalendarEntry] = []
    people = queries.member_participants(session, delegation)
    for _event_id, group in groupby(people, key=lambda person: person.event_id):
        members = list(group)
        event = members[0].event
        if event.phase != Phase.PUBLISHED:
            continue
        meetings = people_meeting_rows(session, event, [person.id for person in members])
        entries += event_entries(event, meetings)
    mission = delegation.mission
    return build_calendar(
        f"delegation-{delegation.id}.{mission.slug}@matchmaker",
        _(
            "%(mission)s: B2B meetings of %(delegation)s",
            mission=mission.name,
            delegation=delegation.name,
        ),
        entries,
        description=mission.name,
    )
