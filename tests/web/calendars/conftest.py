"""Three independent iCalendar parsers for the calendar tests: icalendar (the one we write
with), Mozilla's ical.js under node (Thunderbird's), and the `ical` package from PyPI."""

from __future__ import annotations

import json
import subprocess
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import icalendar
import pytest
from ical.calendar_stream import IcsCalendarStream

ICALJS_FOLDER = Path(__file__).parent / "icaljs"


@dataclass(frozen=True)
class ParsedEvent:
    """What every parser must agree on for one VEVENT."""

    uid: str
    sequence: int
    summary: str
    location: str
    description: str
    status: str
    start_utc: datetime
    end_utc: datetime


def _utc(moment: datetime) -> datetime:
    return moment.astimezone(UTC)


def parse_with_icaljs(body: bytes) -> dict[str, Any]:
    """ical.js's reading of `body` (raw JSON from tests/web/calendars/icaljs/parse.mjs)."""
    if not (ICALJS_FOLDER / "node_modules" / "ical.js").exists():
        pytest.fail("ical.js is not installed: run `make test` (it runs npm ci there)")
    result = subprocess.run(
        ["node", str(ICALJS_FOLDER / "parse.mjs")],
        input=body,
        capture_output=True,
        check=False,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr.decode()
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def events_from_icaljs(body: bytes) -> list[ParsedEvent]:
    return [
        ParsedEvent(
            uid=event["uid"],
            sequence=event["sequence"],
            summary=event["summary"],
            location=event["location"] or "",
            description=event["description"] or "",
            status=event["status"],
            start_utc=datetime.fromisoformat(event["start_utc"].replace("Z", "+00:00")),
            end_utc=datetime.fromisoformat(event["end_utc"].replace("Z", "+00:00")),
        )
        for event in parse_with_icaljs(body)["events"]
    ]


def events_from_ical(body: bytes) -> list[ParsedEvent]:
    calendar = IcsCalendarStream.calendar_from_ics(body.decode("utf-8"))
    return [
        ParsedEvent(
            uid=event.uid,
            sequence=event.sequence or 0,
            summary=event.summary or "",
            location=event.location or "",
            description=event.description or "",
            status=str(event.status.value if event.status else ""),
            start_utc=_utc(event.dtstart),  # type: ignore[arg-type]
            end_utc=_utc(event.dtend),  # type: ignore[arg-type]
        )
        for event in calendar.events
    ]


def events_from_icalendar(body: bytes) -> list[ParsedEvent]:
    calendar = icalendar.Calendar.from_ical(body)
    return [
        ParsedEvent(
            uid=str(event["UID"]),
            sequence=int(event.get("SEQUENCE", 0)),
            summary=str(event.get("SUMMARY", "")),
            location=str(event.get("LOCATION", "")),
            description=str(event.get("DESCRIPTION", "")),
            status=str(event.get("STATUS", "")),
            start_utc=_utc(event.decoded("DTSTART")),
            end_utc=_utc(event.decoded("DTEND")),
        )
        for event in calendar.walk("VEVENT")
    ]


def parse_everywhere(body: bytes) -> list[ParsedEvent]:
    """The events of `body`, after asserting that all three parsers read them identically."""
    from_icalendar = events_from_icalendar(body)
    assert events_from_icaljs(body) == from_icalendar
    assert events_from_ical(body) == from_icalendar
    return from_icalendar


@pytest.fixture(name="parse_everywhere")
def parse_everywhere_fixture() -> Any:
    """`parse_everywhere(body) -> list[ParsedEvent]`, checking all three parsers agree."""
    return parse_everywhere


@pytest.fixture(name="icaljs")
def icaljs_fixture() -> Any:
    """`icaljs(body) -> dict`: ical.js's raw reading (calendar properties, zones, events)."""
    return parse_with_icaljs
