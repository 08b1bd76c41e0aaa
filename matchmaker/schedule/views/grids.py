"""Organisers: the schedule as a slot x table grid and per person."""

from __future__ import annotations

import math

from flask import render_template, request

from matchmaker.auth.access import organised_event_or_404, organiser_required
from matchmaker.db import get_session
from matchmaker.models import Meeting
from matchmaker.schedule import queries
from matchmaker.schedule.views.base import bp
from matchmaker.text import fold

GRID_PLACES = 20  # places (columns) per page of the grid: a large fair has a thousand
GRID_PEOPLE = 50  # people (rows) per page of the grid by participant


@bp.get("/events/<slug>/schedule/grid")
@organiser_required
def grid(slug: str) -> str:
    """The schedule as slots × places, GRID_PLACES places a page: the shared tables, then
    the exhibitors' booths."""
    event = organised_event_or_404(slug)
    session = get_session()
    places = queries.grid_places(session, event)
    pages = max(1, math.ceil(len(places) / GRID_PLACES))
    page = _page_number(pages)
    shown = places[(page - 1) * GRID_PLACES : page * GRID_PLACES]
    cells: dict[tuple[int, str], list[queries.GridMeeting]] = {}
    for m in queries.grid_meetings(session, event, shown):
        cells.setdefault((m.slot_id, m.place), []).append(m)
    return render_template(
        "schedule/grid.html",
        event=event,
        places=shown,
        all_places=len(places),
        first_place=(page - 1) * GRID_PLACES + 1,
        page=page,
        pages=pages,
        cells=cells,
        meeting_total=queries.confirmed_meeting_total(session, event),
    )


@bp.get("/events/<slug>/schedule/people")
@organiser_required
def people(slug: str) -> str:
    """The schedule as participants × slots, GRID_PEOPLE people a page; `q` keeps those
    whose name or organisation holds the words."""
    event = organised_event_or_404(slug)
    session = get_session()
    words = fold(request.args.get("q", "")).split()
    participants = [
        p
        for p in queries.event_participants(session, event)
        if p.active and all(w in fold(f"{p.full_name} {p.organisation.name}") for w in words)
    ]
    pages = max(1, math.ceil(len(participants) / GRID_PEOPLE))
    page = _page_number(pages)
    shown = participants[(page - 1) * GRID_PEOPLE : page * GRID_PEOPLE]
    cells: dict[tuple[int, int], Meeting] = {}
    for m in queries.confirmed_meetings_of_people(session, event, [p.id for p in shown]):
        cells[(m.participant_a_id, m.slot_id)] = m
        cells[(m.participant_b_id, m.slot_id)] = m
    return render_template(
        "schedule/people.html",
        event=event,
        participants=shown,
        all_people=len(participants),
        first_person=(page - 1) * GRID_PEOPLE + 1,
        page=page,
        pages=pages,
        query=request.args.get("q", ""),
        cells=cells,
        unavailable=queries.unavailable_slots(session, event),
    )


def _page_number(pages: int) -> int:
    """The `page` query argument, within 1..pages (1 when it is not a number)."""
    number = request.args.get("page", "1")
    return min(max(int(number) if number.isdigit() else 1, 1), pages)
