"""Writes for the schedule area: runs and their progress, applying, publishing, hand edits.

Nothing here commits: views commit once, the solve job commits each short step. Hand edits
go through `place_meeting`/`cancel_meeting`, so the database refuses double bookings with an
IntegrityError that the caller rolls back.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from flask_babel import gettext as _
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from matchmaker.live.operations import record_hand_edits
from matchmaker.messages import notices
from matchmaker.models import (
    Event,
    Meeting,
    MeetingStatus,
    Participant,
    Phase,
    RunStatus,
    ScheduleRun,
    User,
    cancel_meeting,
    place_meeting,
    release_seats,
)
from matchmaker.schedule import queries
from matchmaker.schedule.refusals import Names, refusal
from matchmaker.schedule.scheduling import (
    Progress,
    ProposedMeeting,
    RuleBreak,
    ScheduleDiff,
    apply_proposal,
    edit_breaks,
    mark_changed,
    ordered_pair,
    swapped_place,
)

STALE_RUN_ERROR = "worker stopped responding"
PROGRESS_BEFORE_END = 0.99


class ScheduleError(Exception):
    """An organiser's request that cannot be done; the message says why."""


def create_run(
    session: Session,
    event: Event,
    user: User | None,
    *,
    time_limit_s: float,
    minimal_change: bool,
) -> tuple[ScheduleRun, bool]:
    """Queue a solve of the event, or return its active run: (run, whether it is new).

    The partial unique index on active runs decides, so two clicks (or two web workers)
    at once still give one run.
    """
    run = ScheduleRun(
        event_id=event.id,
        requested_by_id=user.id if user is not None else None,
        time_limit_s=time_limit_s,
        minimal_change=minimal_change,
        status=RunStatus.QUEUED,
    )
    try:
        with session.begin_nested():
            session.add(run)
            session.flush()
    except IntegrityError:
        existing = queries.active_run(session, event)
        if existing is None:
            raise
        return existing, False
    return run, True


def start_running(run: ScheduleRun, now: datetime) -> None:
    """A worker took the run."""
    run.status = RunStatus.RUNNING
    run.started_at = now
    run.heartbeat_at = now
    run.phase = "preparing"


def record_progress(
    session: Session, run_id: int, report: Progress | None, time_limit_s: float, now: datetime
) -> bool:
    """Store a progress report and the heartbeat; True when the solve should stop."""
    run = session.get_one(ScheduleRun, run_id)
    if run.status != RunStatus.RUNNING:
        return True
    run.heartbeat_at = now
    if report is not None:
        run.phase = report.phase
        run.best_weight = report.best_weight
        run.bound = report.bound
        run.elapsed_s = report.elapsed_s
        run.progress = min(PROGRESS_BEFORE_END, report.elapsed_s / max(time_limit_s, 0.001))
        if report.goals:
            run.goals = [
                {"name": g.name, "value": g.value, "bound": g.bound, "maximise": g.maximise}
                for g in report.goals
            ]
    return run.cancel_requested


def finish_run(
    run: ScheduleRun,
    result: dict[str, object],
    elapsed_s: float,
    *,
    cancelled: bool,
    now: datetime,
    minimums: Mapping[int, int] | None = None,
) -> None:
    """Store a finished solve; a run already ended (stale, cancelled) is left as it is.
    `minimums` are everyone's capped guaranteed minimums in the problem the run solved."""
    if run.status != RunStatus.RUNNING:
        return
    if minimums is not None:
        run.minimums = {str(pid): least for pid, least in minimums.items()}
    solver_info = result["solver"]
    stats = result["stats"]
    assert isinstance(solver_info, dict) and isinstance(stats, dict)
    run.result = result
    run.stats = stats
    stop = solver_info.get("stop")
    run.goals = final_goals(run.goals or [], stats, proven=stop == "proven")
    run.stop_reason = str(stop) if stop is not None else None
    run.solver_status = str(solver_info["status"])
    run.best_weight = int(stats["weight"])
    run.bound = int(stats["bound"])
    run.elapsed_s = round(elapsed_s, 2)
    run.timings = {"wall_s": solver_info.get("wall_s", elapsed_s)}
    run.log = str(solver_info.get("message", ""))
    run.progress = 1.0
    run.phase = "done"
    run.finished_at = now
    run.heartbeat_at = now
    if run.solver_status == "infeasible":
        run.status = RunStatus.FAILED
        conflicts = solver_info.get("conflicts") or []
        assert isinstance(conflicts, list)
        run.error = "; ".join([run.log, *map(str, conflicts)])
    else:
        run.status = RunStatus.CANCELLED if cancelled else RunStatus.SUCCEEDED


# The stats of a finished schedule that give each goal's final value.
GOAL_STATS = {
    "below_minimum": "below_minimum_participants",
    "weight": "weight",
    "holes": "holes",
    "moved": "moved_from_previous",
}


def final_goals(
    reported: list[dict[str, Any]], stats: dict[str, Any], *, proven: bool
) -> list[dict[str, Any]]:
    """The goals with the finished schedule's values (progress reports may lag behind);
    without any report, the values alone (bounds unknown, except weight's). A proven
    schedule's values are its bounds; otherwise weight's bound is the schedule's own."""
    if not reported:
        reported = [
            {"name": "below_minimum", "bound": None, "maximise": False},
            {"name": "weight", "bound": stats.get("bound"), "maximise": True},
            {"name": "holes", "bound": 0, "maximise": False},
        ]
    final = []
    for goal in reported:
        if goal["name"] not in GOAL_STATS:
            continue
        value = stats.get(GOAL_STATS[goal["name"]], goal.get("value"))
        bound = goal.get("bound")
        if proven:
            bound = value
        elif goal["name"] == "weight" and stats.get("bound") is not None:
            bound = stats["bound"] if bound is None else min(bound, stats["bound"])
        final.append({**goal, "value": value, "bound": bound})
    return final


def fail_run(run: ScheduleRun, details: str, now: datetime) -> None:
    """End the run as failed with the error (last line) and the whole traceback (log)."""
    lines = details.strip().splitlines()
    run.status = RunStatus.FAILED
    run.error = lines[-1] if lines else "unknown error"
    run.log = details
    run.finished_at = now


def expire_if_stale(run: ScheduleRun, timeout_s: float, now: datetime) -> bool:
    """Mark a running run failed when its heartbeat is older than the timeout."""
    if run.status != RunStatus.RUNNING:
        return False
    last_sign = run.heartbeat_at or run.started_at or run.created_at
    if now - last_sign <= timedelta(seconds=timeout_s):
        return False
    run.status = RunStatus.FAILED
    run.error = STALE_RUN_ERROR
    run.finished_at = now
    return True


def request_cancel(run: ScheduleRun, now: datetime) -> None:
    """Cancel a queued run at once; ask a running one to stop (its worker ends it)."""
    if run.status == RunStatus.QUEUED:
        run.status = RunStatus.CANCELLED
        run.finished_at = now
    elif run.status == RunStatus.RUNNING:
        run.cancel_requested = True
    else:
        raise ScheduleError(_("This run has already finished."))


def apply_run(session: Session, event: Event, run: ScheduleRun, now: datetime) -> ScheduleDiff:
    """Make the run's proposed schedule the event's schedule."""
    if run.status != RunStatus.SUCCEEDED or run.result is None:
        raise ScheduleError(_("Only a finished, successful run can be applied."))
    if run.applied_at is not None:
        raise ScheduleError(_("This run has already been applied."))
    diff = apply_proposal(
        session,
        event,
        queries.event_meetings(session, event),
        queries.run_proposal(session, event, run),
        now=now,
    )
    run.applied_at = now
    if event.phase not in (Phase.SCHEDULED, Phase.PUBLISHED):
        event.phase = Phase.SCHEDULED
    notices.schedule_changed(session, event, now)
    return diff


def publish(session: Session, event: Event, now: datetime) -> None:
    """Make the agendas visible to participants."""
    if not queries.confirmed_meetings(session, event):
        raise ScheduleError(_("There is no schedule to publish yet: solve and apply first."))
    event.phase = Phase.PUBLISHED
    if event.published_at is None:
        event.published_at = now
    notices.schedule_published(session, event, now)


def _changed(meeting: Meeting, event: Event, now: datetime) -> None:
    mark_changed(meeting, published=event.published_at is not None, now=now)


def place_of(
    event: Event, a: Participant, b: Participant, place: str
) -> tuple[int | None, str | None]:
    """(table id, location) for a place choice: "booth" (either side's, if any) or a table
    id of the event; whether the place suits the pair is the rulebook's to say. A meeting
    with an online side has no place, whatever the choice."""
    if a.attends_online or b.attends_online:
        return None, None
    if place == "booth":
        return None, a.location or b.location
    table = next((t for t in event.tables if str(t.id) == place), None)
    if table is None:
        raise ScheduleError(_("Choose one of the event's tables."))
    return table.id, None


def check_slot(event: Event, slot_id: int) -> None:
    """Refuse a slot of another event."""
    if all(slot.id != slot_id for slot in event.slots):
        raise ScheduleError(_("Choose one of the event's slots."))


class RuleRefusal(ScheduleError):
    """A hand edit that breaks rules of `solver.validation`; `breaks` holds them."""

    def __init__(self, message: str, breaks: list[RuleBreak]) -> None:
        super().__init__(message)
        self.breaks = breaks


@dataclass(frozen=True)
class Placement:
    """Where a hand edit puts a meeting: its slot, and its table or its booth."""

    meeting: Meeting
    slot_id: int
    table_id: int | None
    location: str | None = None

    def proposed(self) -> ProposedMeeting:
        meeting = self.meeting
        return ProposedMeeting(
            meeting.participant_a_id,
            meeting.participant_b_id,
            self.slot_id,
            self.table_id,
            self.location,
        )


def check_placements(
    session: Session,
    event: Event,
    placements: list[Placement],
    *,
    override: bool = False,
    as_today: bool = True,
) -> None:
    """Refuse, naming who and when, placements that break a rule of the solver's validator
    on the problem built from the database (today's confirmed meetings plus the edit).

    With `override` the organiser knowingly goes over caps and limits (the placed meetings
    count as locked, and a later solve drops other meetings of theirs if the limit needs
    it); clashes, availability, colleagues and places are never overridden.
    The database still refuses a double booking that slips in between (IntegrityError).
    `as_today`: see `scheduling.edit_breaks`.
    """
    data = queries.event_data(session, event)
    placed = [p.proposed() for p in placements]
    locked = {p.proposed().pair for p in placements if override or p.meeting.locked}
    breaks = [
        found
        for found in edit_breaks(data, placed, locked, as_today=as_today)
        if not (override and found.over_limit)
    ]
    if breaks:
        names = Names(
            event,
            {p.id: p for p in data.participants},
            data.unavailable,
            placed,
            delegation_of=data.delegation_of,
            programme=queries.programme_busy(session, event),
        )
        raise RuleRefusal(" ".join(dict.fromkeys(refusal(names, b) for b in breaks)), breaks)


def place_checked(
    session: Session, event: Event, placements: list[Placement], *, override: bool = False
) -> None:
    """Check the placements (see `check_placements`), then make them all; with `override`
    the placed meetings are locked, so later solves keep them.

    A clash the check could not see yet (another organiser's edit committed meanwhile) makes
    the database refuse the write; the check then runs again to name it, else the
    IntegrityError goes on.
    """
    check_placements(session, event, placements, override=override)
    try:
        with session.begin_nested():
            for placement in placements:
                if placement.meeting.seats:
                    release_seats(session, placement.meeting)
            for placement in placements:
                place_meeting(
                    session,
                    placement.meeting,
                    slot_id=placement.slot_id,
                    table_id=placement.table_id,
                    location=placement.location,
                )
                if override:
                    placement.meeting.locked = True
    except IntegrityError:
        check_placements(session, event, placements, override=override)
        raise


def move_meeting(
    session: Session,
    event: Event,
    meeting: Meeting,
    *,
    slot_id: int,
    place: str,
    now: datetime,
    override: bool = False,
) -> None:
    """Move a confirmed meeting to another slot and place (IntegrityError when taken);
    `override` goes over caps and locks it."""
    if meeting.status != MeetingStatus.CONFIRMED:
        raise ScheduleError(_("Only a confirmed meeting can be moved."))
    check_slot(event, slot_id)
    table_id, location = place_of(event, meeting.participant_a, meeting.participant_b, place)
    if (meeting.slot_id, meeting.table_id, meeting.location) == (slot_id, table_id, location):
        return
    _changed(meeting, event, now)
    place_checked(
        session, event, [Placement(meeting, slot_id, table_id, location)], override=override
    )
    notices.schedule_changed(session, event, now)
    record_hand_edits(session, event, [meeting], now)


def swap_meetings(
    session: Session, event: Event, first: Meeting, second: Meeting, now: datetime
) -> None:
    """Exchange the slots of two confirmed meetings; tables go with the slot, booths stay."""
    if first.id == second.id or not (first.confirmed and second.confirmed):
        raise ScheduleError(_("Choose two different confirmed meetings."))
    placements = [
        Placement(meeting, *swapped_place(meeting, other))
        for meeting, other in ((first, second), (second, first))
    ]
    for meeting in (first, second):
        _changed(meeting, event, now)
    place_checked(session, event, placements)
    notices.schedule_changed(session, event, now)
    record_hand_edits(session, event, [first, second], now)


def cancel_by_hand(session: Session, event: Event, meeting: Meeting, now: datetime) -> None:
    """Cancel a confirmed meeting; its row stays for calendars."""
    if not meeting.confirmed:
        raise ScheduleError(_("This meeting is already cancelled."))
    _changed(meeting, event, now)
    cancel_meeting(session, meeting)
    meeting.locked = True  # the organiser's decision: re-solves keep this pair apart
    notices.schedule_changed(session, event, now)
    record_hand_edits(session, event, [meeting], now)


def cancel_meetings_of(session: Session, participant: Participant, now: datetime) -> int:
    """Cancel every confirmed meeting of a participant who withdrew; returns how many.

    Their partners' agendas and calendars show the freed slots at once; a minimal-change
    re-solve can fill them without moving anybody else.
    """
    meetings = queries.confirmed_meetings_of(session, participant)
    for meeting in meetings:
        _changed(meeting, participant.event, now)
        cancel_meeting(session, meeting)
    notices.schedule_changed(session, participant.event, now)
    return len(meetings)


def add_meeting(
    session: Session,
    event: Event,
    first: Participant,
    second: Participant,
    *,
    slot_id: int,
    place: str,
    now: datetime,
    override: bool = False,
) -> Meeting:
    """Add (or revive) the meeting of two participants of the event, if the rulebook allows
    it; `override` goes over caps and locks it."""
    if first.id == second.id:
        raise ScheduleError(_("Choose two different participants."))
    if first.event_id != event.id or second.event_id != event.id:
        raise ScheduleError(_("Choose participants of this event."))
    check_slot(event, slot_id)
    table_id, location = place_of(event, first, second, place)
    a_id, b_id = ordered_pair(first.id, second.id)
    meeting = next(
        (
            m
            for m in queries.event_meetings(session, event)
            if (m.participant_a_id, m.participant_b_id) == (a_id, b_id)
        ),
        None,
    )
    if meeting is None:
        meeting = Meeting(event_id=event.id, participant_a_id=a_id, participant_b_id=b_id)
    elif meeting.confirmed:
        raise ScheduleError(_("These two already have a meeting: move it instead."))
    else:
        _changed(meeting, event, now)
    meeting.participant_a, meeting.participant_b = (
        (first, second) if first.id == a_id else (second, first)
    )
    place_checked(
        session, event, [Placement(meeting, slot_id, table_id, location)], override=override
    )
    notices.schedule_changed(session, event, now)
    record_hand_edits(session, event, [meeting], now)
    return meeting


def set_locked(session: Session, event: Event, meeting: Meeting, locked: bool) -> None:
    """Lock a confirmed meeting (re-solves keep it as it is) or unlock it.

    A meeting is locked only if it keeps every rule where it is (a lock is an organiser's
    override of caps and limits, not of clashes or availability): a solve could not keep it.
    """
    if locked and not meeting.confirmed:
        raise ScheduleError(_("Only a confirmed meeting can be locked."))
    if locked:
        here = Placement(meeting, meeting.slot_id, meeting.table_id, meeting.location)
        check_placements(session, event, [here], override=True, as_today=False)
    meeting.locked = locked
