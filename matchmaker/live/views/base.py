"""The live blueprint and what its views share."""

from __future__ import annotations

from flask import Blueprint, abort, current_app
from flask_babel import gettext as _
from flask_login import current_user

from matchmaker.auth.access import can_organise
from matchmaker.db import get_session
from matchmaker.live import queries
from matchmaker.live.access import can_staff
from matchmaker.live.clock import now
from matchmaker.live.figures import DayFigures, day_figures
from matchmaker.live.qr import qr_svg
from matchmaker.models import ChangeKind, Event, Meeting, Participant, User

bp = Blueprint("live", __name__, url_prefix="/live", cli_group=None)
bp.add_app_template_global(ChangeKind, "ChangeKind")


def me_user() -> User:
    """The logged-in account (views here are all behind a login)."""
    user: User = current_user._get_current_object()
    return user


def meeting_or_404(event: Event, meeting_id: int) -> Meeting:
    """A meeting of this event, else 404."""
    meeting = queries.event_meeting(get_session(), event, meeting_id)
    if meeting is None:
        abort(404)
    return meeting


def participant_or_404(event: Event, participant_id: int) -> Participant:
    """An active participant of this event, else 404."""
    participant = queries.active_participant(get_session(), event, participant_id)
    if participant is None:
        abort(404)
    return participant


def replan_time_limit() -> float:
    """Seconds a same-day re-plan may take."""
    return float(current_app.config["REPLAN_TIME_LIMIT_S"])


@bp.app_template_global()
def check_in_qr(code: str) -> str:
    """The QR code of a check-in code, as inline SVG."""
    return qr_svg(code, title=_("Check-in code %(code)s", code=code))


@bp.app_template_global()
def live_today(event: Event) -> bool:
    """Whether the event is live now (published, and today is one of its days)."""
    return queries.is_live(event, now())


@bp.app_template_global()
def live_day_figures(event: Event) -> DayFigures:
    """The event day's figures so far, for the statistics page."""
    return day_figures(get_session(), event, now())


@bp.app_template_global()
def live_links(event: Event) -> dict[str, bool]:
    """Which event-day pages the current user may open."""
    return {"staff": can_staff(event), "organise": can_organise(event)}
