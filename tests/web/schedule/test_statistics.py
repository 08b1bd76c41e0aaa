"""Schedule figures: holes, meetings per person, requests met, by country and sector."""

from __future__ import annotations

import re
from typing import Any

from flask.testing import FlaskClient
from sqlalchemy.orm import Session

from matchmaker.models import RunStatus, Unavailability
from matchmaker.schedule import queries, scheduling
from matchmaker.schedule.statistics import schedule_figures
from tests.web.schedule.conftest import runs_of


def figures(session: Session, event: Any, meetings: list[tuple[int, int, int]], **kw: Any) -> Any:
    result = schedule_figures(
        event,
        queries.event_participants(session, event),
        queries.requests(session, event),
        meetings,
        kw.get("unavailable", {}),
        kw.get("minimums", {}),
    )
    session.commit()
    return result


def test_figures_of_a_small_schedule(small_event: Any, session: Session) -> None:
    event, p = small_event.event, small_event.people
    slot = [s.id for s in event.slots]
    meetings = [
        (p[0].id, p[3].id, slot[0]),
        (p[0].id, p[4].id, slot[2]),
        (p[1].id, p[3].id, slot[1]),
    ]
    result = figures(session, event, meetings)
    assert result.meetings == 3
    assert (result.requests, result.requests_met) == (9, 3)
    assert (result.min_meetings, result.max_meetings) == (0, 2)
    assert result.mean_meetings == 1.0
    assert result.holes == 1  # p0 idles at 09:30 between two meetings
    assert [x.id for x in result.without_meeting] == [p[2].id, p[5].id]
    germany = next(g for g in result.by_country if g.name == "DE")
    assert (germany.participants, germany.meetings, germany.requests_met) == (1, 2, 2)
    energy = next(g for g in result.by_sector if g.name == "Energy")
    assert (energy.participants, energy.meetings, energy.without_meeting) == (3, 3, 1)
    assert result.share_met_of[p[0].id] == 2 / 3 and p[3].id not in result.share_met_of

    away = figures(session, event, meetings, unavailable={p[0].id: {slot[1]}})
    assert away.holes == 0


def test_distribution_delegations_and_people_below_their_minimum(
    small_event: Any, session: Session
) -> None:
    event, p = small_event.event, small_event.people
    p[0].organisation.cluster = "Silicon Saxony"
    p[1].organisation.cluster = "Silicon Saxony"
    session.commit()
    slot = [s.id for s in event.slots]
    meetings = [(p[0].id, p[3].id, slot[0]), (p[0].id, p[4].id, slot[1])]
    minimums = {person.id: 1 for person in p} | {p[5].id: 0}
    result = figures(session, event, meetings, minimums=minimums)
    assert result.distribution == {0: 3, 1: 2, 2: 1}
    assert [x.id for x in result.below_minimum] == [p[1].id, p[2].id]  # p[5]'s minimum is 0
    saxony = next(g for g in result.by_delegation if g.name == "Silicon Saxony")
    assert (saxony.participants, saxony.meetings, saxony.without_meeting) == (2, 2, 1)
    assert {g.name for g in result.by_delegation} == {"Silicon Saxony", "(none)"}


def test_delegations_shares_of_requests_and_of_meetings(
    small_event: Any, session: Session, build: Any, logged_in: Any
) -> None:
    event, p = small_event.event, small_event.people
    build.delegation(event.mission, name="Portugal", members=(p[0], p[1]))
    build.delegation(event.mission, name="Mexico", members=(p[3],))
    slot = [s.id for s in event.slots]
    meetings = [
        (p[0].id, p[3].id, slot[0]),
        (p[0].id, p[4].id, slot[1]),
        (p[2].id, p[5].id, slot[2]),
    ]
    result = schedule_figures(
        event,
        queries.event_participants(session, event),
        queries.requests(session, event),
        meetings,
        {},
        {},
        {p[0].id: "Portugal", p[1].id: "Portugal", p[3].id: "Mexico"},
    )
    shares = {row.name: row for row in result.delegation_shares}
    # Nine requests: three each from p0, p1, p2; six meeting seats.
    assert (shares["Portugal"].requests_share, shares["Portugal"].meetings_share) == (6 / 9, 2 / 6)
    assert (shares["Mexico"].requests_share, shares["Mexico"].meetings_share) == (0, 1 / 6)
    assert (shares["(none)"].requests_share, shares["(none)"].meetings_share) == (3 / 9, 3 / 6)
    assert shares["Portugal"].participants == 2
    assert round(shares["Portugal"].difference, 4) == round(2 / 6 - 6 / 9, 4)

    page = logged_in.get(f"/organise/events/{event.slug}/schedule/statistics")
    text = page.get_data(as_text=True)
    assert page.status_code == 200 and 'id="delegation-shares"' in text
    assert "Portugal" in text and "Mexico" in text


def test_statistics_read_the_minimums_the_applied_run_stored(
    logged_in: FlaskClient, small_event: Any, session: Session
) -> None:
    """A solve stores everyone's capped minimum; the statistics page shows the same
    figures with them as with minimums worked out from a problem built for the request."""
    event, p = small_event.event, small_event.people
    event.min_meetings = 3
    for slot in event.slots[1:]:
        session.add(Unavailability(participant_id=p[0].id, slot_id=slot.id))
    for person in (p[3], p[4]):
        session.add(Unavailability(participant_id=person.id, slot_id=event.slots[0].id))
    session.commit()
    response = logged_in.post(
        f"/organise/events/{event.slug}/schedule/solve", data={"time_limit": "10"}
    )
    [run] = runs_of(session, event)
    assert run.status == RunStatus.SUCCEEDED, run.error
    logged_in.post(f"/organise/events/{event.slug}/schedule/runs/{run.id}/apply")
    assert response.status_code == 302
    session.expire_all()
    built = scheduling.minimums(queries.event_data(session, event))
    assert run.minimums == {str(pid): least for pid, least in built.items()}
    assert built[p[0].id] == 1 and built[p[3].id] == 2 and built[p[1].id] == 3
    assert queries.minimums(session, event) == built
    session.commit()

    url = f"/organise/events/{event.slug}/schedule/statistics"
    logged_in.get(url)  # shows the message of the apply
    stored = logged_in.get(url).get_data(as_text=True)
    run.minimums = None
    session.commit()
    assert queries.minimums(session, event) == built
    session.commit()
    computed = logged_in.get(url).get_data(as_text=True)
    assert without_csrf(stored) == without_csrf(computed)


def without_csrf(page: str) -> str:
    return re.sub(r'name="csrf_token" value="[^"]*"', "", page)
