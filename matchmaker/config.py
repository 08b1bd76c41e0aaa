"""Configuration: defaults, then `instance/config.py`, then `MATCHMAKER_*` variables.

An explicit mapping passed to `create_app(config)` wins over all of them (tests use it).
"""

from __future__ import annotations

import contextlib
import os
import secrets
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from flask import Flask

PROJECT_ROOT = Path(__file__).resolve().parents[1]
ENV_PREFIX = "MATCHMAKER"


class DefaultConfig:
    """Built-in defaults; `DATABASE_URL` None means SQLite in the instance folder."""

    DATABASE_URL: str | None = None
    HUEY_IMMEDIATE = False
    HUEY_CONSUMER_IN_PROCESS = True
    SOLVER_TIME_LIMIT_S = 60.0
    SOLVER_WORKERS = 2
    # Seconds a same-day re-plan (after releasing a no-show) may take.
    REPLAN_TIME_LIMIT_S = 1.0
    RUN_HEARTBEAT_TIMEOUT_S = 60.0
    MAX_CONTENT_LENGTH = 5 * 1024 * 1024
    IMPORT_MAX_ROWS = 5000
    IMPORT_MAX_COLUMNS = 100
    LOGIN_MAX_FAILURES = 5
    # Failed logins per client address: a venue or office shares one address.
    LOGIN_MAX_FAILURES_PER_ADDRESS = 50
    LOGIN_WINDOW_S = 900
    # Sign-ups per client address and window: enough for one office behind one address,
    # too few to probe many emails for accounts.
    SIGNUP_MAX_ATTEMPTS = 20
    SIGNUP_WINDOW_S = 3600
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_HTTPONLY = True
    WTF_CSRF_TIME_LIMIT = None
    PUBLIC_BASE_URL: str | None = None
    PROXY_HOPS = 0
    # E-mail, named like Flask-Mail's settings; no MAIL_SERVER: .eml files in instance/mail.
    MAIL_SERVER: str | None = None
    MAIL_PORT: int | None = None  # 25, or 587 with MAIL_USE_TLS, 465 with MAIL_USE_SSL
    MAIL_USE_TLS = False
    MAIL_USE_SSL = False
    MAIL_USERNAME: str | None = None
    MAIL_PASSWORD: str | None = None
    MAIL_DEFAULT_SENDER = "Matchmaker <matchmaker@localhost>"
    MAIL_TIMEOUT_S = 30.0
    # Providers limit senders per minute; a broadcast to 2,000 people stays under the limit.
    MAIL_MAX_PER_MINUTE = 60
    MAIL_MAX_ATTEMPTS = 8
    MAIL_RETRY_DELAY_S = 60.0
    PASSWORD_RESET_MAX_PER_EMAIL = 3
    PASSWORD_RESET_WINDOW_S = 3600
    # Schedule messages: change notices wait this long so quick edits make one notice;
    # the reminder goes at this time (event time) the evening before each event day;
    # the nudge goes this many days before the preferences deadline (0: never).
    CHANGE_NOTICE_DELAY_S = 120
    REMINDER_TIME = "18:00"
    PREFERENCES_NUDGE_DAYS = 2
    # Online meetings without a participant's own link get a room on this video server.
    VIDEO_ROOM_BASE_URL = "https://meet.jit.si/"
    # JSON API: requests per token and window (429 beyond), and the largest page of a list.
    API_RATE_LIMIT = 300
    API_RATE_WINDOW_S = 60


def instance_path() -> Path:
    """The instance folder: `MATCHMAKER_INSTANCE_PATH` or `instance/` in the project."""
    configured = os.environ.get(f"{ENV_PREFIX}_INSTANCE_PATH")
    return Path(configured).resolve() if configured else PROJECT_ROOT / "instance"


def _secret_key(folder: Path) -> str:
    """Read the instance's secret key, generating it (mode 0600) on first start.

    Several processes may start at once (gunicorn workers): the key is written to a
    temporary file and linked into place, so every process reads the one complete key.
    """
    key_file = folder / "secret_key"
    if not key_file.exists():
        descriptor, temporary = tempfile.mkstemp(dir=folder, prefix=".secret_key.")
        try:
            with os.fdopen(descriptor, "w") as handle:  # mkstemp creates it 0600
                handle.write(secrets.token_hex(32))
            with contextlib.suppress(FileExistsError):
                os.link(temporary, key_file)
        finally:
            os.unlink(temporary)
    key = key_file.read_text().strip()
    if not key:
        raise RuntimeError(f"{key_file} is empty: delete it to generate a new secret key")
    return key


def load_config(app: Flask, overrides: Mapping[str, Any] | None) -> None:
    """Fill `app.config` in precedence order and derive what was left unset."""
    folder = Path(app.instance_path)
    folder.mkdir(parents=True, exist_ok=True)
    app.config.from_object(DefaultConfig)
    app.config.from_pyfile(str(folder / "config.py"), silent=True)
    app.config.from_prefixed_env(ENV_PREFIX)
    if overrides:
        app.config.update(overrides)
    if not app.config.get("DATABASE_URL"):
        app.config["DATABASE_URL"] = f"sqlite:///{folder / 'matchmaker.sqlite3'}"
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = _secret_key(folder)
    if str(app.config.get("PUBLIC_BASE_URL") or "").startswith("https://"):
        app.config["SESSION_COOKIE_SECURE"] = True
        app.config["REMEMBER_COOKIE_SECURE"] = True
