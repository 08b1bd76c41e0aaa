"""The schedule blueprint and what its views share."""

from __future__ import annotations

from datetime import datetime

from flask import Blueprint

from matchmaker.db import get_session, utcnow
from matchmaker.models import Event
from matchmaker.schedule import queries
from matchmaker.schedule.statistics import ScheduleFigures, schedule_figures

bp = Blueprint("schedule", __name__, url_prefix="/organise", cli_group=None)


def now() -> datetime:
    return utcnow()


def figures(event: Event, triples: list[tuple[int, int, int]]) -> ScheduleFigures:
    session = get_session()
    return schedule_figures(
        event,
        queries.event_participants(session, event),
        queries.requests(session, event),
        triples,
        queries.unavailable_slots(session, event),
    )


def current_figures(event: Event) -> ScheduleFigures:
    return figures(event, queries.confirmed_triples(get_session(), event))
