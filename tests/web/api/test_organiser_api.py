"""The organisers' API: missions, events, participants and their import, solves, the
schedule, publishing and exports."""

from __future__ import annotations

import io
from collections.abc import Callable

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from matchmaker.models import (
    Event,
    Organisation,
    Participant,
    Phase,
    PreferenceLevel,
    Role,
    RunStatus,
    ScheduleRun,
    User,
)
from tests.builders import Builder
from tests.web.api.conftest import Api
from tests.web.organiser.uploads import SECTORS, TECHNOLOGIES, csv_bytes, good_row, xlsx_bytes

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def organiser(build: Builder) -> User:
    return build.user(role=Role.ORGANISER, email="olga@cluster.example")


@pytest.fixture
def event(build: Builder, organiser: User) -> Event:
    """Six people; each of the first three wants each of the last three."""
    event = build.event(
        slug="hannover-b2b",
        organisers=(organiser,),
        phase=Phase.PREFERENCES,
        sectors=SECTORS,
        technologies=TECHNOLOGIES,
        default_max_meetings=3,
    )
    people = [
        build.participant(
            event,
            organisation=Organisation(name=f"Org {n}", country="DE", sectors=[], technologies=[]),
        )
        for n in range(6)
    ]
    for source in people[:3]:
        for target in people[3:]:
            build.preference(source, target, PreferenceLevel.WANT)
    return event


@pytest.fixture
def api(organiser: User, api_as: Callable[..., Api]) -> Api:
    return api_as(organiser)


def test_missions_and_the_event(api: Api, event: Event, build: Builder) -> None:
    build.event()  # another organiser's
    missions = api.get("/api/v1/organise/missions").json["items"]
    assert [mission["events"] for mission in missions] == [[event.slug]]
    detail = api.get(f"/api/v1/organise/events/{event.slug}").json
    assert (detail["participants"], detail["slots"], detail["tables"]) == (6, 4, 3)


def test_participants_are_paged_with_links(api: Api, event: Event) -> None:
    url = f"/api/v1/organise/events/{event.slug}/participants?limit=4"
    first = api.get(url).json
    assert len(first["items"]) == 4 and first["links"]["next"]
    second = api.get(first["links"]["next"]).json
    assert len(second["items"]) == 2 and second["links"]["next"] is None
    ids = [person["id"] for person in first["items"] + second["items"]]
    assert ids == sorted(ids) and len(set(ids)) == 6
    assert all("email" in person for person in first["items"])
    for bad in ("limit=0", "limit=201", "limit=x", "cursor=-1", "cursor=%00"):
        answer = api.get(f"/api/v1/organise/events/{event.slug}/participants?{bad}")
        assert answer.status_code == 400, bad


def _count(session: Session, event: Event) -> int:
    count = session.scalar(
        select(func.count(Participant.id)).where(Participant.event_id == event.id)
    )
    session.commit()
    return int(count or 0)


def test_an_import_with_the_import_pages_checks(api: Api, event: Event, session: Session) -> None:
    url = f"/api/v1/organise/events/{event.slug}/participants/import"
    data = csv_bytes(
        [
            good_row(1),
            good_row(2, country="Atlantis"),
            good_row(3, email="not an email"),
            good_row(4, organisation="Fraunhofer", type="Research and technology organisation"),
        ]
    )
    checked = api.post(f"{url}?dry_run=1", data=data, content_type="text/csv")
    assert checked.status_code == 200, checked.json
    assert (checked.json["imported"], checked.json["new"]) == (False, 2)
    assert _count(session, event) == 6
    refused = {row["row"]: row["errors"] for row in checked.json["refused"]}
    assert set(refused) == {3, 4}
    done = api.post(url, data=data, content_type="text/csv")
    assert done.status_code == 200
    assert (done.json["imported"], done.json["added"], done.json["updated"]) == (True, 2, 0)
    assert _count(session, event) == 8
    again = api.post(
        url,
        data={"file": (io.BytesIO(xlsx_bytes([good_row(1, offers="Drones")])), "p.xlsx")},
        content_type="multipart/form-data",
    )
    assert (again.json["added"], again.json["updated"]) == (0, 1)


@pytest.mark.parametrize(
    ("body", "content_type", "status"),
    [
        (b"", "text/csv", 422),
        (b"Name;Mail\nAna;ana@example.org\n", "text/csv", 422),
        (b"\x00\x01PK\x03\x04garbage", XLSX, 422),
        (b"first,last", "application/json", 415),
        (b"First Name,Last Name", "application/octet-stream", 415),
    ],
)
def test_import_refusals_are_problems(
    api: Api, event: Event, session: Session, body: bytes, content_type: str, status: int
) -> None:
    url = f"/api/v1/organise/events/{event.slug}/participants/import"
    answer = api.post(url, data=body, content_type=content_type)
    assert answer.status_code == status
    assert answer.mimetype == "application/problem+json" and answer.json["detail"]
    assert _count(session, event) == 6


def test_an_import_with_no_ready_row_is_refused_with_the_rows(api: Api, event: Event) -> None:
    url = f"/api/v1/organise/events/{event.slug}/participants/import"
    answer = api.post(url, data=csv_bytes([good_row(1, email="nope")]), content_type="text/csv")
    assert answer.status_code == 422
    assert answer.json["refused"][0]["row"] == 2


def test_a_solve_is_started_followed_applied_and_published(
    api: Api, event: Event, session: Session, build: Builder
) -> None:
    base = f"/api/v1/organise/events/{event.slug}"
    assert api.post(f"{base}/schedule/publish").status_code == 409
    started = api.post(f"{base}/solves", json={"time_limit_s": 5})
    assert started.status_code == 202, started.json
    run_id = started.json["id"]
    assert started.headers["Location"].endswith(f"/solves/{run_id}")
    progress = api.get(started.headers["Location"]).json
    assert progress["status"] == "succeeded" and progress["stats"]["meetings"] == 9
    assert [run["id"] for run in api.get(f"{base}/solves").json["items"]] == [run_id]
    assert api.post(f"{base}/solves/{run_id}/cancel").status_code == 409
    applied = api.post(f"{base}/solves/{run_id}/apply")
    assert applied.status_code == 200, applied.json
    assert (applied.json["added"], applied.json["phase"]) == (9, "scheduled")
    meetings = api.get(f"{base}/schedule?limit=5").json
    assert len(meetings["items"]) == 5 and meetings["links"]["next"]
    assert api.post(f"{base}/schedule/publish").json["phase"] == "published"
    export = api.get(f"{base}/exports/meetings.csv")
    assert export.status_code == 200 and export.mimetype == "text/csv"
    assert export.data.count(b"\n") >= 10
    assert api.get(f"{base}/exports/meetings.pdf").status_code == 404
    assert api.get(f"{base}/solves/{run_id + 1000}").status_code == 404


def test_a_queued_solve_can_be_cancelled(api: Api, event: Event, session: Session) -> None:
    run = ScheduleRun(event_id=event.id, status=RunStatus.QUEUED)
    session.add(run)
    session.commit()
    base = f"/api/v1/organise/events/{event.slug}/solves"
    again = api.post(base, json={})
    assert again.status_code == 200 and again.json["id"] == run.id
    cancelled = api.post(f"{base}/{run.id}/cancel")
    assert cancelled.status_code == 200, cancelled.json


@pytest.mark.parametrize(
    "body",
    [
        {"time_limit_s": 7},
        {"time_limit_s": "60"},
        {"time_limit_s": True},
        {"minimal_change": "yes"},
        [],
    ],
)
def test_bad_solve_requests_are_refused(api: Api, event: Event, body: object) -> None:
    answer = api.post(f"/api/v1/organise/events/{event.slug}/solves", json=body)
    assert answer.status_code in (400, 422)
    assert answer.mimetype == "application/problem+json"
