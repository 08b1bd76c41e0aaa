"""Organisers: missions, events, participants and imports."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("organiser", __name__, url_prefix="/organise", cli_group=None)
