"""HTTP load for the benchmark: logged-in visitors, and wrk to drive many of them at once.

Each `Client` holds one persistent connection and its session cookies, like a browser tab.
`drive_wrk` runs many of them at once through wrk (Debian's `wrk`, written in C, so the
load generator takes little of the machine and its own waits do not count as the server's
latency); `drive` times a few requests of one client from Python.
"""

from __future__ import annotations

import http.client
import json
import os
import re
import statistics
import subprocess
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

CSRF_FIELD = re.compile(rb'name="csrf_token"[^>]*value="([^"]+)"')


class LoadError(Exception):
    """A request of the benchmark's set-up failed (a login, a missing page)."""


@dataclass
class Client:
    """One visitor: a keep-alive connection to `host:port` and its cookies.

    With `revalidate`, it sends back the ETag of each page it saw, as browsers do, so an
    unchanged page may come back as 304 Not Modified.
    """

    host: str
    port: int
    revalidate: bool = False
    cookies: dict[str, str] = field(default_factory=dict)
    etags: dict[str, str] = field(default_factory=dict)
    connection: http.client.HTTPConnection | None = None

    def request(
        self, method: str, path: str, body: dict[str, str] | None = None
    ) -> tuple[int, bytes]:
        """Send one request (reconnecting once if the server closed the connection)."""
        headers = {"Accept-Encoding": "identity"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        if self.revalidate and method == "GET" and path in self.etags:
            headers["If-None-Match"] = self.etags[path]
        encoded = None
        if body is not None:
            encoded = urlencode(body).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        for attempt in (1, 2):
            if self.connection is None:
                self.connection = http.client.HTTPConnection(self.host, self.port, timeout=120)
            try:
                self.connection.request(method, path, body=encoded, headers=headers)
                response = self.connection.getresponse()
                content = response.read()
            except (http.client.HTTPException, ConnectionError):
                self.connection.close()
                self.connection = None
                if attempt == 2:
                    raise
                continue
            break
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        if response.headers.get("ETag"):
            self.etags[path] = response.headers["ETag"]
        return response.status, content

    def log_in(self, email: str, password: str) -> None:
        """Log in through the login form, CSRF token included."""
        status, page = self.request("GET", "/login")
        token = CSRF_FIELD.search(page)
        if status != 200 or token is None:
            raise LoadError(f"no login form (status {status})")
        form = {"email": email, "password": password, "csrf_token": token.group(1).decode()}
        status, _page = self.request("POST", "/login", form)
        if status != 302:
            raise LoadError(f"login of {email} failed (status {status})")

    def close(self) -> None:
        if self.connection is not None:
            self.connection.close()


@dataclass(frozen=True)
class Sample:
    """The figures of one measured page: requests made, failures, the wall time they took,
    their median and 95th percentile latency (ms) and how many came back 304."""

    count: int
    errors: int
    wall_s: float
    p50_ms: float
    p95_ms: float
    not_modified: int = 0

    @classmethod
    def of(
        cls, latencies: Sequence[float], errors: int, wall_s: float, not_modified: int = 0
    ) -> Sample:
        """The sample of these latencies (seconds)."""
        if len(latencies) == 1:
            p50 = p95 = latencies[0]
        elif latencies:
            cuts = statistics.quantiles(latencies, n=100, method="inclusive")
            p50, p95 = cuts[49], cuts[94]
        else:
            p50 = p95 = 0.0
        return cls(len(latencies), errors, wall_s, p50 * 1000, p95 * 1000, not_modified)

    @property
    def per_second(self) -> float:
        return self.count / self.wall_s if self.wall_s else 0.0


def time_requests(client: Client, path: str, requests: int) -> Sample:
    """The latencies of `requests` GETs of `path` by one client, one after the other, after
    an unmeasured one."""
    _status_of(client, path)
    latencies = []
    statuses = []
    began = time.perf_counter()
    for _ in range(requests):
        start = time.perf_counter()
        statuses.append(_status_of(client, path))
        latencies.append(time.perf_counter() - start)
    wall = time.perf_counter() - began
    errors = sum(1 for status in statuses if status not in (200, 304))
    return Sample.of(latencies, errors, wall, statuses.count(304))


def _status_of(client: Client, path: str) -> int:
    """GET `path`: its status, or 0 when the connection failed twice."""
    try:
        return client.request("GET", path)[0]
    except (http.client.HTTPException, OSError):
        return 0


WRK_SCRIPT = Path(__file__).with_name("wrk.lua")


def drive_wrk(
    host: str,
    port: int,
    visitors: Sequence[tuple[Client | None, Sequence[str]]],
    seconds: float,
    *,
    revalidate: bool = False,
    warm_s: float = 0,
) -> Sample:
    """Run wrk with one connection per visitor for `seconds`: each sends its client's cookies
    (none for `None`) and requests its paths in turn. A status other than 200 and 304
    counts as an error. With `warm_s`, wrk first runs that long unmeasured, so that every
    server process has filled what it keeps (a steady state, not each process's first
    visits).

    Every path is first requested once by its client (or a cookie-less one), which must
    answer 200: a login page or an error would otherwise be timed as if it were the page.
    """
    lines = []
    for client, paths in visitors:
        warm = client or Client(host, port)
        for path in paths:
            status = warm.request("GET", path)[0]
            if status != 200:
                raise LoadError(f"GET {path} answered {status}, not 200")
        cookie = "; ".join(
            f"{name}={value}" for name, value in (client.cookies if client else {}).items()
        )
        lines.append("\t".join([cookie or "-", *paths]))
    with tempfile.NamedTemporaryFile("w", suffix=".tsv", prefix="bench-wrk-") as listing:
        listing.write("\n".join(lines) + "\n")
        listing.flush()
        if warm_s:
            _run_wrk(host, port, listing.name, len(lines), warm_s, revalidate)
        output = _run_wrk(host, port, listing.name, len(lines), seconds, revalidate)
    figures = json.loads(output.strip().splitlines()[-1])
    return Sample(
        count=figures["requests"],
        errors=figures["errors"],
        wall_s=figures["seconds"],
        p50_ms=figures["p50_us"] / 1000,
        p95_ms=figures["p95_us"] / 1000,
        not_modified=figures["not_modified"],
    )


def _run_wrk(
    host: str, port: int, listing: str, connections: int, seconds: float, revalidate: bool
) -> str:
    """wrk's output for the visitors listed in the file `listing` (see `wrk.lua`)."""
    done = subprocess.run(
        [
            "wrk",
            f"--threads={connections}",
            f"--connections={connections}",
            f"--duration={max(1, round(seconds))}s",
            "--timeout=120s",
            f"--script={WRK_SCRIPT}",
            f"http://{host}:{port}",
        ],
        env={
            **os.environ,
            "BENCH_WRK_VISITORS": listing,
            "BENCH_WRK_REVALIDATE": "1" if revalidate else "0",
        },
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout
