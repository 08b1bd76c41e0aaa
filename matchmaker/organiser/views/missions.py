"""Organisers: the dashboard, organisers of missions, missions."""

from __future__ import annotations

from flask import abort, current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response as BaseResponse
from wtforms import SelectChoice

from matchmaker.auth.access import organiser_required
from matchmaker.commits import commit_or_refuse
from matchmaker.core.queries import participant_counts
from matchmaker.db import get_session
from matchmaker.models import Mission, User
from matchmaker.organiser import operations, queries
from matchmaker.organiser.forms import MissionForm, MissionOrganiserForm, OrganiserForm
from matchmaker.organiser.operations import SetupRefused
from matchmaker.organiser.views.base import Page, admin_only, bp, mission_or_404, signed_in_user


@bp.get("/")
@organiser_required
def dashboard() -> str:
    """Missions the organiser manages with their events, phases and registrations."""
    db = get_session()
    missions = queries.managed_missions(db, signed_in_user())
    counts = participant_counts(db, [event.id for mission in missions for event in mission.events])
    return render_template("organiser/dashboard.html", missions=missions, counts=counts)


@bp.route("/organisers", methods=["GET", "POST"])
@organiser_required
def organisers() -> Page:
    """Admins create organiser accounts (the password is shown once) and assign missions."""
    admin_only()
    db = get_session()
    form = OrganiserForm(prefix="new")
    created: tuple[User, str] | None = None
    if form.validate_on_submit():
        outcome = commit_or_refuse(
            lambda: operations.create_organiser(db, form.email.data, form.name.data.strip()),
            SetupRefused,
        )
        if outcome.value is None:
            form.email.errors.append(outcome.refusal)
        else:
            created = outcome.value
            form = OrganiserForm(formdata=None, prefix="new")
    response = current_app.make_response(
        render_template(
            "organiser/organisers.html",
            form=form,
            assign_form=_assign_form(),
            created=created,
            organisers=queries.organiser_accounts(db),
            missions=queries.all_missions(db),
        )
    )
    if created is not None:
        response.headers["Cache-Control"] = "no-store"  # the page shows a password
    return response


def _assign_form() -> MissionOrganiserForm:
    db = get_session()
    form = MissionOrganiserForm(prefix="assign")
    form.mission.choices = [
        SelectChoice(mission.id, mission.name) for mission in queries.all_missions(db)
    ]
    form.user.choices = [
        SelectChoice(user.id, f"{user.name} <{user.email}>")
        for user in queries.organiser_accounts(db)
        if not user.is_admin
    ]
    return form


@bp.post("/organisers/assign")
@organiser_required
def assign_organiser() -> BaseResponse:
    """Add an organiser to a mission."""
    admin_only()
    db = get_session()
    form = _assign_form()
    if not form.validate_on_submit():
        flash(_("Choose a mission and an organiser."), "error")
        return redirect(url_for(".organisers"))
    mission = db.get_one(Mission, form.mission.data)
    user = db.get_one(User, form.user.data)
    operations.add_mission_organiser(mission, user)
    db.commit()
    flash(
        _("%(name)s now manages %(mission)s.", name=user.name or user.email, mission=mission.name),
        "success",
    )
    return redirect(url_for(".organisers"))


@bp.post("/missions/<slug>/organisers/<int:user_id>/remove")
@organiser_required
def remove_organiser(slug: str, user_id: int) -> BaseResponse:
    """Stop an organiser managing a mission."""
    admin_only()
    db = get_session()
    mission = mission_or_404(slug)
    user = db.get(User, user_id)
    if user is None:
        abort(404)
    operations.remove_mission_organiser(mission, user)
    db.commit()
    flash(
        _(
            "%(name)s no longer manages %(mission)s.",
            name=user.name or user.email,
            mission=mission.name,
        ),
        "success",
    )
    return redirect(url_for(".organisers"))


def _mission_details(form: MissionForm) -> operations.MissionDetails:
    return operations.MissionDetails(
        name=form.name.data.strip(),
        partnership=(form.partnership.data or "").strip(),
        target_market=(form.target_market.data or "").strip(),
        start_date=form.start_date.data,
        end_date=form.end_date.data,
        description=(form.description.data or "").strip(),
        follow_up_months=(
            form.follow_up_months_first.data or 3,
            form.follow_up_months_second.data or 6,
        ),
    )


@bp.route("/missions/new", methods=["GET", "POST"])
@organiser_required
def new_mission() -> Page:
    """Create a mission."""
    form = MissionForm()
    if form.validate_on_submit():
        db = get_session()
        mission = operations.create_mission(db, signed_in_user(), _mission_details(form))
        db.commit()
        flash(
            _("Mission “%(name)s” created. Now add its first event.", name=mission.name),
            "success",
        )
        return redirect(url_for(".new_event", slug=mission.slug))
    return render_template("organiser/mission_form.html", form=form, mission=None)


@bp.route("/missions/<slug>/edit", methods=["GET", "POST"])
@organiser_required
def edit_mission(slug: str) -> Page:
    """Edit a mission's details."""
    mission = mission_or_404(slug)
    form = MissionForm(obj=mission)
    if form.validate_on_submit():
        operations.update_mission(mission, _mission_details(form))
        get_session().commit()
        flash(_("Mission saved."), "success")
        return redirect(url_for(".dashboard"))
    return render_template("organiser/mission_form.html", form=form, mission=mission)
