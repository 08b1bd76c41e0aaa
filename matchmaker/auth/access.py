"""Access helpers shared by every area: anything not yours answers 404, never 403."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import ParamSpec, TypeVar

import flask_login
from flask import abort
from flask_login import current_user

from matchmaker.auth import queries
from matchmaker.db import get_session
from matchmaker.models import Event, Participant

P = ParamSpec("P")
R = TypeVar("R")


def event_or_404(slug: str) -> Event:
    """The event with this slug, or 404."""
    event = queries.event_by_slug(get_session(), slug)
    if event is None:
        abort(404)
    return event


def can_organise(event: Event) -> bool:
    """Whether the current user is an admin or an organiser of the event's mission."""
    if not current_user.is_authenticated:
        return False
    if current_user.is_admin:
        return True
    return bool(current_user.is_organiser) and any(
        organiser.id == current_user.id for organiser in event.mission.organisers
    )


def organised_event_or_404(slug: str) -> Event:
    """The event with this slug if the current user may organise it, else 404."""
    event = event_or_404(slug)
    if not can_organise(event):
        abort(404)
    return event


def own_participant_or_404(event: Event) -> Participant:
    """The current user's active (not withdrawn) participant in `event`, else 404."""
    if not current_user.is_authenticated:
        abort(404)
    participant = queries.participant_of_user(get_session(), event, current_user.id)
    if participant is None or not participant.active:
        abort(404)
    return participant


def own_event_and_participant_or_404(slug: str) -> tuple[Event, Participant]:
    """The event with this slug and the current user's active participant in it, read in
    one query; 404 when there is no such event or no such participant."""
    if not current_user.is_authenticated:
        abort(404)
    participant = queries.participant_of_user_by_slug(get_session(), slug, current_user.id)
    if participant is None or not participant.active:
        abort(404)
    return participant.event, participant


def login_required(view: Callable[P, R]) -> Callable[P, R]:
    """Flask-Login's `login_required` with its type kept (Flask-Login ships no types)."""
    return flask_login.login_required(view)  # type: ignore[no-any-return]


def organiser_required(view: Callable[P, R]) -> Callable[P, R]:
    """Log in first (redirect to the login page), then organisers and admins only (else 404)."""

    @wraps(view)
    def guarded(*args: P.args, **kwargs: P.kwargs) -> R:
        if not current_user.is_organiser:
            abort(404)
        return view(*args, **kwargs)

    return login_required(guarded)
