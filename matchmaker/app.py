"""The application factory."""

from __future__ import annotations

from collections.abc import Mapping
from importlib import import_module
from typing import Any

from flask import Flask

from matchmaker import db
from matchmaker.config import PROJECT_ROOT, instance_path, load_config
from matchmaker.extensions import csrf, login_manager

BLUEPRINT_MODULES = (
    "matchmaker.core.views",
    "matchmaker.auth.views",
    "matchmaker.participants.views",
    "matchmaker.organiser.views",
    "matchmaker.schedule.views",
    "matchmaker.calendars.views",
)
COMMAND_MODULES = (
    "matchmaker.core.migrations",
    "matchmaker.core.commands",
    "matchmaker.schedule.commands",
    "matchmaker.calendars.commands",
)


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    """Build the app: configuration, database, extensions, blueprints and CLI commands."""
    app = Flask(
        "matchmaker",
        instance_path=str(instance_path()),
        template_folder=str(PROJECT_ROOT / "templates"),
        static_folder=str(PROJECT_ROOT / "static"),
    )
    load_config(app, config)
    db.init_app(app)
    login_manager.init_app(app)
    csrf.init_app(app)
    for module_name in BLUEPRINT_MODULES:
        app.register_blueprint(import_module(module_name).bp)
    for module_name in COMMAND_MODULES:
        for command in import_module(module_name).COMMANDS:
            app.cli.add_command(command)
    return app
