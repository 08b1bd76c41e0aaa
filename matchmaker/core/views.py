"""Public pages: home, event pages, health; also the `db`, `demo` and `events` commands."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("core", __name__, cli_group=None)
