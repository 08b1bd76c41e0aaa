"""CLI commands of this area (registered by create_app)."""

from __future__ import annotations

import click

COMMANDS: tuple[click.Command, ...] = ()
