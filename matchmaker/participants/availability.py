"""The availability grid shared by a participant's own page and their delegation lead's:
the event's blocks by day, and a submitted grid turned into the free slots."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from itertools import groupby

from matchmaker.models import Block

BLOCK_ACTIONS = ("free", "busy")


@dataclass(frozen=True)
class DayBlocks:
    """The B2B blocks of one day, for the availability grid."""

    day: date
    blocks: list[Block]


def days_of(blocks: Sequence[Block]) -> list[DayBlocks]:
    """The blocks (in day order) grouped by day."""
    return [
        DayBlocks(day, list(day_blocks)) for day, day_blocks in groupby(blocks, lambda b: b.day)
    ]


def chosen_free_slots(blocks: Sequence[Block], ticked: list[str], block_action: str) -> set[int]:
    """The slot ids left free: the ticked boxes, then "<block id>:free" or "<block id>:busy"
    (a whole block's button) applied on top."""
    available = {int(value) for value in ticked if value.isdigit()}
    block_id, _separator, verb = block_action.partition(":")
    for block in blocks:
        if str(block.id) == block_id and verb in BLOCK_ACTIONS:
            block_slots = {slot.id for slot in block.slots}
            if verb == "free":
                available |= block_slots
            else:
                available -= block_slots
    return available
