"""Writes for the event day. Nothing here commits: views commit once.

Every change to the published schedule on the day goes through `record_change`, which logs
it against the meeting; that is also where notices to the people concerned hook in.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session

from matchmaker.auth.tokens import hash_token
from matchmaker.calendars.tokens import derive_token
from matchmaker.db import utcnow
from matchmaker.live import queries
from matchmaker.messages import notices
from matchmaker.models import (
    AttendanceMark,
    BoardLink,
    ChangeKind,
    CheckIn,
    Event,
    LiveChange,
    Meeting,
    Outcome,
    Participant,
    SpotRequest,
    SpotStatus,
    StaffGrant,
    StaffInvitation,
    TimeSlot,
    User,
    cancel_meeting,
    place_meeting,
)
from matchmaker.schedule.replan import replan_day
from matchmaker.schedule.scheduling import mark_changed, ordered_pair

# No 0/O, 1/I/L: codes are read aloud and typed at a desk.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 8
TOO_LATE = _l("Too late for that slot: half of it has passed.")


class LiveError(Exception):
    """A request on the day that cannot be done; the message says why."""


def new_code() -> str:
    """A fresh check-in code."""
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def ensure_check_in(session: Session, participant: Participant) -> CheckIn:
    """The participant's check-in row, created with a fresh code on first use. Flushed."""
    row = queries.check_in_of(session, participant)
    if row is None:
        row = CheckIn(participant_id=participant.id, event_id=participant.event_id, code=new_code())
        session.add(row)
        session.flush()
    return row


def ensure_codes(session: Session, event: Event) -> None:
    """Give every active participant of the event a check-in code. Flushed."""
    existing = queries.check_ins(session, event)
    for participant in event.participants:
        if participant.active and participant.id not in existing:
            session.add(CheckIn(participant_id=participant.id, event_id=event.id, code=new_code()))
    session.flush()


def check_in(session: Session, participant: Participant, user: User, now: datetime) -> bool:
    """Record the participant's arrival; False when they were checked in already.

    Someone who said they had left and comes back is present again.
    """
    row = ensure_check_in(session, participant)
    if row.arrived_at is not None and row.left_at is None:
        return False
    if row.arrived_at is None:
        row.arrived_at = now
    row.left_at = None
    row.checked_in_by_id = user.id
    return True


def record_change(
    session: Session,
    meeting: Meeting,
    kind: ChangeKind,
    *,
    participant: Participant | None,
    user: User | None,
    now: datetime,
) -> LiveChange:
    """Log a change of the published schedule on the day against its meeting.

    The one place every same-day change passes: notices to the people concerned belong here.
    """
    change = LiveChange(
        event_id=meeting.event_id,
        meeting_id=meeting.id,
        kind=kind,
        participant_id=participant.id if participant is not None else None,
        by_user_id=user.id if user is not None else None,
        at=now,
    )
    session.add(change)
    notices.schedule_changed(session, meeting.event, now)
    return change


def record_hand_edits(
    session: Session, event: Event, meetings: list[Meeting], now: datetime
) -> None:
    """Log an organiser's hand edit (add, move, swap, cancel) of these meetings as changes
    on the day, when the event is live: its published schedule is then the reference."""
    if not queries.is_live(event, now):
        return
    session.flush()  # a meeting added by hand needs its id
    for meeting in meetings:
        record_change(session, meeting, ChangeKind.EDITED, participant=None, user=None, now=now)


def mark_attendance(
    session: Session,
    meeting: Meeting,
    *,
    outcome: Outcome,
    absent: Participant | None,
    user: User,
    now: datetime,
) -> None:
    """Mark a meeting held, or one side absent; a later mark replaces an earlier one."""
    if not meeting.confirmed:
        raise LiveError(_("This meeting is cancelled."))
    if now < meeting.slot.starts_at:
        raise LiveError(_("This meeting has not begun yet."))
    if outcome == Outcome.ABSENT and (
        absent is None or absent.id not in (meeting.participant_a_id, meeting.participant_b_id)
    ):
        raise LiveError(_("Say which side of the meeting was absent."))
    mark = session.get(AttendanceMark, meeting.id) or AttendanceMark(meeting_id=meeting.id)
    mark.outcome = outcome
    mark.absent_participant_id = absent.id if outcome == Outcome.ABSENT and absent else None
    mark.marked_by_id = user.id
    mark.marked_at = now
    session.add(mark)


@dataclass(frozen=True)
class Release:
    """What releasing an absent person did."""

    released: list[Meeting]
    replacements: list[Meeting]


def release_absentee(
    session: Session,
    event: Event,
    participant: Participant,
    *,
    user: User,
    now: datetime,
    left: bool = False,
    time_limit_s: float,
) -> Release:
    """Cancel the person's meetings of the rest of the day and re-plan their partners.

    The rest of the day is its slots still open for planning (`queries.open_for_planning`);
    a meeting of a slot more than half over stays as published (a no-show, if so).
    Meetings already marked held stay. `left` records that the person said they went home.
    Partners still present get replacement meetings where the restricted re-plan finds some.
    """
    today = {slot.id for slot in queries.remaining_slots(event, now)}
    meetings = [
        m for m in queries.confirmed_meetings_from(session, participant, now) if m.slot_id in today
    ]
    marks = queries.marks_of(session, meetings)
    released = [m for m in meetings if not (m.id in marks and marks[m.id].outcome == Outcome.HELD)]
    freed: dict[int, set[int]] = {}
    for meeting in released:
        freed.setdefault(meeting.partner_of(participant.id).id, set()).add(meeting.slot_id)
        mark_changed(meeting, published=True, now=now)
        cancel_meeting(session, meeting)
        record_change(
            session, meeting, ChangeKind.RELEASED, participant=participant, user=user, now=now
        )
    if left:
        row = ensure_check_in(session, participant)
        row.left_at = now
    replacements = replan_day(session, event, freed, now, time_limit_s=time_limit_s)
    for meeting in replacements:
        record_change(
            session, meeting, ChangeKind.REPLACEMENT, participant=None, user=user, now=now
        )
    return Release(released, replacements)


def grant_staff(session: Session, event: Event, staff: User, by: User) -> bool:
    """Let an account check people in and record attendance; False if it already may."""
    if queries.is_staff(session, event, staff.id):
        return False
    session.add(StaffGrant(event_id=event.id, user_id=staff.id, granted_by_id=by.id))
    return True


def revoke_staff(session: Session, event: Event, user_id: int) -> None:
    """End an account's staff grant at the event."""
    grant = session.get(StaffGrant, (event.id, user_id))
    if grant is not None:
        session.delete(grant)


def invite_staff(
    session: Session, event: Event, email: str, by: User, secret_key: str
) -> StaffInvitation:
    """Invite an e-mail without an account to be staff; inviting again issues a new link
    (the old one stops working)."""
    invitation = queries.staff_invitation_for(session, event, email)
    if invitation is None:
        invitation = StaffInvitation(event_id=event.id, email=email, token_hash="")
        session.add(invitation)
    invitation.invited_by_id = by.id
    invitation.created_at = utcnow()
    session.flush()
    token = derive_token("staff", invitation.id, invitation.created_at, secret_key)
    invitation.token_hash = hash_token(token)
    return invitation


def accept_staff_invitation(session: Session, invitation: StaffInvitation, user: User) -> None:
    """The invited person's account becomes staff of the event; the invitation is used up."""
    grant_staff(session, invitation.event, user, user)
    session.delete(invitation)


def create_board(session: Session, event: Event, name: str, hall: str, secret_key: str) -> str:
    """A new board link; returns its token."""
    board = BoardLink(event_id=event.id, name=name, hall=hall, token_hash="")
    session.add(board)
    session.flush()
    token = derive_token("board", board.id, board.issued_at, secret_key)
    board.token_hash = hash_token(token)
    return token


def _is_free(session: Session, event: Event, people: list[int], slot: TimeSlot) -> bool:
    busy = queries.busy_slots(session, event, [slot.id])
    return all((pid, slot.id) not in busy for pid in people)


def request_spot(
    session: Session,
    event: Event,
    me: Participant,
    partner: Participant,
    slot: TimeSlot,
    now: datetime,
) -> SpotRequest:
    """Ask a checked-in match for a meeting in `slot` (the current or the next one)."""
    rows = queries.check_ins(session, event)
    if not (me.id in rows and rows[me.id].present):
        raise LiveError(_("Check in at the desk first."))
    if not (partner.id in rows and rows[partner.id].present):
        raise LiveError(_("%(name)s is not checked in.", name=partner.full_name))
    if partner.organisation_id == me.organisation_id:
        raise LiveError(_("Colleagues do not meet each other here."))
    existing = queries.pair_meeting(session, event, me.id, partner.id)
    if existing is not None and existing.confirmed:
        raise LiveError(_("You already have a meeting with %(name)s.", name=partner.full_name))
    if not queries.open_for_planning(slot, now):
        raise LiveError(str(TOO_LATE))
    if not _is_free(session, event, [me.id, partner.id], slot):
        raise LiveError(_("One of you has a meeting then."))
    request = SpotRequest(
        event_id=event.id, requester_id=me.id, partner_id=partner.id, slot_id=slot.id
    )
    session.add(request)
    session.flush()
    return request


def _free_table(session: Session, event: Event, slot: TimeSlot) -> int | None:
    taken = {m.table_id for m in queries.slot_meetings(session, event, slot)}
    return next((table.id for table in event.tables if table.id not in taken), None)


def accept_spot(
    session: Session, event: Event, request: SpotRequest, user: User, now: datetime
) -> Meeting:
    """Accept an on-the-spot request: find a table (or a booth) and confirm the meeting.

    The database still refuses a double booking that slips in (IntegrityError).
    """
    if request.status != SpotStatus.PENDING:
        raise LiveError(_("This request has already been answered."))
    slot = request.slot
    if not queries.open_for_planning(slot, now):
        raise LiveError(str(TOO_LATE))
    requester, partner = request.requester, request.partner
    if not _is_free(session, event, [requester.id, partner.id], slot):
        raise LiveError(_("One of you has a meeting then."))
    online = partner.attends_online or requester.attends_online
    booth = None if online else partner.location or requester.location
    table_id = None if booth or online else _free_table(session, event, slot)
    if booth is None and table_id is None and not online:
        raise LiveError(_("Every table is taken in that slot."))
    a_id, b_id = ordered_pair(requester.id, partner.id)
    meeting = queries.pair_meeting(session, event, a_id, b_id)
    if meeting is None:
        meeting = Meeting(event_id=event.id, participant_a_id=a_id, participant_b_id=b_id)
    else:
        mark_changed(meeting, published=True, now=now)
    meeting.changed_at = now
    place_meeting(
        session, meeting, slot_id=slot.id, table_id=table_id, location=booth if booth else None
    )
    request.status = SpotStatus.ACCEPTED
    request.answered_at = now
    request.meeting_id = meeting.id
    record_change(session, meeting, ChangeKind.SPOT, participant=requester, user=user, now=now)
    return meeting


def decline_spot(request: SpotRequest, now: datetime) -> None:
    """Say no to an on-the-spot request."""
    if request.status != SpotStatus.PENDING:
        raise LiveError(_("This request has already been answered."))
    request.status = SpotStatus.DECLINED
    request.answered_at = now
