"""Requests without a meeting: who asked whom at which level, and the solver's reason in
words, with names and times instead of internal ids; filtered by level, person, reason.

Pure: works on the solver's unscheduled pairs, the event's requests and people.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from matchmaker.models import Event, Participant, PreferenceLevel, TimeSlot
from matchmaker.schedule.scheduling import Mark, Pair, UnscheduledPair, ordered_pair, reason_label

REQUEST_LEVELS = (PreferenceLevel.MUST, PreferenceLevel.WANT, PreferenceLevel.MAYBE)
# A list of ids in a solver detail: "in 12, 13", "(12, 13 and 2 more)", "(with 40, 41)".
ID_LIST = re.compile(r"(?P<lead>\(with |in |\()(?P<ids>\d+(?:, \d+)*)")
# A participant id after their name: "Ana Silva (12)".
NAMED_ID = re.compile(r" \((?P<id>\d+)\)")


@dataclass(frozen=True)
class MissedRequest:
    """One request (requester asked for `other` at `level`) that got no meeting."""

    requester: Participant
    other: Participant
    level: PreferenceLevel
    reason: str
    detail: str

    @property
    def reason_label(self) -> str:
        return reason_label(self.reason)


def readable_detail(
    detail: str,
    people: Mapping[int, Participant],
    event: Event,
    slots: Mapping[int, TimeSlot] | None = None,
) -> str:
    """The solver's detail with names for participant ids and local times for slot ids
    (`slots`: the event's by id, when the caller has them)."""

    def drop_id(match: re.Match[str]) -> str:
        person = people.get(int(match["id"]))
        named = person is not None and detail.endswith(
            f"{person.full_name} ({person.id})", 0, match.end()
        )
        return "" if named else match[0]

    detail = NAMED_ID.sub(drop_id, detail)
    slots = {slot.id: slot for slot in event.slots} if slots is None else slots

    def name_ids(match: re.Match[str]) -> str:
        ids = [int(part) for part in match["ids"].split(", ")]
        if match["lead"] == "(with ":
            if not all(i in people for i in ids):
                return match[0]
            return match["lead"] + ", ".join(people[i].full_name for i in ids)
        if not all(i in slots for i in ids):
            return match[0]
        times = (f"{slots[i].local_start(event.zone):%a %H:%M}" for i in ids)
        return match["lead"] + ", ".join(times)

    return ID_LIST.sub(name_ids, detail)


def missed_requests(
    event: Event,
    unscheduled: Iterable[UnscheduledPair],
    requests: Iterable[Mark],
    people: Mapping[int, Participant],
    meeting_now: Iterable[Pair] = (),
) -> list[MissedRequest]:
    """Every request of a pair the solver left out (and that does not meet now), most
    wanted first: a pair both asked for gives two rows, one per side."""
    left_out = {(u.a, u.b): u for u in unscheduled}
    for pair in meeting_now:
        left_out.pop(pair, None)
    rows = []
    readable: dict[str, str] = {}
    slots = {slot.id: slot for slot in event.slots}
    for request in requests:
        source, target = request.from_participant_id, request.to_participant_id
        pair = ordered_pair(source, target)
        if pair not in left_out or request.level not in REQUEST_LEVELS:
            continue
        if source not in people or target not in people:
            continue
        found = left_out[pair]
        detail = readable.get(found.detail)
        if detail is None:
            detail = readable[found.detail] = readable_detail(found.detail, people, event, slots)
        rows.append(
            MissedRequest(
                requester=people[source],
                other=people[target],
                level=request.level,
                reason=found.reason,
                detail=detail,
            )
        )
    order = {level: index for index, level in enumerate(REQUEST_LEVELS)}
    return sorted(rows, key=lambda r: (order[r.level], r.requester.last_name, r.other.last_name))


def filtered(
    rows: Sequence[MissedRequest],
    *,
    level: str | None = None,
    person_id: int | None = None,
    reason: str | None = None,
) -> list[MissedRequest]:
    """The rows of this level, involving this person, with this reason (None: any)."""
    return [
        r
        for r in rows
        if (not level or r.level.value == level)
        and (person_id is None or person_id in (r.requester.id, r.other.id))
        and (not reason or r.reason == reason)
    ]


def reasons_of(rows: Iterable[MissedRequest], participant_id: int) -> Counter[str]:
    """How many of this participant's requested pairs without a meeting each reason
    explains (a pair both asked for counts once)."""
    pairs = {
        (ordered_pair(r.requester.id, r.other.id), r.reason_label)
        for r in rows
        if participant_id in (r.requester.id, r.other.id)
    }
    return Counter(label for _, label in pairs)
