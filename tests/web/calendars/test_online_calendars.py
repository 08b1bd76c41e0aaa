"""Online meetings in agendas and calendars: the video link in the page, the print version
and the .ics (URL, CONFERENCE and LOCATION), read alike by icalendar, ical.js and `ical`."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest
from ical.calendar_stream import IcsCalendarStream

from matchmaker.db import utcnow
from matchmaker.models import Event, Meeting, Organisation, Participant, Phase, User
from matchmaker.models.enums import EventMode
from matchmaker.video import room_link

OWN_ROOM = "https://teams.example.org/l/meetup-join/acme-7"


@dataclass
class Scene:
    event: Event
    user: User
    me: Participant
    on_site: Participant
    with_room: Participant
    at_table: Participant
    room_meeting: Meeting
    own_room_meeting: Meeting


@pytest.fixture
def scene(build) -> Scene:
    """A hybrid event: I attend online from New York; I meet someone on site (a room per
    meeting), someone online with their own room, and nobody else; two others meet at a
    table."""
    event = build.event(
        phase=Phase.PUBLISHED,
        published_at=utcnow(),
        venue="Hannover Messe",
        mode=EventMode.HYBRID,
    )
    user = build.user(email="online@example.org")
    me = build.participant(event, user=user, online=True, timezone="America/New_York")
    on_site = build.participant(
        event, organisation=Organisation(name="Acme Robotics", country="US")
    )
    with_room = build.participant(
        event,
        online=True,
        video_link=OWN_ROOM,
        organisation=Organisation(name="Taipei Chips", country="TW"),
    )
    at_table = build.participant(event)
    room_meeting = build.meeting(me, on_site, event.slots[0])
    own_room_meeting = build.meeting(me, with_room, event.slots[1])
    build.meeting(on_site, at_table, event.slots[2], table=event.tables[0])
    return Scene(event, user, me, on_site, with_room, at_table, room_meeting, own_room_meeting)


def test_the_link_is_the_online_participants_own_room_else_a_room_per_meeting(app, scene):
    with app.app_context():
        from matchmaker.video import video_link

        link = video_link(scene.room_meeting)
        assert link == room_link(
            "https://meet.jit.si/", app.config["SECRET_KEY"], scene.room_meeting.uid
        )
        assert re.fullmatch(r"https://meet\.jit\.si/Matchmaker-[0-9a-f]{24}", link)
        assert video_link(scene.own_room_meeting) == OWN_ROOM
        app.config["VIDEO_ROOM_BASE_URL"] = "https://video.example.org/rooms"
        moved = video_link(scene.room_meeting)
        assert moved == link.replace("https://meet.jit.si", "https://video.example.org/rooms")
    # Unguessable: another secret key makes another room for the same meeting.
    assert room_link("https://meet.jit.si/", "other", scene.room_meeting.uid) != link


def test_the_agenda_shows_the_links_and_my_own_times_first(client, log_in, scene):
    log_in(scene.user)
    page = client.get(f"/events/{scene.event.slug}/agenda").text
    room = room_link(
        "https://meet.jit.si/", client.application.config["SECRET_KEY"], scene.room_meeting.uid
    )
    assert f'href="{room}"' in page
    assert f'href="{OWN_ROOM}"' in page
    # 09:00 in Hannover (CEST) is 03:00 in New York (EDT); my zone comes first.
    first = page.index("03:00–03:30")
    assert first < page.index("09:00–09:30")
    assert "Times are in your time zone" in page
    printed = client.get(f"/events/{scene.event.slug}/agenda?print=1").text
    assert room in printed and OWN_ROOM in printed
    assert printed.index("03:00–03:30") < printed.index("09:00–09:30")


def test_the_ics_carries_the_links_for_every_parser(
    app, client, log_in, scene, parse_everywhere, icaljs
):
    log_in(scene.user)
    body = client.get(f"/calendar/events/{scene.event.slug}/agenda.ics").data
    room = room_link("https://meet.jit.si/", app.config["SECRET_KEY"], scene.room_meeting.uid)
    events = parse_everywhere(body)
    assert [event.location for event in events] == [f"Online: {room}", f"Online: {OWN_ROOM}"]
    assert all(event.description.startswith("Video call: https://") for event in events)
    raw = icaljs(body)["events"]
    assert [event["url"] for event in raw] == [room, OWN_ROOM]
    assert [event["conferences"] for event in raw] == [
        [{"uri": link, "value_type": "uri", "feature": "VIDEO"}] for link in (room, OWN_ROOM)
    ]
    parsed = IcsCalendarStream.calendar_from_ics(body.decode("utf-8")).events
    assert [event.url for event in parsed] == [room, OWN_ROOM]
    assert [
        [(c.uri, [f.value for f in c.feature or []]) for c in event.conference] for event in parsed
    ] == [
        [(room, ["VIDEO"])],
        [(OWN_ROOM, ["VIDEO"])],
    ]


def test_a_meeting_at_a_table_has_no_link(app, client, log_in, scene, build, parse_everywhere):
    user = build.user(email="onsite@example.org")
    scene.on_site.user = user
    build.session.commit()
    log_in(user)
    body = client.get(f"/calendar/events/{scene.event.slug}/agenda.ics").data
    locations = [event.location for event in parse_everywhere(body)]
    assert locations[0].startswith("Online: https://meet.jit.si/Matchmaker-")
    assert locations[1] == "T1, Hannover Messe"
    assert b"CONFERENCE" in body and body.count(b"CONFERENCE") == 1


def test_an_on_site_event_ignores_the_online_flag(app, scene, build):
    scene.event.mode = EventMode.ON_SITE
    build.session.commit()
    with app.app_context():
        from matchmaker.video import video_link

        assert video_link(scene.room_meeting) is None
        assert scene.me.own_zone is None


@pytest.mark.parametrize("mode", list(EventMode))
def test_calendars_of_columns_say_what_the_meeting_rows_say(app, scene, build, mode):
    """The whole-event, table and delegation calendars read their meetings as columns:
    the same facts, sides and video links as the meeting rows give."""
    from matchmaker.calendars.entries import EventMeeting, facts_of, side_of
    from matchmaker.calendars.queries import (
        event_meeting_rows,
        event_meetings,
        people_meeting_rows,
    )

    scene.event.mode = mode
    build.session.commit()
    session = build.session
    with app.app_context():
        columns = event_meeting_rows(session, scene.event)
        rows = [
            EventMeeting(facts_of(m), side_of(m.participant_a), side_of(m.participant_b))
            for m in event_meetings(session, scene.event)
        ]
        assert columns == rows and len(columns) == 3
        links = [meeting.facts.video_link for meeting in columns]
        if mode == EventMode.ON_SITE:
            assert links == [None, None, None]
        else:
            assert links[1] == OWN_ROOM and links[0] is not None
        assert people_meeting_rows(session, scene.event, [scene.with_room.id]) == [columns[1]]
