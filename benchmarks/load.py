"""A small HTTP load tool: keep-alive clients with their own cookies, one thread each.

Each `Client` holds one persistent connection and its session cookies, like a browser tab;
`drive` runs many of them at once for a while and returns every request's latency.
"""

from __future__ import annotations

import http.client
import re
import statistics
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
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
    """The latencies of one measured page (seconds) and the wall time they took."""

    latencies: tuple[float, ...]
    errors: int
    wall_s: float
    not_modified: int = 0

    @property
    def count(self) -> int:
        return len(self.latencies)

    def percentile_ms(self, percent: int) -> float:
        """The latency under which `percent` % of the requests finished, in ms."""
        if len(self.latencies) == 1:
            return self.latencies[0] * 1000
        return statistics.quantiles(self.latencies, n=100, method="inclusive")[percent - 1] * 1000

    @property
    def per_second(self) -> float:
        return self.count / self.wall_s if self.wall_s else 0.0


Path = Callable[[int], str]
"""The path a client requests next, given the client's index."""


def drive(
    clients: Sequence[Client],
    paths: Sequence[Path],
    seconds: float,
    *,
    requests: int | None = None,
    warm_up: int = 1,
) -> Sample:
    """Run every client in a thread of its own, cycling through `paths`, for `seconds`
    (or, with `requests`, until each client made that many), after `warm_up` unmeasured
    rounds. A status other than 200 and 304 counts as an error.
    """
    lock = threading.Lock()
    latencies: list[float] = []
    statuses: list[int] = []
    start_line = threading.Barrier(len(clients) + 1)

    def visit(index: int, client: Client) -> None:
        for round_number in range(warm_up):
            _status_of(client, paths[round_number % len(paths)](index))
        start_line.wait()
        deadline = time.perf_counter() + seconds
        made = 0
        while time.perf_counter() < deadline and (requests is None or made < requests):
            path = paths[made % len(paths)](index)
            began = time.perf_counter()
            status = _status_of(client, path)
            elapsed = time.perf_counter() - began
            made += 1
            with lock:
                latencies.append(elapsed)
                statuses.append(status)

    threads = [
        threading.Thread(target=visit, args=(index, client), daemon=True)
        for index, client in enumerate(clients)
    ]
    for thread in threads:
        thread.start()
    start_line.wait()
    began = time.perf_counter()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - began
    errors = sum(1 for status in statuses if status not in (200, 304))
    return Sample(tuple(latencies), errors, wall, statuses.count(304))


def _status_of(client: Client, path: str) -> int:
    """GET `path`: its status, or 0 when the connection failed twice."""
    try:
        return client.request("GET", path)[0]
    except (http.client.HTTPException, OSError):
        return 0
