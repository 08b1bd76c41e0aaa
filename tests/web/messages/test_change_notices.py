"""Change notices after publication: only to people whose meetings changed, listing what
changed, with iTIP parts that update the feed's events (same UID, higher SEQUENCE)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import icalendar
import pytest

from matchmaker.db import utcnow
from matchmaker.messages import kinds
from matchmaker.models import Event, Meeting, Participant, PendingChangeNotice
from matchmaker.organiser.operations import withdraw
from matchmaker.schedule.operations import add_meeting, cancel_by_hand, move_meeting
from tests.web.calendars.conftest import parse_everywhere, parse_with_icaljs
from tests.web.messages.mailserver import MailServer, Received, outbox_rows
from tests.web.messages.schedule_mail import (
    BASE,
    Fair,
    agenda_mail,
    build_fair,
    calendar_parts,
    feed_link,
    notices_to,
    read_feed,
    request_session,
    run_cli,
    send_due,
)

DELAY = timedelta(seconds=120)  # CHANGE_NOTICE_DELAY_S by default


@pytest.fixture
def fair(app, build, mail_server: MailServer) -> Fair:
    """The fair, published: everyone has had their agenda (and nothing else) by now."""
    fair = build_fair(build)
    run_cli(app, "publish", fair.event.slug)
    assert len(mail_server.received) == 4
    return fair


def _notices(mail_server: MailServer) -> list[Received]:
    return [m for m in mail_server.received if not m.subject.startswith("Your agenda")]


def _move(app, meeting: Meeting, slot_index: int, table_index: int, now) -> None:
    with request_session(app) as db:
        event = db.get_one(Event, meeting.event_id)
        move_meeting(
            db,
            event,
            db.get_one(Meeting, meeting.id),
            slot_id=event.slots[slot_index].id,
            place=str(event.tables[table_index].id),
            now=now,
        )


def test_a_moved_meeting_is_noticed_to_its_two_people_only_after_the_delay(
    app, client, session, fair: Fair, mail_server: MailServer
):
    now = utcnow()
    _move(app, fair.ana_bob, 3, 2, now)  # 09:00 at T1 -> 10:30 at T3

    assert send_due(app, now + DELAY - timedelta(seconds=1)).change_notices == 0
    assert _notices(mail_server) == []
    assert send_due(app, now + DELAY).change_notices == 2

    assert sorted(r for m in _notices(mail_server) for r in m.recipients) == [
        "ana@example.org",
        "bob@example.org",
    ]
    (ana,) = notices_to(mail_server, "ana@example.org")
    assert ana.subject == "Moved: Bob Inc, EU-US Cluster B2B"
    assert "List-Unsubscribe" not in ana.email
    assert "Moved: Bob Example, Bob Inc" in ana.text
    assert "now: Mon 20 Apr, 10:30–11:00, T3, Hannover Messe" in ana.text
    assert "was: Mon 20 Apr, 09:00–09:30, T1, Hannover Messe" in ana.text
    assert "Cai" not in ana.text  # her other meeting did not change
    assert "Now <strong>Mon 20 Apr, 10:30–11:00</strong>, T3, Hannover Messe" in ana.html
    assert "Was <s>Mon 20 Apr, 09:00–09:30</s>, T1, Hannover Messe" in ana.html
    assert f"{BASE}/events/{fair.event.slug}/agenda" in ana.links()
    agenda_mail_of_ana = agenda_mail(mail_server, "ana@example.org")
    assert feed_link(ana) == feed_link(agenda_mail_of_ana)

    (part,) = calendar_parts(ana)
    assert (part.method, part.inline) == ("REQUEST", True)
    (event,) = parse_everywhere(part.body)
    published = {e.uid: e for e in parse_everywhere(read_feed(client, feed_link(ana)))}
    agenda = {e.uid: e for e in parse_everywhere(calendar_parts(agenda_mail_of_ana)[0].body)}
    assert event.uid == fair.ana_bob.uid
    assert event.sequence > agenda[event.uid].sequence
    assert event == published[event.uid]  # what the feed says now, field by field
    assert event.status == "CONFIRMED"
    assert event.start_utc == datetime(2026, 4, 20, 8, 30, tzinfo=UTC)  # 10:30 in Berlin
    assert parse_with_icaljs(part.body)["method"] == "REQUEST"
    vevent = icalendar.Calendar.from_ical(part.body).walk("VEVENT")[0]
    assert str(vevent["ORGANIZER"]) == "mailto:b2b@example.org"
    assert str(vevent["ATTENDEE"]) == "mailto:ana@example.org"

    assert send_due(app, now + 2 * DELAY).change_notices == 0  # told once


def test_a_cancelled_meeting_sends_cancel_with_a_higher_sequence(
    app, client, fair: Fair, mail_server: MailServer
):
    now = utcnow()
    with request_session(app) as db:
        cancel_by_hand(
            db, db.get_one(Event, fair.event.id), db.get_one(Meeting, fair.ana_cai.id), now
        )
    send_due(app, now + DELAY)

    assert sorted(r for m in _notices(mail_server) for r in m.recipients) == [
        "ana@example.org",
        "cai@example.org",
    ]
    (cai,) = notices_to(mail_server, "cai@example.org")
    assert cai.subject == "Cancelled: Ana Lda, EU-US Cluster B2B"
    assert (
        "Cancelled: Ana Example, Ana Lda\n  was: Mon 20 Apr, 09:30–10:00, T1, Hannover Messe"
        in cai.text
    )
    assert "<s>Mon 20 Apr, 09:30–10:00</s>, T1, Hannover Messe" in cai.html
    (part,) = calendar_parts(cai)
    assert (part.method, part.inline) == ("CANCEL", True)
    assert parse_with_icaljs(part.body)["method"] == "CANCEL"
    (event,) = parse_everywhere(part.body)
    (before,) = parse_everywhere(
        calendar_parts(agenda_mail(mail_server, "cai@example.org"))[0].body
    )
    assert (event.uid, event.status) == (fair.ana_cai.uid, "CANCELLED")
    assert event.sequence > before.sequence
    assert event == parse_everywhere(read_feed(client, feed_link(cai)))[0]


def test_a_withdrawal_notifies_the_partners_and_not_the_withdrawn(
    app, fair: Fair, mail_server: MailServer
):
    now = utcnow()
    with request_session(app) as db:
        withdraw(db, db.get_one(Participant, fair.bob.id), now)
    send_due(app, now + DELAY)

    assert sorted(r for m in _notices(mail_server) for r in m.recipients) == [
        "ana@example.org",
        "dan@example.org",
    ]
    (dan,) = notices_to(mail_server, "dan@example.org")
    assert dan.subject == "Cancelled: Bob Inc, EU-US Cluster B2B"
    assert [(p.method, p.inline) for p in calendar_parts(dan)] == [("CANCEL", True)]


def test_quick_successive_changes_make_one_notice_per_person_with_the_end_result(
    app, fair: Fair, mail_server: MailServer
):
    now = utcnow()
    _move(app, fair.ana_bob, 3, 2, now)  # 09:00 T1 -> 10:30 T3
    _move(app, fair.ana_bob, 2, 2, now + timedelta(seconds=30))  # -> 10:00 T3
    _move(app, fair.dan_bob, 0, 1, now + timedelta(seconds=60))  # 09:30 T2 -> 09:00 T2
    _move(app, fair.dan_bob, 1, 1, now + timedelta(seconds=90))  # and back: no change for Dan
    send_due(app, now + DELAY)

    assert sorted(r for m in _notices(mail_server) for r in m.recipients) == [
        "ana@example.org",
        "bob@example.org",
    ]
    (bob,) = notices_to(mail_server, "bob@example.org")
    assert "now: Mon 20 Apr, 10:00–10:30, T3, Hannover Messe" in bob.text
    assert "was: Mon 20 Apr, 09:00–09:30, T1, Hannover Messe" in bob.text
    assert "Dan" not in bob.text
    (part,) = calendar_parts(bob)
    (event,) = parse_everywhere(part.body)
    assert event.sequence == 2  # two moves since the agenda's SEQUENCE 0


def test_several_changes_for_one_person_come_as_one_notice_with_a_part_per_meeting(
    app, fair: Fair, mail_server: MailServer
):
    now = utcnow()
    _move(app, fair.ana_bob, 3, 2, now)
    with request_session(app) as db:
        cancel_by_hand(
            db, db.get_one(Event, fair.event.id), db.get_one(Meeting, fair.ana_cai.id), now
        )
        event = db.get_one(Event, fair.event.id)
        add_meeting(
            db,
            event,
            db.get_one(Participant, fair.ana.id),
            db.get_one(Participant, fair.dan.id),
            slot_id=event.slots[2].id,
            place=str(event.tables[0].id),
            now=now,
        )
    send_due(app, now + DELAY)

    (ana,) = notices_to(mail_server, "ana@example.org")
    assert ana.subject == "3 changes to your meetings at EU-US Cluster B2B"
    assert (
        "New meeting: Dan Example, Dan GmbH\n  Mon 20 Apr, 10:00–10:30, T1, Hannover Messe"
        in ana.text
    )
    parts = calendar_parts(ana)
    assert [(p.method, p.inline) for p in parts] == [
        ("CANCEL", False),  # 09:30 with Cai
        ("REQUEST", False),  # 10:00 with Dan, new
        ("REQUEST", False),  # 10:30 with Bob, moved
    ]
    assert [p.filename for p in parts] == [
        "meeting-1-cancelled.ics",
        "meeting-2-added.ics",
        "meeting-3-moved.ics",
    ]
    (new,) = parse_everywhere(parts[1].body)
    assert new.summary == "B2B: Dan GmbH" and new.sequence == 0
    (dan,) = notices_to(mail_server, "dan@example.org")
    assert dan.subject == "New meeting: Ana Lda, EU-US Cluster B2B"


def test_changes_before_publication_send_nothing(app, build, session, mail_server: MailServer):
    fair = build_fair(build)
    now = utcnow()
    _move(app, fair.ana_bob, 3, 2, now)

    assert session.query(PendingChangeNotice).count() == 0
    assert send_due(app, now + DELAY).change_notices == 0
    assert mail_server.received == []


def test_notices_go_through_the_outbox_as_their_own_kind(app, session, fair: Fair):
    now = utcnow()
    _move(app, fair.ana_bob, 3, 2, now)
    send_due(app, now + DELAY)

    rows = outbox_rows(session)
    assert [m.kind for m in rows[4:]] == [kinds.SCHEDULE_CHANGE.name] * 2
    assert {m.participant_id for m in rows[4:]} == {fair.ana.id, fair.bob.id}
    assert session.query(PendingChangeNotice).count() == 0
