"""Fixtures of the demo tests: the demo loaded directly, with cheap password hashes."""

from __future__ import annotations

import pytest
from argon2 import PasswordHasher
from sqlalchemy import select
from sqlalchemy.orm import Session

from matchmaker.demo import DemoAccounts, load_demo
from matchmaker.models import Event

_cheap_hasher = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)


@pytest.fixture
def cheap_hashing(monkeypatch: pytest.MonkeyPatch) -> None:
    """Hash demo passwords with cheap argon2 settings (still verifiable by verify_password)."""
    monkeypatch.setattr("matchmaker.demo.building.hash_password", _cheap_hasher.hash)


@pytest.fixture
def demo(session: Session, cheap_hashing: None) -> DemoAccounts:
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
