"""The agenda mail at publication and the change notices after it.

At publication every active participant gets their agenda (text, HTML, the `.ics` of their
feed attached, METHOD:PUBLISH) and the link of their live feed; the meetings it lists are
remembered per person (`NotifiedMeeting`).

After publication each operation that changes meetings (re-solve applied, hand edit,
withdrawal) calls `schedule_changed`, which only records that the event owes notices
(`PendingChangeNotice`, in the cause's transaction). `CHANGE_NOTICE_DELAY_S` after the
first of these changes, `send_due_change_notices` compares each person's meetings
with what they were told and writes one notice per person whose meetings changed, listing
the changes, with an iTIP part per meeting (REQUEST with the meeting's higher SEQUENCE for
new and moved meetings, CANCEL for dropped ones) that calendar clients apply to the event
of the same UID. So quick successive edits make one notice per person, and an edit undone
before the notice went out makes none.

The schedule operations import this module, and the outbox imports them in turn (through
the job queue that delivers), so the functions that write messages import the outbox when
they run.
"""

from __future__ import annotations

import dataclasses
from datetime import datetime, timedelta
from email.utils import parseaddr
from typing import TYPE_CHECKING

from flask import current_app
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from sqlalchemy import delete
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from matchmaker.calendars.calendars import participant_ics
from matchmaker.calendars.queries import event_meetings, event_participants
from matchmaker.calendars.tokens import feed_token, issue_feed_token
from matchmaker.i18n import lazy_name
from matchmaker.ical import Scheduling
from matchmaker.live.qr import qr_png
from matchmaker.messages import notice_queries as queries
from matchmaker.messages.agenda_lines import ChangeLine, agenda_days
from matchmaker.messages.changes import MeetingChange, agenda_changes, remember
from matchmaker.messages.compose import content_id
from matchmaker.messages.kinds import AGENDA, SCHEDULE_CHANGE
from matchmaker.messages.linking import link_context
from matchmaker.messages.occasions import claim_occasion
from matchmaker.messages.recipients import Recipient
from matchmaker.models import Event, Meeting, Participant
from matchmaker.models.notices import NotifiedMeeting, PendingChangeNotice

if TYPE_CHECKING:
    from matchmaker.messages.outbox import Attachment

CHECK_IN_QR = "check-in-code.png"


def schedule_published(session: Session, event: Event, now: datetime) -> None:
    """The schedule was published: the agenda mail to every active participant who has not
    had one, and change notices for those who had (a schedule published again)."""
    from matchmaker.live.operations import ensure_codes

    meetings = queries.meetings_by_participant(event_meetings(session, event))
    told = queries.notified_meetings(session, event)
    told_before = False
    ensure_codes(session, event)  # one query for all codes, not one per agenda
    with link_context(current_app._get_current_object()):  # type: ignore[attr-defined]
        for participant in event_participants(session, event):
            if claim_occasion(session, participant, AGENDA.name):
                mine = meetings.get(participant.id, [])
                send_agenda(session, event, participant, mine, told.get(participant.id, {}), now)
            else:
                told_before = True
    if told_before:
        schedule_changed(session, event, now)


def schedule_changed(session: Session, event: Event, now: datetime) -> None:
    """The event's meetings changed at `now`: once the schedule is published, its
    participants are owed change notices (see `send_due_change_notices`)."""
    if event.published_at is None:
        return
    try:
        with session.begin_nested():
            session.add(PendingChangeNotice(event_id=event.id, changed_at=now))
            session.flush()
    except IntegrityError:
        pass  # notices are owed already; they will cover this change too


def send_agenda(
    session: Session,
    event: Event,
    participant: Participant,
    meetings: list[Meeting],
    told: dict[int, NotifiedMeeting],
    now: datetime,
) -> None:
    """The participant's agenda mail: their `meetings` (as their agenda shows them), the
    QR code of their check-in code, the `.ics` of their feed and the feed's link; `told` is
    what they were told before."""
    from matchmaker.live.operations import ensure_check_in
    from matchmaker.messages import outbox

    secret_key = str(current_app.config["SECRET_KEY"])
    if feed_token(participant, secret_key) is None:
        issue_feed_token(participant, secret_key)
    code = ensure_check_in(session, participant).code
    outbox.enqueue(
        session,
        AGENDA,
        Recipient.of_participant(participant),
        _l("Your agenda for %(event)s", event=lazy_name(event)),
        lambda: {
            "participant": participant,
            "days": agenda_days(event, participant, meetings),
            "count": len(meetings),
            "check_in_code": code,
            "check_in_qr_cid": content_id(CHECK_IN_QR),
        },
        event=event,
        attachments=lambda: [
            outbox.inline_image(qr_png(code), CHECK_IN_QR),
            outbox.calendar_file(participant_ics(participant, meetings), "agenda.ics"),
        ],
    )
    session.add_all(remember(participant.id, meetings, told, now))


def send_due_change_notices(session: Session, now: datetime) -> int:
    """Write the change notices due at `now`, `CHANGE_NOTICE_DELAY_S` after an event's first
    change; returns how many. Each event's notices are written by one worker: the one
    whose DELETE of the pending row removed it."""
    cutoff = now - timedelta(seconds=float(current_app.config["CHANGE_NOTICE_DELAY_S"]))
    written = 0
    for event_id in queries.changed_before(session, cutoff):
        taken = session.execute(
            delete(PendingChangeNotice).where(
                PendingChangeNotice.event_id == event_id, PendingChangeNotice.changed_at <= cutoff
            )
        )
        if not taken.rowcount:  # type: ignore[attr-defined]
            continue
        event = session.get_one(Event, event_id)
        if event.phase in queries.VISIBLE_PHASES:
            written += notify_changes(session, event, now)
    return written


def notify_changes(session: Session, event: Event, now: datetime) -> int:
    """A notice to each active participant whose meetings changed since they were told;
    the agenda mail instead to one who joined after publication. Returns how many."""
    meetings = queries.meetings_by_participant(event_meetings(session, event))
    told = queries.notified_meetings(session, event)
    had_agenda = queries.occasion_holders(session, event, AGENDA.name)
    written = 0
    for participant in event_participants(session, event):
        mine, told_them = meetings.get(participant.id, []), told.get(participant.id, {})
        if participant.id not in had_agenda:
            if mine and claim_occasion(session, participant, AGENDA.name):
                send_agenda(session, event, participant, mine, told_them, now)
                written += 1
            continue
        changes = agenda_changes(mine, told_them)
        if changes:
            send_change_notice(session, event, participant, changes, told_them, now)
            written += 1
    return written


def send_change_notice(
    session: Session,
    event: Event,
    participant: Participant,
    changes: list[MeetingChange],
    told: dict[int, NotifiedMeeting],
    now: datetime,
) -> None:
    """One notice listing `changes`, with their iTIP parts; remembers what it told
    (`told`: what the participant was told before)."""
    from matchmaker.messages import outbox

    def subject() -> str:
        if len(changes) == 1:
            line = ChangeLine.of(event, participant, changes[0])
            return str(
                _(
                    "%(change)s: %(organisation)s, %(event)s",
                    change=line.title,
                    organisation=line.line.partner.organisation.name,
                    event=lazy_name(event),
                )
            )
        return str(
            ngettext(
                "%(num)d change to your meetings at %(event)s",
                "%(num)d changes to your meetings at %(event)s",
                len(changes),
                event=lazy_name(event),
            )
        )

    outbox.enqueue(
        session,
        SCHEDULE_CHANGE,
        Recipient.of_participant(participant),
        subject,
        lambda: {
            "participant": participant,
            "changes": [ChangeLine.of(event, participant, change) for change in changes],
        },
        event=event,
        attachments=lambda: _itip_parts(event, participant, changes),
    )
    session.add_all(remember(participant.id, [change.meeting for change in changes], told, now))


def _itip_parts(
    event: Event, participant: Participant, changes: list[MeetingChange]
) -> list[Attachment]:
    """One iTIP calendar per changed meeting. A single one goes beside the bodies, where
    mail clients show it as an invitation update; several are attached one by one."""
    from matchmaker.messages import outbox

    _name, sender = parseaddr(str(current_app.config["MAIL_DEFAULT_SENDER"]))
    parts = []
    for number, change in enumerate(changes, start=1):
        method = change.itip_method
        scheduling = Scheduling(
            method, sender, event.display_name, participant.email, participant.full_name
        )
        ics = participant_ics(participant, [change.meeting], scheduling)
        part = outbox.calendar_part(ics, method, f"meeting-{number}-{change.kind.value}.ics")
        parts.append(part if len(changes) == 1 else dataclasses.replace(part, inline=False))
    return parts
