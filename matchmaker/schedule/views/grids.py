"""Organisers: the schedule as a slot x table grid and per person."""

from __future__ import annotations

from flask import render_template
from flask_babel import gettext as _

from matchmaker.auth.access import organised_event_or_404, organiser_required
from matchmaker.db import get_session
from matchmaker.models import Meeting
from matchmaker.schedule import queries
from matchmaker.schedule.views.base import bp


@bp.get("/events/<slug>/schedule/grid")
@organiser_required
def grid(slug: str) -> str:
    """The schedule as slots × places: the shared tables, then the exhibitors' booths."""
    event = organised_event_or_404(slug)
    meetings = queries.confirmed_meetings(get_session(), event)
    places = [(f"t{t.id}", t.name, t.place) for t in event.tables]
    booths = sorted({m.location for m in meetings if m.table_id is None and m.location})
    places += [(f"b{booth}", booth, "Booth") for booth in booths]
    if any(m.table_id is None and not m.location for m in meetings):
        places.append(("online", _("Online"), _("Video calls")))
    cells: dict[tuple[int, str], list[Meeting]] = {}
    for m in meetings:
        place = (
            f"t{m.table_id}"
            if m.table_id is not None
            else f"b{m.location}"
            if m.location
            else "online"
        )
        cells.setdefault((m.slot_id, place), []).append(m)
    return render_template(
        "schedule/grid.html",
        event=event,
        places=places,
        cells=cells,
        meetings=meetings,
        booth_count=len(booths),
    )


@bp.get("/events/<slug>/schedule/people")
@organiser_required
def people(slug: str) -> str:
    """The schedule as participants × slots."""
    event = organised_event_or_404(slug)
    session = get_session()
    cells: dict[tuple[int, int], Meeting] = {}
    for m in queries.confirmed_meetings(session, event):
        cells[(m.participant_a_id, m.slot_id)] = m
        cells[(m.participant_b_id, m.slot_id)] = m
    participants = [p for p in queries.event_participants(session, event) if p.active]
    return render_template(
        "schedule/people.html",
        event=event,
        participants=participants,
        cells=cells,
        unavailable=queries.unavailable_slots(session, event),
    )
