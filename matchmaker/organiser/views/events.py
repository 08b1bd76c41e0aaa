"""Organisers: an event's settings, its page and its phase."""

from __future__ import annotations

from datetime import date

from flask import flash, redirect, render_template, request, url_for
from werkzeug.wrappers import Response as BaseResponse

from matchmaker.auth.access import organised_event_or_404, organiser_required
from matchmaker.auth.countries import COUNTRY_NAMES
from matchmaker.db import get_session
from matchmaker.models import Event, Phase
from matchmaker.organiser import operations, queries
from matchmaker.organiser.forms import (
    EventForm,
    NewEventForm,
    PhaseForm,
    local_input_to_utc,
    utc_to_local_input,
)
from matchmaker.organiser.operations import SetupRefused
from matchmaker.organiser.views.base import Page, bp, mission_or_404


def _event_settings(form: EventForm) -> operations.EventSettings:
    zone = form.timezone.data
    return operations.EventSettings(
        name=form.name.data.strip(),
        description=(form.description.data or "").strip(),
        venue=(form.venue.data or "").strip(),
        timezone=zone,
        slot_minutes=form.slot_minutes.data,
        break_minutes=form.break_minutes.data,
        default_max_meetings=form.default_max_meetings.data,
        limit_must=form.limit_must.data,
        limit_want=form.limit_want.data,
        limit_maybe=form.limit_maybe.data,
        sectors=form.terms("sectors"),
        technologies=form.terms("technologies"),
        registration_deadline=local_input_to_utc(form.registration_deadline.data, zone),
        preferences_deadline=local_input_to_utc(form.preferences_deadline.data, zone),
    )


def _first_day(event: Event) -> date | None:
    """The event's first day: its first block's, else the mission's first day."""
    if event.blocks:
        return min(block.day for block in event.blocks)
    return event.mission.start_date


@bp.route("/missions/<slug>/events/new", methods=["GET", "POST"])
@organiser_required
def new_event(slug: str) -> Page:
    """Create an event of a mission."""
    mission = mission_or_404(slug)
    form = NewEventForm(first_day=mission.start_date)
    if form.validate_on_submit():
        db = get_session()
        event = operations.create_event(db, mission, _event_settings(form), Phase(form.phase.data))
        db.commit()
        flash(f"Event “{event.name}” created. Add its B2B blocks and tables.", "success")
        return redirect(url_for(".setup", slug=event.slug))
    return render_template("organiser/event_form.html", form=form, mission=mission, event=None)


@bp.route("/events/<slug>/edit", methods=["GET", "POST"])
@organiser_required
def edit_event(slug: str) -> Page:
    """Edit an event's settings; slots follow the zone, slot length and break."""
    event = organised_event_or_404(slug)
    form = EventForm(obj=event, first_day=_first_day(event))
    if request.method == "GET":
        form.sectors.data = "\n".join(event.sectors)
        form.technologies.data = "\n".join(event.technologies)
        form.registration_deadline.data = utc_to_local_input(
            event.registration_deadline, event.timezone
        )
        form.preferences_deadline.data = utc_to_local_input(
            event.preferences_deadline, event.timezone
        )
    if form.validate_on_submit():
        db = get_session()
        try:
            operations.update_event(db, event, _event_settings(form))
        except SetupRefused as refusal:
            db.rollback()
            form.slot_minutes.errors.append(str(refusal))
        else:
            db.commit()
            flash("Event settings saved.", "success")
            return redirect(url_for(".event", slug=event.slug))
    return render_template(
        "organiser/event_form.html", form=form, mission=event.mission, event=event
    )


@bp.get("/events/<slug>")
@organiser_required
def event(slug: str) -> str:
    """The event's home for organisers: summary, phase, deadlines, registrations, links."""
    event = organised_event_or_404(slug)
    days = sorted({block.day for block in event.blocks})
    return render_template(
        "organiser/event.html",
        event=event,
        days=days,
        figures=queries.registration_figures(get_session(), event),
        phases=operations.PHASE_ORDER,
        country_names=COUNTRY_NAMES,
    )


@bp.post("/events/<slug>/phase")
@organiser_required
def change_phase(slug: str) -> BaseResponse:
    """Move the event one phase forward or back."""
    event = organised_event_or_404(slug)
    form = PhaseForm()
    if form.validate_on_submit():
        try:
            phase = operations.move_phase(event, forward=form.direction.data == "forward")
        except SetupRefused as refusal:
            flash(str(refusal), "error")
        else:
            get_session().commit()
            flash(f"The event is now in the phase “{phase.value}”.", "success")
    return redirect(url_for(".event", slug=event.slug))
