"""The worst upload files we can build, for the limit tests and a benchmark.

Run `python -m tests.web.organiser.hostile_uploads` from the repository root to print how
long the import page takes to answer each of them (on a throw-away SQLite database).
"""

from __future__ import annotations

import io
import tempfile
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

from openpyxl import Workbook

HEADER = "First name,Last name,Email,Organisation,Country,Type"
SHEET_START = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
)


def _xlsx_with_sheet(sheet_xml: bytes) -> bytes:
    """A valid workbook whose first sheet is `sheet_xml` (deflated)."""
    buffer = io.BytesIO()
    Workbook().save(buffer)
    result = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as source,
        zipfile.ZipFile(result, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as target,
    ):
        for member in source.infolist():
            data = source.read(member)
            if member.filename == "xl/worksheets/sheet1.xml":
                data = sheet_xml
            target.writestr(member.filename, data)
    return result.getvalue()


def xlsx_declaring_every_cell() -> bytes:
    """About 1.6 KB: one row, but a declared dimension of A1:XFD1048576."""
    return _xlsx_with_sheet(
        (
            SHEET_START + '<dimension ref="A1:XFD1048576"/><sheetData>'
            '<row r="1"><c r="A1" t="inlineStr"><is><t>First name</t></is></c></row>'
            "</sheetData></worksheet>"
        ).encode()
    )


def xlsx_of_empty_rows(rows: int = 1_000_000) -> bytes:
    """About 10 KB: a million empty rows and no dimension, so only reading finds them."""
    body = "<row/>" * rows
    return _xlsx_with_sheet(f"{SHEET_START}<sheetData>{body}</sheetData></worksheet>".encode())


def xlsx_of_one_huge_cell(size: int = 9_500_000) -> bytes:
    """A header row and one cell of 9.5 MB of text, no dimension: just under the unpacked
    size limit, so openpyxl reads it all."""
    header = "".join(
        f'<c r="{column}1" t="inlineStr"><is><t>{title}</t></is></c>'
        for column, title in zip("ABCDEF", HEADER.split(","), strict=True)
    )
    cell = '<c r="A2" t="inlineStr"><is><t>' + "x" * size + "</t></is></c>"
    return _xlsx_with_sheet(
        f'{SHEET_START}<sheetData><row r="1">{header}</row><row r="2">{cell}</row>'
        "</sheetData></worksheet>".encode()
    )


def xlsx_zip_bomb(unpacked_mb: int = 200) -> bytes:
    """A sheet of spaces that unpacks to `unpacked_mb` MB (a few hundred KB packed)."""
    filler = b" " * (unpacked_mb * 1024 * 1024)
    return _xlsx_with_sheet(SHEET_START.encode() + filler + b"<sheetData/></worksheet>")


def csv_one_huge_line(size: int = 4_900_000) -> bytes:
    """A header line of two and a half million cells, no line break."""
    return b"a," * (size // 2)


def csv_one_huge_cell(size: int = 4_900_000) -> bytes:
    """A header, then a line that is one quoted cell of millions of characters."""
    return (HEADER + "\r\n").encode() + b'"' + b"x" * size + b'"\r\n'


def csv_of_blank_lines(size: int = 4_900_000) -> bytes:
    """A header and millions of empty lines."""
    return (HEADER + "\n").encode() + b"\n" * size


def csv_utf16(rows: int = 3) -> bytes:
    """Excel's "Unicode text": UTF-16 with a byte order mark, tab separated."""
    lines = [HEADER.replace(",", "\t")]
    lines += [f"Zoë\tMüller\tzoe{n}@example.org\tMüller AG\tDE\tSME" for n in range(rows)]
    return "\r\n".join(lines).encode("utf-16")


def csv_utf16_without_mark() -> bytes:
    """UTF-16 little-endian with no byte order mark."""
    return (HEADER + "\r\n").encode("utf-16-le")


FILES: dict[str, tuple[Callable[[], bytes], str]] = {
    "xlsx declaring A1:XFD1048576": (xlsx_declaring_every_cell, "declared.xlsx"),
    "xlsx of 1,000,000 empty rows": (xlsx_of_empty_rows, "empty-rows.xlsx"),
    "xlsx zip bomb (200 MB unpacked)": (xlsx_zip_bomb, "bomb.xlsx"),
    "xlsx, one cell of 9.5 MB": (xlsx_of_one_huge_cell, "big-cell.xlsx"),
    "csv, one line of 2.45 M cells": (csv_one_huge_line, "line.csv"),
    "csv, one cell of 4.9 M characters": (csv_one_huge_cell, "cell.csv"),
    "csv, 4.9 M blank lines": (csv_of_blank_lines, "blank.csv"),
    "csv in UTF-16 (3 rows)": (csv_utf16, "unicode.csv"),
    "csv in UTF-16 without BOM": (csv_utf16_without_mark, "nobom.csv"),
}


def main() -> None:
    """Post each file to the import page of a fresh app and print the answer time."""
    from matchmaker import create_app
    from matchmaker.auth.passwords import hash_password
    from matchmaker.db import Base, database
    from matchmaker.models import Event, Mission, Role, User

    with tempfile.TemporaryDirectory() as folder:
        app = create_app(
            {
                "DATABASE_URL": f"sqlite:///{Path(folder) / 'bench.sqlite3'}",
                "SECRET_KEY": "bench",
                "WTF_CSRF_ENABLED": False,
                "HUEY_IMMEDIATE": True,
                "HUEY_CONSUMER_IN_PROCESS": False,
            }
        )
        engine = database(app).engine
        Base.metadata.create_all(engine)
        with app.app_context():
            session = database(app).sessions()
            organiser = User(
                email="bench@example.org",
                password_hash=hash_password("bench password 1"),
                name="Bench",
                role=Role.ORGANISER,
            )
            mission = Mission(slug="bench", name="Bench", organisers=[organiser])
            session.add(Event(mission=mission, slug="bench", name="Bench", timezone="UTC"))
            session.commit()
        client = app.test_client()
        client.post("/login", data={"email": "bench@example.org", "password": "bench password 1"})
        print(f"{'file':36} {'size':>10} {'status':>6} {'seconds':>8}  answer")
        for label, (build, filename) in FILES.items():
            data = build()
            started = time.perf_counter()
            response = client.post(
                "/organise/events/bench/import",
                data={"file": (io.BytesIO(data), filename)},
                content_type="multipart/form-data",
            )
            elapsed = time.perf_counter() - started
            answer = _answer(response.get_data(as_text=True), response.status_code)
            print(f"{label:36} {len(data):>10} {response.status_code:>6} {elapsed:>8.3f}  {answer}")


def _answer(page: str, status: int) -> str:
    if status == 302:
        return "read: preview"
    start = page.find('class="field__errors"')
    if start < 0:
        return "?"
    text = page[page.index("<li>", start) + 4 : page.index("</li>", start)]
    return text[:70]


if __name__ == "__main__":
    main()
