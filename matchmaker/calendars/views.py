"""Calendar downloads and private live feeds."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("calendars", __name__, url_prefix="/calendar", cli_group=None)
