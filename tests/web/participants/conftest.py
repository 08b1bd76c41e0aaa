"""Fixtures for the participant pages: an event with a taxonomy, me, others, logging in."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import time

import pytest

from matchmaker.db import utcnow
from matchmaker.models import (
    Event,
    Organisation,
    OrganisationMember,
    OrganisationType,
    Participant,
    Phase,
    User,
)
from tests.builders import Builder

TECHNOLOGIES = ["Additive manufacturing", "Robotics", "IoT", "AI", "Machine vision"]
SECTORS = ["ICT and micro-electronics", "Mobility and transport", "Health and biotech"]


@dataclass
class Me:
    """The logged-in participant and their account."""

    user: User
    participant: Participant
    event: Event


def organisation(name: str, **fields: object) -> Organisation:
    """An organisation with empty lists unless given."""
    defaults: dict[str, object] = {
        "country": "DE",
        "sectors": [],
        "technologies": [],
        "type": OrganisationType.SME,
    }
    return Organisation(name=name, **{**defaults, **fields})


@pytest.fixture
def event(build: Builder) -> Event:
    """Two days with a morning and an afternoon block, a taxonomy, limits and a cap."""
    return build.event(
        slug="hannover-b2b",
        name="EU–US Cluster B2B, Hannover Messe",
        days=2,
        blocks=((time(9), time(10)), (time(14), time(15))),
        phase=Phase.PREFERENCES,
        technologies=TECHNOLOGIES,
        sectors=SECTORS,
        limit_must=2,
        limit_want=3,
        default_max_meetings=8,
    )


@pytest.fixture
def me(build: Builder, event: Event) -> Me:
    """A participant of `event` with an account, an approved member of their organisation:
    an SME seeking additive manufacturing."""
    user = build.user(email="ana@tice.example")
    participant = build.participant(
        event,
        user=user,
        first_name="Ana",
        last_name="Silva",
        organisation=organisation(
            "Tice Robotics",
            country="PT",
            technologies=["Robotics", "IoT"],
            sectors=["ICT and micro-electronics"],
            offers="Collaborative robotics cells for SMEs",
            requests="We seek additive manufacturing partners",
        ),
    )
    build.session.add(
        OrganisationMember(
            organisation_id=participant.organisation_id, user_id=user.id, approved_at=utcnow()
        )
    )
    build.session.commit()
    return Me(user, participant, event)


@pytest.fixture
def logged_in(me: Me, log_in: Callable[[User], None]) -> Me:
    """`me`, logged in."""
    log_in(me.user)
    return me
