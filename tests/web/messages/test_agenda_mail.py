"""'Your agenda is ready' at publication: bodies, links, the feed's .ics attached."""

from __future__ import annotations

import io

import icalendar
import zxingcpp
from PIL import Image
from sqlalchemy import select

from matchmaker.messages import kinds
from matchmaker.models import CheckIn, MessageOccasion
from tests.web.calendars.conftest import parse_everywhere, parse_with_icaljs
from tests.web.messages.mailserver import MailServer, outbox_rows
from tests.web.messages.schedule_mail import (
    BASE,
    build_fair,
    calendar_parts,
    feed_link,
    read_feed,
    run_cli,
)


def test_publication_mails_each_active_participant_their_agenda(
    app, client, build, session, mail_server: MailServer
):
    fair = build_fair(build)

    run_cli(app, "publish", fair.event.slug)

    assert sorted(r for m in mail_server.received for r in m.recipients) == [
        "ana@example.org",
        "bob@example.org",
        "cai@example.org",
        "dan@example.org",
    ]  # not Eve, who withdrew
    ana = mail_server.only("ana@example.org")
    assert ana.subject == "Your agenda for EU-US Cluster B2B"
    assert "List-Unsubscribe" not in ana.email  # the agenda cannot be switched off
    for body in (ana.text, ana.html):
        assert "2 meetings" in body
        assert "Monday 20 April 2026" in body
        assert "09:00–09:30" in body and "09:30–10:00" in body
        assert "Bob Inc" in body and "Cai Ltd" in body
        assert "T1, Hannover Messe" in body
        assert "Dan GmbH" not in body  # Dan's meeting is not Ana's
    assert (
        "Monday 20 April 2026\n"
        "- 09:00–09:30, T1, Hannover Messe\n  Bob Example, Bob Inc (DE)\n"
        "- 09:30–10:00, T1, Hannover Messe\n  Cai Example, Cai Ltd (DE)\n"
    ) in ana.text
    agenda_url = f"{BASE}/events/{fair.event.slug}/agenda"
    assert agenda_url in ana.links()
    assert f'href="{agenda_url}"' in ana.html
    feed = feed_link(ana)
    assert feed.startswith(f"{BASE}/calendar/feed/")
    assert f'href="webcal://{feed.removeprefix("https://")}"' in ana.html


def test_the_attached_ics_is_the_feed_with_the_same_uids(
    app, client, build, session, mail_server: MailServer
):
    fair = build_fair(build)
    run_cli(app, "publish", fair.event.slug)

    ana = mail_server.only("ana@example.org")
    (part,) = calendar_parts(ana)
    assert (part.method, part.filename, part.inline) == ("PUBLISH", "agenda.ics", False)
    events = parse_everywhere(part.body)  # icalendar, ical.js and ical agree
    assert {event.uid for event in events} == {fair.ana_bob.uid, fair.ana_cai.uid}
    assert {event.summary for event in events} == {"B2B: Bob Inc", "B2B: Cai Ltd"}
    assert parse_with_icaljs(part.body)["method"] == "PUBLISH"
    feed = read_feed(client, feed_link(ana))
    assert [(e.uid, e.sequence) for e in parse_everywhere(feed)] == [
        (e.uid, e.sequence) for e in events
    ]
    assert not icalendar.Calendar.from_ical(part.body).walk("VEVENT")[0].get("ORGANIZER")


def test_publishing_again_sends_no_second_agenda(
    app, client, build, session, mail_server: MailServer
):
    fair = build_fair(build)
    run_cli(app, "publish", fair.event.slug)
    run_cli(app, "publish", fair.event.slug)

    assert len(mail_server.received) == 4
    assert [m.kind for m in outbox_rows(session)] == [kinds.AGENDA.name] * 4
    assert session.query(MessageOccasion).count() == 4


def test_the_agenda_mail_shows_the_check_in_code_as_a_qr_code_the_desk_can_read(
    app, client, build, session, mail_server: MailServer
):
    fair = build_fair(build)
    run_cli(app, "publish", fair.event.slug)

    ana = mail_server.only("ana@example.org")
    code = session.scalars(select(CheckIn.code).where(CheckIn.participant_id == fair.ana.id)).one()
    assert f"(DE)\n\nYour check-in code for the desk on the day: {code}\n\n" in ana.text
    assert code in ana.html
    related = ana.email.get_body(preferencelist=("related",))
    assert related is not None, "the HTML body and its image travel as multipart/related"
    (image,) = [part for part in related.iter_parts() if part.get_content_type() == "image/png"]
    cid = image["Content-ID"].strip("<>")
    assert f'src="cid:{cid}"' in ana.html
    assert image.get_content_disposition() == "inline"
    (barcode,) = zxingcpp.read_barcodes(Image.open(io.BytesIO(image.get_content())))
    assert (barcode.format, barcode.text) == (zxingcpp.BarcodeFormat.QRCode, code)
    bob = mail_server.only("bob@example.org")
    assert code not in bob.text  # each person their own code
