"""Import files for the organiser tests: CSV and XLSX bytes, a valid row, and reading the
preview an upload leads to."""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence

from flask.testing import FlaskClient
from openpyxl import Workbook
from sqlalchemy import select
from sqlalchemy.orm import Session
from werkzeug.test import TestResponse

from matchmaker.models import Participant

Upload = Callable[..., TestResponse]  # the `upload` fixture: upload(data, filename)

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


def preview_of(client: FlaskClient, response: TestResponse) -> tuple[str, str]:
    """The preview's URL and page an upload redirected to."""
    assert response.status_code == 302, response.get_data(as_text=True)
    url = response.headers["Location"]
    return url, client.get(url).get_data(as_text=True)


def participants_of(session: Session, event_id: int) -> list[Participant]:
    """The event's participants with their organisations, fresh, in creation order."""
    session.expire_all()
    found = list(
        session.scalars(
            select(Participant).where(Participant.event_id == event_id).order_by(Participant.id)
        )
    )
    for participant in found:
        _ = participant.organisation.name  # load while the transaction is open
    session.commit()
    return found
