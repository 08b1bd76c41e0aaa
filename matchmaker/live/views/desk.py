"""The check-in desk: find people by name, organisation or code; scan or type codes."""

from __future__ import annotations

from flask import flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from matchmaker.auth.access import login_required
from matchmaker.db import get_session
from matchmaker.live import operations, queries
from matchmaker.live.access import staffed_event_or_404
from matchmaker.live.clock import now
from matchmaker.live.forms import CheckInForm
from matchmaker.live.views.base import bp, me_user, participant_or_404
from matchmaker.models import Participant


@bp.get("/events/<slug>/desk")
@login_required
def desk(slug: str) -> str:
    """Search, the people found with their arrival, the live counts, the code field."""
    event = staffed_event_or_404(slug)
    session = get_session()
    operations.ensure_codes(session, event)
    session.commit()
    text = request.args.get("q", "").strip()[:100]
    found = queries.search_people(session, event, text) if text else []
    return render_template(
        "live/desk.html",
        event=event,
        form=CheckInForm(),
        text=text,
        found=found,
        check_ins=queries.check_ins(session, event),
        counts=queries.check_in_counts(session, event),
    )


@bp.post("/events/<slug>/desk")
@login_required
def check_in(slug: str) -> Response:
    """Check someone in by code (typed or scanned) or by the person picked from a search."""
    event = staffed_event_or_404(slug)
    session = get_session()
    form = CheckInForm()
    back = redirect(url_for(".desk", slug=slug, q=request.form.get("q", "")))
    if not form.validate_on_submit():
        flash(_("Type a check-in code or search for the person."), "error")
        return back
    participant: Participant | None
    if form.participant_id.data and str(form.participant_id.data).isdigit():
        participant = participant_or_404(event, int(form.participant_id.data))
    elif form.code.data:
        row = queries.check_in_by_code(session, event, form.code.data)
        participant = row.participant if row is not None and row.participant.active else None
        if participant is None:
            flash(
                _(
                    "No participant has the code “%(code)s”. Check it, or search.",
                    code=form.code.data,
                ),
                "error",
            )
            return back
    else:
        flash(_("Type a check-in code or search for the person."), "error")
        return back
    moment = now()
    arrived = operations.check_in(session, participant, me_user(), moment)
    session.commit()
    names = {"name": participant.full_name, "organisation": participant.organisation.name}
    if arrived:
        flash(_("%(name)s (%(organisation)s) is checked in.", **names), "success")
    else:
        flash(_("%(name)s (%(organisation)s) was already checked in.", **names), "info")
    return back


@bp.get("/events/<slug>/desk/counts")
@login_required
def counts(slug: str) -> Response:
    """Arrived and expected participants, for the desk's live counter."""
    event = staffed_event_or_404(slug)
    figures = queries.check_in_counts(get_session(), event)
    return jsonify(arrived=figures.arrived, expected=figures.expected)
