"""Who may do what on the event day: organisers everything, staff the desk and attendance."""

from __future__ import annotations

from flask import abort
from flask_login import current_user

from matchmaker.auth.access import can_organise, event_or_404
from matchmaker.db import get_session
from matchmaker.live import queries
from matchmaker.models import Event


def can_staff(event: Event) -> bool:
    """Whether the current user may check people in and record attendance at the event."""
    if not current_user.is_authenticated:
        return False
    if can_organise(event):
        return True
    return queries.is_staff(get_session(), event, current_user.id)


def staffed_event_or_404(slug: str) -> Event:
    """The event with this slug if the current user is its organiser or staff, else 404."""
    event = event_or_404(slug)
    if not can_staff(event):
        abort(404)
    return event
