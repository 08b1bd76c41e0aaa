"""What organisers and admins see of the outbox, and resending."""

from __future__ import annotations

from matchmaker.models import MessageState, Role
from tests.builders import TEST_PASSWORD, Builder
from tests.web.messages.mailserver import MailServer, outbox_rows


def _invite_everyone(client, event) -> None:
    client.post(f"/organise/events/{event.slug}/invitations/email")


def test_organisers_see_state_attempts_and_error_and_resend_a_failed_message(
    build: Builder, client, log_in, mail_server: MailServer, session, app
):
    organiser = build.user(Role.ORGANISER)
    event = build.event(organisers=(organiser,))
    build.participant(event, email="ana@example.pt")
    log_in(organiser)
    app.config["MAIL_MAX_ATTEMPTS"] = 1
    mail_server.refuse_next(1)
    _invite_everyone(client, event)
    (message,) = outbox_rows(session)
    assert message.state == MessageState.FAILED

    listing = client.get(f"/organise/events/{event.slug}/messages").get_data(as_text=True)
    assert "ana@example.pt" in listing
    assert "Failed" in listing
    assert "451 4.3.0 Try again later" in listing
    failed_only = client.get(f"/organise/events/{event.slug}/messages?state=sent")
    assert "ana@example.pt" not in failed_only.get_data(as_text=True)
    page = client.get(f"/messages/{message.id}").get_data(as_text=True)
    assert "Resend" in page
    assert message.message_id.replace("<", "&lt;").replace(">", "&gt;") in page

    client.post(f"/messages/{message.id}/resend")

    received = mail_server.only("ana@example.pt")
    assert received.email["Message-ID"] == message.message_id
    (message,) = outbox_rows(session)
    assert message.state == MessageState.SENT
    assert message.last_error == ""


def test_a_sent_message_can_be_resent(build: Builder, client, log_in, mail_server, session):
    organiser = build.user(Role.ORGANISER)
    event = build.event(organisers=(organiser,))
    build.participant(event, email="bo@example.se")
    log_in(organiser)
    _invite_everyone(client, event)
    (message,) = outbox_rows(session)

    client.post(f"/messages/{message.id}/resend")

    assert len(mail_server.to("bo@example.se")) == 2


def test_other_organisers_see_nothing_and_admins_see_everything(
    app, build: Builder, client, log_in, mail_server, session
):
    organiser = build.user(Role.ORGANISER)
    event = build.event(name="Hannover B2B", organisers=(organiser,))
    build.participant(event, email="cy@example.org")
    log_in(organiser)
    _invite_everyone(client, event)
    build.user(email="dee@example.org")
    app.test_client().post("/password/forgot", data={"email": "dee@example.org"})
    invitation, reset = outbox_rows(session)

    stranger = app.test_client()
    stranger.post(
        "/login",
        data={
            "email": build.user(Role.ORGANISER).email,
            "password": TEST_PASSWORD,
        },
    )
    assert stranger.get(f"/messages/{invitation.id}").status_code == 404
    assert stranger.post(f"/messages/{invitation.id}/resend").status_code == 404
    assert stranger.get("/admin/messages").status_code == 404
    assert client.get(f"/messages/{reset.id}").status_code == 404  # not of their event

    admin = app.test_client()
    admin.post(
        "/login",
        data={"email": build.user(Role.ADMIN).email, "password": TEST_PASSWORD},
    )
    everything = admin.get("/admin/messages").get_data(as_text=True)
    assert "cy@example.org" in everything and "dee@example.org" in everything
    assert "Hannover B2B" in everything
    reset_page = admin.get(f"/messages/{reset.id}").get_data(as_text=True)
    assert "/password/reset/" not in reset_page  # the link is for its recipient only
    assert "personal password link" in reset_page
