"""Delivery rules: checked again when sending, throttled per minute, calendar parts intact."""

from __future__ import annotations

from datetime import timedelta
from email.message import EmailMessage

from flask import Flask
from icalendar import Calendar

from matchmaker.db import utcnow
from matchmaker.messages import delivery, outbox
from matchmaker.models import MessageState, User
from tests.builders import Builder
from tests.web.messages.mailserver import MailServer, enqueue_invitation, outbox_rows

ICS = (
    b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//matchmaker//test//EN\r\nMETHOD:REQUEST\r\n"
    b"BEGIN:VEVENT\r\nUID:meeting-1@b2b.example.org\r\nSEQUENCE:2\r\n"
    b"DTSTAMP:20260401T080000Z\r\nDTSTART:20260420T070000Z\r\nDTEND:20260420T073000Z\r\n"
    b"SUMMARY:Meeting\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
)


def _retry_later(app: Flask) -> None:
    later = utcnow() + timedelta(days=1)
    with app.app_context():
        delivery.deliver_due(app, clock=lambda: later)


def test_a_participant_withdrawn_before_delivery_gets_nothing(
    app, build: Builder, mail_server: MailServer, session
):
    person = build.participant(build.event(), email="ana@example.pt")
    mail_server.refuse_next(1)
    enqueue_invitation(app, person.id)
    person.withdrawn_at = utcnow()
    session.commit()

    _retry_later(app)

    assert mail_server.received == []
    (message,) = outbox_rows(session)
    assert message.state == MessageState.FAILED
    assert message.last_error == "Not sent: the participant has withdrawn."


def test_an_account_deactivated_before_delivery_gets_nothing(
    app, build: Builder, mail_server: MailServer, session
):
    user = build.user(email="bo@example.se")
    person = build.participant(build.event(), user=user)
    mail_server.refuse_next(1)
    enqueue_invitation(app, person.id)
    session.get_one(User, user.id).active = False
    session.commit()

    _retry_later(app)

    assert mail_server.received == []
    assert outbox_rows(session)[0].last_error == "Not sent: the account is deactivated."


def test_nothing_is_written_for_withdrawn_or_deactivated_recipients(
    app, build: Builder, mail_server, session
):
    event = build.event()
    gone = build.participant(event, withdrawn_at=utcnow())
    off = build.participant(event, user=build.user(active=False))

    enqueue_invitation(app, gone.id)
    enqueue_invitation(app, off.id)

    assert outbox_rows(session) == []


def test_delivery_keeps_to_the_per_minute_limit(
    app, build: Builder, mail_server: MailServer, session
):
    app.config["MAIL_MAX_PER_MINUTE"] = 2
    event = build.event()
    people = [build.participant(event) for _ in range(5)]
    for person in people:
        enqueue_invitation(app, person.id)
    assert len(mail_server.received) == 2
    waiting = [row for row in outbox_rows(session) if row.state == MessageState.QUEUED]
    assert len(waiting) == 3

    claimed = max(row.claimed_at for row in outbox_rows(session) if row.claimed_at)
    with app.app_context():
        delivery.deliver_due(app, clock=lambda: claimed + timedelta(seconds=30))
        assert len(mail_server.received) == 2  # still within the same minute
        delivery.deliver_due(app, clock=lambda: claimed + timedelta(seconds=61))
        assert len(mail_server.received) == 4
        delivery.deliver_due(app, clock=lambda: claimed + timedelta(seconds=122))
    assert len(mail_server.received) == 5
    assert {row.state for row in outbox_rows(session)} == {MessageState.SENT}


def test_calendar_parts_arrive_as_itip_alternative_and_as_a_file(
    app, build: Builder, mail_server: MailServer
):
    person = build.participant(build.event(), email="cy@example.org")

    enqueue_invitation(
        app,
        person.id,
        attachments=[outbox.calendar_part(ICS, "request"), outbox.calendar_file(ICS, "agenda.ics")],
    )

    email = mail_server.only("cy@example.org").email
    assert email.get_content_type() == "multipart/mixed"
    alternative = next(
        part for part in email.walk() if part.get_content_type() == "multipart/alternative"
    )
    kinds_in_alternative = [part.get_content_type() for part in alternative.iter_parts()]
    assert kinds_in_alternative == ["text/plain", "text/html", "text/calendar"]
    itip = list(alternative.iter_parts())[2]
    assert isinstance(itip, EmailMessage)
    assert itip.get_param("method") == "REQUEST"
    calendar = Calendar.from_ical(itip.get_content())
    assert str(calendar["METHOD"]) == "REQUEST"
    assert [str(event["UID"]) for event in calendar.walk("VEVENT")] == ["meeting-1@b2b.example.org"]
    (attached,) = [part for part in email.iter_attachments()]
    assert attached.get_filename() == "agenda.ics"
    assert attached.get_param("method") == "PUBLISH"
    assert Calendar.from_ical(attached.get_content()).walk("VEVENT")[0]["SEQUENCE"] == 2
