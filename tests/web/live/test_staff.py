"""Organisers grant the staff role by e-mail: an existing account at once, anyone else by
an invitation link that opens their account."""

from __future__ import annotations

import html
from typing import Any

from sqlalchemy import select

from matchmaker.models import StaffGrant, StaffInvitation
from tests.builders import TEST_PASSWORD
from tests.web.live.live_helpers import LiveEvent


def _grants(session: Any, live: LiveEvent) -> set[int]:
    rows = session.scalars(select(StaffGrant).where(StaffGrant.event_id == live.event.id))
    ids = {row.user_id for row in rows}
    session.commit()
    return ids


def test_an_existing_account_is_added_by_e_mail_and_removed_again(
    app: Any, client: Any, log_in: Any, live: LiveEvent, build: Any, session: Any
) -> None:
    slug = live.event.slug
    helper = build.user(email="helper@example.org")
    log_in(live.organiser)
    response = client.post(
        f"/live/events/{slug}/staff", data={"email": "Helper@Example.org"}, follow_redirects=True
    )
    assert "helper@example.org can now check people in" in response.get_data(as_text=True)
    assert _grants(session, live) == {helper.id}
    helper_client = app.test_client()
    helper_client.post("/login", data={"email": helper.email, "password": TEST_PASSWORD})
    assert helper_client.get(f"/live/events/{slug}/desk").status_code == 200
    client.post(f"/live/events/{slug}/staff/{helper.id}/revoke")
    assert _grants(session, live) == set()
    assert helper_client.get(f"/live/events/{slug}/desk").status_code == 404


def test_an_invitation_link_opens_an_account_with_the_staff_role_once(
    app: Any, client: Any, log_in: Any, live: LiveEvent, session: Any
) -> None:
    slug = live.event.slug
    log_in(live.organiser)
    client.post(f"/live/events/{slug}/staff", data={"email": "new.helper@example.org"})
    page = html.unescape(client.get(f"/live/events/{slug}/staff").get_data(as_text=True))
    assert "Invitations to pass on" in page and "new.helper@example.org" in page
    path = "/live/staff-invitations/" + page.split("/live/staff-invitations/")[1].split('"')[0]

    newcomer = app.test_client()
    form = newcomer.get(path)
    assert form.status_code == 200 and form.headers["Referrer-Policy"] == "no-referrer"
    mismatch = newcomer.post(path, data={"password": TEST_PASSWORD, "confirm": "other"})
    assert "The two passwords differ." in mismatch.get_data(as_text=True)
    done = newcomer.post(path, data={"password": TEST_PASSWORD, "confirm": TEST_PASSWORD})
    assert done.status_code == 302 and done.headers["Location"].endswith(
        f"/live/events/{slug}/desk"
    )
    assert newcomer.get(f"/live/events/{slug}/desk").status_code == 200
    assert len(_grants(session, live)) == 1
    assert session.scalars(select(StaffInvitation)).all() == []
    session.commit()
    assert app.test_client().get(path).status_code == 404


def test_an_invitation_for_an_existing_account_needs_that_account_logged_in(
    app: Any, client: Any, log_in: Any, live: LiveEvent, build: Any, session: Any
) -> None:
    slug = live.event.slug
    log_in(live.organiser)
    client.post(f"/live/events/{slug}/staff", data={"email": "late@example.org"})
    page = html.unescape(client.get(f"/live/events/{slug}/staff").get_data(as_text=True))
    path = "/live/staff-invitations/" + page.split("/live/staff-invitations/")[1].split('"')[0]
    late = build.user(email="late@example.org")  # signed up meanwhile
    visitor = app.test_client()
    response = visitor.get(path)
    assert response.status_code == 302 and "/login" in response.headers["Location"]
    visitor.post("/login", data={"email": live.person("Ben").user.email, "password": TEST_PASSWORD})
    assert visitor.get(path).status_code == 404
    owner = app.test_client()
    owner.post("/login", data={"email": late.email, "password": TEST_PASSWORD})
    assert "Join the staff" in owner.get(path).get_data(as_text=True)
    owner.post(path)
    assert _grants(session, live) == {late.id}
