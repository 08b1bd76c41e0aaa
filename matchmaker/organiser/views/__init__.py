"""Organisers: missions, events, set-up, participants, imports and invitations."""

from matchmaker.organiser.views import (
    events,
    imports,
    invitations,
    missions,
    participants,
    setup,
    translations,
)
from matchmaker.organiser.views.base import bp

__all__ = [
    "bp",
    "events",
    "imports",
    "invitations",
    "missions",
    "participants",
    "setup",
    "translations",
]
