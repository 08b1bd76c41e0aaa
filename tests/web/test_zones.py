"""Zones in words: place and offset, never an ambiguous abbreviation; zone suggestions."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from matchmaker.zones import event_zone_label, suggested_timezone, zone_label


@pytest.mark.parametrize(
    ("zone", "label"),
    [
        ("Asia/Taipei", "Taipei time, UTC+8"),
        ("America/Chicago", "Chicago time, UTC−6"),  # not "CST": Cuba and China use it too
        ("Asia/Shanghai", "Shanghai time, UTC+8"),
        ("Asia/Kolkata", "Kolkata time, UTC+5:30"),
        ("America/Argentina/Buenos_Aires", "Buenos Aires time, UTC−3"),
        ("Europe/London", "London time, UTC"),
        ("UTC", "UTC"),
    ],
)
def test_a_zone_reads_as_its_place_and_offset(zone: str, label: str) -> None:
    moment = datetime(2026, 12, 4, 9, tzinfo=UTC).astimezone(ZoneInfo(zone))
    assert zone_label(moment) == label
    assert zone == "UTC" or str(moment.tzname()) not in label


def test_the_offset_is_the_one_at_the_event() -> None:
    berlin = ZoneInfo("Europe/Berlin")
    assert event_zone_label(berlin, datetime(2026, 4, 20, 7, tzinfo=UTC)) == "Berlin time, UTC+2"
    assert event_zone_label(berlin, datetime(2026, 12, 4, 7, tzinfo=UTC)) == "Berlin time, UTC+1"


@pytest.mark.parametrize(
    ("texts", "country", "zone"),
    [
        (["Computex 2026 mission to Taipei", "Taiwan"], "TW", "Asia/Taipei"),
        (["Mission to Mexico", "Mexico"], "MX", "America/Mexico_City"),
        (["EU-US Cluster mission", "USA"], "US", "America/New_York"),
        (["Smart mobility in São Paulo", ""], None, "America/Sao_Paulo"),
        (["Korea mission", "Korea"], "KR", "Asia/Seoul"),
        (["A mission", ""], None, "Europe/Berlin"),
    ],
)
def test_a_new_event_zone_is_suggested_from_city_or_country(
    texts: list[str], country: str | None, zone: str
) -> None:
    assert suggested_timezone(texts, country) == zone
