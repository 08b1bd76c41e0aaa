"""Organisers: a mission's delegations, their leads (added or invited) and members."""

from __future__ import annotations

from flask import abort, current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from matchmaker.auth.access import organised_event_or_404, organiser_required
from matchmaker.auth.emails import normalise_email
from matchmaker.auth.forms import ConfirmForm
from matchmaker.auth.queries import user_by_email
from matchmaker.calendars.tokens import current_token
from matchmaker.commits import commit_or_refuse
from matchmaker.db import get_session
from matchmaker.delegations import operations, queries
from matchmaker.delegations.forms import DelegationForm, EmailForm, EventsMayMeetForm
from matchmaker.delegations.operations import DelegationRefused
from matchmaker.delegations.views.base import bp, signed_in_user
from matchmaker.links import external_url
from matchmaker.models import Delegation, DelegationLeadInvitation, Mission
from matchmaker.organiser.views.base import mission_or_404


def invitation_url(invitation: DelegationLeadInvitation) -> str | None:
    """The invitation's link, or None when the secret key changed since it was made."""
    token = current_token(
        "lead",
        invitation.id,
        invitation.created_at,
        invitation.token_hash,
        current_app.config["SECRET_KEY"],
    )
    return external_url("delegations.lead_invitation", token=token) if token else None


def _delegation_or_404(mission: Mission, delegation_id: int) -> Delegation:
    delegation = queries.mission_delegation(get_session(), mission, delegation_id)
    if delegation is None:
        abort(404)
    return delegation


def _back(mission: Mission) -> Response:
    return redirect(url_for(".mission_delegations", mission_slug=mission.slug))


@bp.route("/organise/missions/<mission_slug>/delegations", methods=["GET", "POST"])
@organiser_required
def mission_delegations(mission_slug: str) -> Response | str:
    """The mission's delegations with their leads and members; a form for a new one."""
    mission = mission_or_404(mission_slug)
    db = get_session()
    form = DelegationForm()
    if form.validate_on_submit():
        outcome = commit_or_refuse(
            lambda: operations.create_delegation(
                db,
                mission,
                form.name.data.strip(),
                (form.cluster.data or "").strip(),
                form.country.data or "",
            ),
            conflict=_("The mission already has a delegation of this name."),
        )
        if outcome.value is not None:
            flash(_("Delegation “%(name)s” created.", name=outcome.value.name), "success")
            return _back(mission)
        form.name.errors.append(outcome.refusal)
    delegations = queries.mission_delegations(db, mission)
    return render_template(
        "delegations/organiser.html",
        mission=mission,
        form=form,
        delegations=delegations,
        invitation_urls={
            invitation.id: invitation_url(invitation)
            for delegation in delegations
            for invitation in delegation.invitations
        },
        lead_forms={d.id: EmailForm(prefix=f"lead{d.id}") for d in delegations},
        member_forms={d.id: EmailForm(prefix=f"member{d.id}") for d in delegations},
        action=ConfirmForm(),
        may_meet_forms={
            event.id: EventsMayMeetForm(
                prefix=f"event{event.id}", data={"may_meet": event.delegation_members_may_meet}
            )
            for event in mission.events
        },
    )


@bp.post("/organise/missions/<mission_slug>/delegations/<int:delegation_id>/leads")
@organiser_required
def add_lead(mission_slug: str, delegation_id: int) -> Response:
    """Add a lead by e-mail: an existing account at once, another e-mail by invitation."""
    mission = mission_or_404(mission_slug)
    delegation = _delegation_or_404(mission, delegation_id)
    form = EmailForm(prefix=f"lead{delegation.id}")
    if not form.validate_on_submit():
        flash(_("Give a valid e-mail address."), "error")
        return _back(mission)
    db = get_session()
    email = normalise_email(form.email.data)
    user = user_by_email(db, email)
    if user is None:
        operations.invite_lead(
            db, delegation, email, signed_in_user(), current_app.config["SECRET_KEY"]
        )
        db.commit()
        flash(_("%(email)s has no account yet: pass on the invitation link below.", email=email))
    else:
        added = operations.add_lead(db, delegation, user)
        db.commit()
        flash(
            _("%(email)s now leads %(name)s.", email=email, name=delegation.name)
            if added
            else _("%(email)s already leads %(name)s.", email=email, name=delegation.name),
            "success" if added else "info",
        )
    return _back(mission)


@bp.post(
    "/organise/missions/<mission_slug>/delegations/<int:delegation_id>/leads/<int:user_id>/remove"
)
@organiser_required
def remove_lead(mission_slug: str, delegation_id: int, user_id: int) -> Response:
    """Stop someone leading the delegation."""
    mission = mission_or_404(mission_slug)
    delegation = _delegation_or_404(mission, delegation_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    operations.remove_lead(get_session(), delegation, user_id)
    get_session().commit()
    flash(_("Lead removed."), "info")
    return _back(mission)


@bp.post("/organise/missions/<mission_slug>/delegations/<int:delegation_id>/members")
@organiser_required
def add_member(mission_slug: str, delegation_id: int) -> Response:
    """Put a person (by e-mail, for every event of the mission) in the delegation."""
    mission = mission_or_404(mission_slug)
    delegation = _delegation_or_404(mission, delegation_id)
    form = EmailForm(prefix=f"member{delegation.id}")
    if not form.validate_on_submit():
        flash(_("Give a valid e-mail address."), "error")
        return _back(mission)
    outcome = commit_or_refuse(
        lambda: operations.add_member(get_session(), delegation, form.email.data, signed_in_user()),
        DelegationRefused,
    )
    if outcome.refusal is not None:
        flash(outcome.refusal, "error")
    else:
        flash(
            _("%(email)s is in %(name)s.", email=form.email.data, name=delegation.name), "success"
        )
    return _back(mission)


@bp.post(
    "/organise/missions/<mission_slug>/delegations/<int:delegation_id>/members/<int:member_id>/remove"
)
@organiser_required
def remove_member(mission_slug: str, delegation_id: int, member_id: int) -> Response:
    """Take a person out of the delegation; their registrations stay."""
    mission = mission_or_404(mission_slug)
    delegation = _delegation_or_404(mission, delegation_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    operations.remove_member(get_session(), delegation, member_id)
    get_session().commit()
    flash(_("Member removed from %(name)s.", name=delegation.name), "info")
    return _back(mission)


@bp.post("/organise/events/<slug>/delegations/may-meet")
@organiser_required
def may_meet(slug: str) -> Response:
    """Whether members of one delegation may be scheduled to meet each other at the event."""
    event = organised_event_or_404(slug)
    form = EventsMayMeetForm(prefix=f"event{event.id}")
    if not form.validate_on_submit():
        abort(400)
    event.delegation_members_may_meet = bool(form.may_meet.data)
    get_session().commit()
    flash(
        _(
            "At %(event)s, members of one delegation may now meet each other.",
            event=event.display_name,
        )
        if event.delegation_members_may_meet
        else _(
            "At %(event)s, members of one delegation never meet each other.",
            event=event.display_name,
        ),
        "success",
    )
    return _back(event.mission)
