"""The Alembic migrations build exactly the schema the models describe, on both backends."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, inspect, make_url, text

from matchmaker import create_app
from matchmaker.core.migrations import upgrade_database
from matchmaker.db import Base, make_engine


@pytest.fixture
def empty_database_url(database_url: str, tmp_path: Path) -> Iterator[str]:
    """A brand-new empty database on the backend under test."""
    if database_url.startswith("sqlite"):
        yield f"sqlite:///{tmp_path / 'migrated.sqlite3'}"
        return
    name = f"mm_migrations_{uuid.uuid4().hex[:8]}"
    admin = create_engine(
        make_url(database_url).set(database="postgres"), isolation_level="AUTOCOMMIT"
    )
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(database_url).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def test_migrated_schema_matches_the_models(empty_database_url, tmp_path, monkeypatch):
    monkeypatch.setenv("MATCHMAKER_INSTANCE_PATH", str(tmp_path / "instance"))
    app = create_app({"DATABASE_URL": empty_database_url, "SECRET_KEY": "x"})
    upgrade_database(app)
    engine = make_engine(empty_database_url)
    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            differences = compare_metadata(context, Base.metadata)
            tables = set(inspect(connection).get_table_names())
    finally:
        engine.dispose()
    assert differences == []
    assert {table.name for table in Base.metadata.sorted_tables} <= tables


def test_migrations_downgrade_to_an_empty_database(empty_database_url, tmp_path, monkeypatch):
    from alembic import command

    from matchmaker.core.migrations import alembic_config

    monkeypatch.setenv("MATCHMAKER_INSTANCE_PATH", str(tmp_path / "instance"))
    app = create_app({"DATABASE_URL": empty_database_url, "SECRET_KEY": "x"})
    upgrade_database(app)
    command.downgrade(alembic_config(app), "base")
    engine = make_engine(empty_database_url)
    try:
        remaining = set(inspect(engine).get_table_names()) - {"alembic_version"}
    finally:
        engine.dispose()
    assert remaining == set()


def test_db_upgrade_command_migrates(empty_database_url, tmp_path, monkeypatch):
    monkeypatch.setenv("MATCHMAKER_INSTANCE_PATH", str(tmp_path / "instance"))
    app = create_app({"DATABASE_URL": empty_database_url, "SECRET_KEY": "x"})
    result = app.test_cli_runner().invoke(args=["db", "upgrade"])
    assert result.exit_code == 0, result.output
    engine = make_engine(empty_database_url)
    try:
        assert "meeting_seats" in inspect(engine).get_table_names()
    finally:
        engine.dispose()
