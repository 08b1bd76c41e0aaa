"""Without MAIL_SERVER every message becomes an .eml file that admins read as "Sent mail"."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from flask import Flask

from matchmaker.messages.transports import mail_folder
from matchmaker.models import Role
from tests.builders import TEST_PASSWORD, Builder


@pytest.fixture
def app_config(app_config: dict[str, Any]) -> dict[str, Any]:
    """The embedded default: no SMTP server (replaces this folder's SMTP settings)."""
    settings = {**app_config, "PUBLIC_BASE_URL": "https://b2b.example.org"}
    for name in ("MAIL_SERVER", "MAIL_PORT"):
        settings.pop(name, None)
    return settings


def test_messages_are_written_as_eml_files_that_admins_can_read(app: Flask, build: Builder):
    build.user(email="ana@example.pt", name="Ana Silva")
    visitor = app.test_client()
    visitor.post("/password/forgot", data={"email": "ana@example.pt"})

    (written,) = Path(mail_folder(app)).glob("*.eml")
    assert b"Subject: Choose a new password" in written.read_bytes()
    admin = app.test_client()
    admin.post("/login", data={"email": build.user(Role.ADMIN).email, "password": TEST_PASSWORD})
    listing = admin.get("/admin/mail").get_data(as_text=True)
    assert "Choose a new password" in listing
    assert "Ana Silva &lt;ana@example.pt&gt;" in listing

    page = admin.get(f"/admin/mail/{written.name}").get_data(as_text=True)
    assert "https://b2b.example.org/password/reset/" in page
    assert '<iframe class="messages-frame" sandbox' in page
    assert 'srcdoc="&lt;!doctype html&gt;' in page


def test_only_admins_read_sent_mail(app: Flask, build: Builder, client, log_in):
    log_in(build.user(Role.ORGANISER))
    assert client.get("/admin/mail").status_code == 404
    assert app.test_client().get("/admin/mail").status_code == 302  # to the login page


def test_file_names_cannot_leave_the_folder(app: Flask, build: Builder, client, log_in):
    log_in(build.user(Role.ADMIN))
    assert client.get("/admin/mail/..%2Fsecret_key").status_code == 404
    assert client.get("/admin/mail/missing.eml").status_code == 404
