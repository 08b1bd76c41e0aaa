"""An API client written with httpx against a running server (werkzeug, threaded) whose
solves run in a real Huey consumer (the embedded one, as `make run` serves): it makes its
tokens on the account page, marks whom to meet, reads the agenda, and as organiser imports
participants and runs a solve to its end. Every answer is checked against the OpenAPI
document."""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from flask import Flask
from werkzeug.serving import make_server

from matchmaker.core.commands import QuietRequestHandler
from matchmaker.models import Organisation, Phase, Role
from matchmaker.schedule import jobs
from tests.builders import TEST_PASSWORD, Builder
from tests.web.api.contract import check_answer
from tests.web.organiser.uploads import SECTORS, TECHNOLOGIES, csv_bytes, good_row

WAIT_S = 120.0


@pytest.fixture
def app_config(app_config: dict[str, Any]) -> dict[str, Any]:
    return {
        **app_config,
        "HUEY_IMMEDIATE": False,
        "HUEY_CONSUMER_IN_PROCESS": True,
        "SOLVER_TIME_LIMIT_S": 5.0,
    }


@pytest.fixture
def server(app: Flask) -> Iterator[str]:
    """The app served over HTTP on a free port; its base URL."""
    served = make_server("127.0.0.1", 0, app, threaded=True, request_handler=QuietRequestHandler)
    thread = threading.Thread(target=served.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{served.server_port}"
    served.shutdown()
    thread.join()
    jobs.stop_consumer(app)


class Client:
    """httpx with a bearer token; every answer is checked against the OpenAPI document."""

    def __init__(self, base: str, token: str) -> None:
        self.http = httpx.Client(
            base_url=base, headers={"Authorization": f"Bearer {token}"}, timeout=60
        )

    def call(self, method: str, url: str, **options: Any) -> httpx.Response:
        response = self.http.request(method, url, **options)
        media_type = response.headers.get("Content-Type", "").split(";")[0]
        check_answer(method, str(response.url), response.status_code, media_type, response.content)
        return response


def token_from_account_page(base: str, email: str, scope: str) -> str:
    """Log in with the password form and make a token on the account page, as a person
    would, then read it off the page."""
    with httpx.Client(base_url=base, timeout=60) as browser:
        login = browser.post("/login", data={"email": email, "password": TEST_PASSWORD})
        assert login.status_code == 302
        made = browser.post("/account/tokens", data={"name": "my app", "scope": scope})
        assert made.status_code == 201
        found = re.search(r'id="new-api-token"[^>]*>([^<]+)<', made.text)
        assert found is not None
        return found.group(1)


def test_an_http_client_marks_reads_its_agenda_imports_and_solves(
    server: str, build: Builder
) -> None:
    organiser = build.user(role=Role.ORGANISER, email="olga@cluster.example")
    ana = build.user(email="ana@tice.example")
    event = build.event(
        slug="hannover-b2b",
        organisers=(organiser,),
        phase=Phase.PREFERENCES,
        sectors=SECTORS,
        technologies=TECHNOLOGIES,
        days=1,
    )
    build.participant(
        event,
        user=ana,
        organisation=Organisation(
            name="Tice", country="PT", sectors=[SECTORS[0]], technologies=["Robotics"]
        ),
    )
    olga = Client(server, token_from_account_page(server, organiser.email, "read-write"))
    me = Client(server, token_from_account_page(server, ana.email, "read-write"))
    base = f"/api/v1/organise/events/{event.slug}"

    imported = olga.call(
        "POST",
        f"{base}/participants/import",
        content=csv_bytes([good_row(n) for n in range(1, 5)] + [good_row(5, email="x")]),
        headers={"Content-Type": "text/csv"},
    )
    assert imported.status_code == 200, imported.text
    assert (imported.json()["added"], len(imported.json()["refused"])) == (4, 1)

    assert me.call("GET", "/api/v1/me").json()["email"] == ana.email
    (mine,) = me.call("GET", "/api/v1/events").json()["items"]
    catalogue = me.call("GET", f"/api/v1/events/{mine['slug']}/catalogue").json()
    people = {item["id"] for item in catalogue["items"]}
    assert len(people) == 4
    for person in sorted(people)[:3]:
        marked = me.call(
            "PUT", f"/api/v1/events/{event.slug}/marks/{person}", json={"level": "want"}
        )
        assert marked.status_code == 200, marked.text
    assert len(me.call("GET", f"/api/v1/events/{event.slug}/marks").json()["items"]) == 3
    assert me.call("GET", f"/api/v1/events/{event.slug}/agenda").json()["meetings"] == []

    started = olga.call("POST", f"{base}/solves", json={"time_limit_s": 5})
    assert started.status_code == 202, started.text
    progress_url = started.headers["Location"]
    deadline = time.monotonic() + WAIT_S
    solve = started.json()
    while solve["active"] and time.monotonic() < deadline:
        time.sleep(0.3)
        solve = olga.call("GET", progress_url).json()
    assert solve["status"] == "succeeded", solve
    assert solve["stats"]["meetings"] == 3
    applied = olga.call("POST", f"{progress_url}/apply")
    assert applied.status_code == 200 and applied.json()["added"] == 3
    assert olga.call("POST", f"{base}/schedule/publish").status_code == 200

    agenda = me.call("GET", f"/api/v1/events/{event.slug}/agenda").json()
    assert agenda["published"] is True
    assert {meeting["partner"]["id"] for meeting in agenda["meetings"]} == set(sorted(people)[:3])
    assert all(meeting["place"] for meeting in agenda["meetings"])
