"""Fixtures of the demo tests: the demo loaded directly (tests hash passwords cheaply)."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from matchmaker.demo import DemoAccounts, load_demo
from matchmaker.models import Event


@pytest.fixture
def demo(session: Session) -> DemoAccounts:
    """The demo, loaded and committed."""
    accounts = load_demo(session)
    session.commit()
    return accounts


def event_by_slug(session: Session, slug: str) -> Event:
    """The event with this slug (fails the test if missing)."""
    return session.scalars(select(Event).where(Event.slug == slug)).one()


@pytest.fixture
def hannover(session: Session, demo: DemoAccounts) -> Event:
    return event_by_slug(session, "hannover-messe-2027")


@pytest.fixture
def computex(session: Session, demo: DemoAccounts) -> Event:
    return event_by_slug(session, "computex-2027")
