"""Public pages: home, event page, health, error pages; the layout's template helpers and the
security headers of every response."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from flask import Blueprint, abort, current_app, jsonify, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel.speaklater import LazyString
from flask_login import current_user
from flask_wtf.csrf import CSRFError
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError
from werkzeug.exceptions import HTTPException, InternalServerError
from werkzeug.wrappers import Response

from matchmaker.api.problems import is_api_request, problem_for
from matchmaker.auth.access import can_organise
from matchmaker.auth.queries import participant_of_user, registration_open
from matchmaker.core import queries
from matchmaker.db import get_session, utcnow
from matchmaker.models import Block, Event, Participant, Phase

bp = Blueprint("core", __name__, cli_group=None)

BEFORE_SCHEDULE = frozenset({Phase.REGISTRATION, Phase.PREFERENCES})
PUBLISHED = frozenset({Phase.PUBLISHED})


@dataclass(frozen=True)
class ParticipantPage:
    """A participant's page linked from the event page, in the phases where it is useful."""

    endpoint: str
    label: LazyString
    phases: frozenset[Phase]
    primary_in: frozenset[Phase] = frozenset()


PARTICIPANT_PAGES = (
    ParticipantPage(
        "participants.agenda", _l("Your agenda"), phases=PUBLISHED, primary_in=PUBLISHED
    ),
    ParticipantPage(
        "participants.catalogue",
        _l("Choose whom to meet"),
        phases=BEFORE_SCHEDULE,
        primary_in=frozenset({Phase.PREFERENCES}),
    ),
    ParticipantPage(
        "participants.profile",
        _l("Your profile"),
        phases=frozenset(Phase),
        primary_in=frozenset({Phase.REGISTRATION}),
    ),
    ParticipantPage("participants.availability", _l("Your availability"), phases=BEFORE_SCHEDULE),
)


@dataclass(frozen=True)
class Action:
    """A call-to-action link on the event page."""

    label: str
    url: str
    primary: bool = False


@dataclass(frozen=True)
class BlockTimes:
    """A B2B block with its start and end as aware datetimes in the event's zone."""

    block: Block
    starts_at: datetime
    ends_at: datetime
    slots: int


@dataclass(frozen=True)
class EventDay:
    """One day of an event and its blocks."""

    day: date
    blocks: list[BlockTimes]


ERROR_TEXTS = {
    400: (
        _l("Bad request"),
        _l("Something in the request was not right. Go back and try again."),
    ),
    403: (_l("Not allowed"), _l("You do not have access to this page.")),
    404: (
        _l("Page not found"),
        _l(
            "This page does not exist, or it is not available to you. "
            "Check the address, or start again from the home page."
        ),
    ),
    405: (_l("Not allowed"), _l("This page cannot be used like that. Go back and try again.")),
    413: (
        _l("File too large"),
        _l("The file you sent is larger than this site accepts. Send a smaller file."),
    ),
    500: (
        _l("Something went wrong"),
        _l("An unexpected error happened on our side. Please try again in a moment."),
    ),
}
CSRF_TEXT = _l(
    "The form expired or was sent from another page. Go back, reload the page and send it again."
)


SECURITY_HEADERS = {
    # Everything is served from this site: no CDN, no inline scripts (see WEB.md).
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
        "img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; "
        "frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
}


@bp.after_app_request
def add_security_headers(response: Response) -> Response:
    """Defaults for every response of the app; a view may set its own values first."""
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    return response


def _visible(event: Event) -> bool:
    """Draft events are seen only by the people who organise them."""
    return event.phase != Phase.DRAFT or can_organise(event)


def _own_participant(event: Event) -> Participant | None:
    """The current user's active participant in the event, if any, with their organisation
    (the page names it)."""
    if not current_user.is_authenticated:
        return None
    participant = participant_of_user(get_session(), event, current_user.id, with_organisation=True)
    return participant if participant is not None and participant.active else None


def event_days(event: Event, blocks: Sequence[tuple[Block, int]]) -> list[EventDay]:
    """The event's blocks (in order, with their slot counts) grouped by day, with aware
    local start and end times."""
    days: dict[date, list[BlockTimes]] = {}
    for block, slots in blocks:
        days.setdefault(block.day, []).append(
            BlockTimes(
                block=block,
                starts_at=datetime.combine(block.day, block.start_time, tzinfo=event.zone),
                ends_at=datetime.combine(block.day, block.end_time, tzinfo=event.zone),
                slots=slots,
            )
        )
    return [EventDay(day, blocks) for day, blocks in days.items()]


def event_actions(event: Event, participant: Participant | None, organiser: bool) -> list[Action]:
    """The buttons the event page offers this viewer in the event's current phase."""
    actions: list[Action] = []
    if participant is not None:
        actions.extend(
            Action(
                str(page.label),
                url_for(page.endpoint, slug=event.slug),
                event.phase in page.primary_in,
            )
            for page in PARTICIPANT_PAGES
            if event.phase in page.phases
        )
    elif not organiser and registration_open(event, utcnow()):
        actions.append(Action(_("Sign up"), url_for("auth.signup", slug=event.slug), primary=True))
    if organiser:
        actions.append(
            Action(
                _("Manage event"), url_for("organiser.event", slug=event.slug), primary=not actions
            )
        )
    return actions


@bp.route("/")
def home() -> str:
    """Missions and their events; drafts only for the people who organise them."""
    session = get_session()
    missions = []
    for mission in queries.missions_with_events(session):
        events = [event for event in mission.events if _visible(event)]
        if events:
            missions.append((mission, events))
    event_ids = [event.id for _, events in missions for event in events]
    registered = (
        queries.registered_event_ids(session, current_user.id)
        if current_user.is_authenticated
        else set()
    )
    now = utcnow()
    return render_template(
        "core/home.html",
        missions=missions,
        open_for_registration={
            event.id for _, events in missions for event in events if registration_open(event, now)
        },
        participant_counts=queries.participant_counts(session, event_ids),
        registered=registered,
    )


@bp.route("/e/<slug>")
def event(slug: str) -> str:
    """An event's public page: what, where, when, who, its phase and what to do next."""
    session = get_session()
    found = queries.event_for_page(session, slug)
    if found is None or not _visible(found):
        abort(404)
    participant = _own_participant(found)
    organiser = can_organise(found)
    return render_template(
        "core/event.html",
        event=found,
        days=event_days(found, queries.blocks_with_slot_counts(session, found.id)),
        figures=queries.event_figures(session, found.id),
        participant=participant,
        organiser=organiser,
        actions=event_actions(found, participant, organiser),
        registration_is_open=registration_open(found, utcnow()),
    )


@bp.route("/health")
def health() -> tuple[Response, int]:
    """Liveness for load balancers and monitoring: the app answers and the database too."""
    try:
        get_session().execute(text("SELECT 1"))
    except SQLAlchemyError:
        current_app.logger.exception("health check: the database does not answer")
        body, status = {"status": "error", "database": "error"}, 503
    else:
        body, status = {"status": "ok", "database": "ok"}, 200
    response = jsonify(body)
    response.headers["Cache-Control"] = "no-store"
    return response, status


def _wants_json() -> bool:
    """Whether the client asked for JSON first (scripts polling an endpoint)."""
    return request.accept_mimetypes.best == "application/json"


@bp.app_errorhandler(HTTPException)
def http_error(error: HTTPException) -> tuple[Response | str, int]:
    """Errors in the site's layout (JSON for clients that ask for JSON)."""
    if is_api_request():
        return problem_for(error), error.code or 500
    code = error.code or 500
    texts = ERROR_TEXTS.get(code)
    title, message = (
        (str(texts[0]), str(texts[1])) if texts else (error.name, error.description or "")
    )
    if isinstance(error, CSRFError):
        message = str(CSRF_TEXT)
    if _wants_json():
        return jsonify(error=title, message=message), code
    return render_template("errors/error.html", code=code, title=title, message=message), code


@bp.app_errorhandler(InternalServerError)
def server_error(error: InternalServerError) -> tuple[Response | str, int]:
    """The 500 page, drawn without the account menu: the database may be what failed."""
    get_session().rollback()
    if is_api_request():
        return problem_for(error), 500
    title, message = (str(part) for part in ERROR_TEXTS[500])
    if _wants_json():
        return jsonify(error=title, message=message), 500
    page = render_template(
        "errors/error.html", code=500, title=title, message=message, minimal_layout=True
    )
    return page, 500
