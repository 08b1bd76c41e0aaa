"""Hybrid events through the web side: the solver gives online pairs no table, hand edits
keep them placeless, and the statistics count online meetings apart."""

from __future__ import annotations

from typing import Any

from flask import Flask
from flask.testing import FlaskClient

from matchmaker.models import Organisation, PreferenceLevel
from matchmaker.models.enums import EventMode


def test_a_hybrid_event_without_tables_still_meets_online(
    app: Flask,
    build: Any,
    prefer: Any,
    organiser: Any,
    confirmed: Any,
    client: FlaskClient,
    log_in: Any,
) -> None:
    # No shared table at all: only meetings with the online participant can happen.
    event = build.event(organisers=(organiser,), tables=0, mode=EventMode.HYBRID)
    online, first, second = (
        build.participant(
            event,
            online=index == 0,
            organisation=Organisation(
                name=f"Org {index}", country="DE", sectors=[], technologies=[]
            ),
        )
        for index in range(3)
    )
    prefer(first, online, PreferenceLevel.MUST)
    prefer(second, online, PreferenceLevel.MUST)
    prefer(first, second, PreferenceLevel.MUST)

    result = app.test_cli_runner().invoke(
        args=["solve", event.slug, "--time-limit", "2", "--apply"]
    )
    assert result.exit_code == 0, result.output

    meetings = confirmed(event)
    assert sorted((m.participant_a_id, m.participant_b_id) for m in meetings) == sorted(
        tuple(sorted((online.id, other.id))) for other in (first, second)
    )
    assert all(m.table_id is None and m.location is None for m in meetings)

    log_in(organiser)
    page = client.get(f"/organise/events/{event.slug}/schedule/statistics").text
    assert "Online meetings" in page
    assert "0 on site" in page
    grid = client.get(f"/organise/events/{event.slug}/schedule/grid").text
    assert "Video calls" in grid and grid.count('<a class="meeting') == 2
    csv = client.get(f"/organise/events/{event.slug}/schedule/export/meetings.csv").text
    assert csv.count(",Online,") == 2, csv


def test_an_on_site_event_ignores_the_online_flag(
    app: Flask, build: Any, prefer: Any, organiser: Any, confirmed: Any
) -> None:
    event = build.event(organisers=(organiser,), tables=0, mode=EventMode.ON_SITE)
    online, other = (build.participant(event, online=True), build.participant(event))
    prefer(other, online, PreferenceLevel.MUST)
    app.test_cli_runner().invoke(args=["solve", event.slug, "--time-limit", "2", "--apply"])
    assert confirmed(event) == []  # no table, and on site nobody meets by video
