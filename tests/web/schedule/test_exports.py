"""Exports (CSV, XLSX, print sheets) with formula neutralisation, and server-drawn charts."""

from __future__ import annotations

import csv
import io
from typing import Any

from flask.testing import FlaskClient
from openpyxl import load_workbook
from sqlalchemy.orm import Session

from matchmaker.models import Organisation
from matchmaker.schedule.exports import neutralise

NASTY = {
    "first_name": '=HYPERLINK("http://evil.example","x")',
    "last_name": "+1+1",
    "job_title": "@SUM(A1)",
}


def test_neutralise_every_formula_start() -> None:
    for text in ("=1", "+1", "-1", "@A", "\tx", "\rx"):
        assert neutralise(text) == "'" + text
    assert neutralise("Ana") == "Ana"
    assert neutralise(-3) == -3


def add_nasty_meeting(build: Any, small_event: Any, seat: Any) -> Any:
    event = small_event.event
    organisation = Organisation(name="-2+3 Corp", country="MX", sectors=[], technologies=[])
    nasty = build.participant(event, organisation=organisation, **NASTY)
    seat(event, small_event.people[0], nasty, 0, 0)
    return nasty


def test_csv_exports_neutralise_formulas(
    logged_in: FlaskClient, small_event: Any, build: Any, seat: Any
) -> None:
    add_nasty_meeting(build, small_event, seat)
    slug = small_event.event.slug
    meetings = logged_in.get(f"/organise/events/{slug}/schedule/export/meetings.csv")
    assert meetings.status_code == 200 and meetings.mimetype == "text/csv"
    assert "attachment" in meetings.headers["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(meetings.data.decode("utf-8-sig"))))
    assert rows[0][:4] == ["Date", "Start", "End", "Place"]
    [row] = rows[1:]
    assert row[1:4] == ["09:00", "09:30", "T1"]
    assert "'-2+3 Corp" in row
    assert "'" + NASTY["first_name"] + " +1+1" in row
    people = logged_in.get(f"/organise/events/{slug}/schedule/export/participants.csv")
    cells = [c for r in csv.reader(io.StringIO(people.data.decode("utf-8-sig"))) for c in r]
    for value in (*NASTY.values(), "-2+3 Corp"):
        assert "'" + value in cells and value not in cells


def test_xlsx_exports_store_text_not_formulas(
    logged_in: FlaskClient, small_event: Any, build: Any, seat: Any
) -> None:
    add_nasty_meeting(build, small_event, seat)
    slug = small_event.event.slug
    for kind in ("meetings", "participants"):
        response = logged_in.get(f"/organise/events/{slug}/schedule/export/{kind}.xlsx")
        assert response.status_code == 200
        sheet = load_workbook(io.BytesIO(response.data)).active
        cells = [cell for row in sheet.iter_rows() for cell in row]
        assert all(c.data_type != "f" for c in cells)
        texts = [c.value for c in cells if isinstance(c.value, str)]
        assert "'-2+3 Corp" in texts
        assert not any(t.startswith(("=", "+", "-", "@")) for t in texts)
    participants = load_workbook(
        io.BytesIO(logged_in.get(f"/organise/events/{slug}/schedule/export/participants.xlsx").data)
    ).active
    assert [c.value for c in participants[1]][:3] == ["First name", "Last name", "Email"]
    assert participants.max_row == 1 + 7


def test_unknown_export_is_404(logged_in: FlaskClient, small_event: Any) -> None:
    slug = small_event.event.slug
    assert logged_in.get(f"/organise/events/{slug}/schedule/export/secrets.csv").status_code == 404
    assert logged_in.get(f"/organise/events/{slug}/schedule/export/meetings.pdf").status_code == 404


def test_print_sheets_one_section_per_table(
    logged_in: FlaskClient, small_event: Any, build: Any, seat: Any
) -> None:
    nasty = add_nasty_meeting(build, small_event, seat)
    page = logged_in.get(f"/organise/events/{small_event.event.slug}/schedule/print")
    html = page.data.decode()
    assert html.count('class="table-sheet"') == 3
    assert "-2+3 Corp" in html and nasty.last_name in html


def test_statistics_draw_accessible_charts(
    logged_in: FlaskClient, small_event: Any, seat: Any, session: Session, prefer: Any
) -> None:
    event, p = small_event.event, small_event.people
    seat(event, p[0], p[3], 0, 0)
    seat(event, p[1], p[3], 1, 0)
    seat(event, p[2], p[4], 2, 1)
    page = logged_in.get(f"/organise/events/{event.slug}/schedule/statistics")
    html = page.data.decode()
    assert html.count("<svg") == 4
    for chart in ("chart-countries", "chart-hours", "chart-requests", "chart-per-person"):
        assert f'aria-labelledby="{chart}-title {chart}-desc"' in html
    assert "DE–MX: 1" in html and "FR–MX: 1" in html and "ES–KR: 1" in html
    assert "Mon 09:00: 2 meetings" in html and "Mon 10:00: 1 meeting" in html
    # p0, p1 and p2 asked for 3 meetings each and got 1: one third each
    assert "26–50%: 3 participants" in html
    # p3 has 2 meetings, p0, p1, p2 and p4 one each, p5 none
    assert "0: 1 participant; 1: 4 participants; 2: 1 participant" in html
    assert "Requests met" in html and "33%" in html


def test_an_unchanged_export_answers_304_and_a_changed_one_the_new_file(
    logged_in: FlaskClient, small_event: Any, build: Any, seat: Any, session: Session
) -> None:
    nasty = add_nasty_meeting(build, small_event, seat)
    url = f"/organise/events/{small_event.event.slug}/schedule/export/meetings.csv"
    first = logged_in.get(url)
    tag = first.headers["ETag"]
    assert first.status_code == 200 and tag
    assert first.headers["Cache-Control"] == "no-store"
    again = logged_in.get(url, headers={"If-None-Match": tag})
    assert again.status_code == 304 and again.data == b""
    nasty.first_name = "Renamed"
    session.commit()
    changed = logged_in.get(url, headers={"If-None-Match": tag})
    assert changed.status_code == 200
    assert changed.headers["ETag"] != tag
    assert "Renamed +1+1" in changed.data.decode("utf-8-sig")


def test_xlsx_holds_the_same_cells_as_the_csv_with_a_bold_frozen_header(
    logged_in: FlaskClient, small_event: Any, build: Any, seat: Any
) -> None:
    add_nasty_meeting(build, small_event, seat)
    url = f"/organise/events/{small_event.event.slug}/schedule/export/meetings"
    table = list(csv.reader(io.StringIO(logged_in.get(f"{url}.csv").data.decode("utf-8-sig"))))
    sheet = load_workbook(io.BytesIO(logged_in.get(f"{url}.xlsx").data)).active
    cells = [["" if c.value is None else str(c.value) for c in row] for row in sheet.iter_rows()]
    assert cells == table
    assert sheet.title == "Meetings" and sheet.freeze_panes == "A2"
    assert all(cell.font.b for cell in sheet[1])
