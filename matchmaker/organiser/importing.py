"""Participant import: read a CSV or XLSX export, check every row, keep the upload for review.

Reading and checking are pure (no database): `read_table` turns the file into raw rows
(within limits, see `spreadsheets`), `check_rows` validates them against the event's lists
(`terms`) and compares the people already registered. Between the preview and the
confirmation the raw rows wait in the instance folder under a random token, together with
the event and the uploader they belong to; after a partial import they stay there (marked
imported) so that the refused rows can still be downloaded.
"""

from __future__ import annotations

import json
import re
import secrets
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from email_validator import EmailNotValidError, validate_email
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from matchmaker.auth.countries import COUNTRY_NAMES
from matchmaker.db import utcnow
from matchmaker.models import OrganisationType, TermKind
from matchmaker.organiser.spreadsheets import Limits, SpreadsheetError, read_lines
from matchmaker.organiser.terms import Vocabularies

PENDING_LIFETIME = timedelta(hours=1)

# Field -> accepted header spellings, compared after `_header_key` (lower case, words only).
HEADERS: dict[str, tuple[str, ...]] = {
    "first_name": ("first name", "firstname", "given name", "forename", "first names", "vorname"),
    "last_name": ("last name", "lastname", "surname", "family name", "nachname"),
    "email": (
        "email",
        "e mail",
        "email address",
        "e mail address",
        "mail",
        "contact email",
        "business email",
    ),
    "organisation": (
        "organisation",
        "organization",
        "organisation name",
        "organization name",
        "company",
        "company name",
        "institution",
        "employer",
        "firma",
        "unternehmen",
    ),
    "country": (
        "country",
        "country code",
        "organisation country",
        "organization country",
        "country of origin",
        "company country",
        "land",
    ),
    "type": (
        "type",
        "organisation type",
        "organization type",
        "type of organisation",
        "type of organization",
        "participant type",
        "org type",
        "company type",
    ),
    "sectors": ("sectors", "sector", "sector s", "industry sectors", "industries", "industry"),
    "technologies": (
        "technologies",
        "technology",
        "technology s",
        "technology areas",
        "key technologies",
        "technology fields",
    ),
    "offers": ("offers", "offer", "what we offer", "we offer"),
    "requests": ("requests", "request", "what we seek", "looking for", "we seek"),
    "job_title": ("job title", "position", "function", "role"),
    "phone": ("phone", "telephone", "phone number", "mobile", "mobile phone", "tel", "telefon"),
    "website": ("website", "web site", "web", "url", "homepage"),
    "booth": ("booth", "stand", "booth number", "stand number", "booth no", "stand no"),
    "online": ("online", "attends online", "remote", "virtual", "online participation"),
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
    "online": "online",
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
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{20,100}$")
TERM_COLUMNS = {
    "sectors": TermKind.SECTOR,
    "technologies": TermKind.TECHNOLOGY,
    "country": TermKind.COUNTRY,
    "type": TermKind.TYPE,
}
# The lists' names on the import pages.
TERM_LABELS = {
    TermKind.SECTOR: _l("Sector"),
    TermKind.TECHNOLOGY: _l("Technology"),
    TermKind.COUNTRY: _l("Country"),
    TermKind.TYPE: _l("Organisation type"),
}
MAX_TERM_LENGTH = 100
# A row's problem when a required cell is empty.
MISSING = {
    "first_name": _l("The first name is missing."),
    "last_name": _l("The last name is missing."),
    "email": _l("The email is missing."),
    "organisation": _l("The organisation is missing."),
    "country": _l("The country is missing."),
    "type": _l("The type is missing."),
}
# A row's problem when a term is not on the event's list.
UNKNOWN_TERM = {
    TermKind.SECTOR: _l("Unknown sector “%(term)s”: map it above."),
    TermKind.TECHNOLOGY: _l("Unknown technology “%(term)s”: map it above."),
    TermKind.COUNTRY: _l("Unknown country “%(term)s”: map it above."),
    TermKind.TYPE: _l("Unknown organisation type “%(term)s”: map it above."),
}
# The preview's names of the fields a re-import changes.
CHANGE_LABELS = {
    "first_name": _l("First name"),
    "last_name": _l("Last name"),
    "job_title": _l("Job title"),
    "phone": _l("Phone"),
    "booth": _l("Booth"),
    "organisation": _l("Organisation"),
    "country": _l("Country"),
    "type": _l("Type"),
    "sectors": _l("Sectors"),
    "technologies": _l("Technologies"),
    "offers": _l("Offers"),
    "requests": _l("Requests"),
    "website": _l("Website"),
    "online": _l("Online"),
}
# What a re-import compares and may change, in the order the preview lists changes.
UPDATED_FIELDS = (
    "first_name",
    "last_name",
    "job_title",
    "phone",
    "booth",
    "organisation",
    "country",
    "type",
    "sectors",
    "technologies",
    "offers",
    "requests",
    "website",
    "online",
)
# How a cell of the "online" column may say yes or no (a cell left empty says nothing).
ONLINE_ANSWERS = {
    # Yes and no in the interface's languages too: sheets are filled in by partners abroad.
    **dict.fromkeys(
        [
            *("yes", "y", "true", "1", "x", "online", "remote"),
            *("ja", "oui", "sí", "si", "sì", "sim", "是"),
        ],
        "yes",
    ),
    **dict.fromkeys(
        [
            *("no", "n", "false", "0", "on site", "onsite", "in person"),
            *("nein", "non", "não", "nao", "nej", "否"),
        ],
        "no",
    ),
}


@dataclass(frozen=True)
class RawRow:
    """One data row as read: its line number, its cells by field, and every cell as read."""

    number: int
    cells: dict[str, str]
    values: tuple[str, ...]


@dataclass(frozen=True)
class RawTable:
    """A read file: its header as written, recognised columns, ignored headers, data rows
    (empty rows dropped)."""

    header: tuple[str, ...]
    fields: tuple[str, ...]
    ignored_headers: tuple[str, ...]
    rows: tuple[RawRow, ...]


@dataclass(frozen=True)
class RowError:
    """What is wrong in one column of a row."""

    column: str
    message: str


@dataclass(frozen=True)
class FieldChange:
    """A value a re-import changes for a registered person, as shown to the organiser."""

    label: str
    old: str
    new: str


@dataclass(frozen=True)
class PersonRecord:
    """What the event holds about a registered person, in the import's terms."""

    first_name: str
    last_name: str
    job_title: str
    phone: str
    booth: str
    organisation: str
    country: str
    type: OrganisationType
    sectors: tuple[str, ...]
    technologies: tuple[str, ...]
    offers: str
    requests: str
    website: str
    online: str = ""  # "yes" or "no"


@dataclass(frozen=True)
class CheckedRow:
    """A row after checking: cleaned values (country ISO-2, type, the lists' spellings),
    and for a person already registered, what the row would change."""

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
    registered: bool = False
    changes: tuple[FieldChange, ...] = field(default=())
    online: str = ""  # "yes", "no", or "" when the row does not say

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def status(self) -> str:
        """ "refused", "new", "update" or "unchanged"."""
        if self.errors:
            return "refused"
        if not self.registered:
            return "new"
        return "update" if self.changes else "unchanged"

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def country_name(self) -> str:
        return COUNTRY_NAMES.get(self.country, self.country)


@dataclass(frozen=True)
class UnknownTerm:
    """A term of the file that matches nothing in its list, with the rows using it."""

    kind: TermKind
    text: str
    key: str
    rows: tuple[int, ...]
    suggestions: tuple[str, ...]


@dataclass(frozen=True)
class CheckedImport:
    """Every row checked, and the terms the organiser still has to map."""

    rows: list[CheckedRow]
    unknown_terms: list[UnknownTerm]

    def count(self, status: str) -> int:
        return sum(row.status == status for row in self.rows)

    @property
    def ready(self) -> list[CheckedRow]:
        """The rows that import: new people and changed ones."""
        return [row for row in self.rows if row.status in ("new", "update")]

    @property
    def refused(self) -> list[CheckedRow]:
        return [row for row in self.rows if not row.ok]


def _header_key(header: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9]+", " ", header.casefold()).split())


_FIELD_BY_HEADER = {spelling: name for name, spellings in HEADERS.items() for spelling in spellings}


def read_table(filename: str, data: bytes, limits: Limits) -> RawTable:
    """Read a .csv or .xlsx upload into raw rows; SpreadsheetError when it cannot be used."""
    numbered = enumerate(read_lines(filename, data, limits), start=1)
    for _number, header_line in numbered:
        if any(header_line):
            return _table_from(header_line, numbered, limits.max_rows)
    raise SpreadsheetError(_("The file is empty."))


def _table_from(
    header: list[str], lines: Iterable[tuple[int, list[str]]], max_rows: int
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
        # The column names stay English: they are what the file's header must say.
        raise SpreadsheetError(
            _(
                "The header row lacks the column(s): %(columns)s. The first non-empty row must "
                "name the columns (e.g. First name, Last name, Email, Organisation, Country, "
                "Type).",
                columns=", ".join(missing),
            )
        )
    width = len(header)
    rows: list[RawRow] = []
    for number, line in lines:
        cells = {name: line[index] if index < len(line) else "" for index, name in columns.items()}
        if not any(cells.values()):
            continue
        if len(rows) == max_rows:
            raise SpreadsheetError(
                _(
                    "The file has more than %(count)d participants; import at most %(count)d "
                    "at a time.",
                    count=max_rows,
                )
            )
        values = tuple(line[:width]) + ("",) * (width - len(line))
        rows.append(RawRow(number, cells, values))
    if not rows:
        raise SpreadsheetError(_("The file has a header row but no participants."))
    return RawTable(tuple(header), tuple(columns.values()), tuple(ignored), tuple(rows))


def _split_list(text: str) -> list[str]:
    return [item.strip() for item in re.split(r"[;,\n]", text) if item.strip()]


class _TermReader:
    """Reads term cells against the vocabularies and gathers the unknown terms."""

    def __init__(self, lists: Vocabularies) -> None:
        self.lists = lists
        self.unknown: dict[tuple[TermKind, str], tuple[str, list[int]]] = {}

    def value(self, kind: TermKind, text: str, row: int, errors: list[RowError]) -> str | None:
        """The value `text` stands for ("" when the mission leaves it out); None, and an
        error, when it is unknown."""
        vocabulary = self.lists.of(kind)
        value = vocabulary.resolve(text)
        if value is not None:
            return value
        column = next(name for name, of in TERM_COLUMNS.items() if of == kind)
        if len(text) > MAX_TERM_LENGTH:
            errors.append(
                RowError(
                    column,
                    _("A term longer than %(limit)d characters.", limit=MAX_TERM_LENGTH),
                )
            )
            return None
        key = vocabulary.key(text) or text.casefold()
        rows = self.unknown.setdefault((kind, key), (text, []))[1]
        if row not in rows:
            rows.append(row)
        errors.append(RowError(column, str(UNKNOWN_TERM[kind]) % {"term": text}))
        return None

    def listed(
        self, kind: TermKind, text: str, row: int, errors: list[RowError]
    ) -> tuple[str, ...]:
        """The list's spelling of each term of the cell; terms left out are dropped."""
        terms: list[str] = []
        for item in _split_list(text):
            value = self.value(kind, item, row, errors)
            if value and value not in terms:
                terms.append(value)
        return tuple(terms)

    def unknown_terms(self) -> list[UnknownTerm]:
        return [
            UnknownTerm(
                kind,
                text,
                key,
                tuple(rows),
                tuple(self.lists.of(kind).nearest(text)),
            )
            for (kind, key), (text, rows) in self.unknown.items()
        ]


def _checked_text(cells: dict[str, str], name: str, errors: list[RowError]) -> str:
    """The cell's text; records a missing required value or an over-long one."""
    value = cells.get(name, "")
    label = FIELD_LABELS[name]
    limit = MAX_LENGTHS.get(name)
    if not value and name in REQUIRED_FIELDS:
        errors.append(RowError(label, str(MISSING[name])))
    elif limit is not None and len(value) > limit:
        errors.append(
            RowError(
                label,
                _(
                    "Longer than %(limit)d characters (%(length)d).",
                    limit=limit,
                    length=len(value),
                ),
            )
        )
    return value


def check_rows(
    table: RawTable, *, lists: Vocabularies, registered: Mapping[str, PersonRecord]
) -> CheckedImport:
    """Validate every row; each problem becomes a `RowError` naming the column.

    `registered` are the event's people by lower-cased email: their rows update them, and
    each row lists what it would change (only the columns of the file, and only non-empty
    cells: the rest is left as it is).
    """
    reader = _TermReader(lists)
    first_row_of_email: dict[str, int] = {}
    checked = [_check_row(row, reader, first_row_of_email) for row in table.rows]
    rows = [
        _compared(row, registered[row.email], table.fields) if row.email in registered else row
        for row in _with_consistent_organisations(checked)
    ]
    return CheckedImport(rows, reader.unknown_terms())


def _shown(name: str, value: object) -> str:
    if isinstance(value, tuple):
        return "; ".join(value)
    if isinstance(value, OrganisationType):
        return value.label
    if name == "country":
        return COUNTRY_NAMES.get(str(value), str(value))
    return str(value)


def _compared(row: CheckedRow, person: PersonRecord, fields: Sequence[str]) -> CheckedRow:
    """The row marked as registered, with the changes of its non-empty cells."""
    changes: list[FieldChange] = []
    for name in UPDATED_FIELDS:
        new, old = getattr(row, name), getattr(person, name)
        if name not in fields or new in ("", (), None):
            continue
        same = new.casefold() == old.casefold() if name == "organisation" else new == old
        if not same:
            label = str(CHANGE_LABELS[name])
            changes.append(FieldChange(label, _shown(name, old) or "—", _shown(name, new)))
    return replace(row, registered=True, changes=tuple(changes))


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
            message = _(
                "%(organisation)s is %(country)s, %(type)s in row %(row)d: one organisation "
                "has one country and type.",
                organisation=earlier.organisation,
                country=earlier.country_name,
                type=earlier.type.label,
                row=earlier.number,
            )
            row = replace(row, errors=(*row.errors, RowError("organisation", message)))
        result.append(row)
    return result


def _check_row(row: RawRow, reader: _TermReader, first_row_of_email: dict[str, int]) -> CheckedRow:
    cells = row.cells
    errors: list[RowError] = []
    first_name = _checked_text(cells, "first_name", errors)
    last_name = _checked_text(cells, "last_name", errors)
    email = _checked_text(cells, "email", errors)
    if email:
        email = _checked_email(email, row.number, first_row_of_email, errors)
    organisation = _checked_text(cells, "organisation", errors)
    country_text = _checked_text(cells, "country", errors)
    country = (
        reader.value(TermKind.COUNTRY, country_text, row.number, errors) if country_text else None
    )
    type_text = _checked_text(cells, "type", errors)
    type_value = reader.value(TermKind.TYPE, type_text, row.number, errors) if type_text else None
    return CheckedRow(
        number=row.number,
        first_name=first_name,
        last_name=last_name,
        email=email,
        organisation=organisation,
        country=country or country_text,
        type=OrganisationType(type_value) if type_value else None,
        sectors=reader.listed(TermKind.SECTOR, cells.get("sectors", ""), row.number, errors),
        technologies=reader.listed(
            TermKind.TECHNOLOGY, cells.get("technologies", ""), row.number, errors
        ),
        offers=cells.get("offers", ""),
        requests=cells.get("requests", ""),
        job_title=_checked_text(cells, "job_title", errors),
        phone=_checked_text(cells, "phone", errors),
        website=_checked_text(cells, "website", errors),
        booth=_checked_text(cells, "booth", errors),
        online=_checked_online(cells.get("online", ""), errors),
        errors=tuple(errors),
    )


def _checked_online(value: str, errors: list[RowError]) -> str:
    """ "yes", "no" or "" (not said); records a cell that is neither."""
    if not value:
        return ""
    answer = ONLINE_ANSWERS.get(" ".join(value.casefold().split()))
    if answer is None:
        errors.append(
            RowError("online", _("“%(value)s”: write yes (attends online) or no.", value=value))
        )
        return ""
    return answer


def _checked_email(
    email: str, number: int, first_row_of_email: dict[str, int], errors: list[RowError]
) -> str:
    """The normalised (lower-case) address; records bad syntax and repeats as errors."""
    try:
        normalised = validate_email(email, check_deliverability=False).normalized.lower()
    except EmailNotValidError as error:
        errors.append(
            RowError(
                "email",
                _(
                    "“%(email)s” is not a valid email address: %(error)s",
                    email=email,
                    error=error,
                ),
            )
        )
        return email
    if normalised in first_row_of_email:
        errors.append(
            RowError(
                "email",
                _(
                    "%(email)s appears again (first in row %(row)d).",
                    email=normalised,
                    row=first_row_of_email[normalised],
                ),
            )
        )
    else:
        first_row_of_email[normalised] = number
    return normalised


def refused_rows(table: RawTable, checked: CheckedImport) -> tuple[list[str], list[list[str]]]:
    """The refused rows as uploaded, with a last column saying why: header and rows."""
    reasons = {
        row.number: " ".join(
            _(
                "%(column)s: %(problem)s",
                column=error.column.capitalize(),
                problem=error.message,
            )
            for error in row.errors
        )
        for row in checked.refused
    }
    rows = [[*raw.values, reasons[raw.number]] for raw in table.rows if raw.number in reasons]
    return [*table.header, _("Reason")], rows


@dataclass(frozen=True)
class PendingImport:
    """An upload waiting for confirmation."""

    token: str
    filename: str
    created_at: datetime
    table: RawTable
    imported: bool


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
        "header": list(table.header),
        "fields": list(table.fields),
        "ignored_headers": list(table.ignored_headers),
        "rows": [[row.number, row.cells, list(row.values)] for row in table.rows],
        "imported": False,
    }
    (folder / f"{token}.json").write_text(json.dumps(record), encoding="utf-8")
    return token


def mark_imported(instance_folder: Path, token: str) -> None:
    """Keep the upload after a partial import, for its refused rows only."""
    if _TOKEN.match(token):
        path = _pending_folder(instance_folder) / f"{token}.json"
        record = json.loads(path.read_text(encoding="utf-8"))
        record["imported"] = True
        path.write_text(json.dumps(record), encoding="utf-8")


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
        header=tuple(record["header"]),
        fields=tuple(record["fields"]),
        ignored_headers=tuple(record["ignored_headers"]),
        rows=tuple(
            RawRow(number, cells, tuple(values)) for number, cells, values in record["rows"]
        ),
    )
    return PendingImport(token, record["filename"], created_at, table, record["imported"])


def discard_pending(instance_folder: Path, token: str) -> None:
    """Forget a stored upload (after import or when cancelled)."""
    if _TOKEN.match(token):
        (_pending_folder(instance_folder) / f"{token}.json").unlink(missing_ok=True)
