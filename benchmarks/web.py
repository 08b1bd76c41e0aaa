"""`make bench-web`: the web pages of a large fair under concurrent clients.

Seeds the scaled demo event (2,000 participants) on a PostgreSQL database of its own
(created here, dropped at the end), solves and publishes it with the app's own `solve
--apply` and `publish` commands, then analyses the tables (as PostgreSQL's autovacuum
would), serves it with gunicorn (4 workers), drives it with wrk, each connection logged in
as a different participant, each page after two unmeasured seconds, and prints
p50/p95/requests per second per page against the targets, with the machine's load. Then
the same catalogue on the embedded default (SQLite).

    .venv/bin/python -m benchmarks.web [--postgres URL] [--seconds 6] [--revalidate]
                                       [--baseline DIR]

With `--baseline DIR` (a checkout of older code, e.g. `git worktree add /tmp/before main`)
the same seeded event is served first by that code, then by this one, and the table gives
both p95 (the targets are checked on this code).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import psycopg
from sqlalchemy import select
from sqlalchemy.engine import make_url

from benchmarks.load import Client, Sample, drive_wrk, time_requests
from matchmaker import create_app
from matchmaker.auth.operations import create_user
from matchmaker.calendars.tokens import issue_feed_token
from matchmaker.core.commands import table_lines
from matchmaker.db import session_scope
from matchmaker.demo.scaled import scaled_slug
from matchmaker.models import Event, Participant, Role

PARTICIPANTS = 2000
CLIENTS = 20
WORKERS = 4
PASSWORD = "bench-web-password"
SECRET_KEY = "bench-web-secret-key"
VENV_BIN = Path(sys.executable).parent
PROJECT = Path(__file__).resolve().parents[1]

PARTICIPANT_P95_MS = 200.0
ORGANISER_ALONE_MS = 400.0
PARTICIPANT_UNDER_ORGANISER_P95_MS = 300.0
EXPORT_MS = 1000.0
WORKER_RSS_MB = 170.0
EMBEDDED_CATALOGUE_P95_MS = 500.0
WARM_S = 2.0
"""Unmeasured load before each measured page: every worker has filled what it keeps."""


@dataclass(frozen=True)
class Row:
    """One line of the report: a page (or a figure) and whether its target is met."""

    name: str
    clients: int
    sample: Sample | None
    target: str
    met: bool | None
    value: str = ""


@dataclass(frozen=True)
class Visitors:
    """The logged-in clients of one served event and their private feed paths."""

    participants: list[Client]
    feeds: list[str]
    organiser: Client


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.web", description=__doc__)
    parser.add_argument(
        "--postgres",
        default=os.environ.get(
            "BENCH_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432"
        ),
        help="server URL; a database of its own is created there and dropped afterwards",
    )
    parser.add_argument("--participants", type=int, default=PARTICIPANTS)
    parser.add_argument("--clients", type=int, default=CLIENTS)
    parser.add_argument("--seconds", type=float, default=6.0, help="per participant page")
    parser.add_argument("--solve-seconds", type=float, default=10.0)
    parser.add_argument(
        "--revalidate",
        action="store_true",
        help="clients send back ETags (If-None-Match) as browsers do",
    )
    parser.add_argument(
        "--baseline",
        type=Path,
        help="a checkout of the code to compare with, served first on the same event",
    )
    options = parser.parse_args(argv)
    codes = [PROJECT] if options.baseline is None else [options.baseline.resolve(), PROJECT]
    slug = scaled_slug(options.participants)
    print(
        f"bench-web: {options.participants} participants, {options.clients} clients, "
        f"gunicorn with {WORKERS} workers; {_load()}",
        flush=True,
    )
    rows: dict[Path, list[Row]] = {code: [] for code in codes}
    with tempfile.TemporaryDirectory(prefix="bench-web-") as folder:
        database = f"mm_bench_web_{os.getpid()}"
        with _database(options.postgres, database) as url:
            environment = _environment(Path(folder) / "postgresql", url)
            _seed(environment, url, options.participants, options.solve_seconds, slug)
            accounts = _accounts(url, slug, options)
            _analyse(url)
            for code in codes:
                with _served(environment, code) as (port, master):
                    visitors = _visitors(port, accounts, options)
                    rows[code] += _participant_rows(port, visitors, slug, options)
                    rows[code] += _organiser_rows(port, visitors, slug, options)
                    rows[code].append(_memory_row(master))
        sqlite = f"sqlite:///{Path(folder) / 'embedded.sqlite3'}"
        environment = _environment(Path(folder) / "sqlite", sqlite)
        _seed(environment, sqlite, options.participants, None, slug)
        accounts = _accounts(sqlite, slug, options)
        for code in codes:
            with _served(environment, code) as (port, _master):
                visitors = _visitors(port, accounts, options)
                catalogue = _under_load(
                    port,
                    [(client, [f"/events/{slug}/catalogue"]) for client in visitors.participants],
                    options.seconds,
                    options,
                )
                rows[code].append(
                    _p95_row(
                        "embedded (SQLite): catalogue",
                        options.clients,
                        catalogue,
                        EMBEDDED_CATALOGUE_P95_MS,
                    )
                )
    after = rows[PROJECT]
    _print(after, rows[codes[0]] if options.baseline is not None else None)
    print(f"after the run: {_load()}")
    return 0 if all(row.met is not False for row in after) else 1


def _participant_rows(
    port: int, visitors: Visitors, slug: str, options: argparse.Namespace
) -> list[Row]:
    pages = [
        ("catalogue", f"/events/{slug}/catalogue"),
        ("catalogue, searched", f"/events/{slug}/catalogue?q=vision"),
        ("catalogue, filtered", f"/events/{slug}/catalogue?country=DE&type=sme"),
        ("agenda", f"/events/{slug}/agenda"),
        ("preferences", f"/events/{slug}/preferences"),
        ("event page", f"/e/{slug}"),
    ]
    rows = []
    for name, path in pages:
        sample = _under_load(
            port, [(client, [path]) for client in visitors.participants], options.seconds, options
        )
        rows.append(_p95_row(name, options.clients, sample, PARTICIPANT_P95_MS))
    feeds = _under_load(port, [(None, [feed]) for feed in visitors.feeds], options.seconds, options)
    rows.append(_p95_row("private feed (.ics)", options.clients, feeds, PARTICIPANT_P95_MS))
    return rows


def _organiser_rows(
    port: int, visitors: Visitors, slug: str, options: argparse.Namespace
) -> list[Row]:
    grid = f"/organise/events/{slug}/schedule/grid"
    statistics = f"/organise/events/{slug}/schedule/statistics"
    csv = f"/organise/events/{slug}/schedule/export/meetings.csv"
    alone = [
        ("organiser: grid", grid),
        ("organiser: statistics", statistics),
        ("organiser: meetings CSV", csv),
    ]
    rows = []
    for name, path in alone:
        sample = time_requests(visitors.organiser, path, 3)
        rows.append(_p95_row(f"{name} (alone)", 1, sample, ORGANISER_ALONE_MS))
    organiser_pages = [grid, statistics, csv]
    participant_pages = [
        f"/events/{slug}/catalogue",
        f"/events/{slug}/agenda",
        f"/events/{slug}/preferences",
        f"/e/{slug}",
    ]
    with _in_background(visitors.organiser, organiser_pages) as organiser_sample:
        mixed = _under_load(
            port,
            [(client, participant_pages) for client in visitors.participants],
            options.seconds * 2,
            options,
        )
    rows.append(
        _p95_row(
            "participants while an organiser reloads",
            options.clients,
            mixed,
            PARTICIPANT_UNDER_ORGANISER_P95_MS,
        )
    )
    rows.append(Row("  (the organiser's pages meanwhile)", 1, organiser_sample[0], "", None))
    exports = [
        ("whole-event .ics", f"/calendar/organise/{slug}/event.ics"),
        ("meetings .xlsx", f"/organise/events/{slug}/schedule/export/meetings.xlsx"),
    ]
    for name, path in exports:
        sample = time_requests(visitors.organiser, path, 2)
        rows.append(_p95_row(f"{name} (alone)", 1, sample, EXPORT_MS))
    return rows


@contextlib.contextmanager
def _in_background(client: Client, pages: list[str]) -> Iterator[list[Sample]]:
    """The organiser reloading `pages` in turn until the block ends; its sample after."""
    stop = threading.Event()
    result: list[Sample] = []
    latencies: list[float] = []

    def reload() -> None:
        began = time.perf_counter()
        while not stop.is_set():
            start = time.perf_counter()
            client.request("GET", pages[len(latencies) % len(pages)])
            latencies.append(time.perf_counter() - start)
        result.append(Sample.of(latencies, 0, time.perf_counter() - began))

    thread = threading.Thread(target=reload, daemon=True)
    thread.start()
    try:
        yield result
    finally:
        stop.set()
        thread.join()


def _under_load(
    port: int,
    visitors: Sequence[tuple[Client | None, Sequence[str]]],
    seconds: float,
    options: argparse.Namespace,
) -> Sample:
    """wrk's figures for these visitors of the server at `port`, after `WARM_S` seconds of
    unmeasured load."""
    return drive_wrk(
        "127.0.0.1", port, visitors, seconds, revalidate=options.revalidate, warm_s=WARM_S
    )


def _p95_row(name: str, clients: int, sample: Sample, limit_ms: float) -> Row:
    met = sample.errors == 0 and sample.count > 0 and sample.p95_ms < limit_ms
    return Row(name, clients, sample, f"p95 < {limit_ms:g} ms", met)


def _memory_row(master: int) -> Row:
    """The largest resident set of the gunicorn workers after the run."""
    children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    sizes = []
    for child in children:
        status = Path(f"/proc/{child}/status").read_text()
        line = next(line for line in status.splitlines() if line.startswith("VmRSS:"))
        sizes.append(int(line.split()[1]) / 1024)
    largest = max(sizes)
    return Row(
        "worker memory (RSS, largest)",
        WORKERS,
        None,
        f"< {WORKER_RSS_MB:g} MB",
        largest < WORKER_RSS_MB,
        f"{largest:.0f} MB (" + ", ".join(f"{size:.0f}" for size in sorted(sizes)) + ")",
    )


def _print(rows: list[Row], before: list[Row] | None = None) -> None:
    """The table of `rows`; with `before` (the baseline's rows), its p95 (or value) too."""
    earlier = {row.name: _headline(row) for row in before or []}
    cells = []
    for row in rows:
        if row.sample is None:
            figures = [row.value, "", "", ""]
        else:
            sample = row.sample
            errors = f" ({sample.errors} errors)" if sample.errors else ""
            revalidated = f" ({sample.not_modified} × 304)" if sample.not_modified else ""
            figures = [
                f"{sample.count}{errors}{revalidated}",
                f"{sample.p50_ms:.0f}",
                f"{sample.p95_ms:.0f}",
                f"{sample.per_second:.1f}",
            ]
        verdict = {True: "met", False: "NOT MET", None: ""}[row.met]
        baseline = [earlier.get(row.name, "")] if before is not None else []
        cells.append([row.name, str(row.clients), *figures, *baseline, row.target, verdict])
    headers = ["page", "clients", "requests", "p50 ms", "p95 ms", "req/s"]
    headers += ["p95 before"] if before is not None else []
    headers += ["target", ""]
    print()
    print("\n".join(table_lines(headers, cells)))


def _headline(row: Row) -> str:
    """A row's p95 in ms, or its value (memory)."""
    return row.value if row.sample is None else f"{row.sample.p95_ms:.0f}"


def _load() -> str:
    one, five, fifteen = Path("/proc/loadavg").read_text().split()[:3]
    return f"load average {one} {five} {fifteen} on {os.cpu_count()} cores"


@contextlib.contextmanager
def _database(server: str, name: str) -> Iterator[str]:
    """A new PostgreSQL database on `server` for the run, dropped afterwards."""
    admin = make_url(server).set(drivername="postgresql", database="postgres")
    conninfo = admin.render_as_string(hide_password=False)
    with psycopg.connect(conninfo, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    try:
        yield make_url(server).set(database=name).render_as_string(hide_password=False)
    finally:
        with psycopg.connect(conninfo, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _analyse(url: str) -> None:
    """Give PostgreSQL's planner the new tables' statistics, as autovacuum does a while
    after large writes (without them it takes the 2,000 participants for a handful and
    chooses plans that scan them per row)."""
    conninfo = make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(conninfo, autocommit=True) as connection:
        connection.execute("ANALYZE")


def _environment(instance: Path, url: str) -> dict[str, str]:
    instance.mkdir(parents=True)
    return {
        **os.environ,
        "MATCHMAKER_INSTANCE_PATH": str(instance),
        "MATCHMAKER_DATABASE_URL": url,
        "MATCHMAKER_SECRET_KEY": SECRET_KEY,
        "MATCHMAKER_HUEY_CONSUMER_IN_PROCESS": "false",
    }


def _seed(
    environment: dict[str, str], url: str, participants: int, solve_s: float | None, slug: str
) -> None:
    """Migrate, load the scaled event and, with `solve_s`, solve and publish it."""
    commands = [["db", "upgrade"], ["demo", "--participants", str(participants)]]
    if solve_s is not None:
        commands += [["solve", slug, "--apply", "--time-limit", f"{solve_s:g}"], ["publish", slug]]
    for arguments in commands:
        began = time.perf_counter()
        done = subprocess.run(
            [str(VENV_BIN / "flask"), "--app", "matchmaker", *arguments],
            env=environment,
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0:
            raise SystemExit(f"flask {' '.join(arguments)} failed:\n{done.stdout}{done.stderr}")
        took = time.perf_counter() - began
        last = done.stdout.strip().splitlines()[-1] if done.stdout.strip() else ""
        print(f"  flask {' '.join(arguments)}: {took:.1f} s  {last[:90]}", flush=True)


@contextlib.contextmanager
def _served(environment: dict[str, str], code: Path) -> Iterator[tuple[int, int]]:
    """gunicorn serving the app of the checkout `code` on a free port: (port, master's pid)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    print(f"  serving {code} on port {port}", flush=True)
    server = subprocess.Popen(
        [
            str(VENV_BIN / "gunicorn"),
            "--workers",
            str(WORKERS),
            "--bind",
            f"127.0.0.1:{port}",
            "--timeout",
            "300",
            "--log-level",
            "warning",
            "--config",
            str(code / "gunicorn.conf.py"),
            "matchmaker:create_app()",
        ],
        env={**environment, "PYTHONPATH": str(code)},
        cwd=code,
    )
    try:
        _wait_until_healthy(port)
        yield port, server.pid
    finally:
        server.terminate()
        server.wait(timeout=30)


def _wait_until_healthy(port: int) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError):
            if Client("127.0.0.1", port).request("GET", "/health")[0] == 200:
                return
        time.sleep(0.2)
    raise SystemExit("gunicorn did not answer within 60 s")


@dataclass(frozen=True)
class Accounts:
    """The benchmark's accounts on the event: participants' e-mails, their private feed
    paths, and an organiser's e-mail (sessions live in the database, so every server run
    on it accepts their logins)."""

    emails: list[str]
    feeds: list[str]
    organiser: str


def _accounts(url: str, slug: str, options: argparse.Namespace) -> Accounts:
    """Accounts for `options.clients` participants spread over the event and for an
    organiser, and their feed links."""
    app = create_app(
        {"DATABASE_URL": url, "SECRET_KEY": SECRET_KEY, "HUEY_CONSUMER_IN_PROCESS": False}
    )
    with session_scope(app) as session:
        event = session.scalars(select(Event).where(Event.slug == slug)).one()
        everyone = session.scalars(
            select(Participant)
            .where(Participant.event_id == event.id, Participant.user_id.is_(None))
            .order_by(Participant.id)
        ).all()
        chosen = everyone[:: max(1, len(everyone) // options.clients)][: options.clients]
        feeds = []
        for participant in chosen:
            participant.user = create_user(
                session, participant.email, PASSWORD, participant.full_name
            )
            feeds.append(f"/calendar/feed/{issue_feed_token(participant, SECRET_KEY)}.ics")
        emails = [participant.email for participant in chosen]
        organiser = create_user(
            session, f"organiser@{slug}.example", PASSWORD, "Bench", Role.ORGANISER
        )
        event.mission.organisers.append(organiser)
        organiser_email = organiser.email
    app.extensions["matchmaker.db"].engine.dispose()
    return Accounts(emails, feeds, organiser_email)


def _visitors(port: int, accounts: Accounts, options: argparse.Namespace) -> Visitors:
    """Clients logged in as the accounts on the server at `port`."""
    clients = [Client("127.0.0.1", port, revalidate=options.revalidate) for _ in accounts.emails]
    for client, email in zip(clients, accounts.emails, strict=True):
        client.log_in(email, PASSWORD)
    organiser_client = Client("127.0.0.1", port, revalidate=options.revalidate)
    organiser_client.log_in(accounts.organiser, PASSWORD)
    return Visitors(clients, accounts.feeds, organiser_client)


if __name__ == "__main__":
    sys.exit(main())
