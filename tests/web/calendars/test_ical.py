"""matchmaker.ical on its own: times, zones, escaping, stability; read by three parsers."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from matchmaker.ical import CalendarEntry, build_calendar, write_calendar

BERLIN = ZoneInfo("Europe/Berlin")
TAIPEI = ZoneInfo("Asia/Taipei")
CREATED = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


def entry(uid: str, start: datetime, zone: str = "Europe/Berlin", **fields) -> CalendarEntry:
    values = {
        "uid": uid,
        "sequence": 0,
        "start": start,
        "end": start + timedelta(minutes=30),
        "timezone": zone,
        "summary": "B2B: Acme Robotics",
        "location": "Table 1, Hannover Messe",
        "description": "Meeting",
        "cancelled": False,
        "created": CREATED,
        "last_modified": CREATED,
    }
    values.update(fields)
    return CalendarEntry(**values)


def test_times_are_right_on_both_sides_of_the_berlin_summer_time_switch(parse_everywhere):
    before = datetime(2026, 3, 28, 10, 0, tzinfo=BERLIN)  # CET, UTC+1
    after = datetime(2026, 3, 30, 10, 0, tzinfo=BERLIN)  # CEST, UTC+2
    body = build_calendar("c@test", "Agenda", [entry("a@test", before), entry("b@test", after)])
    events = parse_everywhere(body)
    assert [event.start_utc for event in events] == [
        datetime(2026, 3, 28, 9, 0, tzinfo=UTC),
        datetime(2026, 3, 30, 8, 0, tzinfo=UTC),
    ]
    assert b"DTSTART;TZID=Europe/Berlin:20260328T100000" in body
    assert b"DTSTART;TZID=Europe/Berlin:20260330T100000" in body


def test_times_are_right_on_the_switch_days_themselves(parse_everywhere):
    spring = datetime(2026, 3, 29, 10, 0, tzinfo=BERLIN)  # switched to CEST at 02:00
    autumn = datetime(2026, 10, 25, 10, 0, tzinfo=BERLIN)  # back to CET at 03:00
    body = build_calendar("c@test", "Agenda", [entry("a@test", spring), entry("b@test", autumn)])
    events = parse_everywhere(body)
    assert [(event.start_utc, event.end_utc) for event in events] == [
        (datetime(2026, 3, 29, 8, 0, tzinfo=UTC), datetime(2026, 3, 29, 8, 30, tzinfo=UTC)),
        (datetime(2026, 10, 25, 9, 0, tzinfo=UTC), datetime(2026, 10, 25, 9, 30, tzinfo=UTC)),
    ]


def test_taipei_times_and_one_vtimezone_per_zone_used(parse_everywhere, icaljs):
    berlin = entry("a@test", datetime(2026, 4, 20, 9, 30, tzinfo=BERLIN))
    taipei = entry("b@test", datetime(2026, 6, 2, 10, 0, tzinfo=TAIPEI), zone="Asia/Taipei")
    body = build_calendar("c@test", "Agenda", [berlin, taipei])
    events = parse_everywhere(body)
    assert events[1].start_utc == datetime(2026, 6, 2, 2, 0, tzinfo=UTC)
    assert b"DTSTART;TZID=Asia/Taipei:20260602T100000" in body
    assert sorted(icaljs(body)["timezones"]) == ["Asia/Taipei", "Europe/Berlin"]
    assert body.count(b"BEGIN:VTIMEZONE") == 2


@pytest.mark.parametrize(
    "text",
    [
        "Müller, Søn & Co; Ltd \\ backslash",
        "Line one\nLine two\r\nLine three",
        "台北市 半導體公司 🎉🤝",
        "Evil\r\nBEGIN:VEVENT\r\nUID:injected\r\nEND:VEVENT\r\nX-INJECTED:1",
        'Quote " and colon: here; semi',
    ],
)
def test_text_is_escaped_never_injected(text, parse_everywhere, icaljs):
    start = datetime(2026, 4, 20, 9, 30, tzinfo=BERLIN)
    body = build_calendar(
        "c@test",
        text,
        [entry("a@test", start, summary=f"B2B: {text}", location=text, description=text)],
    )
    events = parse_everywhere(body)
    normalised = text.replace("\r\n", "\n")
    assert len(events) == 1
    assert events[0].uid == "a@test"
    assert events[0].summary == f"B2B: {normalised}"
    assert events[0].location == normalised
    assert events[0].description == normalised
    assert icaljs(body)["name"] == " ".join(text.split())
    lines = body.replace(b"\r\n ", b"").split(b"\r\n")  # unfolded content lines
    assert lines.count(b"BEGIN:VEVENT") == 1
    assert not [line for line in lines if line.startswith((b"X-INJECTED", b"UID:injected"))]


def test_cancelled_entries_stay_with_status_cancelled(parse_everywhere):
    start = datetime(2026, 4, 20, 9, 30, tzinfo=BERLIN)
    body = build_calendar(
        "c@test",
        "Agenda",
        [entry("a@test", start), entry("b@test", start, cancelled=True, sequence=3)],
    )
    events = parse_everywhere(body)
    assert [(event.uid, event.status, event.sequence) for event in events] == [
        ("a@test", "CONFIRMED", 0),
        ("b@test", "CANCELLED", 3),
    ]


def test_calendar_properties_and_stamps(icaljs):
    modified = datetime(2026, 4, 1, 8, 15, tzinfo=UTC)
    start = datetime(2026, 4, 20, 9, 30, tzinfo=BERLIN)
    body = build_calendar(
        "c@test",
        "EU–US B2B: my meetings",
        [entry("a@test", start), entry("b@test", start, last_modified=modified)],
        refresh=timedelta(minutes=30),
    )
    reading = icaljs(body)
    assert reading["method"] == "PUBLISH"
    assert reading["name"] == "EU–US B2B: my meetings"
    assert reading["refresh"] == "PT30M"
    assert b"REFRESH-INTERVAL;VALUE=DURATION:PT30M" in body
    assert b"X-PUBLISHED-TTL:PT30M" in body
    stamps = {event["uid"]: event for event in reading["events"]}
    assert stamps["b@test"]["last_modified"] == "2026-04-01T08:15:00Z"
    assert stamps["a@test"]["last_modified"] == "2026-03-01T12:00:00Z"
    # DTSTAMP: when the calendar's content last changed, the same on every event
    assert {event["dtstamp"] for event in reading["events"]} == {"2026-04-01T08:15:00Z"}


def test_the_same_content_gives_the_same_bytes():
    start = datetime(2026, 4, 20, 9, 30, tzinfo=BERLIN)
    entries = [entry("b@test", start), entry("a@test", start - timedelta(hours=1))]
    assert build_calendar("c@test", "A", entries) == build_calendar("c@test", "A", entries[::-1])


def test_an_empty_calendar_is_valid(icaljs):
    body = build_calendar("c@test", "Nothing yet", [])
    assert icaljs(body)["events"] == []
    assert b"BEGIN:VCALENDAR" in body


def test_the_text_writer_writes_the_bytes_icalendar_builds() -> None:
    """Whole-event calendars are written as text; they must stay what icalendar builds."""
    zones = ["Europe/Berlin", "Asia/Taipei", "America/Mexico_City", "UTC"]
    long_text = ["Ana, CEO", "Ørsted (DK)", "", "x" * 80 + "\\", "é" * 70 + "\\N;,\r\nend\r"]
    entries = [
        entry(
            f"meeting-{index}.event@matchmaker",
            datetime(2026 + index % 2, 4, 20, 7, 0, tzinfo=UTC) + timedelta(minutes=30 * index),
            zones[index % 4],
            sequence=index % 3,
            summary=f"B2B: Org {index}, Ltd; – Ørsted Façades",
            location="T1 (Hall 2), Messe Hannover" if index % 2 else "",
            description="" if index % 5 == 0 else "\n".join(long_text),
            cancelled=index % 4 == 0,
            last_modified=CREATED + timedelta(hours=index),
            video_link=f"https://meet.example.org/{'room;,' * index}{index}" if index % 3 else None,
        )
        for index in range(12)
    ]
    entries.append(entry("x,y;z", CREATED, summary="B2B: " + "a\\b" * 40))
    pieces = ["a", "\\", "^", ",", "é", "中", "😀", " ", "\n"]
    chosen = random.Random(18)
    entries += [
        entry(f"r{n}", CREATED, description="".join(chosen.choices(pieces, k=n)))
        for n in range(60, 200)
    ]
    for chosen in (entries, entries[:1], entries[3:4], []):
        assert write_calendar("event.x@matchmaker", "Fair: all", chosen) == build_calendar(
            "event.x@matchmaker", "Fair: all", chosen
        )
    described = write_calendar("c", "A\nname", entries, description="Hall 1,\n2")
    assert described == build_calendar("c", "A\nname", entries, description="Hall 1,\n2")


def test_a_remembered_head_follows_the_calendars_name_zones_and_years() -> None:
    """The text writer remembers calendar heads (bounded) by all they depend on: a renamed
    calendar, a new zone or a later year is written anew, as icalendar builds it."""
    first = [entry("a@test", datetime(2026, 4, 20, 7, tzinfo=UTC))]
    variants = [
        ("c@test", "Agenda", first),
        ("c@test", "Agenda, renamed", first),
        ("c@test", "Agenda", [*first, entry("b@test", CREATED, "Asia/Taipei")]),
        ("c@test", "Agenda", [*first, entry("b@test", datetime(2027, 4, 20, 7, tzinfo=UTC))]),
        ("c@test", "Agenda", first),
    ]
    written = [write_calendar(uid, name, chosen) for uid, name, chosen in variants]
    assert written == [build_calendar(uid, name, chosen) for uid, name, chosen in variants]
    assert len(set(written[:4])) == 4 and written[4] == written[0]
    assert b"TZID:Asia/Taipei" in written[2] and b"2027" in written[3]
