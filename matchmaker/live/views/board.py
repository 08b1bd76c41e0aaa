"""Big-screen boards per hall: a revocable token link, no login, read only."""

from __future__ import annotations

from flask import abort, current_app, flash, g, redirect, render_template, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from matchmaker.auth.access import organised_event_or_404, organiser_required
from matchmaker.auth.tokens import hash_token
from matchmaker.calendars.tokens import current_token
from matchmaker.db import get_session
from matchmaker.links import external_url
from matchmaker.live import operations, queries
from matchmaker.live.clock import now
from matchmaker.live.forms import ActionForm, BoardForm
from matchmaker.live.views.base import bp
from matchmaker.models import BoardLink, Meeting

BOARD_REFRESH_S = 20


def board_url(board: BoardLink) -> str | None:
    """The board's link, or None when the secret key changed since it was made."""
    token = current_token(
        "board", board.id, board.issued_at, board.token_hash, current_app.config["SECRET_KEY"]
    )
    return external_url("live.board", token=token) if token else None


@bp.route("/events/<slug>/boards", methods=["GET", "POST"])
@organiser_required
def boards(slug: str) -> Response | str:
    """The event's board links, and a form for a new one."""
    event = organised_event_or_404(slug)
    session = get_session()
    form = BoardForm()
    if form.validate_on_submit():
        operations.create_board(
            session, event, form.name.data, form.hall.data or "", current_app.config["SECRET_KEY"]
        )
        session.commit()
        flash(_("The board link is ready: open it on the hall's screen."), "success")
        return redirect(url_for(".boards", slug=slug))
    links = [(board, board_url(board)) for board in queries.board_links(session, event)]
    return render_template(
        "live/boards.html", event=event, form=form, links=links, action=ActionForm()
    )


@bp.post("/events/<slug>/boards/<int:board_id>/revoke")
@organiser_required
def revoke_board(slug: str, board_id: int) -> Response:
    """Switch a board link off: its screen shows "not found" from its next refresh."""
    event = organised_event_or_404(slug)
    session = get_session()
    board = queries.board_link(session, event, board_id)
    if board is None:
        abort(404)
    if not ActionForm().validate_on_submit():
        abort(400)
    session.delete(board)
    session.commit()
    flash(_("The board “%(name)s” is switched off.", name=board.name), "info")
    return redirect(url_for(".boards", slug=slug))


def _in_hall(meeting: Meeting, hall: str) -> bool:
    if not hall:
        return True
    place = meeting.table.place if meeting.table is not None else meeting.location or ""
    return hall.lower() in place.lower()


@bp.get("/board/<token>")
def board(token: str) -> str:
    """The current and next slot's tables and pairs in large type, with a clock."""
    session = get_session()
    link = queries.board_by_hash(session, hash_token(token))
    if link is None:
        abort(404)
    event = link.event
    # Nobody logs in on a hall's screen: without a browser language, the event's speaks.
    g.event_locale = event.default_locale
    moment = now()
    current, upcoming = queries.current_and_next(event, moment)
    panels = [
        (
            title,
            slot,
            [m for m in queries.slot_meetings(session, event, slot) if _in_hall(m, link.hall)],
        )
        for title, slot in ((_("Now"), current), (_("Next"), upcoming))
        if slot is not None
    ]
    return render_template(
        "live/board.html",
        event=event,
        link=link,
        panels=panels,
        moment=moment,
        refresh_s=BOARD_REFRESH_S,
    )
