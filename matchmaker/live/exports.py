"""The event day as sheets: one row per meeting that began or was changed on the day, the
day's figures, and no-shows by person and by delegation."""

from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session

from matchmaker.delegations.queries import delegation_names
from matchmaker.live import queries
from matchmaker.live.clock import now
from matchmaker.live.figures import day_figures, delegation_of, meetings_on_the_day
from matchmaker.models import ChangeKind, CheckIn, Event, Participant

Cell = str | int
Rows = list[list[Cell]]
CHANGE_LABELS = {
    ChangeKind.RELEASED: _l("released"),
    ChangeKind.REPLACEMENT: _l("replacement"),
    ChangeKind.SPOT: _l("on the spot"),
    ChangeKind.EDITED: _l("edited by hand"),
}
# The same changes as figures, at the start of a row.
CHANGE_FIGURES = {
    ChangeKind.RELEASED: _l("Released"),
    ChangeKind.REPLACEMENT: _l("Replacement"),
    ChangeKind.SPOT: _l("On the spot"),
    ChangeKind.EDITED: _l("Edited by hand"),
}


def _arrival(check_in: CheckIn | None, event: Event) -> str:
    if check_in is None or check_in.arrived_at is None:
        return ""
    return check_in.arrived_at.astimezone(event.zone).strftime("%H:%M")


def attendance_rows(session: Session, event: Event) -> Rows:
    """Date, time, place, both sides with their arrival, outcome and the day's change."""
    zone = event.zone
    rows: Rows = [
        [
            _("Date"),
            _("Start"),
            _("Place"),
            _("Participant A"),
            _("Organisation A"),
            _("A checked in"),
            _("Participant B"),
            _("Organisation B"),
            _("B checked in"),
            _("Outcome"),
            _("Change on the day"),
        ]
    ]
    check_ins = queries.check_ins(session, event)
    change_of = {c.meeting_id: str(CHANGE_LABELS[c.kind]) for c in queries.changes(session, event)}

    def sides(a: Participant, b: Participant) -> list[Cell]:
        return [
            a.full_name,
            a.organisation.name,
            _arrival(check_ins.get(a.id), event),
            b.full_name,
            b.organisation.name,
            _arrival(check_ins.get(b.id), event),
        ]

    for day in meetings_on_the_day(session, event, now()):
        meeting = day.meeting
        start = meeting.slot.starts_at.astimezone(zone)
        rows.append(
            [
                start.strftime("%Y-%m-%d"),
                start.strftime("%H:%M"),
                meeting.place_label,
                *sides(meeting.participant_a, meeting.participant_b),
                day.label,
                change_of.get(meeting.id, ""),
            ]
        )
    for change in queries.changes(session, event):
        meeting = change.meeting
        if change.kind != ChangeKind.RELEASED:
            continue
        start = meeting.slot.starts_at.astimezone(zone)
        rows.append(
            [
                start.strftime("%Y-%m-%d"),
                start.strftime("%H:%M"),
                meeting.place_label,
                *sides(meeting.participant_a, meeting.participant_b),
                _("Cancelled"),
                str(CHANGE_LABELS[change.kind]),
            ]
        )
    return rows


def day_figure_rows(session: Session, event: Event) -> Rows:
    """The day's figures so far, as on the statistics page, one per row."""
    day = day_figures(session, event, now())
    rows: Rows = [
        [_("Figure"), _("Value")],
        [_("Checked in"), day.arrived],
        [_("Expected"), day.expected],
        [_("Check-in rate (%)"), round(day.check_in_rate * 100)],
        [_("Meetings held"), day.held],
        [_("Meetings with a no-show"), day.missed],
    ]
    return rows + [[str(label), day.changes[kind]] for kind, label in CHANGE_FIGURES.items()]


def no_show_rows(session: Session, event: Event) -> Rows:
    """Everyone who missed a meeting: most missed first, with their delegation."""
    day = day_figures(session, event, now())
    names = delegation_names(session, event)
    rows: Rows = [[_("Participant"), _("Organisation"), _("Delegation"), _("Meetings missed")]]
    return rows + [
        [person.full_name, person.organisation.name, delegation_of(person, names), count]
        for person, count in day.no_shows_by_person
    ]


def delegation_no_show_rows(session: Session, event: Event) -> Rows:
    """Meetings missed per delegation (the mission's delegation, else the cluster), most first."""
    day = day_figures(session, event, now())
    rows: Rows = [[_("Delegation"), _("Meetings missed")]]
    return rows + [[name, count] for name, count in day.no_shows_by_delegation]
