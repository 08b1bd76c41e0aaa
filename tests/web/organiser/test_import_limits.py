"""Bounded uploads: the worst files we can build are refused with a clear message (their
answer times are printed by `python -m tests.web.organiser.hostile_uploads`), and a UTF-16
CSV is read as such."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from flask.testing import FlaskClient

from matchmaker.models import Event
from matchmaker.organiser.spreadsheets import Limits, SpreadsheetError, read_lines
from tests.web.organiser import hostile_uploads as hostile
from tests.web.organiser.uploads import HEADER, Upload, good_row, xlsx_bytes


@pytest.mark.parametrize(
    ("make", "filename", "message"),
    [
        (hostile.xlsx_declaring_every_cell, "declared.xlsx", "The sheet declares 1048576 rows"),
        (hostile.xlsx_of_empty_rows, "empty.xlsx", "A sheet of the workbook has 1000000 rows"),
        (hostile.xlsx_zip_bomb, "bomb.xlsx", "The XLSX file unpacks to more than 10 MB"),
        (hostile.xlsx_of_one_huge_cell, "cell.xlsx", "holds a cell of more than 10000"),
        (hostile.csv_one_huge_line, "line.csv", "Line 1 has more than 100 columns"),
        (hostile.csv_one_huge_cell, "cell.csv", "Line 2 holds a cell longer than 100000"),
        (hostile.csv_of_blank_lines, "blank.csv", "The file has more than 10010 lines"),
        (hostile.csv_utf16_without_mark, "nobom.csv", "it is UTF-16 or UTF-32 text"),
    ],
)
def test_hostile_files_are_refused_with_a_message(
    organiser_client: FlaskClient,
    event: Event,
    upload: Upload,
    make: Callable[[], bytes],
    filename: str,
    message: str,
) -> None:
    response = upload(make(), filename)
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)


def test_a_utf16_csv_is_read(organiser_client: FlaskClient, event: Event, upload: Upload) -> None:
    response = upload(hostile.csv_utf16(), "unicode.csv")
    assert response.status_code == 302
    page = organiser_client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Zoë Müller" in page and "3 new, 0 to update." in page


def test_the_column_limit_is_a_setting(
    app: object, organiser_client: FlaskClient, event: Event, upload: Upload
) -> None:
    app.config["IMPORT_MAX_COLUMNS"] = 8  # type: ignore[attr-defined]
    response = upload(xlsx_bytes([good_row(1)]), "ten-columns.xlsx")
    assert response.status_code == 400
    assert "Line 1 has more than 8 columns" in response.get_data(as_text=True)


def test_empty_trailing_columns_and_lines_within_the_limits_are_fine() -> None:
    limits = Limits(max_rows=2, max_columns=len(HEADER))
    data = xlsx_bytes([[*good_row(1), None, None], [], []])
    lines = list(read_lines("list.xlsx", data, limits))
    assert lines[0] == HEADER and len(lines[1]) == len(HEADER)


def test_reading_stops_at_the_line_limit() -> None:
    """Reading is streaming: the error comes after max_lines lines, not after the file."""
    limits = Limits(max_rows=2, max_columns=10)
    lines = read_lines("blank.csv", hostile.csv_of_blank_lines(), limits)
    read = 0
    with pytest.raises(SpreadsheetError, match="more than 14 lines"):
        for _line in lines:
            read += 1
    assert read == limits.max_lines == 14
