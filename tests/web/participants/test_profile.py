"""The profile page: organisation (shared by its people) and the person's details."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy.orm import Session

from matchmaker.models import Organisation, OrganisationType, Participant

URL = "/events/hannover-b2b/profile"


def _valid(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "name": "Tice Robotics Lda",
        "country": "PT",
        "cluster": "TICE.PT",
        "type": OrganisationType.SME.value,
        "sectors": ["ICT and micro-electronics"],
        "technologies": ["Robotics", "AI"],
        "offers": "Robot cells",
        "seeks": "Additive manufacturing",
        "website": "https://tice.example",
        "description": "Small integrator from Porto",
        "job_title": "CEO",
        "email": "ana.silva@tice.example",
        "phone": "+351 22 123 4567",
        "location": "",
        "max_meetings": "6",
    }
    data.update(changes)
    return data


def _fresh(session: Session, participant: Participant) -> Participant:
    session.expire_all()
    fresh = session.get(Participant, participant.id)
    assert fresh is not None
    return fresh


def test_the_form_shows_the_current_profile_and_the_shared_organisation_warning(
    client, logged_in, build, session
):
    build.participant(
        logged_in.event,
        organisation=logged_in.participant.organisation,
        first_name="Rui",
        last_name="Costa",
    )
    page = client.get(URL).get_data(as_text=True)
    assert 'value="Tice Robotics"' in page
    assert "apply to everyone from Tice Robotics" in page
    assert "Rui Costa" in page
    assert 'value="Additive manufacturing"' in page  # the event's taxonomy as checkboxes


def test_saving_updates_organisation_and_person(client, logged_in, session):
    response = client.post(URL, data=_valid())
    assert response.status_code == 302
    assert "Your profile is saved." in client.get(URL).get_data(as_text=True)
    participant = _fresh(session, logged_in.participant)
    organisation = participant.organisation
    assert organisation.name == "Tice Robotics Lda"
    assert organisation.cluster == "TICE.PT"
    assert organisation.technologies == ["Robotics", "AI"]
    assert organisation.sectors == ["ICT and micro-electronics"]
    assert organisation.website == "https://tice.example"
    assert participant.email == "ana.silva@tice.example"
    assert participant.max_meetings == 6
    assert participant.location is None
    assert (participant.offers, participant.seeks) == ("Robot cells", "Additive manufacturing")


def test_a_bare_web_address_gets_https_and_an_empty_cap_means_the_event_default(
    client, logged_in, session
):
    client.post(URL, data=_valid(website="www.tice.example", max_meetings="", location="Hall 7"))
    participant = _fresh(session, logged_in.participant)
    assert participant.organisation.website == "https://www.tice.example"
    assert participant.max_meetings is None
    assert participant.location == "Hall 7"


def test_terms_of_other_events_are_kept_when_this_event_does_not_offer_them(
    client, logged_in, session
):
    organisation = session.get(Organisation, logged_in.participant.organisation_id)
    assert organisation is not None
    organisation.technologies = ["Quantum sensing", "Robotics"]
    session.commit()  # also ends the read: SQLite transactions take the write lock
    client.post(URL, data=_valid(technologies=["IoT"]))
    session.expire_all()
    assert session.get(Organisation, organisation.id).technologies == ["Quantum sensing", "IoT"]


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"website": "javascript:alert(1)"}, "Enter a web address"),
        ({"website": "not a website"}, "Enter a web address"),
        ({"max_meetings": "9"}, "You can ask for at most 8 meetings at this event."),
        ({"max_meetings": "-1"}, "Enter 0 or more."),
        ({"sectors": ["Space"]}, "not a valid choice"),
        ({"technologies": ["Blockchain"]}, "not a valid choice"),
        ({"country": "XX"}, "Not a valid choice"),
        ({"name": ""}, "This field is required."),
        ({"email": "ana@"}, "Enter a valid email address."),
        ({"phone": "call me maybe"}, "Use digits"),
    ],
)
def test_bad_input_is_explained_on_the_form_and_nothing_is_saved(
    client, logged_in, session, changes, message
):
    response = client.post(URL, data=_valid(**changes))
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert message.lower() in page.lower()
    assert "Please check the form" in page
    participant = _fresh(session, logged_in.participant)
    assert participant.organisation.name == "Tice Robotics"
    assert participant.job_title == ""


def test_the_contact_email_must_be_unique_in_the_event(client, logged_in, build, session):
    build.participant(logged_in.event, email="taken@example.org")
    response = client.post(URL, data=_valid(email="taken@example.org"))
    assert "Another participant of this event uses this email." in response.get_data(as_text=True)
    assert _fresh(session, logged_in.participant).email == "ana@tice.example"


def test_free_text_is_escaped(client, logged_in):
    client.post(URL, data=_valid(description="<script>alert('x')</script>"))
    page = client.get(URL).get_data(as_text=True)
    assert "<script>alert" not in page
    assert "&lt;script&gt;" in page
