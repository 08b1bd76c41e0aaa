"""The itinerary in the calendar feed: programme items in their own zones beside the meetings
of every event of the mission, with stable UIDs, SEQUENCE and STATUS:CANCELLED."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time

import pytest

from matchmaker.calendars.tokens import issue_feed_token
from matchmaker.db import utcnow
from matchmaker.models import Event, Organisation, Participant, Phase, ProgrammeItem, Role, User


@dataclass
class Trip:
    hannover: Event
    berlin: Event
    user: User
    me: Participant
    ceremony: ProgrammeItem
    flight: ProgrammeItem
    feed: str


@pytest.fixture
def trip(app, build, session) -> Trip:
    """A Portuguese SME at two events of one mission (Hannover, then Berlin), with a
    ceremony in Hannover and the delegation's flight from Lisbon (another zone)."""
    hannover = build.event(phase=Phase.PUBLISHED, published_at=utcnow(), name="Hannover B2B")
    berlin = build.event(
        phase=Phase.PUBLISHED,
        published_at=utcnow(),
        name="Berlin B2B",
        first_day=date(2026, 4, 22),
    )
    berlin.mission_id = hannover.mission_id
    session.commit()
    user = build.user(email="ana@example.pt")
    organisation = Organisation(name="Porto Sensors", country="PT", sectors=[], technologies=[])
    me = build.participant(hannover, user=user, organisation=organisation)
    again = build.participant(berlin, user=user, organisation=organisation)
    partner = build.participant(hannover)
    other = build.participant(berlin)
    build.meeting(me, partner, hannover.slots[0], table=hannover.tables[0])
    build.meeting(again, other, berlin.slots[1], table=berlin.tables[0])
    ceremony = build.programme_item(
        hannover.mission,
        kind="ceremony",
        title="Opening ceremony",
        day=date(2026, 4, 20),
        start=time(8),
        end=time(8, 45),
        place="EU pavilion",
        address="Messegelände, 30521 Hannover",
    )
    flight = build.programme_item(
        hannover.mission,
        kind="transfer",
        title="Flight Lisbon – Hannover",
        day=date(2026, 4, 19),
        start=time(14, 5),
        end=time(17, 40),
        timezone="Europe/Lisbon",
        guests=(me,),
    )
    build.programme_item(hannover.mission, title="Not for us", guests=(partner,))
    token = issue_feed_token(me, app.config["SECRET_KEY"])
    session.commit()
    return Trip(hannover, berlin, user, me, ceremony, flight, f"/calendar/feed/{token}.ics")


def test_the_feed_joins_both_events_and_the_programme_in_their_own_zones(
    client, trip, parse_everywhere, icaljs
):
    body = client.get(trip.feed).data
    events = parse_everywhere(body)
    summaries = [event.summary for event in events]
    assert summaries[0] == "Transfer: Flight Lisbon – Hannover"
    assert summaries[1] == "Opening or closing ceremony: Opening ceremony"
    assert sum(summary.startswith("B2B: ") for summary in summaries) == 2
    assert "Not for us" not in " ".join(summaries)
    flight = events[0]
    # 14:05 in Lisbon (UTC+1 in April) is 13:05 UTC; the ceremony's 08:00 Berlin is 06:00 UTC.
    assert flight.start_utc == datetime(2026, 4, 19, 13, 5, tzinfo=UTC)
    assert events[1].start_utc == datetime(2026, 4, 20, 6, 0, tzinfo=UTC)
    assert flight.uid == trip.flight.uid and events[1].uid == trip.ceremony.uid
    assert "openstreetmap.org/search?query=Messeg" in events[1].description
    assert events[1].location == "EU pavilion, Messegelände, 30521 Hannover"
    raw = icaljs(body)
    assert {"Europe/Berlin", "Europe/Lisbon"} <= set(raw["timezones"])
    by_uid = {event["uid"]: event for event in raw["events"]}
    assert by_uid[trip.flight.uid]["tzid"] == "Europe/Lisbon"
    assert by_uid[trip.flight.uid]["local_start"] == "2026-04-19T14:05:00"
    assert by_uid[trip.ceremony.uid]["tzid"] == "Europe/Berlin"
    assert b"DTSTART;TZID=Europe/Lisbon:20260419T140500" in body


def test_a_changed_item_has_a_higher_sequence_and_a_cancelled_one_stays_cancelled(
    client, trip, build, log_in, parse_everywhere
):
    organiser = build.user(Role.ORGANISER)
    trip.hannover.mission.organisers.append(organiser)
    build.session.commit()
    log_in(organiser)
    base = f"/organise/missions/{trip.hannover.mission.slug}/programme/{trip.ceremony.id}"
    form = {
        "kind": "ceremony",
        "title": "Opening ceremony",
        "timezone": "Europe/Berlin",
        "starts_at": "2026-04-20T08:15",
        "ends_at": "2026-04-20T08:50",
        "place": "EU pavilion",
        "address": "Messegelände, 30521 Hannover",
        "audience": "everyone",
    }
    assert client.post(f"{base}/edit", data=form).status_code == 302
    ceremony = next(
        e for e in parse_everywhere(client.get(trip.feed).data) if "Opening" in e.summary
    )
    assert (ceremony.uid, ceremony.sequence, ceremony.status) == (trip.ceremony.uid, 1, "CONFIRMED")
    assert ceremony.start_utc == datetime(2026, 4, 20, 6, 15, tzinfo=UTC)

    assert client.post(f"{base}/edit", data=form).status_code == 302
    same = next(e for e in parse_everywhere(client.get(trip.feed).data) if "Opening" in e.summary)
    assert same.sequence == 1  # saved unchanged: calendars have nothing new

    assert client.post(f"{base}/cancel").status_code == 302
    cancelled = next(
        e for e in parse_everywhere(client.get(trip.feed).data) if "Opening" in e.summary
    )
    assert (cancelled.uid, cancelled.sequence, cancelled.status) == (
        trip.ceremony.uid,
        2,
        "CANCELLED",
    )
    assert cancelled.description.startswith("This item is cancelled.")


def test_the_calendar_name_says_itinerary_once_there_is_more_than_one_event(client, trip):
    body = client.get(trip.feed).get_data(as_text=True)
    assert f"NAME:{trip.hannover.mission.name}: itinerary of" in body
