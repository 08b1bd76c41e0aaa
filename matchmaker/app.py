"""The application factory."""

from __future__ import annotations

from collections.abc import Mapping
from importlib import import_module
from typing import Any

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from matchmaker import db, headers, i18n, urls
from matchmaker.config import PROJECT_ROOT, instance_path, load_config
from matchmaker.extensions import babel, csrf, login_manager
from matchmaker.zones import event_zone_label, zone_label

BLUEPRINT_MODULES = (
    "matchmaker.core.views",
    "matchmaker.auth.views",
    "matchmaker.auth.reset.views",
    "matchmaker.participants.views",
    "matchmaker.organiser.views",
    "matchmaker.organisations.views",
    "matchmaker.schedule.views",
    "matchmaker.calendars.views",
    "matchmaker.messages.views",
    "matchmaker.messages.clock",
    "matchmaker.live.views",
    "matchmaker.delegations.views",
    "matchmaker.programme.views",
    "matchmaker.outcomes.views",
    "matchmaker.api.views",
)
COMMAND_MODULES = (
    "matchmaker.core.migrations",
    "matchmaker.core.commands",
    "matchmaker.schedule.commands",
    "matchmaker.calendars.commands",
    "matchmaker.live.commands",
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
    if app.config["PROXY_HOPS"]:
        # Behind a reverse proxy: trust its X-Forwarded-* headers for client address and scheme,
        # or the login throttle would count every visitor as the proxy.
        hops = int(app.config["PROXY_HOPS"])
        app.wsgi_app = ProxyFix(  # type: ignore[method-assign]
            app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops
        )
    urls.init_app(app)
    db.init_app(app)
    login_manager.init_app(app)
    csrf.init_app(app)
    babel.init_app(app, locale_selector=i18n.select_locale)
    i18n.init_app(app)
    app.jinja_env.filters["zone_label"] = zone_label
    app.jinja_env.filters["event_zone_label"] = event_zone_label
    headers.init_app(app)
    for module_name in BLUEPRINT_MODULES:
        app.register_blueprint(import_module(module_name).bp)
    for module_name in COMMAND_MODULES:
        for command in import_module(module_name).COMMANDS:
            app.cli.add_command(command)
    return app
