"""Helpers for the schedule-message tests: a published event with meetings, operations run
as a request would, the calendar parts of a received mail, the live feed a mail links to."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, time

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy.orm import Session

from matchmaker.db import database
from matchmaker.messages import clock
from matchmaker.models import Event, Meeting, Organisation, Participant, Phase
from tests.builders import Builder
from tests.web.messages.mailserver import MailServer, Received

BASE = "https://b2b.example.org"
# Publication, hand edits and clock checks happen at these moments (well before the fair).
PUBLISHED_AT = datetime(2026, 4, 1, 9, 0, tzinfo=UTC)


@contextmanager
def request_session(app: Flask) -> Iterator[Session]:
    """A session of the app inside a request context, committed at the end like one request."""
    with app.test_request_context():
        db = database(app).sessions()
        try:
            yield db
            db.commit()
        finally:
            db.close()


def run_cli(app: Flask, *args: str) -> None:
    result = app.test_cli_runner().invoke(args=list(args))
    assert result.exit_code == 0, result.output


def send_due(app: Flask, now: datetime) -> clock.DueMessages:
    """Run the periodic check as the consumer would, at `now`."""
    with app.app_context():
        return clock.send_due(app, now)


@dataclass(frozen=True)
class CalendarPart:
    """A text/calendar part of a mail: its iTIP method, whether it sits beside the bodies."""

    method: str
    filename: str
    inline: bool
    body: bytes


def calendar_parts(received: Received) -> list[CalendarPart]:
    """The mail's calendar parts, in order."""
    parts = []
    for part in received.email.walk():
        if part.get_content_type() != "text/calendar":
            continue
        payload = part.get_payload(decode=True)
        assert isinstance(payload, bytes)
        parts.append(
            CalendarPart(
                method=str(part.get_param("method")),
                filename=part.get_filename() or "",
                inline=part.get_content_disposition() != "attachment",
                body=payload,
            )
        )
    return parts


def feed_link(received: Received) -> str:
    """The private feed link the mail gives (its https form)."""
    links = [link for link in received.links() if "/calendar/feed/" in link]
    assert links, "no feed link in the mail"
    return links[0]


def read_feed(client: FlaskClient, link: str) -> bytes:
    """The feed behind a mailed link, fetched from the app."""
    assert link.startswith(BASE)
    response = client.get(link.removeprefix(BASE))
    assert response.status_code == 200
    return response.data


@dataclass
class Fair:
    """A one-day event (09:00–11:00 Berlin, four slots, tables T1–T3) with meetings:
    Ana meets Bob at 09:00 (T1) and Cai at 09:30 (T1), Dan meets Bob at 09:30 (T2);
    Eve has withdrawn."""

    event: Event
    ana: Participant
    bob: Participant
    cai: Participant
    dan: Participant
    eve: Participant
    ana_bob: Meeting
    ana_cai: Meeting
    dan_bob: Meeting

    @property
    def people(self) -> list[Participant]:
        return [self.ana, self.bob, self.cai, self.dan, self.eve]


def build_fair(build: Builder, *, days: int = 1, phase: Phase = Phase.SCHEDULED) -> Fair:
    event = build.event(
        name="EU-US Cluster B2B",
        venue="Hannover Messe",
        days=days,
        blocks=((time(9), time(11)),),
        phase=phase,
    )

    def person(first: str, organisation: str, **fields: object) -> Participant:
        return build.participant(
            event,
            first_name=first,
            last_name="Example",
            email=f"{first.lower()}@example.org",
            organisation=Organisation(name=organisation, country="DE"),
            **fields,
        )

    ana = person("Ana", "Ana Lda")
    bob = person("Bob", "Bob Inc")
    cai = person("Cai", "Cai Ltd")
    dan = person("Dan", "Dan GmbH")
    eve = person("Eve", "Eve SA", withdrawn_at=PUBLISHED_AT)
    slots, tables = event.slots, event.tables
    return Fair(
        event,
        ana,
        bob,
        cai,
        dan,
        eve,
        ana_bob=build.meeting(ana, bob, slots[0], table=tables[0]),
        ana_cai=build.meeting(ana, cai, slots[1], table=tables[0]),
        dan_bob=build.meeting(dan, bob, slots[1], table=tables[1]),
    )


def agenda_mail(server: MailServer, address: str) -> Received:
    """The agenda mail `address` received (there must be exactly one)."""
    # Known by its attachment, not its subject: the subject is in the recipient's language.
    (mail,) = [m for m in server.to(address) if _is_agenda(m)]
    return mail


def _is_agenda(received: Received) -> bool:
    return any(part.filename == "agenda.ics" for part in calendar_parts(received))


def notices_to(server: MailServer, address: str) -> list[Received]:
    """The change notices `address` received, oldest first."""
    return [
        m
        for m in server.to(address)
        if any(part.method in ("REQUEST", "CANCEL") for part in calendar_parts(m))
    ]
