"""Requests without a meeting: each request's level, filters by level, person and reason,
names and times instead of internal ids."""

from __future__ import annotations

import re
from typing import Any

from flask.testing import FlaskClient
from sqlalchemy.orm import Session

from matchmaker.db import utcnow
from matchmaker.models import PreferenceLevel, RunStatus, ScheduleRun, Unavailability
from matchmaker.schedule.queries import event_data
from matchmaker.schedule.scheduling import build_problem, run_solver
from matchmaker.schedule.unmet import readable_detail
from tests.web.schedule.conftest import page_text


def finished_solve(session: Session, event: Any) -> ScheduleRun:
    """Solve the event and record the run as finished."""
    session.expire_all()
    result = run_solver(build_problem(event_data(session, event), minimal_change=False),
                        time_limit_s=2, workers=1)  # fmt: skip
    run = ScheduleRun(
        event_id=event.id, status=RunStatus.SUCCEEDED, result=result, finished_at=utcnow()
    )
    session.add(run)
    session.commit()
    return run


def rows(page: str) -> list[str]:
    table = re.search(r'<table[^>]*id="unscheduled">(.*?)</table>', page, re.S)
    assert table is not None
    return re.findall(r"<tr>(.*?)</tr>", table.group(1), re.S)[1:]


def test_requests_without_a_meeting_show_levels_names_and_filter(
    logged_in: FlaskClient, small_event: Any, session: Session, prefer: Any
) -> None:
    event, p = small_event.event, small_event.people
    # p[0] is free only in the first slot, p[3] and p[4] never then: two requests fail.
    for slot in event.slots[1:]:
        session.add(Unavailability(participant_id=p[0].id, slot_id=slot.id))
    for person in (p[3], p[4]):
        session.add(Unavailability(participant_id=person.id, slot_id=event.slots[0].id))
    session.commit()
    prefer(p[3], p[0], PreferenceLevel.MUST)
    run = finished_solve(session, event)
    url = f"/organise/events/{event.slug}/schedule/runs/{run.id}"
    page = page_text(logged_in.get(url))
    found = rows(page)
    assert len(found) >= 3  # p[0] -> p[3] (want), p[3] -> p[0] (must), p[0] -> p[4]
    first = found[0]
    assert p[3].full_name in first and ">must<" in first  # most wanted first
    assert "No common free slot" in first
    assert f"{p[0].full_name} and {p[3].full_name} are never available" in page
    assert f"({p[0].id})" not in page and f"({p[3].id})" not in page  # no internal ids

    must_only = rows(page_text(logged_in.get(url, query_string={"level": "must"})))
    assert len(must_only) == 1
    about_p4 = rows(page_text(logged_in.get(url, query_string={"person": p[4].id})))
    assert about_p4 and all(p[4].full_name in row for row in about_p4)
    assert all(p[3].full_name not in row for row in about_p4)
    by_reason = page_text(logged_in.get(url, query_string={"reason": "cap-reached"}))
    assert "No request matches these filters." in by_reason


def test_statistics_name_who_is_below_the_minimum_and_why(
    logged_in: FlaskClient, small_event: Any, session: Session
) -> None:
    event, p = small_event.event, small_event.people
    for slot in event.slots[1:]:
        session.add(Unavailability(participant_id=p[0].id, slot_id=slot.id))
    for person in (p[3], p[4]):
        session.add(Unavailability(participant_id=person.id, slot_id=event.slots[0].id))
    session.commit()
    run = finished_solve(session, event)
    run.applied_at = utcnow()  # the schedule is not stored: everyone has no meeting today
    session.commit()
    page = page_text(logged_in.get(f"/organise/events/{event.slug}/schedule/statistics"))
    table = re.search(r'<table[^>]*id="below-minimum">(.*?)</table>', page, re.S)
    assert table is not None
    row = next(r for r in table.group(1).split("<tr>") if p[0].full_name in r)
    assert "No common free slot (2)" in row
    assert 'id="distribution"' in page and "chart-per-person" in page
    assert "By delegation" in page


def test_a_detail_names_people_without_their_ids_and_keeps_unknown_ids(
    small_event: Any,
) -> None:
    event, p = small_event.event, small_event.people
    people = {person.id: person for person in p}
    a, b = p[0], p[1]
    detail = f"{a.full_name} ({a.id}) and {b.full_name} ({b.id}) meet; Someone (99999) not"
    assert readable_detail(detail, people, event) == (
        f"{a.full_name} and {b.full_name} meet; Someone (99999) not"
    )
    mismatched = f"Not {a.full_name}x ({a.id})"
    assert readable_detail(mismatched, people, event) != f"Not {a.full_name}x"  # not their name
