"""Online meetings in mails: the agenda mail (text, HTML and its .ics) and change notices
carry the link; an online participant reads their own times first."""

from __future__ import annotations

from datetime import time, timedelta

from matchmaker.db import utcnow
from matchmaker.models import Event, Meeting, Organisation
from matchmaker.models.enums import EventMode
from matchmaker.schedule.operations import move_meeting
from matchmaker.video import room_link
from tests.web.calendars.conftest import parse_everywhere, parse_with_icaljs
from tests.web.messages.mailserver import MailServer
from tests.web.messages.schedule_mail import (
    agenda_mail,
    calendar_parts,
    notices_to,
    request_session,
    run_cli,
    send_due,
)

OWN_ROOM = "https://zoom.example.org/j/4711"


def test_the_agenda_mail_carries_each_online_meetings_link(
    app, client, build, session, mail_server: MailServer
):
    event = build.event(
        name="EU-Taiwan hybrid B2B",
        venue="Taipei Nangang",
        timezone="Asia/Taipei",
        blocks=((time(9), time(11)),),
        mode=EventMode.HYBRID,
    )

    def person(first: str, **fields: object):
        return build.participant(
            event,
            first_name=first,
            last_name="Example",
            email=f"{first.lower()}@example.org",
            organisation=Organisation(name=f"{first} Co", country="TW"),
            **fields,
        )

    ana = person("Ana", online=True, timezone="Europe/Lisbon")
    bob = person("Bob")
    cai = person("Cai", online=True, video_link=OWN_ROOM)
    dan = person("Dan")
    by_room = build.meeting(ana, bob, event.slots[0])
    build.meeting(ana, cai, event.slots[1])
    build.meeting(bob, dan, event.slots[1], table=event.tables[0])

    run_cli(app, "publish", event.slug)

    room = room_link("https://meet.jit.si/", app.config["SECRET_KEY"], by_room.uid)
    ana_mail = agenda_mail(mail_server, "ana@example.org")
    # Ana attends from Lisbon: 09:00 in Taipei is 02:00 there, and her time comes first.
    assert "Times are in your time zone, Europe/Lisbon, then the event's." in ana_mail.text
    assert f"- 02:00–02:30 (09:00–09:30 event time), Online: {room}\n" in ana_mail.text
    assert f"- 02:30–03:00 (09:30–10:00 event time), Online: {OWN_ROOM}\n" in ana_mail.text
    assert f'href="{room}"' in ana_mail.html and f'href="{OWN_ROOM}"' in ana_mail.html
    (part,) = calendar_parts(ana_mail)
    assert [e.location for e in parse_everywhere(part.body)] == [
        f"Online: {room}",
        f"Online: {OWN_ROOM}",
    ]
    assert [e["url"] for e in parse_with_icaljs(part.body)["events"]] == [room, OWN_ROOM]
    bob_mail = agenda_mail(mail_server, "bob@example.org")
    assert f"Online: {room}" in bob_mail.text  # the on-site side joins the same room
    assert "T1, Taipei Nangang" in bob_mail.text
    assert "Times are in Asia/Taipei time." in bob_mail.text
    assert OWN_ROOM not in bob_mail.text


def test_a_moved_online_meeting_is_noticed_in_the_online_participants_own_time(
    app, build, session, mail_server: MailServer
):
    event = build.event(
        name="EU-US hybrid B2B",
        venue="Hannover Messe",
        blocks=((time(9), time(11)),),
        mode=EventMode.HYBRID,
    )
    ana = build.participant(
        event,
        email="ana@example.org",
        online=True,
        timezone="America/New_York",
        organisation=Organisation(name="Ana Co", country="US"),
    )
    bob = build.participant(
        event, email="bob@example.org", organisation=Organisation(name="Bob Inc", country="DE")
    )
    meeting = build.meeting(ana, bob, event.slots[0])
    run_cli(app, "publish", event.slug)
    now = utcnow()
    with request_session(app) as db:
        current = db.get_one(Event, event.id)
        move_meeting(
            db,
            current,
            db.get_one(Meeting, meeting.id),
            slot_id=current.slots[2].id,
            place="booth",
            now=now,
        )
    assert send_due(app, now + timedelta(seconds=120)).change_notices == 2

    room = room_link("https://meet.jit.si/", app.config["SECRET_KEY"], meeting.uid)
    (ana_notice,) = notices_to(mail_server, "ana@example.org")
    assert "Times are in your time zone, America/New York, then the event's." in ana_notice.text
    # 10:00 in Hannover (CEST) is 04:00 in New York (EDT).
    assert f"now: Mon 20 Apr, 04:00–04:30 (10:00–10:30 event time), Online: {room}" in (
        ana_notice.text
    )
    assert "was: Mon 20 Apr, 03:00–03:30 (09:00–09:30 event time)" in ana_notice.text
    (bob_notice,) = notices_to(mail_server, "bob@example.org")
    assert f"now: Mon 20 Apr, 10:00–10:30, Online: {room}" in bob_notice.text
