"""The agenda's view model: one participant's meetings as they see them.

Each entry names the partner, the slot, a move since the participant's last visit, a
cancellation and why the two meet (the catalogue's reasons). The agenda page, the
participant's calendars and later an API read the same entries.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from itertools import groupby

from matchmaker.models import Event, Meeting, Participant, TimeSlot
from matchmaker.participants.catalogue import event_matcher, reasons_between
from matchmaker.participants.matching import Reason
from matchmaker.video import video_link


@dataclass(frozen=True)
class AgendaEntry:
    """One meeting as the participant sees it."""

    meeting: Meeting
    partner: Participant
    slot: TimeSlot
    moved_from: TimeSlot | None
    cancelled: bool
    reasons: tuple[Reason, ...]
    video_link: str | None = None


def agenda_entries(event: Event, me: Participant, meetings: Iterable[Meeting]) -> list[AgendaEntry]:
    """`me`'s meetings as they see them, with the moves since their last visit marked."""
    seen = me.agenda_seen_at or event.published_at
    matcher = event_matcher(event)
    entries: list[AgendaEntry] = []
    for meeting in meetings:
        changed = meeting.changed_at
        changed_since_seen = changed is not None and (seen is None or changed > seen)
        moved = (
            meeting.confirmed
            and changed_since_seen
            and meeting.previous_slot is not None
            and meeting.previous_slot_id != meeting.slot_id
        )
        partner = meeting.partner_of(me.id)
        entries.append(
            AgendaEntry(
                meeting=meeting,
                partner=partner,
                slot=meeting.slot,
                moved_from=meeting.previous_slot if moved else None,
                cancelled=not meeting.confirmed,
                reasons=reasons_between(me, partner, matcher),
                video_link=video_link(meeting),
            )
        )
    return entries


def agenda_days(event: Event, entries: list[AgendaEntry]) -> list[tuple[date, list[AgendaEntry]]]:
    """The entries (in time order) grouped by their day in the event's time zone."""
    return [
        (day, list(day_entries))
        for day, day_entries in groupby(
            entries, key=lambda entry: entry.slot.starts_at.astimezone(event.zone).date()
        )
    ]
