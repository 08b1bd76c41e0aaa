"""Meetings and participants as CSV and XLSX, safe to open in a spreadsheet.

Every text cell that a spreadsheet could read as a formula (starting with = + - @, a tab or
a carriage return) gets a leading apostrophe.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy.orm import Session

from matchmaker.live.exports import (
    attendance_rows,
    day_figure_rows,
    delegation_no_show_rows,
    no_show_rows,
)
from matchmaker.models import Event, MeetingStatus
from matchmaker.schedule import queries

Cell = str | int
Rows = list[list[Cell]]
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: Cell) -> Cell:
    """A cell value a spreadsheet shows as text, never runs as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _person(first_name: str, last_name: str, organisation: str, country: str) -> list[Cell]:
    return [f"{first_name} {last_name}".strip(), organisation, country]


def meeting_rows(session: Session, event: Event) -> Rows:
    """One row per meeting (cancelled ones too), in the event's local time."""
    zone = event.zone
    rows: Rows = [
        [
            _("Date"),
            _("Start"),
            _("End"),
            _("Place"),
            _("Participant A"),
            _("Organisation A"),
            _("Country A"),
            _("Participant B"),
            _("Organisation B"),
            _("Country B"),
            _("Status"),
            _("Locked"),
            _("Sequence"),
            "UID",
        ]
    ]
    lines = sorted(
        queries.meeting_lines(session, event),
        key=lambda m: (m.status != MeetingStatus.CONFIRMED, m.starts_at, m.place),
    )
    times: dict[tuple[datetime, datetime], list[Cell]] = {}
    for m in lines:
        when = times.get((m.starts_at, m.ends_at))
        if when is None:
            start, end = m.starts_at.astimezone(zone), m.ends_at.astimezone(zone)
            when = [f"{start:%Y-%m-%d}", f"{start:%H:%M}", f"{end:%H:%M}"]
            times[(m.starts_at, m.ends_at)] = when
        rows.append(
            [
                *when,
                m.place,
                *_person(m.a_first_name, m.a_last_name, m.a_organisation, m.a_country),
                *_person(m.b_first_name, m.b_last_name, m.b_organisation, m.b_country),
                m.status.value,
                _("yes") if m.locked else "",
                m.sequence,
                m.uid,
            ]
        )
    return rows


def participant_rows(session: Session, event: Event) -> Rows:
    """One row per participant, with their number of confirmed meetings."""
    counts = queries.confirmed_meeting_counts(session, event)
    rows: Rows = [
        [
            _("First name"),
            _("Last name"),
            _("Email"),
            _("Job title"),
            _("Organisation"),
            _("Country"),
            _("Type"),
            _("Sectors"),
            _("Booth"),
            _("Max meetings"),
            _("Meetings"),
            _("Status"),
        ]
    ]
    for p in queries.event_participants(session, event):
        org = p.organisation
        cap = p.max_meetings if p.max_meetings is not None else event.default_max_meetings
        rows.append(
            [
                p.first_name,
                p.last_name,
                p.email,
                p.job_title,
                org.name,
                org.country,
                org.type.label,
                "; ".join(org.sectors or []),
                p.location or "",
                "" if cap is None else cap,
                counts[p.id],
                _("active") if p.active else _("withdrawn"),
            ]
        )
    return rows


def to_csv(rows: Rows, title: str) -> tuple[bytes, str]:
    """UTF-8 CSV with a byte-order mark (so spreadsheets guess the encoding)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for row in rows:
        writer.writerow([neutralise(cell) for cell in row])
    return buffer.getvalue().encode("utf-8-sig"), "text/csv; charset=utf-8"


def to_xlsx(rows: Rows, title: str) -> tuple[bytes, str]:
    """An XLSX workbook with one sheet; every text cell stored as text. Written row by row
    (XlsxWriter's constant-memory mode): a fair's meetings take seconds as cell objects."""
    import xlsxwriter  # imported here: only the .xlsx exports need it

    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"constant_memory": True})
    sheet = workbook.add_worksheet(title.capitalize())
    bold = workbook.add_format({"bold": True})
    for index, row in enumerate(rows):
        style = bold if index == 0 else None
        for column, value in enumerate(row):
            if value == "":
                continue  # an empty cell, as openpyxl leaves it
            if isinstance(value, str):
                sheet.write_string(index, column, str(neutralise(value)), style)
            else:
                sheet.write_number(index, column, value, style)
    sheet.freeze_panes(1, 0)
    workbook.close()
    return (
        buffer.getvalue(),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


SHEETS: dict[str, Callable[[Session, Event], Rows]] = {
    "meetings": meeting_rows,
    "participants": participant_rows,
    "attendance": attendance_rows,
    "day-figures": day_figure_rows,
    "no-shows": no_show_rows,
    "no-shows-by-delegation": delegation_no_show_rows,
}
FORMATS: dict[str, Callable[[Rows, str], tuple[bytes, str]]] = {
    "csv": to_csv,
    "xlsx": to_xlsx,
}
