"""Organiser broadcasts: choose a group, see the preview and the count, then send."""

from __future__ import annotations

import re

from matchmaker.db import utcnow
from matchmaker.models import Organisation, PreferenceLevel, Role
from tests.builders import Builder
from tests.web.messages.mailserver import MailServer, outbox_rows

BODY = "The venue opens at 8:30.\nBring your badge.\n\nSee you in Hannover!"


def _event_with_people(build: Builder):
    organiser = build.user(Role.ORGANISER)
    event = build.event(name="EU-US Cluster B2B", organisers=(organiser,))
    tice = Organisation(name="Inova", country="PT", cluster="TICE.PT", sectors=[], technologies=[])
    its = Organisation(name="Robo", country="DE", cluster="its OWL", sectors=[], technologies=[])
    ana = build.participant(event, organisation=tice, first_name="Ana", email="ana@example.pt")
    max_ = build.participant(event, organisation=its, first_name="Max", email="max@example.de")
    eva = build.participant(event, organisation=its, first_name="Eva", email="eva@example.de")
    eva.availability_saved_at = utcnow()
    build.session.commit()
    build.preference(max_, ana, PreferenceLevel.WANT)
    return organiser, event, (ana, max_, eva)


def _post(client, event, action: str, audience: str = "everyone", **fields: str):
    """Post the broadcast form ("Practical details" and BODY unless given otherwise)."""
    data = {"audience": audience, "subject": "Practical details", "body": BODY, **fields}
    return client.post(f"/organise/events/{event.slug}/broadcast", data={**data, "action": action})


def _preview(client, event, audience: str) -> str:
    response = _post(client, event, "preview", audience)
    assert response.status_code == 200
    return response.get_data(as_text=True)


def _count(page: str) -> int:
    found = re.search(r'name="expected" value="(\d+)"', page)
    assert found is not None
    return int(found.group(1))


def test_a_preview_shows_the_count_and_the_message_and_sends_nothing(
    build: Builder, client, log_in, mail_server: MailServer, session
):
    organiser, event, _people = _event_with_people(build)
    log_in(organiser)

    page = _preview(client, event, "everyone")

    assert _count(page) == 3
    assert "Send to 3 people" in page
    assert "See you in Hannover!" in page
    assert "srcdoc=" in page and "sandbox" in page
    assert mail_server.received == []
    assert outbox_rows(session) == []


def test_filters_choose_the_group(build: Builder, client, log_in, mail_server):
    organiser, event, _people = _event_with_people(build)
    log_in(organiser)

    assert _count(_preview(client, event, "delegation:its OWL")) == 2
    assert _count(_preview(client, event, "country:PT")) == 1
    assert _count(_preview(client, event, "no_marks")) == 2  # Max marked Ana
    assert _count(_preview(client, event, "no_availability")) == 2  # Eva saved hers
    form = client.get(f"/organise/events/{event.slug}/broadcast").get_data(as_text=True)
    assert '<option value="delegation:TICE.PT">TICE.PT</option>' in form
    assert '<option value="country:DE">Germany</option>' in form


def test_sending_mails_each_person_with_text_html_and_unsubscribe(
    build: Builder, client, log_in, mail_server: MailServer, session
):
    organiser, event, _people = _event_with_people(build)
    log_in(organiser)

    response = _post(client, event, "send", "delegation:its OWL", expected="2")

    assert response.headers["Location"] == f"/organise/events/{event.slug}/messages"
    assert sorted(r for item in mail_server.received for r in item.recipients) == [
        "eva@example.de",
        "max@example.de",
    ]
    max_mail = mail_server.only("max@example.de")
    assert max_mail.subject == "Practical details"
    assert "The venue opens at 8:30.\nBring your badge.\n\nSee you in Hannover!" in max_mail.text
    assert "The venue opens at 8:30.<br>Bring your badge.</p>" in max_mail.html
    unsubscribe = str(max_mail.email["List-Unsubscribe"])
    assert unsubscribe.startswith("<https://b2b.example.org/messages/unsubscribe/")
    assert max_mail.email["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert unsubscribe.strip("<>") in max_mail.text
    assert {row.kind for row in outbox_rows(session)} == {"broadcast"}
    listing = client.get(f"/organise/events/{event.slug}/messages").get_data(as_text=True)
    assert listing.count("Practical details") == 2


def test_a_group_that_changed_since_the_preview_is_shown_again(
    build: Builder, client, log_in, mail_server
):
    organiser, event, _people = _event_with_people(build)
    log_in(organiser)

    page = _post(client, event, "send", expected="2").get_data(as_text=True)

    assert "The group changed since your preview" in page
    assert _count(page) == 3
    assert mail_server.received == []


def test_missing_subject_and_body_are_explained(build: Builder, client, log_in):
    organiser, event, _people = _event_with_people(build)
    log_in(organiser)

    page = client.post(
        f"/organise/events/{event.slug}/broadcast",
        data={"audience": "everyone", "action": "preview"},
    ).get_data(as_text=True)

    assert "Write a subject." in page
    assert "Write the message." in page


def test_only_the_event_organisers_may_broadcast(build: Builder, client, log_in):
    _organiser, event, _people = _event_with_people(build)
    log_in(build.user(Role.ORGANISER))

    assert client.get(f"/organise/events/{event.slug}/broadcast").status_code == 404
    assert client.get(f"/organise/events/{event.slug}/messages").status_code == 404
