"""Accepting an invitation: the invited person sets a password and the link works once."""

from __future__ import annotations

from sqlalchemy import select

from matchmaker.auth.tokens import hash_token, new_token
from matchmaker.db import utcnow
from matchmaker.models import Role, User
from tests.web.auth.conftest import is_logged_in, log_in

PASSWORD = "my new fair password"


def invite(build, event, **fields):
    """An imported participant with an invitation, as the organiser area creates them."""
    token = new_token()
    participant = build.participant(event, invitation_token_hash=hash_token(token), **fields)
    return participant, token


def test_an_invited_person_sets_a_password_and_is_logged_in(client, build, session):
    event = build.event(slug="hannover")
    participant, token = invite(build, event, email="Ana@Example.pt", first_name="Ana")
    page = client.get(f"/invitation/{token}")
    assert page.status_code == 200
    assert "Welcome, Ana" in page.text
    assert 'value="Ana@Example.pt" readonly' in page.text
    assert page.headers["Referrer-Policy"] == "no-referrer"
    response = client.post(f"/invitation/{token}", data={"password": PASSWORD, "confirm": PASSWORD})
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


def test_unknown_and_withdrawn_invitations_answer_404(client, build):
    event = build.event()
    _, token = invite(build, event, withdrawn_at=utcnow())
    assert client.get(f"/invitation/{token}").status_code == 404
    assert client.get(f"/invitation/{new_token()}").status_code == 404
    assert client.post(f"/invitation/{new_token()}", data={"password": PASSWORD}).status_code == 404


def test_an_invitation_for_an_existing_account_links_it_and_resets_its_password(
    app, client, build, session
):
    user = build.user(email="ana@example.pt")
    event = build.event(slug="hannover")
    participant, token = invite(build, event, email="ana@example.pt")
    elsewhere = app.test_client()
    log_in(elsewhere, "ana@example.pt")
    page = client.get(f"/invitation/{token}")
    assert "already has an account" in page.text
    client.post(f"/invitation/{token}", data={"password": PASSWORD, "confirm": PASSWORD})
    assert is_logged_in(client)
    assert not is_logged_in(elsewhere)
    session.refresh(participant)
    assert participant.user_id == user.id
    session.commit()
    client.post("/logout")
    log_in(client, "ana@example.pt", PASSWORD)
    assert is_logged_in(client)


def test_a_weak_password_is_refused_and_the_invitation_stays_usable(client, build, session):
    participant, token = invite(build, build.event())
    response = client.post(f"/invitation/{token}", data={"password": "short", "confirm": "short"})
    assert response.status_code == 200
    assert "at least 10 characters" in response.text
    assert not is_logged_in(client)
    session.refresh(participant)
    assert participant.user_id is None
    assert participant.invitation_token_hash == hash_token(token)
    assert session.scalars(select(User)).first() is None
