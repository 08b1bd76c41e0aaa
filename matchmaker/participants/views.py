"""A participant's own pages within an event."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("participants", __name__, url_prefix="/events", cli_group=None)
