"""Bounded reading of CSV and XLSX uploads.

Reading never holds more than the limits allow: an XLSX is read streaming (openpyxl
read-only) and refused as soon as its declared size, its unpacked size or the lines read
pass the limits, so a tiny file declaring a million rows costs no more than a small one.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from flask_babel import gettext as _

ALLOWED_EXTENSIONS = (".csv", ".xlsx")
XLSX_MAX_UNCOMPRESSED = 10 * 1024 * 1024
XLSX_MAX_MEMBERS = 1000
CSV_FIELD_LIMIT = 100_000
MAX_CELL_LENGTH = 10_000
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


class SpreadsheetError(Exception):
    """The file as a whole cannot be read (type, encoding, size); the message says why."""


@dataclass(frozen=True)
class Limits:
    """How much of a file is read: data rows, and lines (blank ones too) and columns."""

    max_rows: int
    max_columns: int

    @property
    def max_lines(self) -> int:
        """Lines read at most: every data row, and as many blank or title lines again."""
        return 2 * self.max_rows + 10

    @classmethod
    def configured(cls, config: Mapping[str, Any]) -> Limits:
        """The limits an app's configuration sets (`IMPORT_MAX_ROWS`, `IMPORT_MAX_COLUMNS`)."""
        return cls(
            max_rows=int(config["IMPORT_MAX_ROWS"]), max_columns=int(config["IMPORT_MAX_COLUMNS"])
        )


def cell_text(value: object) -> str:
    """A cell as trimmed text (spreadsheets give numbers for phone numbers and booths)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def read_lines(filename: str, data: bytes, limits: Limits) -> Iterator[list[str]]:
    """The file's lines as lists of cell texts, at most `limits.max_columns` cells each.

    Raises SpreadsheetError (while iterating, too) when the file cannot be used.
    """
    extension = Path(filename.lower()).suffix
    if extension not in ALLOWED_EXTENSIONS:
        raise SpreadsheetError(_("Upload a .csv or .xlsx file."))
    lines = _csv_lines(data) if extension == ".csv" else _xlsx_lines(data, limits)
    for number, line in enumerate(lines, start=1):
        if number > limits.max_lines:
            raise SpreadsheetError(
                _(
                    "The file has more than %(lines)d lines (blank lines count too); import "
                    "at most %(rows)d participants at a time.",
                    lines=limits.max_lines,
                    rows=limits.max_rows,
                )
            )
        if any(cell_text(value) for value in line[limits.max_columns :]):
            raise SpreadsheetError(
                _(
                    "Line %(number)d has more than %(columns)d columns; keep the "
                    "participants' columns and delete the others.",
                    number=number,
                    columns=limits.max_columns,
                )
            )
        cells = [cell_text(value) for value in line[: limits.max_columns]]
        if any(len(cell) > MAX_CELL_LENGTH for cell in cells):
            raise SpreadsheetError(
                _(
                    "Line %(number)d holds a cell of more than %(limit)d characters.",
                    number=number,
                    limit=MAX_CELL_LENGTH,
                )
            )
        yield cells


def decode_text(data: bytes) -> str:
    """UTF-8 (with or without BOM), UTF-16 (Excel's "Unicode text"), else Windows-1252."""
    if data.startswith(_UTF16_BOMS):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as error:
            raise SpreadsheetError(
                _(
                    "The file starts like UTF-16 text but is not valid UTF-16. Save it as "
                    "“CSV UTF-8” and upload it again."
                )
            ) from error
    if b"\x00" in data[:4096]:
        raise SpreadsheetError(
            _(
                "The file holds NUL bytes: it is UTF-16 or UTF-32 text without a byte order "
                "mark, or not text at all. Save it as “CSV UTF-8” and upload it again."
            )
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError as error:
            raise SpreadsheetError(
                _(
                    "The file is neither UTF-8, UTF-16 nor Windows-1252 text. Save it as "
                    "“CSV UTF-8” and upload it again."
                )
            ) from error


def _csv_lines(data: bytes) -> Iterator[list[str]]:
    text = decode_text(data)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    previous_limit = csv.field_size_limit(CSV_FIELD_LIMIT)
    try:
        yield from reader
    except csv.Error as error:
        if "field larger than field limit" in str(error):
            raise SpreadsheetError(
                _(
                    "Line %(number)d holds a cell longer than %(limit)d characters: is it "
                    "really a CSV file?",
                    number=reader.line_num,
                    limit=CSV_FIELD_LIMIT,
                )
            ) from error
        raise SpreadsheetError(_("The CSV file cannot be read: %(error)s.", error=error)) from error
    finally:
        csv.field_size_limit(previous_limit)


def _delimiter(text: str) -> str:
    """The separator the header line uses most: comma, semicolon (Excel in much of Europe)
    or tab. Cells may hold the other ones ("Co., Ltd.", "IoT, AI"), the header rarely."""
    header = next((line for line in text[:65536].splitlines() if line.strip()), "")
    return max(",;\t", key=header.count)


def _checked_archive(data: bytes, limits: Limits) -> None:
    """Refuse archives whose members would unpack to too much (zip bombs) and sheets with
    more rows than the limits, before openpyxl parses them (it reads a whole sheet just to
    learn its size when the sheet does not declare it)."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        members = archive.infolist()
        if len(members) > XLSX_MAX_MEMBERS:
            raise SpreadsheetError(
                _("The XLSX file holds too many parts to be a participant list.")
            )
        if sum(member.file_size for member in members) > XLSX_MAX_UNCOMPRESSED:
            raise SpreadsheetError(
                _(
                    "The XLSX file unpacks to more than %(size)d MB; split it or save it as CSV.",
                    size=XLSX_MAX_UNCOMPRESSED // 1024 // 1024,
                )
            )
        for member in members:
            if member.filename.startswith("xl/worksheets/") and member.filename.endswith(".xml"):
                with archive.open(member) as sheet:
                    rows = _row_tags(sheet)
                if rows > limits.max_lines:
                    raise SpreadsheetError(
                        _(
                            "A sheet of the workbook has %(count)d rows (empty ones count "
                            "too); import at most %(rows)d participants at a time.",
                            count=rows,
                            rows=limits.max_rows,
                        )
                    )


_ROW_TAG = re.compile(rb"<(?:\w+:)?row[\s/>]")


def _row_tags(sheet: IO[bytes]) -> int:
    """How many <row> elements a sheet's XML holds (counted in the bytes, not parsed)."""
    count, tail = 0, b""
    while chunk := sheet.read(1024 * 1024):
        text = tail + chunk
        count += len(_ROW_TAG.findall(text))
        # Keep a tag cut in two for the next chunk, but never count one twice.
        cut = text.rfind(b"<", max(0, len(text) - 16))
        tail = text[cut:] if cut >= 0 and not _ROW_TAG.match(text, cut) else b""
    return count


def _xlsx_lines(data: bytes, limits: Limits) -> Iterator[list[Any]]:
    # Imported here: openpyxl (with NumPy) costs every web process about 20 MB.
    from openpyxl import load_workbook

    try:
        _checked_archive(data, limits)
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, EOFError) as error:
        raise SpreadsheetError(_("The file is not a readable XLSX workbook.")) from error
    try:
        sheet = workbook.worksheets[0]
        declared_rows, declared_columns = sheet.max_row or 0, sheet.max_column or 0
        if declared_rows > limits.max_lines or declared_columns > 16 * limits.max_columns:
            raise SpreadsheetError(
                _(
                    "The sheet declares %(rows)d rows and %(columns)d columns; import at most "
                    "%(limit)d participants at a time (copy the participants' cells into a new "
                    "workbook if the sheet is mostly empty).",
                    rows=declared_rows,
                    columns=declared_columns,
                    limit=limits.max_rows,
                )
            )
        # One column more than allowed shows whether a line is too wide.
        rows = sheet.iter_rows(max_col=limits.max_columns + 1, values_only=True)
        for values in rows:
            yield list(values)
    except (zipfile.BadZipFile, KeyError, ValueError, EOFError) as error:
        raise SpreadsheetError(_("The XLSX workbook is damaged and cannot be read.")) from error
    finally:
        workbook.close()
