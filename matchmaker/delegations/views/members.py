"""A lead manages their SMEs: registers, edits and invites them, sets their availability
and marks preferences for those who allowed it. A member's consent lives here too."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from matchmaker.auth.access import event_or_404, login_required, own_participant_or_404
from matchmaker.auth.forms import ConfirmForm
from matchmaker.commits import commit_or_refuse
from matchmaker.db import get_session, utcnow
from matchmaker.delegations import operations, queries
from matchmaker.delegations.forms import ConsentForm, MarkForm, MemberForm
from matchmaker.delegations.operations import DelegationRefused, PersonDetails
from matchmaker.delegations.views.base import (
    bp,
    led_delegation_or_404,
    member_or_404,
    signed_in_user,
)
from matchmaker.messages.operations import email_invitations
from matchmaker.models import Delegation, Participant, PreferenceLevel
from matchmaker.participants import operations as participant_operations
from matchmaker.participants import queries as participant_queries
from matchmaker.participants.availability import chosen_free_slots, days_of
from matchmaker.participants.forms import LEVEL_LABELS, AvailabilityForm, level_labels

MARKABLE_SHOWN = 100


def _person(form: MemberForm) -> PersonDetails:
    return PersonDetails(
        first_name=form.first_name.data.strip(),
        last_name=form.last_name.data.strip(),
        email=form.email.data.strip(),
        job_title=(form.job_title.data or "").strip(),
        phone=(form.phone.data or "").strip(),
        offers=(form.offers.data or "").strip(),
        seeks=(form.seeks.data or "").strip(),
    )


def _overview(delegation: Delegation) -> Response:
    return redirect(url_for(".overview", delegation_id=delegation.id))


@bp.route("/delegations/<int:delegation_id>/events/<slug>/register", methods=["GET", "POST"])
@login_required
def register(delegation_id: int, slug: str) -> Response | str:
    """Register an SME person of the delegation for one event of the mission."""
    delegation = led_delegation_or_404(delegation_id)
    event = event_or_404(slug)
    if event.mission_id != delegation.mission_id:
        abort(404)
    form = MemberForm(data={"country": delegation.country})
    if form.validate_on_submit():
        outcome = commit_or_refuse(
            lambda: operations.register_member(
                get_session(),
                delegation,
                event,
                form.organisation.data.strip(),
                form.country.data,
                _person(form),
                signed_in_user(),
            ),
            DelegationRefused,
        )
        if outcome.value is not None:
            flash(
                _(
                    "%(name)s is registered for %(event)s.",
                    name=outcome.value.full_name,
                    event=event.display_name,
                ),
                "success",
            )
            return _overview(delegation)
        form.email.errors.append(outcome.refusal)
    return render_template(
        "delegations/member_form.html", delegation=delegation, event=event, form=form, member=None
    )


@bp.route(
    "/delegations/<int:delegation_id>/members/<int:participant_id>/edit", methods=["GET", "POST"]
)
@login_required
def edit_member(delegation_id: int, participant_id: int) -> Response | str:
    """Change an SME person's details."""
    delegation = led_delegation_or_404(delegation_id)
    member = member_or_404(delegation, participant_id)
    form = MemberForm(
        obj=member,
        data={"organisation": member.organisation.name, "country": member.organisation.country},
    )
    # The organisation's profile and the e-mail (the membership) are not the lead's to change.
    form.organisation.data = member.organisation.name
    form.country.data = member.organisation.country or form.country.data
    form.email.data = member.email
    if form.validate_on_submit():
        operations.update_member(member, _person(form))
        get_session().commit()
        flash(_("%(name)s saved.", name=member.full_name), "success")
        return _overview(delegation)
    return render_template(
        "delegations/member_form.html",
        delegation=delegation,
        event=member.event,
        form=form,
        member=member,
    )


@bp.post("/delegations/<int:delegation_id>/members/<int:participant_id>/invite")
@login_required
def invite_member(delegation_id: int, participant_id: int) -> Response:
    """E-mail an SME person their invitation link (a new link replaces an older one)."""
    delegation = led_delegation_or_404(delegation_id)
    member = member_or_404(delegation, participant_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    if member.user_id is not None:
        flash(_("%(name)s already has an account.", name=member.full_name), "info")
        return _overview(delegation)
    session = get_session()
    email_invitations(session, member.event, [member], utcnow())
    session.commit()
    flash(_("Invitation sent to %(email)s.", email=member.email), "success")
    return _overview(delegation)


@bp.route(
    "/delegations/<int:delegation_id>/members/<int:participant_id>/availability",
    methods=["GET", "POST"],
)
@login_required
def member_availability(delegation_id: int, participant_id: int) -> Response | str:
    """The SME person's availability grid, set by their lead."""
    delegation = led_delegation_or_404(delegation_id)
    member = member_or_404(delegation, participant_id)
    event = member.event
    session = get_session()
    blocks = participant_queries.blocks_with_slots(session, event)
    locked = participant_operations.availability_locked(event)
    form = AvailabilityForm()
    if form.validate_on_submit():
        here = url_for(
            ".member_availability", delegation_id=delegation.id, participant_id=member.id
        )
        if locked:
            flash(_("The schedule is made: availability can no longer change."), "error")
            return redirect(here)
        available = chosen_free_slots(
            blocks, request.form.getlist("available"), request.form.get("block_action", "")
        )
        slot_ids = [slot.id for block in blocks for slot in block.slots]
        participant_operations.set_availability(session, member, slot_ids, available, utcnow())
        session.commit()
        free = sum(1 for slot_id in slot_ids if slot_id in available)
        flash(
            _(
                "Availability of %(name)s saved: free in %(free)d of %(total)d slots.",
                name=member.full_name,
                free=free,
                total=len(slot_ids),
            ),
            "success",
        )
        return redirect(here)
    event_slot_ids = {slot.id for block in blocks for slot in block.slots}
    unavailable = participant_queries.unavailable_slot_ids(session, member) & event_slot_ids
    return render_template(
        "delegations/availability.html",
        delegation=delegation,
        member=member,
        event=event,
        form=form,
        days=days_of(blocks),
        unavailable=unavailable,
        free_count=len(event_slot_ids) - len(unavailable),
        slot_count=len(event_slot_ids),
        locked=locked,
    )


def _may_mark(delegation: Delegation, member: Participant) -> bool:
    consenting = {m.email for m in delegation.members if m.lead_may_mark}
    return member.email.lower() in consenting


def _left_out(delegation: Delegation, member: Participant) -> set[int]:
    """Fellow members the SME will not meet (unless the event lets members meet)."""
    if member.event.delegation_members_may_meet:
        return set()
    fellows = queries.member_participants(get_session(), delegation)
    return {p.id for p in fellows if p.event_id == member.event_id}


@bp.route(
    "/delegations/<int:delegation_id>/members/<int:participant_id>/marks",
    methods=["GET", "POST"],
)
@login_required
def member_marks(delegation_id: int, participant_id: int) -> Response | str:
    """Mark people for an SME person who allowed it; searchable by name or organisation."""
    delegation = led_delegation_or_404(delegation_id)
    member = member_or_404(delegation, participant_id)
    allowed = _may_mark(delegation, member)
    session = get_session()
    search = request.args.get("q", "")[:100].strip()
    here = url_for(
        ".member_marks", delegation_id=delegation.id, participant_id=member.id, q=search or None
    )
    form = MarkForm()
    if form.validate_on_submit():
        if not allowed:
            abort(404)
        target = participant_queries.other_active_participant(
            session, member.event, member, int(form.participant_id.data)
        )
        if target is None or target.id in _left_out(delegation, member):
            abort(404)
        level = PreferenceLevel(form.level.data) if form.level.data else None

        def change() -> None:
            if level is None:
                participant_operations.clear_preference(session, member, target, utcnow())
            else:
                participant_operations.set_preference(session, member, target, level, "", utcnow())

        refusal = commit_or_refuse(change, participant_operations.PreferenceRefused).refusal
        if refusal is not None:
            flash(refusal, "error")
        else:
            flash(
                _(
                    "%(name)s: %(level)s for %(member)s.",
                    name=target.full_name,
                    level=LEVEL_LABELS[level] if level else _("mark removed"),
                    member=member.full_name,
                ),
                "success",
            )
        return redirect(f"{here}#person-{target.id}")
    given, _received = participant_queries.preferences_involving(session, member)
    people = (
        queries.markable_people(
            session, member, _left_out(delegation, member), search, MARKABLE_SHOWN
        )
        if allowed
        else []
    )
    return render_template(
        "delegations/marks.html",
        delegation=delegation,
        member=member,
        event=member.event,
        allowed=allowed,
        people=people,
        given=given,
        search=search,
        shown_at_most=MARKABLE_SHOWN,
        level_labels=level_labels(),
        locked=participant_operations.preferences_locked(member.event, utcnow()),
        form=form,
    )


@bp.post("/delegations/consent/<slug>")
@login_required
def consent(slug: str) -> Response:
    """The signed-in participant allows (or stops allowing) their delegation's leads to
    mark preferences on their behalf."""
    me = own_participant_or_404(event_or_404(slug))
    session = get_session()
    membership = queries.membership_of(session, me)
    form = ConsentForm()
    if membership is None or not form.validate_on_submit():
        abort(404)
    operations.set_consent(membership, form.allow.data == "1", utcnow())
    session.commit()
    flash(
        _("Your delegation's leads may now mark people for you.")
        if membership.lead_may_mark
        else _("Your delegation's leads can no longer mark people for you."),
        "success",
    )
    return redirect(url_for("participants.preferences", slug=slug))
