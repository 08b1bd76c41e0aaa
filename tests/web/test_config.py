"""Configuration precedence, the instance folder and the embedded SQLite settings."""

from __future__ import annotations

import stat
import threading
import time

from sqlalchemy import text

from matchmaker import create_app
from matchmaker.db import Base, database
from matchmaker.models import Organisation


def test_defaults_then_instance_file_then_environment_then_explicit(tmp_path, monkeypatch):
    instance = tmp_path / "instance"
    instance.mkdir()
    (instance / "config.py").write_text(
        "SOLVER_TIME_LIMIT_S = 11.0\nIMPORT_MAX_ROWS = 123\nSOLVER_WORKERS = 3\n"
    )
    monkeypatch.setenv("MATCHMAKER_INSTANCE_PATH", str(instance))
    monkeypatch.setenv("MATCHMAKER_IMPORT_MAX_ROWS", "456")
    monkeypatch.setenv("MATCHMAKER_SOLVER_WORKERS", "4")
    app = create_app({"SOLVER_WORKERS": 5})
    assert app.config["LOGIN_MAX_FAILURES"] == 5  # default
    assert app.config["SOLVER_TIME_LIMIT_S"] == 11.0  # instance/config.py over default
    assert app.config["IMPORT_MAX_ROWS"] == 456  # environment over instance/config.py
    assert app.config["SOLVER_WORKERS"] == 5  # explicit mapping over everything


def test_instance_folder_holds_database_and_generated_secret_key(tmp_path, monkeypatch):
    instance = tmp_path / "elsewhere"
    monkeypatch.setenv("MATCHMAKER_INSTANCE_PATH", str(instance))
    monkeypatch.delenv("MATCHMAKER_DATABASE_URL", raising=False)
    monkeypatch.delenv("MATCHMAKER_SECRET_KEY", raising=False)
    app = create_app()
    key_file = instance / "secret_key"
    assert app.instance_path == str(instance)
    assert app.config["DATABASE_URL"] == f"sqlite:///{instance / 'matchmaker.sqlite3'}"
    assert app.config["SECRET_KEY"] == key_file.read_text().strip()
    assert len(app.config["SECRET_KEY"]) >= 64
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert create_app().config["SECRET_KEY"] == app.config["SECRET_KEY"]  # kept across starts


def test_two_instance_folders_get_different_secret_keys(tmp_path, monkeypatch):
    keys = []
    for name in ("one", "two"):
        monkeypatch.setenv("MATCHMAKER_INSTANCE_PATH", str(tmp_path / name))
        keys.append(create_app().config["SECRET_KEY"])
    assert keys[0] != keys[1]


def test_embedded_sqlite_uses_wal_foreign_keys_and_busy_timeout(tmp_path, monkeypatch):
    monkeypatch.setenv("MATCHMAKER_INSTANCE_PATH", str(tmp_path / "instance"))
    monkeypatch.delenv("MATCHMAKER_DATABASE_URL", raising=False)
    app = create_app()
    with database(app).engine.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert connection.execute(text("PRAGMA busy_timeout")).scalar() == 30000
    database(app).engine.dispose()


def test_database_url_from_environment_selects_the_backend(tmp_path, monkeypatch):
    monkeypatch.setenv("MATCHMAKER_INSTANCE_PATH", str(tmp_path / "instance"))
    monkeypatch.setenv(
        "MATCHMAKER_DATABASE_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
    )
    app = create_app()
    assert database(app).engine.dialect.name == "postgresql"
    assert database(app).engine.dialect.driver == "psycopg"


def test_concurrent_read_then_write_transactions_do_not_fail_on_sqlite(tmp_path, monkeypatch):
    """Deferred transactions that upgrade to writes fail at once; ours begin immediate."""
    monkeypatch.setenv("MATCHMAKER_INSTANCE_PATH", str(tmp_path / "instance"))
    monkeypatch.delenv("MATCHMAKER_DATABASE_URL", raising=False)
    app = create_app()
    Base.metadata.create_all(database(app).engine)
    errors: list[BaseException] = []

    def read_then_write(name: str) -> None:
        try:
            with database(app).sessions() as session, session.begin():
                session.execute(text("SELECT count(*) FROM organisations")).scalar()
                time.sleep(0.2)
                session.add(Organisation(name=name))
        except BaseException as error:  # collected and asserted below
            errors.append(error)

    threads = [threading.Thread(target=read_then_write, args=(f"Org {i}",)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    with database(app).sessions() as session:
        count = session.execute(text("SELECT count(*) FROM organisations")).scalar()
    database(app).engine.dispose()
    assert errors == []
    assert count == 2


def test_https_base_url_makes_cookies_secure(tmp_path, monkeypatch):
    monkeypatch.setenv("MATCHMAKER_INSTANCE_PATH", str(tmp_path / "instance"))
    assert create_app().config["SESSION_COOKIE_SECURE"] is False
    app = create_app({"PUBLIC_BASE_URL": "https://b2b.example.org"})
    assert app.config["SESSION_COOKIE_SECURE"] is True
    assert app.config["REMEMBER_COOKIE_SECURE"] is True


def test_behind_a_proxy_the_client_address_comes_from_x_forwarded_for(tmp_path, monkeypatch):
    monkeypatch.setenv("MATCHMAKER_INSTANCE_PATH", str(tmp_path / "instance"))
    seen = []
    for hops in (0, 1):
        app = create_app({"PROXY_HOPS": hops})

        @app.get("/probe-address")
        def probe() -> str:
            from flask import request

            return request.remote_addr or ""

        response = app.test_client().get(
            "/probe-address",
            headers={"X-Forwarded-For": "203.0.113.7"},
            environ_base={"REMOTE_ADDR": "10.0.0.1"},
        )
        seen.append(response.text)
    assert seen == ["10.0.0.1", "203.0.113.7"]


def test_processes_starting_together_share_one_secret_key(tmp_path):
    """Concurrent first starts (gunicorn workers) must all read the same complete key."""
    from concurrent.futures import ThreadPoolExecutor

    from matchmaker.config import _secret_key

    folder = tmp_path / "instance"
    folder.mkdir()
    with ThreadPoolExecutor(max_workers=8) as pool:
        keys = set(pool.map(lambda _: _secret_key(folder), range(16)))
    assert len(keys) == 1
    assert len(keys.pop()) == 64
    assert [path.name for path in folder.iterdir()] == ["secret_key"]
