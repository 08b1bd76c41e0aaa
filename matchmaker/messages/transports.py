"""Ways out for e-mail: an SMTP server, or `.eml` files in a folder (the embedded default).

SMTP is configured like Flask-Mail (`MAIL_SERVER`, `MAIL_PORT`, `MAIL_USE_TLS`,
`MAIL_USE_SSL`, `MAIL_USERNAME`, `MAIL_PASSWORD`, `MAIL_DEFAULT_SENDER`), with the standard
library's smtplib. Without `MAIL_SERVER` every message is written to `<instance>/mail/`,
where admins read it on the "Sent mail" page.
"""

from __future__ import annotations

import os
import smtplib
import ssl
import tempfile
from email.message import EmailMessage
from pathlib import Path
from typing import Protocol

from flask import Flask

MAIL_FOLDER = "mail"


class DeliveryError(Exception):
    """Sending failed; `temporary` failures are retried later, the others are final."""

    def __init__(self, reason: str, *, temporary: bool) -> None:
        super().__init__(reason)
        self.temporary = temporary


class Transport(Protocol):
    """Hands one e-mail over for delivery, or raises `DeliveryError`."""

    def send(self, email: EmailMessage, filename_hint: str) -> None: ...


class FolderTransport:
    """Writes each e-mail as `<filename_hint>.eml` into a folder (written whole, then renamed)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def send(self, email: EmailMessage, filename_hint: str) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        descriptor, temporary = tempfile.mkstemp(dir=self.folder, prefix=".", suffix=".part")
        try:
            with os.fdopen(descriptor, "wb") as handle:
                handle.write(email.as_bytes())
            os.replace(temporary, self.folder / f"{filename_hint}.eml")
        except OSError as error:
            Path(temporary).unlink(missing_ok=True)
            raise DeliveryError(f"cannot write the message: {error}", temporary=True) from error


class SMTPTransport:
    """Sends through an SMTP server; 4xx replies and connection trouble are temporary."""

    def __init__(
        self,
        server: str,
        port: int,
        *,
        use_tls: bool,
        use_ssl: bool,
        username: str | None,
        password: str | None,
        timeout_s: float,
    ) -> None:
        self.server = server
        self.port = port
        self.use_tls = use_tls
        self.use_ssl = use_ssl
        self.username = username
        self.password = password
        self.timeout_s = timeout_s

    def _connect(self) -> smtplib.SMTP:
        if self.use_ssl:
            return smtplib.SMTP_SSL(
                self.server,
                self.port,
                timeout=self.timeout_s,
                context=ssl.create_default_context(),
            )
        connection = smtplib.SMTP(self.server, self.port, timeout=self.timeout_s)
        if self.use_tls:
            connection.starttls(context=ssl.create_default_context())
        return connection

    def send(self, email: EmailMessage, filename_hint: str) -> None:
        try:
            with self._connect() as connection:
                if self.username:
                    connection.login(self.username, self.password or "")
                connection.send_message(email)
        except smtplib.SMTPRecipientsRefused as error:
            codes = [code for code, _text in error.recipients.values()]
            reason = "; ".join(
                f"{code} {text.decode(errors='replace')}"
                for code, text in error.recipients.values()
            )
            raise DeliveryError(
                f"recipient refused: {reason}", temporary=all(400 <= c < 500 for c in codes)
            ) from error
        except smtplib.SMTPResponseException as error:
            reply = error.smtp_error
            text = reply.decode(errors="replace") if isinstance(reply, bytes) else str(reply)
            raise DeliveryError(
                f"{error.smtp_code} {text}", temporary=400 <= error.smtp_code < 500
            ) from error
        except (smtplib.SMTPException, OSError) as error:
            raise DeliveryError(f"{type(error).__name__}: {error}", temporary=True) from error


def mail_folder(app: Flask) -> Path:
    """Where the folder transport writes: `<instance>/mail`."""
    return Path(app.instance_path) / MAIL_FOLDER


def transport_for(app: Flask) -> Transport:
    """SMTP when `MAIL_SERVER` is set, else the instance's mail folder."""
    config = app.config
    if not config.get("MAIL_SERVER"):
        return FolderTransport(mail_folder(app))
    use_ssl = bool(config["MAIL_USE_SSL"])
    return SMTPTransport(
        str(config["MAIL_SERVER"]),
        int(config["MAIL_PORT"] or (465 if use_ssl else 587 if config["MAIL_USE_TLS"] else 25)),
        use_tls=bool(config["MAIL_USE_TLS"]),
        use_ssl=use_ssl,
        username=config.get("MAIL_USERNAME"),
        password=config.get("MAIL_PASSWORD"),
        timeout_s=float(config["MAIL_TIMEOUT_S"]),
    )
