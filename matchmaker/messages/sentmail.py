"""Reading the `.eml` files the folder transport wrote (the admins' "Sent mail" page)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from email import policy
from email.message import EmailMessage, MIMEPart
from email.parser import BytesHeaderParser, BytesParser
from pathlib import Path

NAME = re.compile(r"[0-9A-Za-z_.-]+\.eml")


@dataclass(frozen=True)
class SentMail:
    """The headers of one written e-mail; `name` is its file name."""

    name: str
    subject: str
    to: str
    date: str


@dataclass(frozen=True)
class SentMailPart:
    """A part other than the text and HTML bodies (a calendar, a file)."""

    content_type: str
    filename: str | None
    text: str | None


@dataclass(frozen=True)
class OpenedMail:
    """One e-mail: its headers, its text and HTML bodies and its other parts."""

    name: str
    headers: list[tuple[str, str]]
    text: str
    html: str
    parts: list[SentMailPart]


def sent_mail(folder: Path, limit: int) -> tuple[list[SentMail], int]:
    """The newest `limit` e-mails of `folder` (file names start with the time) and the count."""
    if not folder.is_dir():
        return [], 0
    names = sorted(
        (path.name for path in folder.iterdir() if NAME.fullmatch(path.name)), reverse=True
    )
    parser = BytesHeaderParser(policy=policy.default)
    listed = []
    for name in names[:limit]:
        with (folder / name).open("rb") as handle:
            headers = parser.parse(handle)
        listed.append(
            SentMail(
                name,
                str(headers["Subject"] or ""),
                str(headers["To"] or ""),
                str(headers["Date"] or ""),
            )
        )
    return listed, len(names)


def _text(part: MIMEPart) -> str:
    return str(part.get_content())


def open_mail(folder: Path, name: str) -> OpenedMail | None:
    """The e-mail `name` of `folder`, or None when there is no such file."""
    if not NAME.fullmatch(name) or not (folder / name).is_file():
        return None
    with (folder / name).open("rb") as handle:
        email = BytesParser(policy=policy.default).parse(handle)
    assert isinstance(email, EmailMessage)
    text_part = email.get_body(preferencelist=("plain",))
    html_part = email.get_body(preferencelist=("html",))
    bodies = [part for part in (text_part, html_part) if part is not None]
    parts = [
        SentMailPart(
            part.get_content_type()
            + "".join(
                f"; {key}={value}"
                for key, value in (part.get_params() or [])[1:]
                if key != "charset"
            ),
            part.get_filename(),
            _text(part) if part.get_content_maintype() == "text" else None,
        )
        for part in email.walk()
        if not part.is_multipart() and all(part is not body for body in bodies)
    ]
    return OpenedMail(
        name=name,
        headers=[(key, str(value)) for key, value in email.items()],
        text=_text(text_part) if text_part is not None else "",
        html=_text(html_part) if html_part is not None else "",
        parts=parts,
    )
