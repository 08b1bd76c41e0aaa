""" "Preferences are open" when the organiser moves the event into that phase, and the nudge
before the deadline to those who marked nobody or never saved their availability."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from matchmaker.db import utcnow
from matchmaker.messages import kinds
from matchmaker.models import Organisation, Participant, Phase, PreferenceLevel, Role
from tests.web.messages.mailserver import MailServer, outbox_rows
from tests.web.messages.schedule_mail import BASE, send_due

DEADLINE = datetime(2026, 4, 17, 16, 0, tzinfo=UTC)  # 18:00 in Berlin


def _people(build, event) -> dict[str, Participant]:
    people = {}
    for first in ("Ana", "Bob", "Cai", "Dan"):
        people[first] = build.participant(
            event,
            first_name=first,
            last_name="Example",
            email=f"{first.lower()}@example.org",
            organisation=Organisation(name=f"{first} Org", country="PT"),
            withdrawn_at=utcnow() if first == "Dan" else None,
        )
    return people


def test_moving_into_the_preferences_phase_tells_everyone_once_with_the_deadline(
    app, client, build, log_in, session, mail_server: MailServer
):
    organiser = build.user(Role.ORGANISER)
    event = build.event(
        name="EU-Taiwan B2B", organisers=(organiser,), preferences_deadline=DEADLINE
    )
    _people(build, event)
    log_in(organiser)

    def move(direction: str) -> None:
        response = client.post(
            f"/organise/events/{event.slug}/phase", data={"direction": direction}
        )
        assert response.status_code == 302

    move("forward")  # registration -> preferences

    assert sorted(r for m in mail_server.received for r in m.recipients) == [
        "ana@example.org",
        "bob@example.org",
        "cai@example.org",
    ]  # not Dan, who withdrew
    ana = mail_server.only("ana@example.org")
    assert ana.subject == "Choose whom to meet at EU-Taiwan B2B"
    for body in (ana.text, ana.html):
        assert "Friday 17 April 2026, 18:00 (Europe/Berlin)" in body
    catalogue = f"{BASE}/events/{event.slug}/catalogue"
    availability = f"{BASE}/events/{event.slug}/availability"
    assert catalogue in ana.links() and availability in ana.links()
    assert f'href="{catalogue}"' in ana.html and f'href="{availability}"' in ana.html
    unsubscribe = ana.email["List-Unsubscribe"]
    assert unsubscribe.startswith(f"<{BASE}/messages/unsubscribe/")

    move("forward")  # preferences -> scheduled
    move("back")  # and back into preferences: nobody is told twice
    assert len(mail_server.received) == 3
    assert [m.kind for m in outbox_rows(session)] == [kinds.PREFERENCES_OPEN.name] * 3


def test_the_nudge_goes_once_before_the_deadline_to_those_with_something_left_to_do(
    app, build, session, mail_server: MailServer
):
    event = build.event(
        name="EU-Taiwan B2B", phase=Phase.PREFERENCES, preferences_deadline=DEADLINE
    )
    people = _people(build, event)
    saved = utcnow()
    for first in ("Ana", "Bob"):
        people[first].availability_saved_at = saved
    session.commit()
    build.preference(people["Ana"], people["Bob"], PreferenceLevel.WANT)  # Ana is done
    build.preference(people["Cai"], people["Ana"], PreferenceLevel.MUST)
    build.preference(people["Bob"], people["Cai"], PreferenceLevel.NOT)  # "not" marks nobody

    two_days = timedelta(days=2)
    assert send_due(app, DEADLINE - two_days - timedelta(minutes=1)).nudges == 0
    assert send_due(app, DEADLINE - two_days).nudges == 2
    assert send_due(app, DEADLINE - timedelta(hours=1)).nudges == 0

    assert sorted(r for m in mail_server.received for r in m.recipients) == [
        "bob@example.org",
        "cai@example.org",
    ]
    bob, cai = mail_server.only("bob@example.org"), mail_server.only("cai@example.org")
    assert bob.subject == "Reminder: choose whom to meet at EU-Taiwan B2B"
    assert "List-Unsubscribe" in bob.email
    catalogue = f"{BASE}/events/{event.slug}/catalogue"
    availability = f"{BASE}/events/{event.slug}/availability"
    for body in (bob.text, bob.html):
        assert "Friday 17 April 2026, 18:00 (Europe/Berlin)" in body
        assert "You have not marked anybody" in body
        assert "You have not confirmed when you can meet" not in body
    assert catalogue in bob.links() and availability not in bob.links()
    for body in (cai.text, cai.html):
        assert "You have not marked anybody" not in body
        assert "You have not confirmed when you can meet" in body
    assert availability in cai.links() and catalogue not in cai.links()
    assert f'href="{availability}"' in cai.html


def test_no_nudge_after_the_deadline_or_with_the_setting_off(app, build, mail_server: MailServer):
    event = build.event(phase=Phase.PREFERENCES, preferences_deadline=DEADLINE)
    _people(build, event)
    assert send_due(app, DEADLINE).nudges == 0
    app.config["PREFERENCES_NUDGE_DAYS"] = 0
    assert send_due(app, DEADLINE - timedelta(hours=1)).nudges == 0
    assert mail_server.received == []
