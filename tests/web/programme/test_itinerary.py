"""The itinerary on the agenda page and in print: meetings of every event of the mission and
programme items, day by day, each in its own zone and in the person's home zone."""

from __future__ import annotations

from datetime import date, time

from matchmaker.db import utcnow
from matchmaker.models import Organisation, Phase


def test_the_agenda_joins_both_events_and_items_with_home_times(client, build, log_in, session):
    hannover = build.event(phase=Phase.PUBLISHED, published_at=utcnow(), name="Hannover B2B")
    berlin = build.event(
        phase=Phase.PUBLISHED, published_at=utcnow(), name="Berlin B2B", first_day=date(2026, 4, 22)
    )
    berlin.mission_id = hannover.mission_id
    session.commit()
    user = build.user(email="ana@example.pt")
    portugal = Organisation(name="Porto Sensors", country="PT", sectors=[], technologies=[])
    me = build.participant(hannover, user=user, organisation=portugal)
    again = build.participant(berlin, user=user, organisation=portugal)
    build.meeting(
        me,
        build.participant(hannover, last_name="Hannoverian"),
        hannover.slots[0],
        table=hannover.tables[0],
    )
    build.meeting(
        again,
        build.participant(berlin, last_name="Berliner"),
        berlin.slots[0],
        table=berlin.tables[0],
    )
    build.programme_item(
        hannover.mission,
        title="Flight Lisbon – Hannover",
        day=date(2026, 4, 19),
        start=time(14, 5),
        end=time(17, 40),
        timezone="Europe/Lisbon",
        guests=(me,),
    )
    log_in(user)

    page = client.get(f"/events/{hannover.slug}/agenda").get_data(as_text=True)
    days = [page.index(day) for day in ("Sunday 19 April", "Monday 20 April", "Wednesday 22 April")]
    assert days == sorted(days)
    assert "Flight Lisbon – Hannover" in page
    assert "14:05–17:40 Lisbon time, UTC+1" in page
    assert "Hannoverian" in page and "Berliner" in page and "Berlin B2B" in page
    # The Hannover meeting at 09:00 Berlin time is 08:00 at home in Lisbon; the flight is not
    # repeated in home time (same zone).
    assert "Home: 08:00–08:30 Lisbon time, UTC+1" in page
    assert page.count("Home: ") == 2

    printed = client.get(f"/events/{hannover.slug}/agenda?print=1").get_data(as_text=True)
    assert "Flight Lisbon – Hannover" in printed and "Berliner" in printed
    assert "your time 08:00–08:30" in printed

    response = client.post("/account/home-time-zone", data={"timezone": "Asia/Taipei"})
    assert response.status_code == 302
    page = client.get(f"/events/{hannover.slug}/agenda").get_data(as_text=True)
    assert "Home: 15:00–15:30 Taipei time, UTC+8" in page
    assert "Home: 21:05–00:40 Taipei time, UTC+8" in page
    assert "Sunday 19 April" in page


def test_items_show_before_the_schedule_is_published(client, build, log_in):
    event = build.event(phase=Phase.PREFERENCES)
    user = build.user()
    build.participant(event, user=user)
    build.programme_item(event.mission, title="Opening ceremony")
    log_in(user)
    page = client.get(f"/events/{event.slug}/agenda").get_data(as_text=True)
    assert "Opening ceremony" in page
    assert "Your B2B meetings will appear here once the organisers publish the schedule." in page


def test_a_refused_home_zone_is_not_saved(client, build, log_in, session):
    user = build.user()
    log_in(user)
    page = client.post("/account/home-time-zone", data={"timezone": "Mars/Olympus"})
    assert page.status_code == 200
    session.close()
    assert session.get(type(user), user.id).home_timezone is None
