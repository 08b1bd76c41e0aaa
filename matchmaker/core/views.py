"""Public pages: home, event pages, health; plus the layout's template helpers."""

from __future__ import annotations

from flask import Blueprint, current_app

bp = Blueprint("core", __name__, cli_group=None)


@bp.app_template_global()
def has_endpoint(endpoint: str) -> bool:
    """Whether `endpoint` is registered, so a template links only to pages that exist."""
    return endpoint in current_app.view_functions
