"""`flask solve` and `flask publish`: the same code as the buttons."""

from __future__ import annotations

from typing import Any

from flask import Flask
from sqlalchemy.orm import Session

from matchmaker.models import Phase, RunStatus


def test_solve_prints_then_applies_only_when_asked_and_publish(
    app: Flask, small_event: Any, confirmed: Any, reload: Any, session: Session
) -> None:
    event = small_event.event
    runner = app.test_cli_runner()
    dry = runner.invoke(args=["solve", event.slug, "--time-limit", "2"])
    assert dry.exit_code == 0, dry.output
    assert "succeeded" in dry.output and "9 meetings" in dry.output
    assert "9 added" in dry.output and "not applied" in dry.output
    assert confirmed(event) == []

    applied = runner.invoke(args=["solve", event.slug, "--time-limit", "2", "--apply"])
    assert applied.exit_code == 0, applied.output
    assert "applied: 9 added" in applied.output
    assert len(confirmed(event)) == 9
    statuses = [r.status for r in reload(event).runs]
    session.commit()
    assert statuses == [RunStatus.SUCCEEDED, RunStatus.SUCCEEDED]

    published = runner.invoke(args=["publish", event.slug])
    assert published.exit_code == 0, published.output
    assert "published (9 meetings)" in published.output
    assert reload(event).phase == Phase.PUBLISHED


def test_unknown_event_and_empty_schedule_fail_cleanly(app: Flask, small_event: Any) -> None:
    runner = app.test_cli_runner()
    unknown = runner.invoke(args=["solve", "no-such-event"])
    assert unknown.exit_code != 0 and "no event with the slug" in unknown.output
    empty = runner.invoke(args=["publish", small_event.event.slug])
    assert empty.exit_code != 0 and "no schedule to publish" in empty.output
    help_text = runner.invoke(args=["solve", "--help"]).output
    assert "--apply" in help_text and "--time-limit" in help_text
