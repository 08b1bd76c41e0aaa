"""The outbox: messages written with their cause, delivered after the commit, exactly once."""

from __future__ import annotations

from datetime import timedelta

from matchmaker.db import utcnow
from matchmaker.messages import delivery
from matchmaker.models import MessageState
from tests.builders import Builder
from tests.web.messages.mailserver import MailServer, enqueue_invitation, outbox_rows


def test_a_committed_message_is_delivered_with_both_bodies_and_headers(
    app, build: Builder, session, mail_server: MailServer
):
    event = build.event(name="EU-US Cluster B2B")
    person = build.participant(event, first_name="Ana", last_name="Silva", email="ana@example.pt")

    enqueue_invitation(app, person.id)

    received = mail_server.only("ana@example.pt")
    assert received.subject == "Your invitation to EU-US Cluster B2B"
    assert received.sender == "b2b@example.org"
    assert str(received.email["To"]) == "Ana Silva <ana@example.pt>"
    assert "Hello Ana Silva," in received.text
    assert "https://b2b.example.org/invitation/abc" in received.links()
    assert 'href="https://b2b.example.org/invitation/abc"' in received.html
    assert received.email["Date"] is not None
    assert "List-Unsubscribe" not in received.email  # invitations are not optional
    (message,) = outbox_rows(session)
    assert message.state == MessageState.SENT
    assert message.attempts == 1
    assert received.email["Message-ID"] == message.message_id
    assert message.message_id.endswith("@example.org>")


def test_a_rolled_back_change_sends_nothing(app, build: Builder, session, mail_server):
    person = build.participant(build.event())

    enqueue_invitation(app, person.id, commit=False)

    assert mail_server.received == []
    assert outbox_rows(session) == []


def test_a_server_that_refuses_twice_gets_the_message_exactly_once(
    app, build: Builder, session, mail_server: MailServer
):
    person = build.participant(build.event(), email="bo@example.se")
    mail_server.refuse_next(2)

    enqueue_invitation(app, person.id)
    (message,) = outbox_rows(session)
    assert message.state == MessageState.QUEUED
    assert message.attempts == 1
    assert message.last_error.startswith("451")
    first_retry = message.next_attempt_at

    with app.app_context():
        delivery.deliver_due(app)  # not due yet: nothing happens
    assert mail_server.refused == 1
    with app.app_context():
        delivery.deliver_due(app, clock=lambda: first_retry)
    (message,) = outbox_rows(session)
    assert message.attempts == 2
    assert message.next_attempt_at - first_retry == delivery.retry_delay(app, 2)
    with app.app_context():
        delivery.deliver_due(app, clock=lambda: message.next_attempt_at)
        delivery.deliver_due(app, clock=lambda: message.next_attempt_at + timedelta(hours=1))

    assert mail_server.refused == 2
    received = mail_server.only("bo@example.se")
    (message,) = outbox_rows(session)
    assert message.state == MessageState.SENT
    assert message.attempts == 3
    assert received.email["Message-ID"] == message.message_id


def test_a_message_interrupted_while_sending_is_failed_not_resent(
    app, build: Builder, session, mail_server: MailServer
):
    person = build.participant(build.event())
    mail_server.refuse_next(1)
    enqueue_invitation(app, person.id)
    (message,) = outbox_rows(session)
    message.state = MessageState.SENDING  # as if a worker died after handing it over
    message.claimed_at = utcnow()
    session.commit()

    later = utcnow() + delivery.STALE_AFTER + timedelta(hours=1)
    with app.app_context():
        delivery.deliver_due(app, clock=lambda: later)

    (message,) = outbox_rows(session)
    assert message.state == MessageState.FAILED
    assert "may have been sent" in message.last_error
    assert mail_server.received == []
