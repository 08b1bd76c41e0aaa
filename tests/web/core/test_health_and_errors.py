"""The health endpoint and the error pages."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from flask import Flask, abort
from flask.testing import FlaskClient

from matchmaker import create_app
from matchmaker.db import database


def test_health_reports_ok_when_the_database_answers(client: FlaskClient) -> None:
    response = client.get("/health")

    assert response.status_code == 200
    assert response.get_json() == {"status": "ok", "database": "ok"}
    assert response.headers["Cache-Control"] == "no-store"


def test_health_reports_503_when_the_database_is_unreachable(
    app_config: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MATCHMAKER_INSTANCE_PATH", str(tmp_path / "instance"))
    broken = create_app(
        {**app_config, "DATABASE_URL": f"sqlite:///{tmp_path / 'missing' / 'db.sqlite3'}"}
    )
    try:
        response = broken.test_client().get("/health")
    finally:
        database(broken).engine.dispose()

    assert response.status_code == 503
    assert response.get_json() == {"status": "error", "database": "error"}


def test_errors_answer_json_to_clients_that_ask_for_it(client: FlaskClient) -> None:
    response = client.get("/e/nothing-here", headers={"Accept": "application/json"})

    assert response.status_code == 404
    assert response.get_json()["error"] == "Page not found"


def test_forbidden_and_server_errors_use_our_layout(app: Flask, client: FlaskClient) -> None:
    def forbidden() -> str:
        abort(403)

    def broken() -> str:
        raise RuntimeError("boom")

    app.add_url_rule("/test-forbidden", view_func=forbidden)
    app.add_url_rule("/test-broken", view_func=broken)
    app.config["PROPAGATE_EXCEPTIONS"] = False

    response = client.get("/test-forbidden")
    assert response.status_code == 403
    assert "Not allowed" in response.text
    assert 'class="site-header"' in response.text

    response = client.get("/test-broken")
    assert response.status_code == 500
    assert "Something went wrong" in response.text
    assert "boom" not in response.text
    assert 'class="site-header"' in response.text
    assert "Log in" not in response.text


def test_expired_form_explains_what_to_do(
    app_config: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MATCHMAKER_INSTANCE_PATH", str(tmp_path / "instance"))
    protected = create_app({**app_config, "WTF_CSRF_ENABLED": True})
    try:
        response = protected.test_client().post("/logout")
    finally:
        database(protected).engine.dispose()

    assert response.status_code == 400
    assert "The form expired" in response.text
