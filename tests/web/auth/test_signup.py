"""Sign-up for an event: account, participant and organisation; refusals save nothing."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from flask.testing import FlaskClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from matchmaker.db import utcnow
from matchmaker.models import (
    Organisation,
    OrganisationMember,
    OrganisationType,
    Participant,
    Phase,
    Role,
    User,
)
from tests.web.auth.conftest import is_logged_in, log_in


def signup_data(**overrides: Any) -> dict[str, str]:
    data = {
        "first_name": "Ana",
        "last_name": "Ferreira",
        "email": "ana@example.pt",
        "job_title": "Business developer",
        "password": "a long enough password",
        "confirm": "a long enough password",
        "organisation": "new",
        "organisation_name": "Robótica Lda",
        "organisation_country": "PT",
        "organisation_type": "sme",
    }
    data.update(overrides)
    return data


def count(session: Session, model: type) -> int:
    """Rows of `model` now; ends the read so the app can write (SQLite's lock)."""
    session.expire_all()
    number = session.scalar(select(func.count()).select_from(model)) or 0
    session.commit()
    return number


def nothing_saved(session: Session) -> bool:
    return count(session, User) == 0 and count(session, Participant) == 0


def test_sign_up_creates_account_participant_and_organisation(
    client: FlaskClient, build: Any, session: Session
) -> None:
    event = build.event(slug="hannover", default_max_meetings=8)
    page = client.get("/e/hannover/signup")
    assert page.status_code == 200
    assert "Sign up for" in page.text
    response = client.post("/e/hannover/signup", data=signup_data(email=" Ana@Example.PT "))
    assert response.status_code == 302
    assert response.headers["Location"] == "/events/hannover/profile"
    assert is_logged_in(client)
    client.post("/logout")
    log_in(client, "ana@example.pt", "a long enough password")
    assert is_logged_in(client)
    user = session.scalars(select(User)).one()
    assert user.email == "ana@example.pt"
    assert user.role == Role.PARTICIPANT
    assert user.name == "Ana Ferreira"
    participant = session.scalars(select(Participant)).one()
    assert participant.event_id == event.id
    assert participant.user_id == user.id
    assert (participant.first_name, participant.last_name) == ("Ana", "Ferreira")
    assert participant.email == "ana@example.pt"
    assert participant.job_title == "Business developer"
    assert participant.max_meetings == 8
    organisation = participant.organisation
    assert (organisation.name, organisation.country) == ("Robótica Lda", "PT")
    assert organisation.type == OrganisationType.SME


def test_sign_up_lists_no_registered_organisation(client: FlaskClient, build: Any) -> None:
    event = build.event(slug="hannover")
    colleague = build.participant(event, organisation=Organisation(name="Robótica Lda"))
    page = client.get("/e/hannover/signup")
    assert colleague.organisation.name not in page.text


def test_joining_offers_only_the_organisations_near_the_typed_name(
    client: FlaskClient, build: Any, session: Session
) -> None:
    event = build.event(slug="hannover")
    wanted = build.participant(event, organisation=Organisation(name="Robótica Lda", country="PT"))
    other = build.participant(event, organisation=Organisation(name="Hanse Sensorik", country="DE"))
    join = signup_data(organisation="join", organisation_name="robotica")
    first = client.post("/e/hannover/signup", data=join)
    assert first.status_code == 200
    assert "Robótica Lda (Portugal)" in first.text
    assert other.organisation.name not in first.text
    assert count(session, User) == 0
    response = client.post(
        "/e/hannover/signup", data={**join, "organisation_id": str(wanted.organisation_id)}
    )
    assert response.status_code == 302
    assert count(session, Organisation) == 2
    user = session.scalars(select(User)).one()
    participant = session.scalars(select(Participant).where(Participant.user_id == user.id)).one()
    assert participant.organisation_id == wanted.organisation_id
    member = session.scalars(select(OrganisationMember)).one()
    assert (member.user_id, member.approved_at) == (user.id, None)


def test_an_unknown_name_to_join_gets_a_message_and_no_list(
    client: FlaskClient, build: Any, session: Session
) -> None:
    event = build.event(slug="hannover")
    build.participant(event, organisation=Organisation(name="Robótica Lda", country="PT"))
    response = client.post(
        "/e/hannover/signup", data=signup_data(organisation="join", organisation_name="Acme")
    )
    assert "No registered organisation matches this name" in response.text
    assert "Robótica" not in response.text
    assert count(session, User) == 0


def test_joining_by_the_email_domain_of_an_approved_member(
    client: FlaskClient, build: Any, session: Session
) -> None:
    event = build.event(slug="hannover")
    member = build.user(email="rui@robotica.pt")
    organisation = Organisation(name="Robótica Lda", country="PT")
    organisation.members.append(OrganisationMember(user_id=member.id, approved_at=utcnow()))
    build.participant(event, user=member, organisation=organisation)
    response = client.post(
        "/e/hannover/signup",
        data=signup_data(
            organisation="join", organisation_name="RLDA Portugal", email="ana@robotica.pt"
        ),
    )
    assert "Robótica Lda (Portugal)" in response.text


def test_a_new_organisation_may_not_copy_the_name_of_a_registered_one(
    client: FlaskClient, build: Any, session: Session
) -> None:
    build.event(slug="hannover")
    build.participant(build.event(), organisation=Organisation(name="Robótica Lda", country="PT"))
    response = client.post("/e/hannover/signup", data=signup_data(organisation_name="ROBOTICA"))
    assert "Robótica Lda is already registered: choose “Join" in response.text
    assert count(session, Organisation) == 1
    assert count(session, User) == 0


def test_creating_an_organisation_makes_its_creator_an_approved_member(
    client: FlaskClient, build: Any, session: Session
) -> None:
    build.event(slug="hannover")
    assert client.post("/e/hannover/signup", data=signup_data()).status_code == 302
    member = session.scalars(select(OrganisationMember)).one()
    assert member.approved_at is not None


def test_a_forged_organisation_id_is_not_joined(
    client: FlaskClient, build: Any, session: Session
) -> None:
    build.event(slug="hannover")
    outsider = build.participant(build.event())
    response = client.post(
        "/e/hannover/signup",
        data=signup_data(
            organisation="join",
            organisation_name="Robótica",
            organisation_id=str(outsider.organisation_id),
        ),
    )
    assert response.status_code == 200
    assert outsider.organisation.name not in response.text
    assert count(session, User) == 0


@pytest.mark.parametrize("email", ["ana@example.pt", "ANA@example.PT"])
def test_an_email_with_an_account_is_sent_to_log_in(
    client: FlaskClient, build: Any, session: Session, email: Any
) -> None:
    build.event(slug="hannover")
    build.user(email="ana@example.pt")
    response = client.post("/e/hannover/signup", data=signup_data(email=email))
    assert response.status_code == 200
    assert "already has an account: log in" in response.text
    assert count(session, User) == 1
    assert count(session, Participant) == 0


def test_an_invited_email_is_sent_to_its_invitation(
    client: FlaskClient, build: Any, session: Session
) -> None:
    event = build.event(slug="hannover")
    build.participant(event, email="ana@example.pt")
    response = client.post("/e/hannover/signup", data=signup_data(email="Ana@example.pt"))
    assert "use the invitation link" in response.text
    assert count(session, User) == 0


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"password": "too short", "confirm": "too short"}, "at least 10 characters"),
        ({"confirm": "a different password"}, "The two passwords differ."),
        ({"email": "not-an-email"}, "Enter a valid email address."),
        ({"first_name": "  "}, "This field is required."),
        ({"organisation_name": ""}, "Enter your organisation&#39;s name"),
        ({"organisation_country": ""}, "Choose your organisation&#39;s country."),
        ({"organisation_country": "XX"}, "Not a valid choice"),
        ({"organisation_type": "pirate"}, "Not a valid choice"),
    ],
)
def test_bad_input_is_explained_on_the_form_and_saves_nothing(
    client: FlaskClient, build: Any, session: Session, overrides: Any, message: Any
) -> None:
    build.event(slug="hannover")
    response = client.post("/e/hannover/signup", data=signup_data(**overrides))
    assert response.status_code == 200
    assert message in response.text
    assert 'aria-invalid="true"' in response.text
    assert count(session, Organisation) == 0
    assert nothing_saved(session)


@pytest.mark.parametrize(
    "fields",
    [
        {"phase": Phase.PREFERENCES},
        {"phase": Phase.PUBLISHED},
        {"registration_deadline": utcnow() - timedelta(minutes=1)},
    ],
)
def test_sign_up_is_refused_outside_registration(
    client: FlaskClient, build: Any, session: Session, fields: Any
) -> None:
    build.event(slug="hannover", **fields)
    page = client.get("/e/hannover/signup")
    assert page.status_code == 200
    assert "Registration is closed." in page.text
    assert "<form" not in page.text.split('id="main"')[1]
    response = client.post("/e/hannover/signup", data=signup_data())
    assert response.status_code == 403
    assert nothing_saved(session)


def test_a_draft_event_is_404_but_for_its_organisers(
    client: FlaskClient, build: Any, session: Session
) -> None:
    organiser = build.user(role=Role.ORGANISER, email="olga@cluster.example")
    build.user(role=Role.ORGANISER, email="other@cluster.example")
    build.user(email="ana@example.pt")
    build.event(slug="hannover", name="Secret B2B", phase=Phase.DRAFT, organisers=(organiser,))
    for email in (None, "ana@example.pt", "other@cluster.example"):
        if email is not None:
            log_in(client, email)
        page = client.get("/e/hannover/signup")
        assert page.status_code == 404
        assert "Secret B2B" not in page.text
        assert client.post("/e/hannover/signup", data=signup_data()).status_code == 404
        client.post("/logout")
    log_in(client, "olga@cluster.example")
    page = client.get("/e/hannover/signup")
    assert page.status_code == 200
    assert "This event does not accept registrations yet." in page.text
    assert count(session, Participant) == 0


def test_sign_up_is_open_until_the_deadline(
    client: FlaskClient, build: Any, session: Session
) -> None:
    build.event(slug="hannover", registration_deadline=utcnow() + timedelta(hours=1))
    assert client.post("/e/hannover/signup", data=signup_data()).status_code == 302
    assert count(session, Participant) == 1


def test_an_unknown_event_answers_404(client: FlaskClient) -> None:
    assert client.get("/e/nowhere/signup").status_code == 404


def test_a_logged_in_participant_registers_again_in_one_click(
    client: FlaskClient, build: Any, session: Session
) -> None:
    user = build.user(email="ana@example.pt")
    earlier = build.participant(build.event(), user=user, job_title="CTO")
    event = build.event(slug="computex")
    log_in(client, "ana@example.pt")
    page = client.get("/e/computex/signup")
    assert "Register for this event" in page.text
    assert earlier.organisation.name in page.text
    response = client.post("/e/computex/signup")
    assert response.headers["Location"] == "/events/computex/profile"
    participant = session.scalars(select(Participant).where(Participant.event_id == event.id)).one()
    assert participant.user_id == user.id
    assert participant.organisation_id == earlier.organisation_id
    assert (participant.first_name, participant.job_title) == (earlier.first_name, "CTO")
    session.commit()
    again = client.post("/e/computex/signup")
    assert again.headers["Location"] == "/events/computex/profile"
    assert count(session, Participant) == 2


def test_a_logged_in_user_without_registrations_fills_in_the_details(
    client: FlaskClient, build: Any, session: Session
) -> None:
    build.user(email="olaf@example.se", role=Role.ORGANISER)
    event = build.event(slug="hannover")
    log_in(client, "olaf@example.se")
    page = client.get("/e/hannover/signup")
    assert 'name="first_name"' in page.text
    assert 'name="password"' not in page.text
    bad = client.post("/e/hannover/signup", data=signup_data(last_name=""))
    assert "This field is required." in bad.text
    assert count(session, Participant) == 0
    client.post("/e/hannover/signup", data=signup_data(first_name="Olaf"))
    participant = session.scalars(select(Participant)).one()
    assert (participant.event_id, participant.first_name) == (event.id, "Olaf")
    assert participant.email == "olaf@example.se"


def test_a_withdrawn_participant_cannot_register_again(
    client: FlaskClient, build: Any, session: Session
) -> None:
    user = build.user(email="ana@example.pt")
    event = build.event(slug="hannover")
    build.participant(event, user=user, withdrawn_at=utcnow())
    log_in(client, "ana@example.pt")
    assert "was withdrawn" in client.get("/e/hannover/signup").text
    assert client.post("/e/hannover/signup").status_code == 403
    assert count(session, Participant) == 1


def test_the_matches_stay_on_offer_while_another_field_is_corrected(
    client: FlaskClient, build: Any, session: Session
) -> None:
    event = build.event(slug="hannover")
    build.participant(event, organisation=Organisation(name="Robótica Lda", country="PT"))
    response = client.post(
        "/e/hannover/signup",
        data=signup_data(organisation="join", organisation_name="Robotica", confirm="different"),
    )
    assert "The two passwords differ." in response.text
    assert "Robótica Lda (Portugal)" in response.text
    assert count(session, User) == 0
