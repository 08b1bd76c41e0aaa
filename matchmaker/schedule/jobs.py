"""Background jobs (Huey): the solve of a `ScheduleRun`, outside the request.

Each app gets one Huey instance, made on first use: `SqliteHuey` in the instance folder
(`instance/huey.sqlite3`), or `PostgresHuey` on the app's own database when that is
PostgreSQL. With `HUEY_IMMEDIATE` tasks run inline (tests); with `HUEY_CONSUMER_IN_PROCESS`
the first enqueue starts a consumer in a background thread of the web process, so the
embedded default needs no second process. `flask --app matchmaker worker` runs a standalone
consumer for scale-out.

Progress, heartbeat, cancel and the result live in the `ScheduleRun` row, written in short
transactions of their own, never in the queue.
"""

from __future__ import annotations

import threading
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from flask import Flask, current_app
from huey import Huey, PostgresHuey, SqliteHuey
from huey.consumer import Consumer
from sqlalchemy import make_url

from matchmaker.db import session_scope, utcnow
from matchmaker.models import RunStatus, ScheduleRun
from matchmaker.schedule import operations, queries, scheduling

JOBS_EXTENSION = "matchmaker.schedule.jobs"
CONSUMER_EXTENSION = "matchmaker.huey_consumer"
QUEUE_NAME = "matchmaker"
# How often a running solve writes its progress and heartbeat, and reads the cancel flag.
WRITE_EVERY_S = 1.0
# An idle embedded consumer checks the queue at least this often.
MAX_POLL_S = 1.0
# The solver honours its own time limit; past it by this much, the job asks it to stop.
OVERRUN_GRACE_S = 30.0

_consumer_lock = threading.Lock()

# Other areas' tasks (e-mail delivery): each registrar is called with every app's new Huey,
# so the web process and standalone workers know the same tasks.
TASK_REGISTRARS: list[Callable[[Flask, Huey], None]] = []


@dataclass(frozen=True)
class Jobs:
    """An app's Huey instance and its registered solve task."""

    huey: Huey
    solve_task: Any


def _make_huey(app: Flask) -> Huey:
    immediate = bool(app.config["HUEY_IMMEDIATE"])
    url = make_url(app.config["DATABASE_URL"])
    if url.get_backend_name() == "postgresql":
        dsn = url.set(drivername="postgresql").render_as_string(hide_password=False)
        return PostgresHuey(QUEUE_NAME, immediate=immediate, dsn=dsn)
    filename = Path(app.instance_path) / "huey.sqlite3"
    return SqliteHuey(QUEUE_NAME, immediate=immediate, filename=str(filename))


def jobs_for(app: Flask) -> Jobs:
    """The app's Huey instance, with the solve task registered on it (made once)."""
    jobs: Jobs | None = app.extensions.get(JOBS_EXTENSION)
    if jobs is None:
        huey = _make_huey(app)

        @huey.task(name="run_solve")  # type: ignore[untyped-decorator]
        def solve_task(run_id: int) -> None:
            with app.app_context():
                run_solve(run_id)

        jobs = Jobs(huey, solve_task)
        app.extensions[JOBS_EXTENSION] = jobs
        for register in TASK_REGISTRARS:
            register(app, huey)
    return jobs


class EmbeddedConsumer(Consumer):  # type: ignore[misc]
    """A thread-based consumer that may start off the main thread (no signal handlers)."""

    def _set_signal_handlers(self) -> None:
        """Signals belong to the web server that hosts this consumer."""


def ensure_consumer(app: Flask) -> None:
    """Start the app's in-process consumer once, if configured and not immediate."""
    if app.config["HUEY_IMMEDIATE"] or not app.config["HUEY_CONSUMER_IN_PROCESS"]:
        return
    with _consumer_lock:
        if CONSUMER_EXTENSION in app.extensions:
            return
        consumer = EmbeddedConsumer(
            jobs_for(app).huey, workers=1, periodic=True, max_delay=MAX_POLL_S
        )
        consumer.start()
        app.extensions[CONSUMER_EXTENSION] = consumer


def stop_consumer(app: Flask) -> None:
    """Stop the app's in-process consumer, letting a running task finish."""
    with _consumer_lock:
        consumer = app.extensions.pop(CONSUMER_EXTENSION, None)
    if consumer is not None:
        consumer.stop(graceful=True)


def run_consumer(app: Flask, workers: int) -> None:
    """Run a standalone consumer in this process until interrupted (`flask worker`)."""
    if app.config["HUEY_IMMEDIATE"]:
        raise RuntimeError("HUEY_IMMEDIATE is on: tasks run inline, there is nothing to consume")
    Consumer(jobs_for(app).huey, workers=workers, periodic=True, max_delay=MAX_POLL_S).run()


def enqueue_solve(app: Flask, run_id: int) -> None:
    """Queue the solve of a committed run (in immediate mode it runs now, inline)."""
    ensure_consumer(app)
    jobs_for(app).solve_task(run_id)


class RunReporter:
    """Writes a run's progress and heartbeat and reads its cancel flag, at most once a second.

    Called on the solving thread; each write is a short transaction of its own, so the
    web pages see the progress while the solve goes on.
    """

    def __init__(self, app: Flask, run_id: int, time_limit_s: float) -> None:
        self.app = app
        self.run_id = run_id
        self.time_limit_s = time_limit_s
        self.cancelled = False
        self._started = time.monotonic()
        self._last_write = 0.0
        self._latest: scheduling.Progress | None = None

    def progress(self, report: scheduling.Progress) -> None:
        """Remember the latest report; write it if the last write is old enough."""
        self._latest = report
        self._maybe_write()

    def cancel(self) -> bool:
        """Whether to stop: the organiser asked, or the solver overran its limit (outer guard).

        Also keeps the heartbeat going.
        """
        self._maybe_write()
        overrun = time.monotonic() - self._started > self.time_limit_s + OVERRUN_GRACE_S
        return self.cancelled or overrun

    def _maybe_write(self) -> None:
        now = time.monotonic()
        if now - self._last_write < WRITE_EVERY_S:
            return
        self._last_write = now
        with session_scope(self.app) as session:
            self.cancelled = operations.record_progress(
                session, self.run_id, self._latest, self.time_limit_s, utcnow()
            )


def run_solve(run_id: int) -> None:
    """The solve task: build the problem, solve with progress and cancel, store the result.

    A run that is no longer queued (cancelled before it started, or taken by another worker)
    is left alone. Every error ends the run as failed with the error recorded.
    """
    app: Flask = current_app._get_current_object()  # type: ignore[attr-defined]
    with session_scope(app) as session:
        run = session.get(ScheduleRun, run_id)
        if run is None or run.status != RunStatus.QUEUED:
            return
        operations.start_running(run, utcnow())
        time_limit_s = run.time_limit_s
    try:
        with session_scope(app) as session:
            run = session.get_one(ScheduleRun, run_id)
            data = queries.event_data(session, run.event)
            problem = scheduling.build_problem(data, minimal_change=run.minimal_change)
            minimums = scheduling.minimums(data)
        reporter = RunReporter(app, run_id, time_limit_s)
        started = time.monotonic()
        result = scheduling.run_solver(
            problem,
            time_limit_s=time_limit_s,
            workers=int(app.config["SOLVER_WORKERS"]),
            progress=reporter.progress,
            cancel=reporter.cancel,
        )
        elapsed_s = time.monotonic() - started
        with session_scope(app) as session:
            run = session.get_one(ScheduleRun, run_id)
            operations.finish_run(
                run,
                result,
                elapsed_s,
                cancelled=reporter.cancelled or run.cancel_requested,
                now=utcnow(),
                minimums=minimums,
            )
    except Exception:
        with session_scope(app) as session:
            run = session.get_one(ScheduleRun, run_id)
            operations.fail_run(run, traceback.format_exc(), utcnow())
