"""What changed in a participant's agenda since the last message told them about it.

Pure: it compares the meetings as they are with the snapshot (`NotifiedMeeting` rows) that
the agenda mail or the last change notice left, so whatever changed the schedule (hand
edits, withdrawals, re-solves, several of them in a row) the notice says what the person
does not know yet, and a change undone before the notice went out says nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from matchmaker.models import Meeting, MeetingStatus
from matchmaker.models.notices import NotifiedMeeting


class ChangeKind(StrEnum):
    ADDED = "added"
    MOVED = "moved"
    CANCELLED = "cancelled"


@dataclass(frozen=True)
class MeetingState:
    """A meeting as a participant sees it: when, where, and whether it still takes place."""

    starts_at: datetime
    ends_at: datetime
    place: str
    cancelled: bool

    @classmethod
    def of_meeting(cls, meeting: Meeting) -> MeetingState:
        return cls(
            meeting.slot.starts_at,
            meeting.slot.ends_at,
            meeting.place_label,
            meeting.status == MeetingStatus.CANCELLED,
        )

    @classmethod
    def of_snapshot(cls, row: NotifiedMeeting) -> MeetingState:
        return cls(row.starts_at, row.ends_at, row.place, row.cancelled)


@dataclass(frozen=True)
class MeetingChange:
    """One change of one meeting; `before` is what the person was told (None when new)."""

    kind: ChangeKind
    meeting: Meeting
    before: MeetingState | None

    @property
    def itip_method(self) -> str:
        """How calendar clients apply it: CANCEL removes the event, REQUEST adds or moves it."""
        return "CANCEL" if self.kind == ChangeKind.CANCELLED else "REQUEST"


def _change(meeting: Meeting, told: NotifiedMeeting | None) -> MeetingChange | None:
    now = MeetingState.of_meeting(meeting)
    before = MeetingState.of_snapshot(told) if told is not None else None
    if before is None or before.cancelled:
        return None if now.cancelled else MeetingChange(ChangeKind.ADDED, meeting, before)
    if now.cancelled:
        return MeetingChange(ChangeKind.CANCELLED, meeting, before)
    if (now.starts_at, now.ends_at, now.place) != (before.starts_at, before.ends_at, before.place):
        return MeetingChange(ChangeKind.MOVED, meeting, before)
    return None


def agenda_changes(
    meetings: Iterable[Meeting], told: Mapping[int, NotifiedMeeting]
) -> list[MeetingChange]:
    """The changes among a participant's `meetings` (as their agenda shows them) compared
    with what they were `told` (by meeting id), in the order of the meetings."""
    changes = (_change(meeting, told.get(meeting.id)) for meeting in meetings)
    return [change for change in changes if change is not None]


def remember(
    participant_id: int,
    meetings: Iterable[Meeting],
    told: Mapping[int, NotifiedMeeting],
    now: datetime,
) -> list[NotifiedMeeting]:
    """The snapshot rows after telling `participant_id` about `meetings` now: the rows of
    `told` (by meeting id) brought up to date, and new rows (to add) for the others."""
    new_rows = []
    for meeting in meetings:
        row = told.get(meeting.id)
        if row is None:
            row = NotifiedMeeting(participant_id=participant_id, meeting_id=meeting.id)
            new_rows.append(row)
        state = MeetingState.of_meeting(meeting)
        row.starts_at, row.ends_at = state.starts_at, state.ends_at
        row.place, row.cancelled, row.notified_at = state.place, state.cancelled, now
    return new_rows
