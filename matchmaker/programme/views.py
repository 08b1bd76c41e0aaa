"""The programme pages: organisers create, edit and cancel a mission's items; participants
sign up to items with a capacity from their agenda."""

from __future__ import annotations

from typing import cast

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response
from wtforms import SelectChoice

from matchmaker.auth.access import (
    event_or_404,
    login_required,
    organiser_required,
    own_participant_or_404,
)
from matchmaker.commits import commit_or_refuse
from matchmaker.db import get_session, utcnow
from matchmaker.models import Audience, Mission, Participant, ProgrammeItem, ProgrammeKind, User
from matchmaker.organiser.forms import local_input_to_utc, utc_to_local_input
from matchmaker.organiser.views.base import Page, mission_or_404
from matchmaker.programme import operations, queries
from matchmaker.programme.forms import HomeZoneForm, ProgrammeItemForm
from matchmaker.programme.labels import AUDIENCE_LABELS, KIND_LABELS
from matchmaker.programme.maps import map_url
from matchmaker.programme.operations import ItemDetails, ProgrammeRefused

bp = Blueprint("programme", __name__, cli_group=None)


@bp.app_template_global()
def map_link(address: str) -> str | None:
    """The map link of an address (see `maps.map_url`)."""
    return map_url(address)


@bp.app_template_global()
def programme_kind_label(kind: ProgrammeKind) -> str:
    """A kind of programme item in words."""
    return str(KIND_LABELS[kind])


def _item_or_404(mission: Mission, item_id: int) -> ProgrammeItem:
    item = queries.mission_item(get_session(), mission, item_id)
    if item is None:
        abort(404)
    return item


def _form(mission: Mission, item: ProgrammeItem | None = None) -> ProgrammeItemForm:
    if item is None:
        events = mission.events
        form = ProgrammeItemForm(timezone=events[0].timezone if events else "Europe/Berlin")
    else:
        form = ProgrammeItemForm(
            title=item.title,
            description=item.description,
            timezone=item.timezone,
            place=item.place,
            address=item.address,
            capacity=item.capacity,
            kind=item.kind.value,
            audience=item.audience.value,
            starts_at=utc_to_local_input(item.starts_at, item.timezone),
            ends_at=utc_to_local_input(item.ends_at, item.timezone),
            guests=[guest.participant_id for guest in item.guests],
            delegations=[link.delegation_id for link in item.delegation_links],
        )
    form.delegations.choices = [
        SelectChoice(delegation.id, delegation.name)
        for delegation in queries.mission_delegations(get_session(), mission)
    ]
    form.guests.choices = [
        SelectChoice(person.id, f"{person.full_name} · {person.organisation.name}")
        for person in queries.mission_people(get_session(), mission)
    ]
    return form


def _details(form: ProgrammeItemForm) -> ItemDetails:
    zone = form.timezone.data
    starts_at = local_input_to_utc(form.starts_at.data, zone)
    ends_at = local_input_to_utc(form.ends_at.data, zone)
    assert starts_at is not None and ends_at is not None  # required fields
    return ItemDetails(
        kind=ProgrammeKind(form.kind.data),
        title=form.title.data.strip(),
        description=(form.description.data or "").strip(),
        starts_at=starts_at,
        ends_at=ends_at,
        timezone=zone,
        place=(form.place.data or "").strip(),
        address=(form.address.data or "").strip(),
        audience=Audience(form.audience.data),
        capacity=form.capacity.data,
        guest_ids=frozenset(form.guests.data or ()),
        delegation_ids=frozenset(form.delegations.data or ()),
    )


def _to_programme(mission: Mission) -> Response:
    return redirect(url_for(".items", slug=mission.slug))


@bp.get("/organise/missions/<slug>/programme")
@organiser_required
def items(slug: str) -> str:
    """The mission's programme: every item with its time, place, audience and places."""
    mission = mission_or_404(slug)
    session = get_session()
    items = queries.mission_items(session, mission)
    return render_template(
        "programme/items.html",
        mission=mission,
        items=items,
        attendance=queries.attendance(session, items),
        audience_labels=AUDIENCE_LABELS,
    )


@bp.route("/organise/missions/<slug>/programme/new", methods=["GET", "POST"])
@organiser_required
def new_item(slug: str) -> Page:
    """Add a company visit, reception, ceremony or transfer to the mission."""
    mission = mission_or_404(slug)
    form = _form(mission)
    if form.validate_on_submit():
        session = get_session()
        outcome = commit_or_refuse(
            lambda: operations.create_item(session, mission, _details(form)), ProgrammeRefused
        )
        if outcome.value is not None:
            flash(_("“%(title)s” added to the programme.", title=outcome.value.title), "success")
            return _to_programme(mission)
        form.guests.errors = [*form.guests.errors, outcome.refusal]
    return render_template("programme/item_form.html", mission=mission, form=form, item=None)


@bp.route("/organise/missions/<slug>/programme/<int:item_id>/edit", methods=["GET", "POST"])
@organiser_required
def edit_item(slug: str, item_id: int) -> Page:
    """Change an item; calendars follow with a higher SEQUENCE."""
    mission = mission_or_404(slug)
    item = _item_or_404(mission, item_id)
    form = _form(mission, item)
    if form.validate_on_submit():
        session = get_session()
        outcome = commit_or_refuse(
            lambda: operations.update_item(session, item, _details(form)), ProgrammeRefused
        )
        if outcome.refusal is None:
            flash(_("“%(title)s” saved.", title=item.title), "success")
            return _to_programme(mission)
        form.capacity.errors = [*form.capacity.errors, outcome.refusal]
    return render_template("programme/item_form.html", mission=mission, form=form, item=item)


@bp.post("/organise/missions/<slug>/programme/<int:item_id>/cancel")
@organiser_required
def cancel_item(slug: str, item_id: int) -> Response:
    """Cancel an item: calendars show it as cancelled."""
    mission = mission_or_404(slug)
    item = _item_or_404(mission, item_id)
    operations.cancel_item(item, utcnow())
    get_session().commit()
    flash(_("“%(title)s” is cancelled.", title=item.title), "success")
    return _to_programme(mission)


@bp.post("/organise/missions/<slug>/programme/<int:item_id>/reinstate")
@organiser_required
def reinstate_item(slug: str, item_id: int) -> Response:
    """Undo a cancellation."""
    mission = mission_or_404(slug)
    item = _item_or_404(mission, item_id)
    operations.reinstate_item(item)
    get_session().commit()
    flash(_("“%(title)s” is back on the programme.", title=item.title), "success")
    return _to_programme(mission)


def _participant_item(slug: str, item_id: int) -> tuple[ProgrammeItem, Participant, Response]:
    """The item of the event's mission, the signed-in participant, and the way back."""
    event = event_or_404(slug)
    me = own_participant_or_404(event)
    item = _item_or_404(event.mission, item_id)
    back = redirect(url_for("participants.agenda", slug=slug, _anchor="programme"))
    return item, me, back


@bp.post("/events/<slug>/programme/<int:item_id>/sign-up")
@login_required
def sign_up(slug: str, item_id: int) -> Response:
    """Take a place at an item with a capacity."""
    item, me, back = _participant_item(slug, item_id)
    session = get_session()
    outcome = commit_or_refuse(
        lambda: operations.sign_up(session, item, me),
        ProgrammeRefused,
        conflict=_("The last place of “%(title)s” was just taken.", title=item.title),
    )
    if outcome.refusal is not None:
        flash(outcome.refusal, "error")
    else:
        flash(_("You have a place at “%(title)s”.", title=item.title), "success")
    return back


@bp.post("/events/<slug>/programme/<int:item_id>/withdraw")
@login_required
def withdraw(slug: str, item_id: int) -> Response:
    """Give up a place."""
    item, me, back = _participant_item(slug, item_id)
    session = get_session()
    if operations.withdraw_sign_up(session, item, queries.registrations_of(session, me)):
        session.commit()
        flash(_("You gave up your place at “%(title)s”.", title=item.title), "info")
    return back


@bp.route("/account/home-time-zone", methods=["GET", "POST"])
@login_required
def home_zone() -> Page:
    """The signed-in person's home time zone, shown beside itinerary times that differ."""
    user = cast(User, current_user._get_current_object())
    form = HomeZoneForm(timezone=user.home_timezone or "")
    if form.validate_on_submit():
        user.home_timezone = form.timezone.data or None
        get_session().commit()
        flash(_("Your home time zone is saved."), "success")
        return redirect(url_for("auth.account"))
    return render_template("programme/home_zone.html", form=form)
