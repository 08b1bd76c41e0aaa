"""The participant list: search, withdraw and reinstate, caps and booths; invitations."""

from __future__ import annotations

import csv
import hashlib
import io
import re
from collections.abc import Callable
from datetime import timedelta
from urllib.parse import urlparse

from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from matchmaker.db import utcnow
from matchmaker.models import (
    Event,
    Meeting,
    MeetingStatus,
    Organisation,
    Participant,
    Role,
    User,
)
from tests.builders import Builder


def stored(session: Session, participant_id: int) -> Participant:
    participant = session.get_one(Participant, participant_id, populate_existing=True)
    session.commit()  # end the read transaction (SQLite: one writer at a time)
    return participant


def test_the_list_searches_names_emails_and_organisations(
    organiser_client: FlaskClient, build: Builder, event: Event
) -> None:
    build.participant(
        event,
        first_name="Ana",
        last_name="Silva",
        organisation=Organisation(name="Tice Robotics", country="PT", sectors=[], technologies=[]),
    )
    build.participant(event, first_name="Jörg", last_name="Weber", email="jw@plasmatec.example")
    url = f"/organise/events/{event.slug}/participants"

    page = organiser_client.get(url).get_data(as_text=True)
    assert "Ana Silva" in page and "Jörg Weber" in page

    for query in ("tice", "SILVA", "plasmatec", "ana tice"):
        page = organiser_client.get(url, query_string={"q": query}).get_data(as_text=True)
        assert ("Ana Silva" in page) != ("Jörg Weber" in page), query
    page = organiser_client.get(url, query_string={"q": "nobody"}).get_data(as_text=True)
    assert "Nobody matches" in page


def test_withdraw_and_reinstate(
    organiser_client: FlaskClient, session: Session, build: Builder, event: Event
) -> None:
    person = build.participant(event, first_name="Ana", last_name="Silva")
    base = f"/organise/events/{event.slug}/participants/{person.id}"

    response = organiser_client.post(f"{base}/withdraw")
    assert response.status_code == 302
    assert stored(session, person.id).withdrawn_at is not None
    page = organiser_client.get(f"/organise/events/{event.slug}/participants").get_data(
        as_text=True
    )
    assert "Withdrawn" in page and "Reinstate" in page

    organiser_client.post(f"{base}/reinstate")
    assert stored(session, person.id).withdrawn_at is None


def test_withdrawing_cancels_their_meetings_and_frees_the_partners_slot(
    organiser_client: FlaskClient, session: Session, build: Builder, event: Event
) -> None:
    leaving, partner, other = (build.participant(event) for _ in range(3))
    slot, table = event.slots[0], event.tables[0]
    build.meeting(leaving, partner, slot, table=table)

    response = organiser_client.post(
        f"/organise/events/{event.slug}/participants/{leaving.id}/withdraw",
        follow_redirects=True,
    )
    assert "Their 1 meeting" in response.get_data(as_text=True)
    statuses = session.scalars(select(Meeting.status)).all()
    session.commit()
    assert statuses == [MeetingStatus.CANCELLED]
    build.meeting(partner, other, slot, table=table)  # the freed slot takes a new meeting


def test_editing_a_cap_and_a_booth(
    organiser_client: FlaskClient, session: Session, build: Builder, event: Event
) -> None:
    person = build.participant(event, max_meetings=8)
    url = f"/organise/events/{event.slug}/participants/{person.id}"
    assert organiser_client.get(url).status_code == 200

    response = organiser_client.post(url, data={"max_meetings": "5", "location": " Hall 8 C21 "})
    assert response.status_code == 302
    assert (stored(session, person.id).max_meetings, stored(session, person.id).location) == (
        5,
        "Hall 8 C21",
    )

    organiser_client.post(url, data={"max_meetings": "", "location": ""})
    assert (stored(session, person.id).max_meetings, stored(session, person.id).location) == (
        None,
        None,
    )
    response = organiser_client.post(url, data={"max_meetings": "-1"})
    assert response.status_code == 200
    assert stored(session, person.id).max_meetings is None


def test_a_participant_of_another_event_is_404(
    organiser_client: FlaskClient, build: Builder, event: Event, organiser: User
) -> None:
    other_event = build.event(slug="other-event", organisers=(organiser,))
    stranger = build.participant(other_event)
    base = f"/organise/events/{event.slug}/participants/{stranger.id}"
    assert organiser_client.get(base).status_code == 404
    assert organiser_client.post(f"{base}/withdraw").status_code == 404


def read_csv(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


def test_invitation_links_work_and_regenerating_replaces_them(
    organiser_client: FlaskClient, session: Session, build: Builder, event: Event
) -> None:
    imported = build.participant(event, first_name="=Ana", email="ana@tice.example")
    member = build.user(email="joined@cluster.example")
    build.participant(event, user=member)  # has an account: never invited
    withdrawn = build.participant(event, email="gone@cluster.example")
    withdrawn_id = withdrawn.id
    url = f"/organise/events/{event.slug}/invitations"
    organiser_client.post(f"/organise/events/{event.slug}/participants/{withdrawn_id}/withdraw")

    response = organiser_client.post(url, data={"scope": "new"})

    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    (row,) = read_csv(response.data)
    assert row["email"] == "ana@tice.example"
    assert row["first_name"] == "'=Ana"  # a spreadsheet will not run it as a formula
    link = urlparse(row["invitation_link"])
    assert link.scheme == "http" and link.netloc == "localhost"
    token = link.path.rsplit("/", 1)[1]
    first = stored(session, imported.id)
    assert first.invitation_token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert first.invited_at is not None
    assert organiser_client.get(link.path).status_code == 200  # the accept page knows it

    again = organiser_client.post(url, data={"scope": "new"})
    assert again.status_code == 302  # nobody left who was never invited

    renewed = read_csv(organiser_client.post(url, data={"scope": "all"}).data)
    assert [line["email"] for line in renewed] == ["ana@tice.example"]
    new_token = urlparse(renewed[0]["invitation_link"]).path.rsplit("/", 1)[1]
    assert new_token != token
    assert (
        stored(session, imported.id).invitation_token_hash
        == hashlib.sha256(new_token.encode()).hexdigest()
    )
    assert organiser_client.get(link.path).status_code == 404  # the old link is dead


def test_expired_invitations_are_renewed_by_the_default_action(
    organiser_client: FlaskClient, session: Session, build: Builder, event: Event
) -> None:
    fresh = build.participant(event, email="fresh@tice.example")
    expired = build.participant(event, email="expired@tice.example")
    url = f"/organise/events/{event.slug}/invitations"
    organiser_client.post(url, data={"scope": "new"})
    stored(session, expired.id).invited_at = utcnow() - timedelta(days=31)
    session.commit()

    renewed = read_csv(organiser_client.post(url, data={"scope": "new"}).data)

    assert [line["email"] for line in renewed] == ["expired@tice.example"]
    fresh_at, renewed_at = (
        stored(session, fresh.id).invited_at,
        stored(session, expired.id).invited_at,
    )
    assert fresh_at is not None and renewed_at is not None
    assert fresh_at < renewed_at


def test_an_admin_creates_an_organiser_and_assigns_a_mission(
    client: FlaskClient,
    session: Session,
    admin: User,
    event: Event,
    log_in: Callable[[User], None],
) -> None:
    mission_id, mission_slug = event.mission_id, event.mission.slug
    session.commit()
    log_in(admin)

    response = client.post(
        "/organise/organisers",
        data={"new-email": "Carla@Cluster.example", "new-name": "Carla Rossi"},
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "it is shown only now" in page
    assert response.headers["Cache-Control"] == "no-store"
    password = page.split('organiser-password__value">')[1].split("<")[0]
    user = session.scalars(select(User).where(User.email == "carla@cluster.example")).one()
    user_id = user.id
    assert user.role == Role.ORGANISER
    session.commit()

    duplicate = client.post(
        "/organise/organisers",
        data={"new-email": "carla@cluster.example", "new-name": "Carla"},
    )
    assert "exists already" in duplicate.get_data(as_text=True)

    response = client.post(
        "/organise/organisers/assign", data={"assign-mission": mission_id, "assign-user": user_id}
    )
    assert response.status_code == 302

    client.post("/logout")
    login = client.post("/login", data={"email": "carla@cluster.example", "password": password})
    assert login.status_code == 302
    assert client.get(f"/organise/events/{event.slug}").status_code == 200
    client.post("/logout")

    log_in(admin)
    client.post(f"/organise/missions/{mission_slug}/organisers/{user_id}/remove")
    client.post("/logout")
    client.post("/login", data={"email": "carla@cluster.example", "password": password})
    assert client.get(f"/organise/events/{event.slug}").status_code == 404


def test_only_admins_manage_organisers(organiser_client: FlaskClient) -> None:
    assert organiser_client.get("/organise/organisers").status_code == 404
    assert organiser_client.post("/organise/organisers/assign").status_code == 404


def test_the_cap_column_names_the_event_default(
    organiser_client: FlaskClient, session: Session, build: Builder, event: Event
) -> None:
    build.participant(event, first_name="Own", max_meetings=5)
    build.participant(event, first_name="Default", max_meetings=None)
    url = f"/organise/events/{event.slug}/participants"

    def caps() -> list[str]:
        page = organiser_client.get(url).get_data(as_text=True)
        cells = re.findall(r'<td data-label="Cap" class="organiser-cap">(.*?)</td>', page, re.S)
        return [" ".join(re.sub(r"<[^>]+>", "", cell).split()) for cell in cells]

    assert sorted(caps()) == ["5", "8 (event default)"]
    stored_event = session.get_one(Event, event.id)
    stored_event.default_max_meetings = None
    session.commit()
    assert sorted(caps()) == ["5", "no cap"]


def test_the_cap_form_explains_what_empty_means(
    organiser_client: FlaskClient, build: Builder, event: Event
) -> None:
    person = build.participant(event)
    page = organiser_client.get(f"/organise/events/{event.slug}/participants/{person.id}").get_data(
        as_text=True
    )
    assert "Empty: the event&#39;s default, 8." in page
