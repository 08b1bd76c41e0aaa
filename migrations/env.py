"""Alembic environment: migrates the database named in the Alembic config, in batch mode."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

import matchmaker.models  # noqa: F401  (registers every table on Base.metadata)
from matchmaker.db import Base, make_engine

target_metadata = Base.metadata


def include_object(
    obj: object, name: str | None, type_: str, reflected: bool, compare_to: object
) -> bool:
    """Leave the job queue's own tables (PostgresHuey creates huey_*) out of migrations."""
    return not (type_ == "table" and name is not None and name.startswith("huey_"))


def run_migrations(connection: Connection, *, check_foreign_keys: bool = False) -> None:
    """Run the migrations in one transaction; with `check_foreign_keys` (SQLite, where they
    run unenforced) roll it all back if a row's foreign key points nowhere."""
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,
        compare_type=True,
        include_object=include_object,
    )
    with context.begin_transaction():
        context.run_migrations()
        if check_foreign_keys:
            broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
            if broken:
                raise RuntimeError(f"the migration left broken foreign keys: {broken[:5]}")


def sqlite_foreign_keys(connection: Connection, on: bool) -> None:
    """Switch SQLite's foreign key enforcement, outside any transaction (SQLite ignores the
    pragma inside one).

    Batch mode rebuilds a table by copying it and dropping the original; with enforcement
    on, that DROP deletes every row whose foreign key says ON DELETE CASCADE (dropping
    `events` would empty `participants`, `meetings`, ...). So migrations run with it off,
    and a check before the commit refuses rows that point nowhere.
    """
    driver = connection.connection.driver_connection
    assert driver is not None
    driver.execute(f"PRAGMA foreign_keys={'ON' if on else 'OFF'}")


def run_migrations_online() -> None:
    url = context.config.get_main_option("sqlalchemy.url")
    assert url, "sqlalchemy.url is not set"
    engine = make_engine(url)
    sqlite = engine.dialect.name == "sqlite"
    try:
        with engine.connect() as connection:
            if sqlite:
                sqlite_foreign_keys(connection, on=False)
            try:
                run_migrations(connection, check_foreign_keys=sqlite)
            finally:
                if sqlite:
                    sqlite_foreign_keys(connection, on=True)
    finally:
        engine.dispose()


if context.is_offline_mode():
    context.configure(
        url=context.config.get_main_option("sqlalchemy.url"),
        target_metadata=target_metadata,
        render_as_batch=True,
    )
    with context.begin_transaction():
        context.run_migrations()
else:
    run_migrations_online()
