"""Invitations by e-mail: each person gets their own working link; the CSV stays."""

from __future__ import annotations

from matchmaker.models import Role
from tests.builders import Builder
from tests.web.messages.mailserver import MailServer, outbox_rows


def test_organisers_email_invitations_with_working_links(
    app, build: Builder, client, log_in, mail_server: MailServer, session
):
    organiser = build.user(Role.ORGANISER)
    event = build.event(name="EU-Taiwan at Computex", organisers=(organiser,))
    build.participant(event, first_name="Mei", last_name="Lin", email="mei@example.tw")
    build.participant(event, first_name="Jon", last_name="Berg", email="jon@example.se")
    log_in(organiser)

    page = client.get(f"/organise/events/{event.slug}/participants").get_data(as_text=True)
    assert f'action="/organise/events/{event.slug}/invitations/email"' in page
    assert f'action="/organise/events/{event.slug}/invitations"' in page  # the CSV stays
    response = client.post(f"/organise/events/{event.slug}/invitations/email")

    assert response.headers["Location"] == f"/organise/events/{event.slug}/messages"
    mei = mail_server.only("mei@example.tw")
    assert mei.subject == "Your invitation to EU-Taiwan at Computex"
    assert "Hello Mei Lin," in mei.text
    (link,) = [url for url in mei.links() if "/invitation/" in url]
    assert link.startswith("https://b2b.example.org/invitation/")
    assert link in mei.html
    assert len(mail_server.to("jon@example.se")) == 1
    assert {row.kind for row in outbox_rows(session)} == {"invitation"}

    visitor = app.test_client()
    invitation = visitor.get(link.removeprefix("https://b2b.example.org"))
    assert invitation.status_code == 200
    assert "Mei" in invitation.get_data(as_text=True)


def test_withdrawn_people_get_no_invitation(build: Builder, client, log_in, mail_server):
    organiser = build.user(Role.ORGANISER)
    event = build.event(organisers=(organiser,))
    build.participant(event, email="here@example.org")
    gone = build.participant(event, email="gone@example.org")
    gone.withdrawn_at = gone.created_at
    build.session.commit()
    log_in(organiser)

    client.post(f"/organise/events/{event.slug}/invitations/email")

    assert [item.recipients for item in mail_server.received] == [["here@example.org"]]


def test_other_organisers_cannot_send_invitations(build: Builder, client, log_in, mail_server):
    event = build.event(organisers=(build.user(Role.ORGANISER),))
    build.participant(event)
    log_in(build.user(Role.ORGANISER))

    assert client.post(f"/organise/events/{event.slug}/invitations/email").status_code == 404
    assert mail_server.received == []
