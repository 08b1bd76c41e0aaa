"""Fixtures of the event-day tests: the app's clock, the live event, staff."""

from __future__ import annotations

from typing import Any

import pytest

from matchmaker.models import Role, StaffGrant, User
from tests.builders import Builder
from tests.web.live.live_helpers import Clock, LiveEvent, build_live_event


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def app_config(app_config: dict[str, Any], clock: Clock) -> dict[str, Any]:
    """The app reads "now" from the test's clock; re-plans get a short time limit."""
    return {**app_config, "CLOCK": clock, "REPLAN_TIME_LIMIT_S": 2.0}


@pytest.fixture
def live(build: Builder, session: Any) -> LiveEvent:
    return build_live_event(build, session)


@pytest.fixture
def staff_user(build: Builder, session: Any, live: LiveEvent) -> User:
    """An account with the staff role at the live event."""
    user: User = build.user(role=Role.PARTICIPANT, email="staff@example.org", name="Sam")
    session.add(StaffGrant(event_id=live.event.id, user_id=user.id))
    session.commit()
    return user
