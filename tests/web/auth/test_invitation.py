"""Invitations: a new email sets a password; an email with an account logs in and confirms.

Organisers receive every invitation link, so a link must never set the password of an
account that exists already.
"""

from __future__ import annotations

import csv
import io
from datetime import timedelta
from typing import Any, TypeVar
from urllib.parse import urlparse

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from matchmaker.auth.passwords import verify_password
from matchmaker.auth.tokens import hash_token, new_token
from matchmaker.db import utcnow
from matchmaker.models import Event, Participant, Role, User
from tests.builders import TEST_PASSWORD
from tests.web.auth.conftest import is_logged_in, log_in

T = TypeVar("T")

PASSWORD = "my new fair password"
NEW_PASSWORD = {"password": PASSWORD, "confirm": PASSWORD}


def invite(build: Any, event: Event, **fields: Any) -> tuple[Participant, str]:
    """An imported participant invited a day ago, as the organiser area creates them."""
    token = new_token()
    fields.setdefault("invited_at", utcnow() - timedelta(days=1))
    participant = build.participant(event, invitation_token_hash=hash_token(token), **fields)
    return participant, token


def stored(session: Session, model: type[T], object_id: int) -> T:
    session.expire_all()
    found = session.get_one(model, object_id)
    session.commit()
    return found


def test_an_invited_person_sets_a_password_and_is_logged_in(
    client: FlaskClient, build: Any, session: Session
) -> None:
    event = build.event(slug="hannover")
    participant, token = invite(build, event, email="Ana@Example.pt", first_name="Ana")
    page = client.get(f"/invitation/{token}")
    assert page.status_code == 200
    assert "Welcome, Ana" in page.text
    assert "Choose a password to open your account." in page.text
    assert 'value="Ana@Example.pt" readonly' in page.text
    assert "replaces its" not in page.text
    assert page.headers["Referrer-Policy"] == "no-referrer"
    response = client.post(f"/invitation/{token}", data=NEW_PASSWORD)
    assert response.status_code == 302
    assert response.headers["Location"] == "/events/hannover/profile"
    assert is_logged_in(client)
    assert client.get(f"/invitation/{token}").status_code == 404
    client.post("/logout")
    log_in(client, "ana@example.pt", PASSWORD)
    assert is_logged_in(client)
    user = session.scalars(select(User)).one()
    assert user.email == "ana@example.pt"
    assert user.role == Role.PARTICIPANT
    session.refresh(participant)
    assert participant.user_id == user.id
    assert participant.invitation_token_hash is None


def test_unknown_withdrawn_and_linked_invitations_answer_404(
    client: FlaskClient, build: Any
) -> None:
    event = build.event()
    _, token = invite(build, event, withdrawn_at=utcnow())
    _, linked = invite(build, event, user=build.user())
    assert client.get(f"/invitation/{token}").status_code == 404
    assert client.get(f"/invitation/{linked}").status_code == 404
    assert client.post(f"/invitation/{linked}", data=NEW_PASSWORD).status_code == 404
    assert client.get(f"/invitation/{new_token()}").status_code == 404
    assert client.post(f"/invitation/{new_token()}", data=NEW_PASSWORD).status_code == 404


def test_an_invitation_expires_after_30_days(
    client: FlaskClient, build: Any, session: Session
) -> None:
    event = build.event(name="Hannover B2B")
    _, fresh = invite(build, event, invited_at=utcnow() - timedelta(days=29, hours=23))
    _, old = invite(build, event, invited_at=utcnow() - timedelta(days=30, minutes=1))
    _, undated = invite(build, event, invited_at=None)
    assert client.get(f"/invitation/{fresh}").status_code == 200
    for token in (old, undated):
        page = client.get(f"/invitation/{token}")
        assert page.status_code == 410
        assert "This invitation has expired" in page.text
        assert "Please ask the organisers of\n      Hannover B2B for a new one." in page.text
        assert 'name="password"' not in page.text
        assert page.headers["Referrer-Policy"] == "no-referrer"
        assert client.post(f"/invitation/{token}", data=NEW_PASSWORD).status_code == 410
    assert not is_logged_in(client)
    assert session.scalar(select(func.count()).select_from(User)) == 0


def test_an_organiser_cannot_take_over_an_account_with_an_invitation(
    app: Flask, build: Any, session: Session
) -> None:
    """The attack: import the admin's email into one's own event, then open its link."""
    admin = build.user(role=Role.ADMIN, email="admin@matchmaker.example")
    admin_hash = admin.password_hash
    organiser = build.user(role=Role.ORGANISER, email="olga@cluster.example")
    event = build.event(slug="hannover", organisers=(organiser,))
    organiser_client = app.test_client()
    log_in(organiser_client, "olga@cluster.example")
    rows = (
        "First Name,Last Name,E-mail,Organization,Country,Type\r\n"
        "Ada,Admin,Admin@Matchmaker.example,Evil Corp,DE,SME\r\n"
    )
    upload = organiser_client.post(
        "/organise/events/hannover/import",
        data={"file": (io.BytesIO(rows.encode()), "people.csv")},
        content_type="multipart/form-data",
    )
    confirmed = organiser_client.post(f"{upload.headers['Location']}/confirm")
    assert confirmed.status_code == 302
    links = organiser_client.post("/organise/events/hannover/invitations", data={"scope": "new"})
    (row,) = csv.DictReader(io.StringIO(links.data.decode("utf-8-sig")))
    link = urlparse(row["invitation_link"]).path

    # Logged in as the organiser: not their account, nothing to see.
    assert organiser_client.get(link).status_code == 404
    assert organiser_client.post(link, data=NEW_PASSWORD).status_code == 404
    # Anonymous: sent to log in; no password form, and posting one sets nothing.
    anonymous = app.test_client()
    page = anonymous.get(link)
    assert page.status_code == 302
    assert page.headers["Location"] == f"/login?next={link}"
    assert anonymous.post(link, data=NEW_PASSWORD).status_code == 302
    assert not is_logged_in(anonymous)

    assert stored(session, User, admin.id).password_hash == admin_hash
    (participant,) = session.scalars(select(Participant).where(Participant.event_id == event.id))
    assert participant.user_id is None
    session.commit()
    assert (
        "Wrong email or password." in log_in(anonymous, "admin@matchmaker.example", PASSWORD).text
    )
    log_in(anonymous, "admin@matchmaker.example", TEST_PASSWORD)
    assert is_logged_in(anonymous)


def test_an_account_holder_logs_in_then_accepts_in_one_click(
    app: Flask, client: FlaskClient, build: Any, session: Session
) -> None:
    user = build.user(email="ana@example.pt")
    event = build.event(slug="hannover", name="Hannover B2B")
    participant, token = invite(build, event, email="Ana@Example.pt")
    elsewhere = app.test_client()
    log_in(elsewhere, "ana@example.pt")
    link = f"/invitation/{token}"
    response = client.get(link)
    assert response.status_code == 302
    login_page = client.get(response.headers["Location"])
    assert "You already have an account: log in to accept the invitation." in login_page.text
    back = log_in(client, "ana@example.pt", next_url=link)
    assert back.headers["Location"] == link
    page = client.get(link)
    assert page.status_code == 200
    assert 'name="password"' not in page.text
    assert "Accept it to add the event to your account." in page.text
    assert page.headers["Referrer-Policy"] == "no-referrer"
    accepted = client.post(link)
    assert accepted.headers["Location"] == "/events/hannover/profile"
    linked = stored(session, Participant, participant.id)
    assert (linked.user_id, linked.invitation_token_hash) == (user.id, None)
    assert verify_password(stored(session, User, user.id).password_hash, TEST_PASSWORD)
    assert is_logged_in(elsewhere)
    assert client.get(link).status_code == 404


def test_another_account_gets_404_on_an_invitation_for_an_existing_account(
    client: FlaskClient, build: Any, session: Session
) -> None:
    build.user(email="ana@example.pt")
    build.user(email="bob@example.pt")
    participant, token = invite(build, build.event(), email="ana@example.pt")
    log_in(client, "bob@example.pt")
    assert client.get(f"/invitation/{token}").status_code == 404
    assert client.post(f"/invitation/{token}").status_code == 404
    assert stored(session, Participant, participant.id).user_id is None


def test_an_account_already_in_the_event_is_not_linked_twice(
    client: FlaskClient, build: Any, session: Session
) -> None:
    user = build.user(email="ana@example.pt")
    event = build.event()
    build.participant(event, user=user, email="ana.ferreira@example.pt")
    participant, token = invite(build, event, email="ana@example.pt")
    log_in(client, "ana@example.pt")
    response = client.post(f"/invitation/{token}")
    assert response.status_code == 409
    assert "already registered for this event" in response.text
    refused = stored(session, Participant, participant.id)
    assert (refused.user_id, refused.invitation_token_hash) == (None, hash_token(token))


def test_a_weak_password_is_refused_and_the_invitation_stays_usable(
    client: FlaskClient, build: Any, session: Session
) -> None:
    participant, token = invite(build, build.event())
    response = client.post(f"/invitation/{token}", data={"password": "short", "confirm": "short"})
    assert response.status_code == 200
    assert "at least 10 characters" in response.text
    assert not is_logged_in(client)
    session.refresh(participant)
    assert participant.user_id is None
    assert participant.invitation_token_hash == hash_token(token)
    assert session.scalars(select(User)).first() is None
