"""Reads for the event day: slots now, check-ins, attendance, staff, boards, requests."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, selectinload
from sqlalchemy.sql.elements import ColumnElement

from matchmaker.models import (
    AttendanceMark,
    BoardLink,
    ChangeKind,
    CheckIn,
    Event,
    LiveChange,
    Meeting,
    MeetingStatus,
    Organisation,
    Outcome,
    Participant,
    Phase,
    Preference,
    PreferenceLevel,
    SpotRequest,
    SpotStatus,
    StaffGrant,
    StaffInvitation,
    TimeSlot,
)

SEARCH_LIMIT = 30


def local_day(moment: datetime, event: Event) -> date:
    """The event's local date at `moment`."""
    return moment.astimezone(event.zone).date()


def event_days(event: Event) -> set[date]:
    """The local dates on which the event has slots."""
    return {local_day(slot.starts_at, event) for slot in event.slots}


def is_live(event: Event, now: datetime) -> bool:
    """Live: published, and today (in the event's zone) is one of its days."""
    return event.phase == Phase.PUBLISHED and local_day(now, event) in event_days(event)


def todays_slots(event: Event, now: datetime) -> list[TimeSlot]:
    """The event's slots on today's local date, in order."""
    today = local_day(now, event)
    return [slot for slot in event.slots if local_day(slot.starts_at, event) == today]


def current_and_next(event: Event, now: datetime) -> tuple[TimeSlot | None, TimeSlot | None]:
    """Today's slot under way (if any) and the one after it (if any)."""
    today = todays_slots(event, now)
    current = next((s for s in today if s.starts_at <= now < s.ends_at), None)
    upcoming = next((s for s in today if s.starts_at > now), None)
    return current, upcoming


def open_for_planning(slot: TimeSlot, now: datetime) -> bool:
    """Whether meetings may still be released, re-planned or arranged in `slot` on the day:
    until half of it has passed (what is left after that is too short for a meeting)."""
    return now < slot.starts_at + (slot.ends_at - slot.starts_at) / 2


def remaining_slots(event: Event, now: datetime) -> list[TimeSlot]:
    """Today's slots still open for planning (`open_for_planning`): what a same-day
    re-plan may fill, the running slot included until half of it has passed."""
    return [slot for slot in todays_slots(event, now) if open_for_planning(slot, now)]


def is_staff(session: Session, event: Event, user_id: int) -> bool:
    """Whether this account holds a staff grant for the event."""
    grant = session.get(StaffGrant, (event.id, user_id))
    return grant is not None


def staff_of(session: Session, event: Event) -> list[StaffGrant]:
    """The event's staff grants with their accounts, by e-mail."""
    return list(
        session.scalars(
            select(StaffGrant)
            .where(StaffGrant.event_id == event.id)
            .options(selectinload(StaffGrant.user))
        ).all()
    )


def staffed_events(session: Session, user_id: int) -> list[Event]:
    """The events this account is staff of, newest first."""
    return list(
        session.scalars(
            select(Event)
            .join(StaffGrant, StaffGrant.event_id == Event.id)
            .where(StaffGrant.user_id == user_id)
            .order_by(Event.created_at.desc(), Event.name)
        ).all()
    )


def check_in_of(session: Session, participant: Participant) -> CheckIn | None:
    """The participant's check-in row (with their code), if one exists yet."""
    return session.get(CheckIn, participant.id)


def check_ins(session: Session, event: Event) -> dict[int, CheckIn]:
    """Participant id -> check-in row, for the whole event."""
    rows = session.scalars(select(CheckIn).where(CheckIn.event_id == event.id))
    return {row.participant_id: row for row in rows}


def check_in_by_code(session: Session, event: Event, code: str) -> CheckIn | None:
    """The check-in row of this code in this event (codes are stored upper case)."""
    return session.scalar(
        select(CheckIn)
        .where(CheckIn.event_id == event.id, CheckIn.code == normalise_code(code))
        .options(selectinload(CheckIn.participant).selectinload(Participant.organisation))
    )


def normalise_code(code: str) -> str:
    """A typed or scanned code as stored: upper case, without spaces or dashes."""
    return "".join(ch for ch in code.upper() if ch.isalnum())


def active_participant(session: Session, event: Event, participant_id: int) -> Participant | None:
    """An active participant of this event (None for another event's or a withdrawn one)."""
    return session.scalar(
        select(Participant).where(
            Participant.id == participant_id,
            Participant.event_id == event.id,
            Participant.withdrawn_at.is_(None),
        )
    )


def search_people(session: Session, event: Event, text: str) -> list[Participant]:
    """Active participants whose name, organisation or check-in code contains `text`."""
    pattern = f"%{text.strip().lower()}%"
    code = normalise_code(text)
    statement = (
        select(Participant)
        .join(Organisation, Organisation.id == Participant.organisation_id)
        .outerjoin(CheckIn, CheckIn.participant_id == Participant.id)
        .where(Participant.event_id == event.id, Participant.withdrawn_at.is_(None))
        .options(selectinload(Participant.organisation))
        .order_by(Participant.last_name, Participant.first_name, Participant.id)
        .limit(SEARCH_LIMIT)
    )
    if text.strip():
        full_name = func.lower(Participant.first_name + " " + Participant.last_name)
        matches: list[ColumnElement[bool]] = [
            full_name.like(pattern),
            func.lower(Organisation.name).like(pattern),
        ]
        if code:
            matches.append(CheckIn.code == code)
        statement = statement.where(or_(*matches))
    return list(session.scalars(statement))


@dataclass(frozen=True)
class CheckInCounts:
    """How many active participants of the event have arrived."""

    arrived: int
    expected: int

    @property
    def rate(self) -> float:
        return self.arrived / self.expected if self.expected else 0.0


def check_in_counts(session: Session, event: Event) -> CheckInCounts:
    """Arrived and expected (active) participants."""
    expected = session.scalar(
        select(func.count())
        .select_from(Participant)
        .where(Participant.event_id == event.id, Participant.withdrawn_at.is_(None))
    )
    arrived = session.scalar(
        select(func.count())
        .select_from(CheckIn)
        .join(Participant, Participant.id == CheckIn.participant_id)
        .where(
            CheckIn.event_id == event.id,
            CheckIn.arrived_at.is_not(None),
            Participant.withdrawn_at.is_(None),
        )
    )
    return CheckInCounts(arrived or 0, expected or 0)


def _loaded_meetings() -> Iterable[object]:
    return (
        selectinload(Meeting.slot),
        selectinload(Meeting.table),
        selectinload(Meeting.participant_a).selectinload(Participant.organisation),
        selectinload(Meeting.participant_b).selectinload(Participant.organisation),
    )


def slot_meetings(session: Session, event: Event, slot: TimeSlot) -> list[Meeting]:
    """The confirmed meetings of one slot, by table then booth."""
    meetings = session.scalars(
        select(Meeting)
        .where(
            Meeting.event_id == event.id,
            Meeting.slot_id == slot.id,
            Meeting.status == MeetingStatus.CONFIRMED,
        )
        .options(*_loaded_meetings())  # type: ignore[arg-type]
    )
    return sorted(
        meetings,
        key=lambda m: (m.table is None, m.table.position if m.table else 0, m.location or ""),
    )


def confirmed_meetings_from(
    session: Session, participant: Participant, since: datetime
) -> list[Meeting]:
    """The participant's confirmed meetings whose slot ends after `since`, in time order."""
    meetings = session.scalars(
        select(Meeting)
        .join(TimeSlot, TimeSlot.id == Meeting.slot_id)
        .where(
            Meeting.event_id == participant.event_id,
            Meeting.status == MeetingStatus.CONFIRMED,
            or_(
                Meeting.participant_a_id == participant.id,
                Meeting.participant_b_id == participant.id,
            ),
            TimeSlot.ends_at > since,
        )
        .order_by(TimeSlot.starts_at)
        .options(*_loaded_meetings())  # type: ignore[arg-type]
    )
    return list(meetings)


def event_meeting(session: Session, event: Event, meeting_id: int) -> Meeting | None:
    """A meeting of this event (None for another event's)."""
    return session.scalar(
        select(Meeting)
        .where(Meeting.id == meeting_id, Meeting.event_id == event.id)
        .options(*_loaded_meetings())  # type: ignore[arg-type]
    )


def begun_meetings(session: Session, event: Event, now: datetime) -> list[Meeting]:
    """The event's confirmed meetings whose slot began by `now`, with people and slot
    (none before the event, so the statistics page reads no meeting then)."""
    return list(
        session.scalars(
            select(Meeting)
            .join(TimeSlot, TimeSlot.id == Meeting.slot_id)
            .where(
                Meeting.event_id == event.id,
                Meeting.status == MeetingStatus.CONFIRMED,
                TimeSlot.starts_at <= now,
            )
            .options(
                selectinload(Meeting.participant_a).selectinload(Participant.organisation),
                selectinload(Meeting.participant_b).selectinload(Participant.organisation),
                selectinload(Meeting.slot),
                selectinload(Meeting.table),
            )
            .order_by(Meeting.id)
        )
    )


def marks_of(session: Session, meetings: Sequence[Meeting]) -> dict[int, AttendanceMark]:
    """Meeting id -> its attendance mark, for the given meetings."""
    ids = [m.id for m in meetings]
    if not ids:
        return {}
    rows = session.scalars(select(AttendanceMark).where(AttendanceMark.meeting_id.in_(ids)))
    return {row.meeting_id: row for row in rows}


def event_marks(session: Session, event: Event) -> list[AttendanceMark]:
    """Every attendance mark of the event's meetings."""
    return list(
        session.scalars(
            select(AttendanceMark)
            .join(Meeting, Meeting.id == AttendanceMark.meeting_id)
            .where(Meeting.event_id == event.id)
        )
    )


def busy_slots(session: Session, event: Event, slot_ids: Sequence[int]) -> set[tuple[int, int]]:
    """(participant id, slot id) of everyone with a confirmed meeting in these slots."""
    if not slot_ids:
        return set()
    rows = session.execute(
        select(Meeting.participant_a_id, Meeting.participant_b_id, Meeting.slot_id).where(
            Meeting.event_id == event.id,
            Meeting.status == MeetingStatus.CONFIRMED,
            Meeting.slot_id.in_(slot_ids),
        )
    )
    busy = set()
    for a, b, slot_id in rows:
        busy.add((a, slot_id))
        busy.add((b, slot_id))
    return busy


def wished(session: Session, participant: Participant) -> dict[int, PreferenceLevel]:
    """Whom the participant marked must, want or maybe: target id -> level."""
    rows = session.scalars(
        select(Preference).where(
            Preference.from_participant_id == participant.id,
            Preference.level != PreferenceLevel.NOT,
        )
    )
    return {row.to_participant_id: row.level for row in rows}


def wished_by(session: Session, participant: Participant) -> set[int]:
    """Who marked the participant must, want or maybe."""
    return set(
        session.scalars(
            select(Preference.from_participant_id).where(
                Preference.to_participant_id == participant.id,
                Preference.level != PreferenceLevel.NOT,
            )
        )
    )


def refused_by_either(session: Session, participant: Participant) -> set[int]:
    """Those the participant marked "not", and those who marked the participant "not"."""
    rows = session.execute(
        select(Preference.from_participant_id, Preference.to_participant_id).where(
            Preference.level == PreferenceLevel.NOT,
            or_(
                Preference.from_participant_id == participant.id,
                Preference.to_participant_id == participant.id,
            ),
        )
    )
    return {b if a == participant.id else a for a, b in rows}


def pair_meeting(session: Session, event: Event, a_id: int, b_id: int) -> Meeting | None:
    """The meeting row of this pairing, whatever its state."""
    low, high = sorted((a_id, b_id))
    return session.scalar(
        select(Meeting).where(
            Meeting.event_id == event.id,
            Meeting.participant_a_id == low,
            Meeting.participant_b_id == high,
        )
    )


def spot_request(session: Session, event: Event, request_id: int) -> SpotRequest | None:
    """An on-the-spot request of this event."""
    return session.scalar(
        select(SpotRequest).where(SpotRequest.id == request_id, SpotRequest.event_id == event.id)
    )


def pending_requests_for(session: Session, participant: Participant) -> list[SpotRequest]:
    """Requests waiting for the participant's answer, newest first."""
    return list(
        session.scalars(
            select(SpotRequest)
            .where(
                SpotRequest.partner_id == participant.id,
                SpotRequest.status == SpotStatus.PENDING,
            )
            .options(
                selectinload(SpotRequest.requester).selectinload(Participant.organisation),
                selectinload(SpotRequest.slot),
            )
            .order_by(SpotRequest.created_at.desc())
        )
    )


def requests_by(session: Session, participant: Participant) -> list[SpotRequest]:
    """The participant's own requests, newest first."""
    return list(
        session.scalars(
            select(SpotRequest)
            .where(SpotRequest.requester_id == participant.id)
            .options(
                selectinload(SpotRequest.partner).selectinload(Participant.organisation),
                selectinload(SpotRequest.slot),
            )
            .order_by(SpotRequest.created_at.desc())
        )
    )


def board_links(session: Session, event: Event) -> list[BoardLink]:
    """The event's board links, oldest first."""
    return list(
        session.scalars(
            select(BoardLink).where(BoardLink.event_id == event.id).order_by(BoardLink.id)
        )
    )


def board_by_hash(session: Session, token_hash: str) -> BoardLink | None:
    """The board link whose token has this hash."""
    return session.scalar(select(BoardLink).where(BoardLink.token_hash == token_hash))


def board_link(session: Session, event: Event, board_id: int) -> BoardLink | None:
    """A board link of this event."""
    return session.scalar(
        select(BoardLink).where(BoardLink.id == board_id, BoardLink.event_id == event.id)
    )


def changes(session: Session, event: Event) -> list[LiveChange]:
    """The day's changes to the published schedule, in order."""
    return list(
        session.scalars(
            select(LiveChange).where(LiveChange.event_id == event.id).order_by(LiveChange.id)
        )
    )


def change_counts(session: Session, event: Event) -> dict[ChangeKind, int]:
    """How many changes of each kind the event's days saw."""
    rows = session.execute(
        select(LiveChange.kind, func.count())
        .where(LiveChange.event_id == event.id)
        .group_by(LiveChange.kind)
    )
    counts = dict.fromkeys(ChangeKind, 0)
    for kind, count in rows:
        counts[ChangeKind(kind)] = count
    return counts


def no_show_deadline(event: Event, slot: TimeSlot) -> datetime:
    """The moment after which someone not checked in has missed a meeting of this slot."""
    return slot.starts_at + timedelta(minutes=event.no_show_minutes)


def held_count(marks: Iterable[AttendanceMark]) -> int:
    """How many of these marks say the meeting was held."""
    return sum(1 for mark in marks if mark.outcome == Outcome.HELD)


def participants_by_ids(session: Session, event: Event, ids: Iterable[int]) -> list[Participant]:
    """Active participants of the event with these ids, by name."""
    return list(
        session.scalars(
            select(Participant)
            .where(
                Participant.event_id == event.id,
                Participant.id.in_(list(ids)),
                Participant.withdrawn_at.is_(None),
            )
            .options(selectinload(Participant.organisation))
            .order_by(Participant.last_name, Participant.first_name, Participant.id)
        )
    )


def met_or_meeting(session: Session, participant: Participant) -> set[int]:
    """Everyone the participant has a confirmed meeting with."""
    rows = session.execute(
        select(Meeting.participant_a_id, Meeting.participant_b_id).where(
            Meeting.status == MeetingStatus.CONFIRMED,
            or_(
                Meeting.participant_a_id == participant.id,
                Meeting.participant_b_id == participant.id,
            ),
        )
    )
    return {b if a == participant.id else a for a, b in rows}


def staff_invitation_for(session: Session, event: Event, email: str) -> StaffInvitation | None:
    """The event's staff invitation of this e-mail."""
    return session.scalar(
        select(StaffInvitation).where(
            StaffInvitation.event_id == event.id, StaffInvitation.email == email
        )
    )


def staff_invitations(session: Session, event: Event) -> list[StaffInvitation]:
    """The event's open staff invitations, oldest first."""
    return list(
        session.scalars(
            select(StaffInvitation)
            .where(StaffInvitation.event_id == event.id)
            .order_by(StaffInvitation.id)
        )
    )


def staff_invitation_by_hash(session: Session, token_hash: str) -> StaffInvitation | None:
    """The staff invitation whose token has this hash."""
    return session.scalar(select(StaffInvitation).where(StaffInvitation.token_hash == token_hash))


def latest_changes(session: Session, meetings: Sequence[Meeting]) -> dict[int, LiveChange]:
    """Meeting id -> the last change the event day made to it, for the given meetings."""
    ids = [m.id for m in meetings]
    if not ids:
        return {}
    rows = session.scalars(
        select(LiveChange).where(LiveChange.meeting_id.in_(ids)).order_by(LiveChange.id)
    )
    return {row.meeting_id: row for row in rows}
