"""Access rules of every participant page: login first, then only one's own event and data."""

from __future__ import annotations

import pytest

from matchmaker.db import utcnow
from matchmaker.models import Participant, Role, StaffGrant
from tests.builders import Builder
from tests.web.participants.conftest import Me

PAGES = ("profile", "availability", "catalogue", "preferences", "agenda")
POSTS = ("profile", "availability", "preferences/mark")


@pytest.mark.parametrize("page", PAGES)
def test_anonymous_visitors_are_sent_to_log_in(client, me: Me, page):
    response = client.get(f"/events/hannover-b2b/{page}")
    assert response.status_code == 302
    assert "/login" in response.location


@pytest.mark.parametrize("page", POSTS)
def test_anonymous_posts_change_nothing_and_ask_to_log_in(client, me: Me, page):
    response = client.post(f"/events/hannover-b2b/{page}", data={})
    assert response.status_code == 302
    assert "/login" in response.location


@pytest.mark.parametrize("page", PAGES)
def test_my_own_pages_answer_200(client, logged_in: Me, page):
    assert client.get(f"/events/hannover-b2b/{page}").status_code == 200


@pytest.mark.parametrize("page", PAGES)
def test_another_event_or_an_unknown_one_answers_404(client, logged_in: Me, build: Builder, page):
    build.participant(build.event(slug="computex"))
    assert client.get(f"/events/computex/{page}").status_code == 404
    assert client.get(f"/events/no-such-event/{page}").status_code == 404


@pytest.mark.parametrize("page", POSTS)
def test_posting_to_another_event_answers_404(client, logged_in: Me, build: Builder, page):
    build.event(slug="computex")
    response = client.post(f"/events/computex/{page}", data={"participant_id": "1"})
    assert response.status_code == 404


@pytest.mark.parametrize("page", PAGES)
def test_withdrawn_participants_and_organisers_without_a_registration_get_404(
    client, logged_in: Me, build: Builder, session, log_in, page
):
    participant = session.get(Participant, logged_in.participant.id)
    participant.withdrawn_at = utcnow()
    session.commit()
    assert client.get(f"/events/hannover-b2b/{page}").status_code == 404
    organiser = build.user(role=Role.ORGANISER, email="org@example.org")
    log_in(organiser)
    assert client.get(f"/events/hannover-b2b/{page}").status_code == 404


@pytest.mark.parametrize("page", PAGES)
def test_the_events_staff_without_a_registration_get_404(
    client, me: Me, build: Builder, session, log_in, page
):
    staff = build.user(email="staff@example.org")
    session.add(StaffGrant(event_id=me.participant.event_id, user_id=staff.id))
    session.commit()
    log_in(staff)
    assert client.get(f"/events/hannover-b2b/{page}").status_code == 404
