"""Each message is written in its recipient's language: their account's choice, else the
event's default. No catalogue is needed to see it: Babel writes the dates of the language."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from flask_babel import get_locale

from matchmaker.db import utcnow
from matchmaker.i18n import format_day
from matchmaker.messages.outbox import composing, message_locale
from matchmaker.messages.recipients import Recipient
from matchmaker.models import Event, Meeting
from matchmaker.schedule.operations import move_meeting
from tests.web.messages.mailserver import MailServer
from tests.web.messages.schedule_mail import (
    agenda_mail,
    build_fair,
    calendar_parts,
    notices_to,
    request_session,
    run_cli,
    send_due,
)

BERLIN = ZoneInfo("Europe/Berlin")
MONDAY = date(2026, 4, 20)


def _reminder(server: MailServer, address: str):
    # The one without calendar parts: the agenda and change notices carry theirs.
    (mail,) = [m for m in server.to(address) if not calendar_parts(m)]
    return mail


def test_the_account_language_else_the_event_default_else_english(app, build):
    fair = build_fair(build)
    german = build.user(email="ana@example.org", locale="de")
    unset = build.user(email="bob@example.org")
    with app.app_context():
        assert message_locale(Recipient.of_user(german), fair.event) == "de"
        assert message_locale(Recipient.of_user(unset), fair.event) == "en"
        assert message_locale(Recipient.of_user(unset), None) == "en"
        fair.event.default_locale = "fr"
        assert message_locale(Recipient.of_user(unset), fair.event) == "fr"
        assert message_locale(Recipient.of_user(german), fair.event) == "de"
        # Someone invited, without an account: the event's default.
        assert message_locale(Recipient.of_participant(fair.bob), fair.event) == "fr"
        # A participant's account is found through the participant.
        fair.ana.user = german
        assert message_locale(Recipient.of_participant(fair.ana), fair.event) == "de"
        fair.event.default_locale = "xx"  # not an interface language
        assert message_locale(Recipient.of_user(unset), fair.event) == "en"


def test_composing_needs_only_an_app_context_as_the_background_worker_has(app, build):
    german = build.user(locale="de")
    with app.app_context(), composing(Recipient.of_user(german), None) as locale:
        assert locale == "de"
        assert format_day(MONDAY) == "Montag, 20. April 2026"
    with app.test_request_context():  # a request's own language comes back afterwards
        with composing(Recipient.of_user(german), None):
            assert format_day(MONDAY) == "Montag, 20. April 2026"
        assert str(get_locale()) == "en"
        assert format_day(MONDAY) == "Monday 20 April 2026"


def test_the_evening_reminder_speaks_each_recipients_language(app, build, mail_server: MailServer):
    fair = build_fair(build)
    fair.ana.user = build.user(email="ana@example.org", locale="de")
    fair.bob.user = build.user(email="bob@example.org")  # no choice: the event's English
    build.session.commit()
    run_cli(app, "publish", fair.event.slug)

    assert send_due(app, datetime(2026, 4, 19, 18, 0, tzinfo=BERLIN)).reminders == 4

    ana = _reminder(mail_server, "ana@example.org")
    assert '<html lang="de">' in ana.html
    for body in (ana.text, ana.html):
        assert "Montag, 20. April 2026" in body
        assert "Monday" not in body
    for address in ("bob@example.org", "cai@example.org"):  # an account, and none
        mail = _reminder(mail_server, address)
        for body in (mail.text, mail.html):
            assert "Monday 20 April 2026" in body
            assert "Montag" not in body


def test_the_event_default_speaks_to_those_who_chose_nothing(app, build, mail_server):
    fair = build_fair(build)
    fair.event.default_locale = "de"
    fair.ana.user = build.user(email="ana@example.org", locale="en")
    build.session.commit()
    run_cli(app, "publish", fair.event.slug)

    assert "Monday 20 April 2026" in agenda_mail(mail_server, "ana@example.org").text
    bob = agenda_mail(mail_server, "bob@example.org")  # no account
    assert "Montag, 20. April 2026" in bob.text and "Monday" not in bob.text


def test_a_change_notice_from_the_worker_speaks_the_recipients_language(
    app, build, mail_server: MailServer
):
    fair = build_fair(build)
    fair.cai.user = build.user(email="cai@example.org", locale="de")
    build.session.commit()
    run_cli(app, "publish", fair.event.slug)
    now = utcnow()
    with request_session(app) as db:
        event = db.get_one(Event, fair.event.id)
        move_meeting(
            db,
            event,
            db.get_one(Meeting, fair.ana_cai.id),
            slot_id=event.slots[3].id,  # 09:30 -> 10:30
            place=str(event.tables[2].id),
            now=now,
        )

    assert send_due(app, now + timedelta(seconds=120)).change_notices == 2

    (cai,) = notices_to(mail_server, "cai@example.org")
    assert "Mo., 20. Apr., 10:30–11:00" in cai.text
    assert "Mo., 20. Apr., 09:30–10:00" in cai.text
    (ana,) = notices_to(mail_server, "ana@example.org")
    assert "Mon 20 Apr, 10:30–11:00" in ana.text
