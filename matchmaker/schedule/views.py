"""Organisers: solving, reviewing, adjusting, publishing and exporting schedules."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("schedule", __name__, url_prefix="/organise", cli_group=None)
