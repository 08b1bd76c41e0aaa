"""Participant import: read a CSV or XLSX export, check every row, keep the upload for review.

Reading and checking are pure (no database): `read_table` turns the file into raw rows,
`check_rows` validates them against the event's taxonomy and the emails already
registered. Between the preview and the confirmation the raw rows wait in the instance
folder under a random token, together with the event and the uploader they belong to.
"""

from __future__ import annotations

import csv
import io
import json
import re
import secrets
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from email_validator import EmailNotValidError, validate_email

from matchmaker.auth.countries import COUNTRY_NAMES
from matchmaker.db import utcnow
from matchmaker.models import OrganisationType
from matchmaker.organiser.countries import country_code

ALLOWED_EXTENSIONS = (".csv", ".xlsx")
PENDING_LIFETIME = timedelta(hours=1)
XLSX_MAX_UNCOMPRESSED = 50 * 1024 * 1024

# Field -> accepted header spellings, compared after `_header_key` (lower case, words only).
HEADERS: dict[str, tuple[str, ...]] = {
    "first_name": ("first name", "firstname", "given name", "forename"),
    "last_name": ("last name", "lastname", "surname", "family name"),
    "email": ("email", "e mail", "email address", "e mail address", "mail"),
    "organisation": (
        "organisation",
        "organization",
        "organisation name",
        "organization name",
        "company",
        "company name",
    ),
    "country": ("country", "country code", "organisation country", "organization country"),
    "type": (
        "type",
        "organisation type",
        "organization type",
        "type of organisation",
        "type of organization",
        "participant type",
    ),
    "sectors": ("sectors", "sector", "industry sectors", "industries"),
    "technologies": ("technologies", "technology", "technology areas"),
    "offers": ("offers", "offer", "what we offer"),
    "requests": ("requests", "request", "what we seek", "looking for"),
    "job_title": ("job title", "position"),
    "phone": ("phone", "telephone", "phone number", "mobile"),
    "website": ("website", "web site", "web", "url"),
    "booth": ("booth", "stand", "booth number", "stand number"),
}
REQUIRED_FIELDS = ("first_name", "last_name", "email", "organisation", "country", "type")
FIELD_LABELS = {
    "first_name": "first name",
    "last_name": "last name",
    "email": "email",
    "organisation": "organisation",
    "country": "country",
    "type": "type",
    "sectors": "sectors",
    "technologies": "technologies",
    "offers": "offers",
    "requests": "requests",
    "job_title": "job title",
    "phone": "phone",
    "website": "website",
    "booth": "booth",
}
MAX_LENGTHS = {
    "first_name": 100,
    "last_name": 100,
    "email": 254,
    "organisation": 200,
    "job_title": 200,
    "phone": 50,
    "website": 500,
    "booth": 200,
}
TYPE_NAMES: dict[str, OrganisationType] = {
    **{member.value.replace("_", " "): member for member in OrganisationType},
    **{member.label.casefold(): member for member in OrganisationType},
    "small and medium enterprise": OrganisationType.SME,
    "small and medium sized enterprise": OrganisationType.SME,
    "company": OrganisationType.SME,
    "large enterprise": OrganisationType.LARGE_COMPANY,
    "corporate": OrganisationType.LARGE_COMPANY,
    "corporation": OrganisationType.LARGE_COMPANY,
    "cluster organization": OrganisationType.CLUSTER,
    "research organisation": OrganisationType.RTO,
    "research organization": OrganisationType.RTO,
    "research and technology organization": OrganisationType.RTO,
    "research": OrganisationType.RTO,
    "university": OrganisationType.RTO,
    "public authority": OrganisationType.PUBLIC_BODY,
    "government": OrganisationType.PUBLIC_BODY,
}
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{20,100}$")


class ImportFileError(Exception):
    """The file as a whole cannot be imported (type, encoding, columns, size)."""


@dataclass(frozen=True)
class RawRow:
    """One data row as read: its spreadsheet row number and its cells by field."""

    number: int
    cells: dict[str, str]


@dataclass(frozen=True)
class RawTable:
    """A read file: recognised columns, ignored headers, data rows (empty rows dropped)."""

    fields: tuple[str, ...]
    ignored_headers: tuple[str, ...]
    rows: tuple[RawRow, ...]


@dataclass(frozen=True)
class RowError:
    """What is wrong in one column of a row."""

    column: str
    message: str


@dataclass(frozen=True)
class CheckedRow:
    """A row after checking: cleaned values (country ISO-2, type, taxonomy spellings)."""

    number: int
    first_name: str
    last_name: str
    email: str
    organisation: str
    country: str
    type: OrganisationType | None
    sectors: tuple[str, ...]
    technologies: tuple[str, ...]
    offers: str
    requests: str
    job_title: str
    phone: str
    website: str
    booth: str
    errors: tuple[RowError, ...] = field(default=())

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def country_name(self) -> str:
        return COUNTRY_NAMES.get(self.country, self.country)


def _header_key(header: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9]+", " ", header.casefold()).split())


_FIELD_BY_HEADER = {spelling: name for name, spellings in HEADERS.items() for spelling in spellings}


def _cell_text(value: object) -> str:
    """A cell as trimmed text (spreadsheets give numbers for phone numbers and booths)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _decode(data: bytes) -> str:
    """UTF-8 (with or without BOM), else Windows-1252 as Excel writes on Western systems."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError as error:
            raise ImportFileError(
                "The file is neither UTF-8 nor Windows-1252 text. Save it as "
                "“CSV UTF-8” and upload it again."
            ) from error


def _csv_lines(data: bytes) -> Iterator[list[str]]:
    text = _decode(data)
    sample = text[:4096]
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    try:
        yield from csv.reader(io.StringIO(text, newline=""), dialect)
    except csv.Error as error:
        raise ImportFileError(f"The CSV file cannot be read: {error}.") from error


def _xlsx_lines(data: bytes) -> Iterator[list[object]]:
    from openpyxl import load_workbook

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(member.file_size for member in archive.infolist())
        if unpacked > XLSX_MAX_UNCOMPRESSED:
            raise ImportFileError("The XLSX file unpacks to more than 50 MB; split it.")
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
        raise ImportFileError("The file is not a readable XLSX workbook.") from error
    try:
        sheet = workbook.worksheets[0]
        for values in sheet.iter_rows(values_only=True):
            yield list(values)
    finally:
        workbook.close()


def read_table(filename: str, data: bytes, max_rows: int) -> RawTable:
    """Read a .csv or .xlsx upload into raw rows; ImportFileError when it cannot be used."""
    extension = Path(filename.lower()).suffix
    if extension not in ALLOWED_EXTENSIONS:
        raise ImportFileError("Upload a .csv or .xlsx file.")
    lines: Iterator[Sequence[object]] = (
        _csv_lines(data) if extension == ".csv" else _xlsx_lines(data)
    )
    numbered = enumerate(lines, start=1)
    for _number, header_line in numbered:
        if any(_cell_text(value) for value in header_line):
            return _table_from([_cell_text(value) for value in header_line], numbered, max_rows)
    raise ImportFileError("The file is empty.")


def _table_from(
    header: list[str], lines: Iterable[tuple[int, Sequence[object]]], max_rows: int
) -> RawTable:
    """Map the header to fields, then collect the non-empty rows after it."""
    columns: dict[int, str] = {}
    ignored: list[str] = []
    for index, title in enumerate(header):
        name = _FIELD_BY_HEADER.get(_header_key(title))
        if name is None or name in columns.values():
            if title:
                ignored.append(title)
            continue
        columns[index] = name
    missing = [FIELD_LABELS[name] for name in REQUIRED_FIELDS if name not in columns.values()]
    if missing:
        raise ImportFileError(
            "The header row lacks the column(s): " + ", ".join(missing) + ". The first "
            "non-empty row must name the columns (e.g. First name, Last name, Email, "
            "Organisation, Country, Type)."
        )
    rows: list[RawRow] = []
    for number, line in lines:
        cells = {
            name: _cell_text(line[index]) if index < len(line) else ""
            for index, name in columns.items()
        }
        if not any(cells.values()):
            continue
        if len(rows) == max_rows:
            raise ImportFileError(
                f"The file has more than {max_rows} participants; import at most "
                f"{max_rows} at a time."
            )
        rows.append(RawRow(number, cells))
    if not rows:
        raise ImportFileError("The file has a header row but no participants.")
    return RawTable(tuple(columns.values()), tuple(ignored), tuple(rows))


def _split_list(text: str) -> list[str]:
    return [item.strip() for item in re.split(r"[;,\n]", text) if item.strip()]


TAXONOMY_SINGULAR = {"sectors": "sector", "technologies": "technology"}


def _taxonomy_terms(
    text: str, taxonomy: Sequence[str], column: str, errors: list[RowError]
) -> tuple[str, ...]:
    """The taxonomy's spelling of each listed term; an error names each unknown term."""
    known = {term.casefold(): term for term in taxonomy}
    terms: list[str] = []
    for item in _split_list(text):
        term = known.get(item.casefold())
        if term is None:
            where = "see the list above" if taxonomy else "the event has none set up"
            errors.append(
                RowError(column, f"Unknown {TAXONOMY_SINGULAR[column]} “{item}” ({where}).")
            )
        elif term not in terms:
            terms.append(term)
    return tuple(terms)


def _checked_text(cells: dict[str, str], name: str, errors: list[RowError]) -> str:
    """The cell's text; records a missing required value or an over-long one."""
    value = cells.get(name, "")
    label = FIELD_LABELS[name]
    limit = MAX_LENGTHS.get(name)
    if not value and name in REQUIRED_FIELDS:
        errors.append(RowError(label, f"The {label} is missing."))
    elif limit is not None and len(value) > limit:
        errors.append(RowError(label, f"Longer than {limit} characters ({len(value)})."))
    return value


def check_rows(
    table: RawTable,
    *,
    sectors: Sequence[str],
    technologies: Sequence[str],
    registered_emails: set[str],
) -> list[CheckedRow]:
    """Validate every row; each problem becomes a `RowError` naming the column.

    `registered_emails` are the lower-cased emails already in the event.
    """
    first_row_of_email: dict[str, int] = {}
    checked = [
        _check_row(row, sectors, technologies, registered_emails, first_row_of_email)
        for row in table.rows
    ]
    return _with_consistent_organisations(checked)


def _with_consistent_organisations(rows: list[CheckedRow]) -> list[CheckedRow]:
    """Flag a row naming an organisation of the file with another country or type.

    The import creates one organisation per name from the first row naming it, so a later
    row that disagrees would be silently overruled.
    """
    first: dict[str, CheckedRow] = {}
    result: list[CheckedRow] = []
    for row in rows:
        comparable = row.type is not None and row.country in COUNTRY_NAMES
        earlier = first.setdefault(row.organisation.casefold(), row) if comparable else row
        if earlier is not row and (earlier.country, earlier.type) != (row.country, row.type):
            assert earlier.type is not None
            message = (
                f"{earlier.organisation} is {earlier.country_name}, {earlier.type.label} "
                f"in row {earlier.number}: one organisation has one country and type."
            )
            row = replace(row, errors=(*row.errors, RowError("organisation", message)))
        result.append(row)
    return result


def _check_row(
    row: RawRow,
    sectors: Sequence[str],
    technologies: Sequence[str],
    registered_emails: set[str],
    first_row_of_email: dict[str, int],
) -> CheckedRow:
    cells = row.cells
    errors: list[RowError] = []
    first_name = _checked_text(cells, "first_name", errors)
    last_name = _checked_text(cells, "last_name", errors)
    email = _checked_text(cells, "email", errors)
    if email:
        email = _checked_email(email, row.number, registered_emails, first_row_of_email, errors)
    organisation = _checked_text(cells, "organisation", errors)
    country = _checked_text(cells, "country", errors)
    if country:
        code = country_code(country)
        if code is None:
            message = f"Unknown country “{country}” (use an ISO code like DE or an English name)."
            errors.append(RowError("country", message))
        country = code or country
    type_text = _checked_text(cells, "type", errors)
    organisation_type = TYPE_NAMES.get(_header_key(type_text)) if type_text else None
    if type_text and organisation_type is None:
        allowed = ", ".join(member.label for member in OrganisationType)
        errors.append(RowError("type", f"Unknown type “{type_text}” (use one of: {allowed})."))
    return CheckedRow(
        number=row.number,
        first_name=first_name,
        last_name=last_name,
        email=email,
        organisation=organisation,
        country=country,
        type=organisation_type,
        sectors=_taxonomy_terms(cells.get("sectors", ""), sectors, "sectors", errors),
        technologies=_taxonomy_terms(
            cells.get("technologies", ""), technologies, "technologies", errors
        ),
        offers=cells.get("offers", ""),
        requests=cells.get("requests", ""),
        job_title=_checked_text(cells, "job_title", errors),
        phone=_checked_text(cells, "phone", errors),
        website=_checked_text(cells, "website", errors),
        booth=_checked_text(cells, "booth", errors),
        errors=tuple(errors),
    )


def _checked_email(
    email: str,
    number: int,
    registered_emails: set[str],
    first_row_of_email: dict[str, int],
    errors: list[RowError],
) -> str:
    """The normalised (lower-case) address; records bad syntax and duplicates as errors."""
    try:
        normalised = validate_email(email, check_deliverability=False).normalized.lower()
    except EmailNotValidError as error:
        errors.append(RowError("email", f"“{email}” is not a valid email address: {error}"))
        return email
    if normalised in registered_emails:
        errors.append(RowError("email", f"{normalised} is already registered for this event."))
    elif normalised in first_row_of_email:
        errors.append(
            RowError(
                "email",
                f"{normalised} appears again (first in row {first_row_of_email[normalised]}).",
            )
        )
    else:
        first_row_of_email[normalised] = number
    return normalised


@dataclass(frozen=True)
class PendingImport:
    """An upload waiting for confirmation."""

    token: str
    filename: str
    created_at: datetime
    table: RawTable


def _pending_folder(instance_folder: Path) -> Path:
    folder = instance_folder / "imports"
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    return folder


def save_pending(
    instance_folder: Path, *, event_id: int, user_id: int, filename: str, table: RawTable
) -> str:
    """Store the upload's raw rows under a new random token (and drop expired uploads)."""
    folder = _pending_folder(instance_folder)
    now = utcnow()
    for stale in folder.glob("*.json"):
        if now - datetime.fromtimestamp(stale.stat().st_mtime, now.tzinfo) > PENDING_LIFETIME:
            stale.unlink(missing_ok=True)
    token = secrets.token_urlsafe(24)
    record = {
        "event_id": event_id,
        "user_id": user_id,
        "filename": filename,
        "created_at": now.isoformat(),
        "fields": list(table.fields),
        "ignored_headers": list(table.ignored_headers),
        "rows": [[row.number, row.cells] for row in table.rows],
    }
    (folder / f"{token}.json").write_text(json.dumps(record), encoding="utf-8")
    return token


def load_pending(
    instance_folder: Path, token: str, *, event_id: int, user_id: int
) -> PendingImport | None:
    """The upload stored under `token` if it is this event's and user's and not expired."""
    if not _TOKEN.match(token):
        return None
    path = _pending_folder(instance_folder) / f"{token}.json"
    try:
        record: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    created_at = datetime.fromisoformat(record["created_at"])
    if (
        record["event_id"] != event_id
        or record["user_id"] != user_id
        or utcnow() - created_at > PENDING_LIFETIME
    ):
        return None
    table = RawTable(
        fields=tuple(record["fields"]),
        ignored_headers=tuple(record["ignored_headers"]),
        rows=tuple(RawRow(number, cells) for number, cells in record["rows"]),
    )
    return PendingImport(token, record["filename"], created_at, table)


def discard_pending(instance_folder: Path, token: str) -> None:
    """Forget a stored upload (after import or when cancelled)."""
    if _TOKEN.match(token):
        (_pending_folder(instance_folder) / f"{token}.json").unlink(missing_ok=True)
