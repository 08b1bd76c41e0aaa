"""Organiser-area fixtures: an organiser with an event of theirs, logging in, uploads."""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from datetime import time

import pytest
from flask.testing import FlaskClient
from openpyxl import Workbook
from werkzeug.test import TestResponse

from matchmaker.models import Event, Phase, Role, User
from tests.conftest import Builder

SECTORS = ["ICT and micro-electronics", "Mobility and transport", "Environmental technologies"]
TECHNOLOGIES = ["Robotics", "IoT", "Additive manufacturing"]
HEADER = [
    "First Name",
    "Last Name",
    "E-mail",
    "Organization",
    "Country",
    "Type",
    "Sectors",
    "Technologies",
    "Offers",
    "Requests",
]


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


def csv_bytes(rows: Sequence[Sequence[str]], header: Sequence[str] = HEADER) -> bytes:
    """A UTF-8 CSV file (with BOM, as Excel writes it)."""
    lines = [",".join(_csv_cell(cell) for cell in row) for row in [header, *rows]]
    return ("\ufeff" + "\r\n".join(lines) + "\r\n").encode("utf-8")


def _csv_cell(cell: str) -> str:
    return '"' + cell.replace('"', '""') + '"' if any(c in cell for c in ',;"\n') else cell


def xlsx_bytes(rows: Sequence[Sequence[object]], header: Sequence[str] = HEADER) -> bytes:
    """An XLSX workbook with one sheet: the header, then the rows."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(list(header))
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def good_row(number: int, **changes: str) -> list[str]:
    """A valid participant row; `changes` replace cells by HEADER-like keys."""
    row = {
        "first": f"Person{number}",
        "last": f"Family{number}",
        "email": f"person{number}@company{number}.example",
        "organisation": f"Company {number}",
        "country": "DE",
        "type": "SME",
        "sectors": "ICT and micro-electronics",
        "technologies": "Robotics; IoT",
        "offers": "Sensors",
        "requests": "Distributors",
    }
    row.update(changes)
    return list(row.values())


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


def block_times() -> tuple[tuple[time, time], ...]:
    return ((time(9), time(11)),)
