"""The reminder the evening before each event day, sent once per person and day; the
clock is injected, nothing waits."""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from matchmaker.messages import kinds
from matchmaker.messages.reminders import reminder_due
from matchmaker.messages.unsubscribe import set_switched_off
from tests.web.messages.mailserver import MailServer
from tests.web.messages.schedule_mail import (
    BASE,
    build_fair,
    request_session,
    run_cli,
    send_due,
)

BERLIN = ZoneInfo("Europe/Berlin")


def _berlin(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 4, day, hour, minute, tzinfo=BERLIN)


def _reminders(server: MailServer, address: str) -> list:
    return [m for m in server.to(address) if m.subject.startswith("Tomorrow")]


def test_each_person_gets_the_evening_reminder_of_each_day_once(
    app, build, mail_server: MailServer
):
    fair = build_fair(build, days=2)  # Mon 20 and Tue 21 April
    day_two = fair.event.slots[4]  # Tuesday 09:00
    build.meeting(fair.ana, fair.dan, day_two, table=fair.event.tables[0])
    run_cli(app, "publish", fair.event.slug)

    assert send_due(app, _berlin(19, 17, 59)).reminders == 0
    assert send_due(app, _berlin(19, 18, 0)).reminders == 4  # Ana, Bob, Cai, Dan meet on Monday
    assert send_due(app, _berlin(19, 18, 1)).reminders == 0
    assert send_due(app, _berlin(19, 23, 30)).reminders == 0

    (ana,) = _reminders(mail_server, "ana@example.org")
    assert ana.subject == "Tomorrow at EU-US Cluster B2B: 2 meetings"
    assert "List-Unsubscribe" in ana.email  # an optional kind
    for body in (ana.text, ana.html):
        assert "Monday 20 April" in body
        assert "09:00–09:30" in body and "Bob Inc" in body
        assert "09:30–10:00" in body and "Cai Ltd" in body
        assert "Dan GmbH" not in body
    assert "- 09:00–09:30, T1, Hannover Messe\n  Bob Example, Bob Inc (DE)" in ana.text
    assert f"{BASE}/events/{fair.event.slug}/agenda" in ana.links()
    assert f'href="{BASE}/events/{fair.event.slug}/agenda"' in ana.html
    assert [m.subject for m in _reminders(mail_server, "bob@example.org")] == [
        "Tomorrow at EU-US Cluster B2B: 2 meetings"
    ]
    assert _reminders(mail_server, "eve@example.org") == []  # withdrawn

    assert send_due(app, _berlin(20, 18, 0)).reminders == 2  # Tuesday: Ana and Dan
    ana_tuesday = _reminders(mail_server, "ana@example.org")[1]
    assert ana_tuesday.subject == "Tomorrow at EU-US Cluster B2B: 1 meeting"
    assert "tomorrow, Tuesday 21 April" in ana_tuesday.text
    assert "- 09:00–09:30, T1, Hannover Messe\n  Dan Example, Dan GmbH (DE)" in ana_tuesday.text
    assert "Dan GmbH" in ana_tuesday.text
    assert send_due(app, _berlin(20, 21, 0)).reminders == 0
    assert len(_reminders(mail_server, "bob@example.org")) == 1  # nothing on Tuesday


def test_the_reminder_window_is_the_evening_before_in_the_event_time_zone(build):
    event = build.event(timezone="Asia/Taipei")
    taipei = ZoneInfo("Asia/Taipei")
    day = date(2026, 6, 2)
    six_pm = time(18)
    assert not reminder_due(event, day, six_pm, datetime(2026, 6, 1, 17, 59, tzinfo=taipei))
    assert reminder_due(event, day, six_pm, datetime(2026, 6, 1, 18, 0, tzinfo=taipei))
    assert reminder_due(event, day, six_pm, datetime(2026, 6, 1, 23, 59, tzinfo=taipei))
    assert not reminder_due(event, day, six_pm, datetime(2026, 6, 2, 0, 0, tzinfo=taipei))
    # 18:00 in Berlin is past midnight in Taipei: too late for Taipei's day.
    assert not reminder_due(event, day, six_pm, datetime(2026, 6, 1, 18, 0, tzinfo=BERLIN))


def test_no_reminder_before_publication_or_for_those_who_switched_it_off(
    app, build, mail_server: MailServer
):
    fair = build_fair(build)
    assert send_due(app, _berlin(19, 18, 0)).reminders == 0  # not published yet

    with request_session(app) as db:
        set_switched_off(db, "bob@example.org", kinds.DAY_REMINDER, off=True)
    run_cli(app, "publish", fair.event.slug)
    send_due(app, _berlin(19, 18, 0))

    assert _reminders(mail_server, "bob@example.org") == []
    assert len(_reminders(mail_server, "ana@example.org")) == 1


def test_the_reminder_time_is_a_setting(app, build, mail_server: MailServer):
    app.config["REMINDER_TIME"] = "20:30"
    fair = build_fair(build)
    run_cli(app, "publish", fair.event.slug)

    assert send_due(app, _berlin(19, 20, 29)).reminders == 0
    assert send_due(app, _berlin(19, 20, 30)).reminders == 4
