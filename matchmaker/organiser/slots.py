"""Meeting slots from a B2B block: pure time arithmetic, no database.

A block is given in the event's wall-clock time; slots are laid out in real (UTC) time from
the block's start, so every slot lasts exactly `slot_minutes` even on a daylight-saving
switch day. A wall-clock time that does not exist (skipped by a spring-forward switch) is
read with the offset in force before the switch, as PEP 495 prescribes for `fold=0`; a time
that occurs twice (autumn) means its first occurrence.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo


def local_to_utc(day: date, moment: time, zone: ZoneInfo) -> datetime:
    """The aware UTC instant of wall-clock `moment` on `day` in `zone`."""
    return datetime.combine(day, moment, zone).astimezone(UTC)


def generate_slots(
    day: date,
    start: time,
    end: time,
    slot_minutes: int,
    break_minutes: int,
    zone: ZoneInfo,
) -> list[tuple[datetime, datetime]]:
    """The (start, end) UTC pairs of the slots fitting in the block `start`-`end` of `day`.

    Slots follow each other with `break_minutes` between them; a slot that would end after
    the block's end is left out. Raises ValueError for a non-positive slot length, a
    negative break or a block that does not end after it starts.
    """
    if slot_minutes <= 0:
        raise ValueError("the slot length must be positive")
    if break_minutes < 0:
        raise ValueError("the break between slots cannot be negative")
    if end <= start:
        raise ValueError("a block must end after it starts")
    block_start = local_to_utc(day, start, zone)
    block_end = local_to_utc(day, end, zone)
    length = timedelta(minutes=slot_minutes)
    step = length + timedelta(minutes=break_minutes)
    slots: list[tuple[datetime, datetime]] = []
    moment = block_start
    while moment + length <= block_end:
        slots.append((moment, moment + length))
        moment += step
    return slots
