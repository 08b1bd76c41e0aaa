"""Slot generation from B2B blocks: pure time arithmetic across time zones and DST."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from matchmaker.organiser.slots import generate_slots

BERLIN = ZoneInfo("Europe/Berlin")
TAIPEI = ZoneInfo("Asia/Taipei")


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


def test_slots_follow_each_other_with_breaks_and_fit_in_the_block() -> None:
    slots = generate_slots(date(2026, 4, 20), time(9), time(10, 40), 20, 5, BERLIN)

    assert slots == [
        (utc(2026, 4, 20, 7, 0), utc(2026, 4, 20, 7, 20)),
        (utc(2026, 4, 20, 7, 25), utc(2026, 4, 20, 7, 45)),
        (utc(2026, 4, 20, 7, 50), utc(2026, 4, 20, 8, 10)),
        (utc(2026, 4, 20, 8, 15), utc(2026, 4, 20, 8, 35)),
    ]


def test_taipei_has_a_fixed_offset_of_eight_hours() -> None:
    slots = generate_slots(date(2026, 6, 2), time(14), time(15), 30, 0, TAIPEI)

    assert slots == [
        (utc(2026, 6, 2, 6, 0), utc(2026, 6, 2, 6, 30)),
        (utc(2026, 6, 2, 6, 30), utc(2026, 6, 2, 7, 0)),
    ]


def test_the_day_after_the_spring_switch_starts_an_hour_earlier_in_utc() -> None:
    before = generate_slots(date(2026, 3, 28), time(9), time(10), 30, 0, BERLIN)
    after = generate_slots(date(2026, 3, 30), time(9), time(10), 30, 0, BERLIN)

    assert before[0][0] == utc(2026, 3, 28, 8, 0)
    assert after[0][0] == utc(2026, 3, 30, 7, 0)


def test_a_block_across_the_spring_switch_holds_only_its_real_hours() -> None:
    # 01:00 CET to 04:00 CEST on 29 March 2026 lasts two real hours.
    slots = generate_slots(date(2026, 3, 29), time(1), time(4), 30, 0, BERLIN)

    assert len(slots) == 4
    assert all(end - start == timedelta(minutes=30) for start, end in slots)
    local_starts = [start.astimezone(BERLIN).strftime("%H:%M") for start, _ in slots]
    assert local_starts == ["01:00", "01:30", "03:00", "03:30"]


def test_a_block_across_the_autumn_switch_holds_the_repeated_hour() -> None:
    # 01:30 to 03:30 on 25 October 2026 lasts three real hours (02:00-03:00 happens twice).
    slots = generate_slots(date(2026, 10, 25), time(1, 30), time(3, 30), 60, 0, BERLIN)

    assert [start for start, _ in slots] == [
        utc(2026, 10, 24, 23, 30),
        utc(2026, 10, 25, 0, 30),
        utc(2026, 10, 25, 1, 30),
    ]


def test_a_slot_longer_than_the_block_gives_none() -> None:
    assert generate_slots(date(2026, 4, 20), time(9), time(9, 20), 30, 0, BERLIN) == []


@pytest.mark.parametrize(
    ("start", "end", "slot_minutes", "break_minutes"),
    [
        (time(11), time(9), 30, 0),
        (time(9), time(9), 30, 0),
        (time(9), time(11), 0, 0),
        (time(9), time(11), 30, -5),
    ],
)
def test_impossible_blocks_are_refused(
    start: time, end: time, slot_minutes: int, break_minutes: int
) -> None:
    with pytest.raises(ValueError):
        generate_slots(date(2026, 4, 20), start, end, slot_minutes, break_minutes, BERLIN)
