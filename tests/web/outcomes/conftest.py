"""Fixtures of the outcomes tests: the app's clock and the outcomes event."""

from __future__ import annotations

from typing import Any

import pytest

from tests.builders import Builder
from tests.web.live.live_helpers import Clock, LiveEvent, build_live_event
from tests.web.outcomes.outcome_helpers import build_outcome_event


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def app_config(app_config: dict[str, Any], clock: Clock) -> dict[str, Any]:
    return {**app_config, "CLOCK": clock}


@pytest.fixture
def outcome_event(build: Builder, session: Any) -> LiveEvent:
    return build_outcome_event(build, session)


@pytest.fixture
def live(build: Builder, session: Any) -> LiveEvent:
    return build_live_event(build, session)
