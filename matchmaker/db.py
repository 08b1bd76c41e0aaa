"""Database plumbing: declarative base, engine set-up, one session per request or job.

SQLite (the embedded default) gets WAL, foreign keys, a busy timeout and `BEGIN IMMEDIATE`
transactions: a deferred read transaction that later writes fails at once with "database is
locked" whatever the timeout, so a transaction that may write takes the write lock up front.
Requests that only read (GET and HEAD) begin deferred and so never wait for, or hold up, a
writer; if one of them writes after all (a "seen" mark), its reads so far are ended and the
write gets an `IMMEDIATE` transaction of its own (`_take_write_lock`).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, ClassVar

from flask import Flask, current_app, g, has_request_context, request
from sqlalchemy import DateTime, Engine, MetaData, create_engine, event
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, ORMExecuteState, Session, sessionmaker
from sqlalchemy.pool import QueuePool
from sqlalchemy.types import TypeDecorator

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_N_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator[datetime]):
    """A timezone-aware UTC datetime on every backend (SQLite stores it naive)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"naive datetime {value!r}: store aware UTC datetimes only")
        utc = value.astimezone(UTC)
        return utc.replace(tzinfo=None) if dialect.name == "sqlite" else utc

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def utcnow() -> datetime:
    """The current time as an aware UTC datetime."""
    return datetime.now(UTC)


class Base(DeclarativeBase):
    """Base class of every model; constraint names follow `NAMING_CONVENTION`."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map: ClassVar[dict[Any, Any]] = {datetime: UTCDateTime}


@dataclass(frozen=True)
class Database:
    """The engine and session factory of one app."""

    engine: Engine
    sessions: sessionmaker[Session]


def _configure_sqlite(engine: Engine, *, immediate: bool) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # let SQLAlchemy issue BEGIN itself
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        deferred = not immediate or _reads_only()
        connection.info[DEFERRED] = immediate and deferred
        connection.exec_driver_sql("BEGIN" if deferred else "BEGIN IMMEDIATE")

    @event.listens_for(engine, "savepoint")
    def _on_savepoint(connection: Any, _name: str) -> None:
        # A savepoint is there to write; taking the write lock later, inside it, would end
        # the read transaction and the savepoint with it.
        if connection.info.pop(DEFERRED, False):
            connection.exec_driver_sql("COMMIT")
            connection.exec_driver_sql("BEGIN IMMEDIATE")


DEFERRED = "matchmaker.deferred_read"
"""Connection info key: this SQLite transaction began deferred for a read-only request."""
READ_ONLY_METHODS = frozenset({"GET", "HEAD"})
WROTE = "matchmaker.wrote"
"""Session info key: the session flushed or executed a write since its transaction began."""


def _reads_only() -> bool:
    """Whether the current request is one that should only read (no request: a writer)."""
    return has_request_context() and request.method in READ_ONLY_METHODS


def _take_write_lock(session: Session) -> None:
    """Before a read-only request's first write on SQLite: end its deferred read transaction
    and take the write lock, waiting for it like any writer (upgrading the read transaction
    instead would fail at once if someone wrote since it began)."""
    connection = session.connection()
    if connection.info.pop(DEFERRED, False):
        connection.exec_driver_sql("COMMIT")
        connection.exec_driver_sql("BEGIN IMMEDIATE")


def _watch_writes(sessions: sessionmaker[Session], *, sqlite: bool) -> None:
    """Before every flush and every ORM INSERT, UPDATE or DELETE: on SQLite, take the write
    lock (`_take_write_lock`); on any database, note in the session's info that it wrote
    (`WROTE`, until its transaction ends)."""

    def before_write(session: Session) -> None:
        if sqlite:
            _take_write_lock(session)
        session.info[WROTE] = True

    @event.listens_for(sessions, "before_flush")
    def _before_flush(session: Session, _context: Any, _instances: Any) -> None:
        before_write(session)

    @event.listens_for(sessions, "do_orm_execute")
    def _before_statement(state: ORMExecuteState) -> None:
        if state.is_insert or state.is_update or state.is_delete:
            before_write(state.session)

    @event.listens_for(sessions, "after_commit")
    @event.listens_for(sessions, "after_rollback")
    def _ended(session: Session) -> None:
        session.info.pop(WROTE, None)


def make_engine(url: str, *, immediate_transactions: bool = True) -> Engine:
    """Create an engine for `url`, with the SQLite settings described above.

    `immediate_transactions=False` is for read-mostly observers (tests arranging and checking
    data): their reads then never hold the write lock that the code under test needs.
    """
    if url.startswith("sqlite"):
        # Connections are kept open between requests: a new one parsed the whole schema and
        # started with an empty page cache, which cost a read-only page more than its queries.
        # A connection serves one thread at a time, handed over by the pool.
        engine = create_engine(url, poolclass=QueuePool, connect_args={"check_same_thread": False})
        _configure_sqlite(engine, immediate=immediate_transactions)
        return engine
    return create_engine(url, pool_pre_ping=True)


def init_app(app: Flask) -> None:
    """Create the app's engine and register the per-request session teardown."""
    engine = make_engine(app.config["DATABASE_URL"])
    sessions = sessionmaker(engine, expire_on_commit=False)
    _watch_writes(sessions, sqlite=engine.dialect.name == "sqlite")
    app.extensions["matchmaker.db"] = Database(engine, sessions)
    app.teardown_appcontext(_close_session)


def database(app: Flask | None = None) -> Database:
    """The `Database` of `app` (default: the current app)."""
    return (app or current_app).extensions["matchmaker.db"]  # type: ignore[no-any-return]


def get_session() -> Session:
    """The session of the current app context, opened on first use."""
    if "db_session" not in g:
        g.db_session = database().sessions()
    return g.db_session  # type: ignore[no-any-return]


def _only_read(session: Session) -> bool:
    """Whether the session's open transaction read and nothing else."""
    return not (session.info.get(WROTE) or session.new or session.dirty or session.deleted)


def _close_session(exc: BaseException | None) -> None:
    """End the request's session: a transaction that only read is committed, anything else
    is rolled back.

    Committing a read changes nothing in the database, but psycopg forgets the statements it
    prepared on the connection at every rollback, so PostgreSQL planned each page's queries
    anew on every request.
    """
    session: Session | None = g.pop("db_session", None)
    if session is None:
        return
    if exc is None and session.in_transaction() and _only_read(session):
        session.commit()
    session.close()


@contextmanager
def session_scope(app: Flask) -> Iterator[Session]:
    """A session outside any request (CLI commands, background jobs); commits on success."""
    session = database(app).sessions()
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()
