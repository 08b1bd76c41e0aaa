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


def _new_postgres_database(database_url: str) -> Iterator[str]:
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


@pytest.fixture
def empty_database_url(database_url: str, tmp_path: Path) -> Iterator[str]:
    """A brand-new empty database on the backend under test."""
    if database_url.startswith("sqlite"):
        yield f"sqlite:///{tmp_path / 'migrated.sqlite3'}"
        return
    yield from _new_postgres_database(database_url)


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


def _top_level_clauses(body: str) -> list[str]:
    """The comma-separated items of a CREATE TABLE body (columns, constraints), normalised."""
    clauses, depth, current = [], 0, []
    for character in body:
        if character == "," and depth == 0:
            clauses.append("".join(current))
            current = []
            continue
        depth += {"(": 1, ")": -1}.get(character, 0)
        current.append(character)
    clauses.append("".join(current))
    return [" ".join(clause.split()) for clause in clauses]


def _schema_fingerprint(url: str) -> set[tuple[str, ...]]:
    """CHECK constraints, keys and index definitions (with partial-index conditions) as the
    database itself reports them; Alembic's comparison does not look at those."""
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            if engine.dialect.name == "postgresql":
                constraints = connection.execute(
                    text(
                        "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) "
                        "FROM pg_constraint WHERE connamespace = 'public'::regnamespace"
                    )
                )
                indexes = connection.execute(
                    text(
                        "SELECT tablename, indexname, indexdef FROM pg_indexes "
                        "WHERE schemaname = 'public'"
                    )
                )
                rows = {tuple(row) for row in constraints} | {tuple(row) for row in indexes}
            else:
                rows = set()
                for kind, name, table, sql in connection.execute(
                    text(
                        "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE sql IS NOT NULL"
                    )
                ):
                    if kind == "index":
                        rows.add((table, name, " ".join(sql.split())))
                    else:
                        body = sql[sql.index("(") + 1 : sql.rindex(")")]
                        rows.update((table, clause) for clause in _top_level_clauses(body))
    finally:
        engine.dispose()
    return {row for row in rows if "alembic_version" not in row[0]}


@pytest.fixture
def second_empty_database_url(database_url: str, tmp_path: Path) -> Iterator[str]:
    """Another new empty database, for the schema built from the models."""
    if database_url.startswith("sqlite"):
        yield f"sqlite:///{tmp_path / 'from_models.sqlite3'}"
        return
    yield from _new_postgres_database(database_url)


def test_migrated_constraints_and_indexes_equal_the_models_ddl(
    empty_database_url, second_empty_database_url, tmp_path, monkeypatch
):
    monkeypatch.setenv("MATCHMAKER_INSTANCE_PATH", str(tmp_path / "instance"))
    upgrade_database(create_app({"DATABASE_URL": empty_database_url, "SECRET_KEY": "x"}))
    engine = make_engine(second_empty_database_url)
    Base.metadata.create_all(engine)
    engine.dispose()
    migrated = _schema_fingerprint(empty_database_url)
    from_models = _schema_fingerprint(second_empty_database_url)
    assert any("confirmed_iff_seated" in " ".join(row) for row in migrated)
    assert any(  # the partial index keeps its condition
        row[1] == "uq_schedule_runs_event_active" and "WHERE" in row[2] for row in migrated
    )
    assert migrated == from_models


# Migrating a database with data keeps its rows: on SQLite, batch mode rebuilds a table by
# dropping it, which would delete every ON DELETE CASCADE child unless foreign keys are off.
# The head before the online meetings' migration rebuilt `events`, `participants` and
# `meetings`.
PREVIOUS_HEAD = "5ec16cd4f160"

ROWS = [
    "INSERT INTO missions (id, slug, name, partnership, target_market, description, created_at)"
    " VALUES (1, 'm', 'Mission', '', '', '', :now)",
    "INSERT INTO events (id, mission_id, slug, name, description, venue, timezone, slot_minutes,"
    " break_minutes, phase, sectors, technologies, created_at, min_meetings, no_show_minutes)"
    " VALUES (1, 1, 'e', 'Event', '', '', 'Europe/Berlin', 30, 0, 'published',"
    " CAST(:empty AS JSON), CAST(:empty AS JSON), :now, 1, 10)",
    "INSERT INTO organisations (id, name, country, cluster, type, sectors, technologies, website,"
    " description, offers, requests, created_at, updated_at) VALUES (1, 'Org', 'DE', '', 'sme',"
    " CAST(:empty AS JSON), CAST(:empty AS JSON), '', '', '', '', :now, :now)",
    *(
        "INSERT INTO participants (id, event_id, organisation_id, first_name, last_name, email,"
        f" phone, job_title, offers, seeks, created_at, updated_at) VALUES ({n}, 1, 1, 'P', '{n}',"
        f" 'p{n}@example.org', '', '', '', '', :now, :now)"
        for n in (1, 2)
    ),
    "INSERT INTO blocks (id, event_id, name, day, start_time, end_time)"
    " VALUES (1, 1, 'Morning', :day, :nine, :ten)",
    "INSERT INTO time_slots (id, event_id, block_id, starts_at, ends_at)"
    " VALUES (1, 1, 1, :now, :later)",
    "INSERT INTO preferences (id, event_id, from_participant_id, to_participant_id, level, note,"
    " created_at, updated_at) VALUES (1, 1, 1, 2, 'must', '', :now, :now)",
    "INSERT INTO meetings (id, event_id, participant_a_id, participant_b_id, slot_id, location,"
    " status, locked, uid, sequence, created_at, updated_at) VALUES (1, 1, 1, 2, 1, 'Booth 1',"
    " 'cancelled', :no, 'u1@test', 0, :now, :now)",
]
COUNTED = ("events", "participants", "blocks", "time_slots", "preferences", "meetings")


def test_upgrading_a_database_with_data_keeps_every_row(empty_database_url, tmp_path, monkeypatch):
    monkeypatch.setenv("MATCHMAKER_INSTANCE_PATH", str(tmp_path / "instance"))
    app = create_app({"DATABASE_URL": empty_database_url, "SECRET_KEY": "x"})
    upgrade_database(app, PREVIOUS_HEAD)
    values = {
        "now": "2026-04-20 09:00:00.000000",
        "later": "2026-04-20 09:30:00.000000",
        "empty": "[]",
        "day": "2026-04-20",
        "nine": "09:00:00.000000",
        "ten": "10:00:00.000000",
        "no": False,
    }
    engine = make_engine(empty_database_url)
    try:
        with engine.begin() as connection:
            for statement in ROWS:
                connection.execute(text(statement), values)
        upgrade_database(app)
        with engine.connect() as connection:
            counts = {
                table: connection.execute(text(f"SELECT count(*) FROM {table}")).scalar_one()
                for table in COUNTED
            }
            modes = connection.execute(text("SELECT mode FROM events")).scalars().all()
            online = connection.execute(text("SELECT online FROM participants")).scalars().all()
    finally:
        engine.dispose()
    assert counts == {table: 2 if table == "participants" else 1 for table in COUNTED}
    assert modes == ["on_site"]
    assert [bool(flag) for flag in online] == [False, False]
