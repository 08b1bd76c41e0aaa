"""The app's notion of "now" on the event day, injectable so tests can set the time.

`CLOCK` in the app's configuration, when set, is a callable returning an aware UTC datetime;
otherwise the real time (`matchmaker.db.utcnow`).
"""

from __future__ import annotations

from datetime import datetime

from flask import current_app

from matchmaker.db import utcnow


def now() -> datetime:
    """The current moment as an aware UTC datetime, from the app's clock."""
    clock = current_app.config.get("CLOCK")
    return clock() if clock is not None else utcnow()
