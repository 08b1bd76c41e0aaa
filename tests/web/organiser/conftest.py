"""Organiser-area fixtures: an organiser with an event of theirs, logging in, uploads (the
files themselves are built by `tests.web.organiser.uploads`)."""

from __future__ import annotations

import io
from collections.abc import Callable

import pytest
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from matchmaker.models import Event, Phase, Role, User
from tests.builders import Builder
from tests.web.organiser.uploads import SECTORS, TECHNOLOGIES


@pytest.fixture
def organiser(build: Builder) -> User:
    return build.user(role=Role.ORGANISER, email="olga@cluster.example", name="Olga Organiser")


@pytest.fixture
def admin(build: Builder) -> User:
    return build.user(role=Role.ADMIN, email="admin@matchmaker.example", name="Ada Admin")


@pytest.fixture
def event(build: Builder, organiser: User) -> Event:
    """The organiser's event: one day, 09:00-11:00 in Berlin (4 slots), 3 tables, taxonomy."""
    return build.event(
        slug="hannover-b2b",
        name="EU–US Cluster B2B, Hannover Messe",
        organisers=(organiser,),
        phase=Phase.REGISTRATION,
        sectors=SECTORS,
        technologies=TECHNOLOGIES,
        default_max_meetings=8,
    )


@pytest.fixture
def organiser_client(
    client: FlaskClient, organiser: User, log_in: Callable[[User], None]
) -> FlaskClient:
    """The test client, logged in as the event's organiser."""
    log_in(organiser)
    return client


@pytest.fixture
def upload(organiser_client: FlaskClient, event: Event) -> Callable[..., TestResponse]:
    """POST a file to the event's import page."""

    def post(data: bytes, filename: str = "participants.csv") -> TestResponse:
        return organiser_client.post(
            f"/organise/events/{event.slug}/import",
            data={"file": (io.BytesIO(data), filename)},
            content_type="multipart/form-data",
        )

    return post
