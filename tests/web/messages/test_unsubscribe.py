"""Optional kinds: switched off by the link in the message (no login) or on the account page."""

from __future__ import annotations

from matchmaker.models import Role
from tests.builders import TEST_PASSWORD, Builder
from tests.web.messages.mailserver import MailServer, outbox_rows


def _broadcast(client, event, subject: str = "News") -> None:
    page = client.post(
        f"/organise/events/{event.slug}/broadcast",
        data={"audience": "everyone", "subject": subject, "body": "Hello", "action": "preview"},
    ).get_data(as_text=True)
    expected = page.split('name="expected" value="')[1].split('"')[0]
    client.post(
        f"/organise/events/{event.slug}/broadcast",
        data={
            "audience": "everyone",
            "subject": subject,
            "body": "Hello",
            "action": "send",
            "expected": expected,
        },
    )


def _unsubscribe_path(mail_server: MailServer, email: str) -> str:
    link = str(mail_server.to(email)[-1].email["List-Unsubscribe"]).strip("<>")
    return link.removeprefix("https://b2b.example.org")


def test_the_link_asks_first_then_switches_off_without_login(
    app, build: Builder, client, log_in, mail_server: MailServer, session
):
    organiser = build.user(Role.ORGANISER)
    event = build.event(organisers=(organiser,))
    build.participant(event, email="ana@example.pt")
    build.participant(event, email="bo@example.se")
    log_in(organiser)
    _broadcast(client, event)
    path = _unsubscribe_path(mail_server, "ana@example.pt")
    visitor = app.test_client()

    question = visitor.get(path)
    assert question.status_code == 200
    assert "Switch them off" in question.get_data(as_text=True)
    done = visitor.post(path)  # no CSRF token: mail clients post one-click requests like this
    assert done.status_code == 200
    assert "no longer gets" in done.get_data(as_text=True)

    _broadcast(client, event, "More news")
    assert [item.subject for item in mail_server.to("ana@example.pt")] == ["News"]
    assert [item.subject for item in mail_server.to("bo@example.se")] == ["News", "More news"]
    assert len(outbox_rows(session)) == 3


def test_a_tampered_link_is_refused(client):
    assert (
        client.get("/messages/unsubscribe/WyJhQGIuYyIsImJyb2FkY2FzdCJd.forged").status_code == 404
    )


def test_the_account_page_switches_kinds_off_and_on(build: Builder, client, log_in, mail_server):
    organiser = build.user(Role.ORGANISER)
    event = build.event(organisers=(organiser,))
    person = build.user(email="cy@example.org")
    build.participant(event, user=person)
    log_in(person)
    assert 'href="/account/messages"' in client.get("/account").get_data(as_text=True)
    page = client.get("/account/messages").get_data(as_text=True)
    assert "News from the organisers" in page
    assert "checked" in page

    client.post("/account/messages", data={"save": "1"})  # every box unticked
    assert "checked" not in client.get("/account/messages").get_data(as_text=True)
    organiser_client = client.application.test_client()
    organiser_client.post("/login", data={"email": organiser.email, "password": TEST_PASSWORD})
    _broadcast(organiser_client, event)
    assert mail_server.to("cy@example.org") == []

    client.post("/account/messages", data={"save": "1", "broadcast": "y"})
    _broadcast(organiser_client, event, "Again")
    assert [item.subject for item in mail_server.to("cy@example.org")] == ["Again"]


def test_switching_off_on_the_account_covers_the_event_address_too(
    build: Builder, client, log_in, mail_server
):
    organiser = build.user(Role.ORGANISER)
    event = build.event(organisers=(organiser,))
    person = build.user(email="dee@example.org")
    build.participant(event, user=person, email="dee.work@example.org")
    log_in(person)
    client.post("/account/messages", data={"save": "1"})
    organiser_client = client.application.test_client()
    organiser_client.post("/login", data={"email": organiser.email, "password": TEST_PASSWORD})

    _broadcast(organiser_client, event)

    assert mail_server.received == []
