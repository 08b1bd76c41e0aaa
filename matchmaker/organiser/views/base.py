"""The organiser blueprint and what its views share."""

from __future__ import annotations

from typing import cast

from flask import Blueprint, abort
from flask_login import current_user
from werkzeug.wrappers import Response as BaseResponse

from matchmaker.db import get_session
from matchmaker.models import Mission, User
from matchmaker.organiser import queries

bp = Blueprint("organiser", __name__, url_prefix="/organise", cli_group=None)

Page = str | BaseResponse | tuple[str, int]


def signed_in_user() -> User:
    return cast(User, current_user._get_current_object())


def mission_or_404(slug: str) -> Mission:
    mission = queries.managed_mission(get_session(), signed_in_user(), slug)
    if mission is None:
        abort(404)
    return mission


def admin_only() -> None:
    if not signed_in_user().is_admin:
        abort(404)
