"""Fixtures for message tests: the app sends through a real in-process SMTP server."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.web.messages.mailserver import MailServer, mail_settings, serving


@pytest.fixture
def mail_server() -> Iterator[MailServer]:
    with serving() as server:
        yield server


@pytest.fixture
def app_config(app_config: dict[str, Any], mail_server: MailServer) -> dict[str, Any]:
    return {**app_config, **mail_settings(mail_server)}
