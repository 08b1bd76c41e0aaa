"""Organisers: an event's settings, its page and its phase."""

from __future__ import annotations

from datetime import date

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response as BaseResponse

from matchmaker.auth.access import organised_event_or_404, organiser_required
from matchmaker.auth.countries import COUNTRY_NAMES
from matchmaker.commits import commit_or_refuse
from matchmaker.db import get_session
from matchmaker.i18n import language_name, supported
from matchmaker.models import Event, Mission, Phase
from matchmaker.organiser import operations, queries
from matchmaker.organiser.forms import (
    EventForm,
    NewEventForm,
    PhaseForm,
    local_input_to_utc,
    utc_to_local_input,
)
from matchmaker.organiser.operations import SetupRefused
from matchmaker.organiser.terms import country_vocabulary
from matchmaker.organiser.views.base import Page, bp, mission_or_404
from matchmaker.zones import suggested_timezone


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
        min_meetings=form.min_meetings.data if form.min_meetings.data is not None else 1,
        max_meetings_per_day=form.max_meetings_per_day.data,
        max_consecutive_meetings=form.max_consecutive_meetings.data,
        limit_must=form.limit_must.data,
        limit_want=form.limit_want.data,
        limit_maybe=form.limit_maybe.data,
        sectors=form.terms("sectors"),
        technologies=form.terms("technologies"),
        registration_deadline=local_input_to_utc(form.registration_deadline.data, zone),
        preferences_deadline=local_input_to_utc(form.preferences_deadline.data, zone),
        mode=form.mode.data,
        default_locale=form.default_locale.data,
    )


def _suggested_zone(mission: Mission) -> str:
    """The zone of the mission's latest event, else one its texts or target market name."""
    if mission.events:
        return mission.events[-1].timezone
    country = (
        country_vocabulary({}).resolve(mission.target_market) if mission.target_market else None
    )
    return suggested_timezone(
        [mission.name, mission.target_market, mission.description], country or None
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
    form = NewEventForm(timezone=_suggested_zone(mission), first_day=mission.start_date)
    if form.validate_on_submit():
        db = get_session()
        event = operations.create_event(db, mission, _event_settings(form), Phase(form.phase.data))
        db.commit()
        flash(
            _("Event “%(name)s” created. Add its B2B blocks and tables.", name=event.name),
            "success",
        )
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
        settings = _event_settings(form)
        refusal = commit_or_refuse(
            lambda: operations.update_event(get_session(), event, settings), SetupRefused
        ).refusal
        if refusal is None:
            flash(_("Event settings saved."), "success")
            return redirect(url_for(".event", slug=event.slug))
        form.slot_minutes.errors.append(refusal)
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
        language=language_name(supported(event.default_locale) or "en"),
    )


@bp.post("/events/<slug>/phase")
@organiser_required
def change_phase(slug: str) -> BaseResponse:
    """Move the event one phase forward or back."""
    event = organised_event_or_404(slug)
    form = PhaseForm()
    if form.validate_on_submit():
        outcome = commit_or_refuse(
            lambda: operations.move_phase(event, forward=form.direction.data == "forward"),
            SetupRefused,
        )
        if outcome.value is None:
            flash(str(outcome.refusal), "error")
        else:
            flash(
                _(
                    "The event is now in the phase “%(phase)s”.",
                    phase=Phase(outcome.value).label,
                ),
                "success",
            )
    return redirect(url_for(".event", slug=event.slug))
