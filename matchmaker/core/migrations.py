"""Schema migrations with Alembic: `flask --app matchmaker db upgrade` and friends.

Alembic (and Mako, which it brings) is imported only when a migration command runs: every
web process registers these commands, none runs them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import click
from flask import Flask, current_app
from flask.cli import AppGroup
from flask_babel import gettext as _

from matchmaker.config import PROJECT_ROOT

if TYPE_CHECKING:
    from alembic.config import Config


def alembic_config(app: Flask) -> Config:
    """An Alembic configuration for the app's database (no alembic.ini needed)."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(PROJECT_ROOT / "migrations"))
    config.set_main_option("sqlalchemy.url", app.config["DATABASE_URL"].replace("%", "%%"))
    return config


def upgrade_database(app: Flask, revision: str = "head") -> None:
    """Migrate the app's database to `revision` (default: the newest)."""
    from alembic import command

    command.upgrade(alembic_config(app), revision)


db_group = AppGroup("db", help="Database schema migrations.")


@db_group.command("upgrade")
@click.argument("revision", default="head")
def upgrade_command(revision: str) -> None:
    """Migrate the database to REVISION (default: head)."""
    upgrade_database(current_app, revision)
    click.echo(_("Database is at %(revision)s.", revision=revision))


@db_group.command("downgrade")
@click.argument("revision")
def downgrade_command(revision: str) -> None:
    """Migrate the database back to REVISION (e.g. base)."""
    from alembic import command

    command.downgrade(alembic_config(current_app), revision)


@db_group.command("current")
def current_command() -> None:
    """Show the database's current revision."""
    from alembic import command

    command.current(alembic_config(current_app), verbose=False)


@db_group.command("revision")
@click.option("-m", "--message", required=True, help="What the migration does.")
def revision_command(message: str) -> None:
    """Write a new migration from the difference between models and database."""
    from alembic import command

    command.revision(alembic_config(current_app), message=message, autogenerate=True)


COMMANDS: tuple[click.Command, ...] = (db_group,)
