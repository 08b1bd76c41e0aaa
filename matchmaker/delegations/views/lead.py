"""A delegation lead's area: progress, every agenda, the booklet, the calendar feed."""

from __future__ import annotations

from flask import current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from matchmaker.auth.access import login_required
from matchmaker.auth.countries import COUNTRY_NAMES
from matchmaker.auth.forms import ConfirmForm
from matchmaker.calendars.tokens import current_token
from matchmaker.calendars.views import subscription_links
from matchmaker.db import get_session
from matchmaker.delegations import operations
from matchmaker.delegations.agendas import member_agendas
from matchmaker.delegations.progress import delegation_progress
from matchmaker.delegations.views.base import bp, led_delegation_or_404
from matchmaker.links import external_url
from matchmaker.models import Delegation


def feed_links(delegation: Delegation) -> dict[str, str] | None:
    """The delegation feed's links (https and webcal), or None without a current token."""
    token = current_token(
        "delegation-feed",
        delegation.id,
        delegation.feed_token_created_at,
        delegation.feed_token_hash,
        current_app.config["SECRET_KEY"],
    )
    if token is None:
        return None
    return subscription_links(external_url("delegations.feed", token=token))


@bp.get("/delegations/<int:delegation_id>")
@login_required
def overview(delegation_id: int) -> str:
    """The delegation's members per event: who has no availability or marks yet."""
    delegation = led_delegation_or_404(delegation_id)
    return render_template(
        "delegations/overview.html",
        delegation=delegation,
        events=delegation_progress(get_session(), delegation),
        feed=feed_links(delegation),
        action=ConfirmForm(),
    )


@bp.get("/delegations/<int:delegation_id>/agendas")
@login_required
def agendas(delegation_id: int) -> str:
    """Every member's agenda, event by event (published schedules only)."""
    delegation = led_delegation_or_404(delegation_id)
    return render_template(
        "delegations/agendas.html",
        delegation=delegation,
        agendas=member_agendas(get_session(), delegation),
    )


@bp.get("/delegations/<int:delegation_id>/booklet")
@login_required
def booklet(delegation_id: int) -> str:
    """The printable booklet: a summary grid, then a page per member."""
    delegation = led_delegation_or_404(delegation_id)
    session = get_session()
    return render_template(
        "delegations/booklet.html",
        delegation=delegation,
        events=delegation_progress(session, delegation),
        agendas=member_agendas(session, delegation),
        country_names=COUNTRY_NAMES,
    )


@bp.post("/delegations/<int:delegation_id>/feed")
@login_required
def new_feed(delegation_id: int) -> Response:
    """Issue the delegation's calendar link (replacing the old one, which stops working)."""
    delegation = led_delegation_or_404(delegation_id)
    if ConfirmForm().validate_on_submit():
        operations.issue_feed_token(delegation, current_app.config["SECRET_KEY"])
        get_session().commit()
        flash(
            _("The delegation's calendar link is ready; any older link no longer works."), "success"
        )
    return redirect(url_for(".overview", delegation_id=delegation.id, _anchor="calendar"))


@bp.post("/delegations/<int:delegation_id>/feed/revoke")
@login_required
def revoke_feed(delegation_id: int) -> Response:
    """Switch the delegation's calendar link off."""
    delegation = led_delegation_or_404(delegation_id)
    if ConfirmForm().validate_on_submit():
        operations.revoke_feed_token(delegation)
        get_session().commit()
        flash(_("The delegation's calendar link is switched off."), "info")
    return redirect(url_for(".overview", delegation_id=delegation.id, _anchor="calendar"))
