"""An agenda e-mail and its calendar in French, for a participant who chose French: the mail
passes the same checks as the English one, and icalendar, ical.js and `ical` read the same
French calendar, attached and from the private feed."""

from __future__ import annotations

from flask import Flask
from flask_babel import force_locale, gettext

from tests.web.calendars.conftest import parse_everywhere, parse_with_icaljs
from tests.web.messages.mailserver import MailServer
from tests.web.messages.schedule_mail import (
    BASE,
    agenda_mail,
    build_fair,
    calendar_parts,
    feed_link,
    read_feed,
    run_cli,
)


def _french(app: Flask, english: str, **values: object) -> str:
    with app.test_request_context(), force_locale("fr"):
        return str(gettext(english, **values))


def test_a_french_participant_gets_the_agenda_mail_and_calendar_in_french(
    app: Flask, client, build, mail_server: MailServer
) -> None:
    fair = build_fair(build)
    fair.ana.user = build.user(email="ana@example.org", locale="fr")
    fair.event.translations = {"fr": {"name": "Rencontres B2B UE–États-Unis"}}
    build.session.commit()
    run_cli(app, "publish", fair.event.slug)

    ana = agenda_mail(mail_server, "ana@example.org")
    subject = _french(app, "Your agenda for %(event)s", event="Rencontres B2B UE–États-Unis")
    assert subject != "Your agenda for Rencontres B2B UE–États-Unis", "French catalogue"
    assert ana.subject == subject
    assert '<html lang="fr">' in ana.html
    for body in (ana.text, ana.html):
        assert "lundi 20 avril 2026" in body
        assert "09:00–09:30" in body and "09:30–10:00" in body
        assert "Bob Inc" in body and "Cai Ltd" in body
        assert "Monday" not in body and "Your agenda" not in body
    agenda_url = f"{BASE}/events/{fair.event.slug}/agenda"
    assert agenda_url in ana.links()

    (part,) = calendar_parts(ana)
    assert (part.method, part.inline) == ("PUBLISH", False)
    attached = parse_everywhere(part.body)  # icalendar, ical.js and ical agree
    french_summaries = {
        _french(app, "B2B: %(organisation)s", organisation=name) for name in ("Bob Inc", "Cai Ltd")
    }
    assert {event.summary for event in attached} == french_summaries
    assert parse_with_icaljs(part.body)["method"] == "PUBLISH"
    with_partner = _french(app, "Your B2B meeting with:")
    assert with_partner != "Your B2B meeting with:"
    assert all(with_partner in event.description for event in attached)

    feed = parse_everywhere(read_feed(client, feed_link(ana)))
    assert {(e.uid, e.summary) for e in feed} == {(e.uid, e.summary) for e in attached}

    bob = agenda_mail(mail_server, "bob@example.org")  # no choice: the event's English
    assert bob.subject == "Your agenda for EU-US Cluster B2B"
