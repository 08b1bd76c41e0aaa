"""Organisers: invitation links for an event's participants."""

from __future__ import annotations

import csv
import io

from flask import Response, flash, redirect, request, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response as BaseResponse

from matchmaker.auth.access import organised_event_or_404, organiser_required
from matchmaker.db import get_session, utcnow
from matchmaker.links import external_url
from matchmaker.organiser import operations, queries
from matchmaker.organiser.views.base import bp
from matchmaker.schedule.exports import neutralise


@bp.post("/events/<slug>/invitations")
@organiser_required
def invitations(slug: str) -> BaseResponse:
    """Create invitation links (new tokens replace old ones) and download them as CSV."""
    event = organised_event_or_404(slug)
    db = get_session()
    include_invited = request.form.get("scope") == "all"
    people = queries.participants_to_invite(
        db, event, include_invited=include_invited, now=utcnow()
    )
    if not people:
        flash(_("Everybody without an account has been invited already."), "info")
        return redirect(url_for(".participants", slug=event.slug))
    issued = operations.issue_invitations(people, utcnow())
    db.commit()
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["first_name", "last_name", "email", "organisation", "invitation_link"])
    for participant, token in issued:
        cells = (
            participant.first_name,
            participant.last_name,
            participant.email,
            participant.organisation.name,
        )
        link = external_url("auth.accept_invitation", token=token)
        writer.writerow([*(neutralise(cell) for cell in cells), link])
    filename = f"{event.slug}-invitations-{utcnow():%Y%m%d-%H%M}.csv"
    return Response(
        "\ufeff" + buffer.getvalue(),
        mimetype="text/csv",
        headers={
            "Content-Disposition": f'attachment; filename="{filename}"',
            "Cache-Control": "no-store",
        },
    )
