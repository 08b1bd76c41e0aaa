"""Same-day recovery keeps members of one delegation apart, unless the event allows it."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from matchmaker.live.figures import day_figures
from matchmaker.models import Meeting, MeetingStatus
from tests.web.live.live_helpers import Clock, LiveEvent, berlin


@pytest.mark.parametrize("may_meet", [False, True])
def test_no_replacement_meeting_within_a_delegation_unless_allowed(
    client: Any,
    log_in: Any,
    live: LiveEvent,
    session: Any,
    clock: Clock,
    build: Any,
    may_meet: bool,
) -> None:
    slug = live.event.slug
    ben, cleo, dan, eva, finn = (live.person(n) for n in ("Ben", "Cleo", "Dan", "Eva", "Finn"))
    build.delegation(live.event.mission, members=(ben, dan))
    live.event.delegation_members_may_meet = may_meet
    session.commit()
    log_in(live.organiser)
    for person in (ben, cleo, dan, eva, finn):
        client.post(f"/live/events/{slug}/desk", data={"participant_id": person.id})
    clock.at = berlin(8, 59)
    client.post(f"/live/events/{slug}/participants/{live.person('Ana').id}/release")
    confirmed = {
        (m.participant_a_id, m.participant_b_id)
        for m in session.scalars(
            select(Meeting).where(
                Meeting.event_id == live.event.id, Meeting.status == MeetingStatus.CONFIRMED
            )
        )
    }
    session.commit()
    assert tuple(sorted((cleo.id, eva.id))) in confirmed
    assert (tuple(sorted((ben.id, dan.id))) in confirmed) == may_meet


def test_no_shows_count_under_the_mission_delegation(
    client: Any, log_in: Any, live: LiveEvent, session: Any, clock: Clock, build: Any
) -> None:
    ana = live.person("Ana")
    build.delegation(live.event.mission, name="Produtech", members=(ana,))
    log_in(live.organiser)
    clock.at = berlin(8, 59)
    client.post(f"/live/events/{live.event.slug}/participants/{ana.id}/release")
    session.commit()
    figures = day_figures(session, live.event, berlin(8, 59))
    assert figures.no_shows_by_delegation == [("Produtech", 2)]
