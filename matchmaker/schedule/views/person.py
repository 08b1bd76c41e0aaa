"""Organisers: one participant's schedule and the meetings they could still gain."""

from __future__ import annotations

from flask import abort, render_template

from matchmaker.auth.access import organised_event_or_404, organiser_required
from matchmaker.db import get_session
from matchmaker.schedule import queries
from matchmaker.schedule.forms import AddMeetingForm
from matchmaker.schedule.views.base import bp

SHOWN_ADDITIONS = 15


@bp.get("/events/<slug>/schedule/people/<int:participant_id>")
@organiser_required
def person(slug: str, participant_id: int) -> str:
    """A participant's meetings against their guaranteed minimum, and the meetings they
    could gain without moving anyone (heaviest wish first), each one click away."""
    event = organised_event_or_404(slug)
    session = get_session()
    people = {p.id: p for p in queries.event_participants(session, event)}
    participant = people.get(participant_id)
    if participant is None:
        abort(404)
    meetings = sorted(
        queries.confirmed_meetings_of(session, participant), key=lambda m: m.slot.starts_at
    )
    choices = queries.addition_choices(session, event, participant) if participant.active else []
    return render_template(
        "schedule/person.html",
        event=event,
        participant=participant,
        meetings=meetings,
        minimum=queries.minimums(session, event).get(participant.id, 0),
        choices=choices[:SHOWN_ADDITIONS],
        more_choices=max(0, len(choices) - SHOWN_ADDITIONS),
        people=people,
        slots={slot.id: slot for slot in event.slots},
        tables={table.id: table for table in event.tables},
        add=AddMeetingForm(),
    )
