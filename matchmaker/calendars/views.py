"""Calendar downloads and private live feeds."""

from __future__ import annotations

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    url_for,
)
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_login import current_user

from matchmaker.auth.access import (
    event_or_404,
    login_required,
    organised_event_or_404,
    organiser_required,
    own_participant_or_404,
)
from matchmaker.auth.queries import participant_of_user
from matchmaker.calendars import queries
from matchmaker.calendars.calendars import (
    event_calendar,
    owner_locale,
    participant_calendar,
    table_calendar,
)
from matchmaker.calendars.tokens import (
    feed_token,
    issue_feed_token,
    participant_for_feed_token,
    revoke_feed_token,
)
from matchmaker.db import get_session
from matchmaker.links import external_url
from matchmaker.models import Participant
from matchmaker.responses import file_response

bp = Blueprint("calendars", __name__, url_prefix="/calendar", cli_group=None)


def _calendar_response(body: bytes, filename: str, *, attachment: bool) -> Response:
    """A text/calendar response with an ETag, answering 304 when the client has it."""
    return file_response(body, "text/calendar; charset=utf-8", filename, attachment=attachment)


@bp.app_template_global()
def calendar_links(participant: Participant) -> dict[str, str] | None:
    """The participant's subscription links (https and webcal), or None without a token."""
    token = feed_token(participant, current_app.config["SECRET_KEY"])
    if token is None:
        return None
    return subscription_links(external_url("calendars.feed", token=token))


def subscription_links(https: str) -> dict[str, str]:
    """A feed's address as https and as webcal (which calendar apps open to subscribe)."""
    return {"https": https, "webcal": "webcal://" + https.split("://", 1)[1]}


def _back_to_agenda(slug: str) -> Response:
    return redirect(url_for("participants.agenda", slug=slug, _anchor="calendar"))  # type: ignore[return-value]


@bp.get("/feed/<token>.ics")
def feed(token: str) -> Response:
    """A participant's live feed, addressed by their private token; no login needed."""
    session = get_session()
    participant = participant_for_feed_token(session, token)
    if participant is None:
        abort(404)
    with force_locale(owner_locale(participant)):
        body = participant_calendar(session, participant)
    return _calendar_response(body, f"{participant.event.slug}-agenda.ics", attachment=False)


@bp.get("/events/<slug>/agenda.ics")
@login_required
def download(slug: str) -> Response:
    """The logged-in participant's agenda as an .ics file."""
    event = event_or_404(slug)
    participant = own_participant_or_404(event)
    with force_locale(owner_locale(participant)):
        body = participant_calendar(get_session(), participant)
    return _calendar_response(body, f"{event.slug}-agenda.ics", attachment=True)


@bp.post("/events/<slug>/feed")
@login_required
def new_feed(slug: str) -> Response:
    """Issue a subscription link (replacing the old one, which stops working)."""
    participant = own_participant_or_404(event_or_404(slug))
    replaced = participant.feed_token_hash is not None
    issue_feed_token(participant, current_app.config["SECRET_KEY"])
    get_session().commit()
    flash(
        _("Your new calendar link is ready; the old one no longer works.")
        if replaced
        else _(
            "Your calendar link is ready: add it to your calendar once and it stays up to date."
        ),
        "success",
    )
    return _back_to_agenda(slug)


@bp.post("/events/<slug>/feed/revoke")
@login_required
def revoke_feed(slug: str) -> Response:
    """Switch the subscription link off; withdrawn participants may too (their feed still
    shows their partners' contact details)."""
    session = get_session()
    participant = participant_of_user(session, event_or_404(slug), current_user.id)
    if participant is None:
        abort(404)
    revoke_feed_token(participant)
    session.commit()
    flash(
        _("Your calendar link is switched off: calendars subscribed to it stop updating."), "info"
    )
    if not participant.active:
        return redirect(url_for("auth.account"))  # type: ignore[return-value]
    return _back_to_agenda(slug)


@bp.post("/organise/<slug>/participants/<int:participant_id>/feed/revoke")
@organiser_required
def organiser_revoke_feed(slug: str, participant_id: int) -> Response:
    """The organisers switch a participant's subscription link off (a lost phone, a leak)."""
    event = organised_event_or_404(slug)
    session = get_session()
    participant = session.get(Participant, participant_id)
    if participant is None or participant.event_id != event.id:
        abort(404)
    revoke_feed_token(participant)
    session.commit()
    flash(_("%(name)s's calendar link is switched off.", name=participant.full_name), "success")
    return redirect(  # type: ignore[return-value]
        url_for("organiser.edit_participant", slug=slug, participant_id=participant.id)
    )


@bp.get("/organise/<slug>/")
def organiser_calendars(slug: str) -> str:
    """The organiser's calendar downloads: the whole event and one per table."""
    event = organised_event_or_404(slug)
    return render_template("calendars/organiser.html", event=event)


@bp.get("/organise/<slug>/event.ics")
def event_download(slug: str) -> Response:
    """Every meeting of the event."""
    event = organised_event_or_404(slug)
    return _calendar_response(
        event_calendar(get_session(), event), f"{event.slug}.ics", attachment=True
    )


@bp.get("/organise/<slug>/tables/<int:table_id>.ics")
def table_download(slug: str, table_id: int) -> Response:
    """The meetings at one table, for the venue staff."""
    event = organised_event_or_404(slug)
    session = get_session()
    table = queries.event_table(session, event, table_id)
    if table is None:
        abort(404)
    return _calendar_response(
        table_calendar(session, table), f"{event.slug}-table-{table.id}.ics", attachment=True
    )
