"""Organisers: missions, events, set-up, participants, imports and invitations."""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta
from pathlib import Path
from typing import cast

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_login import current_user
from werkzeug.exceptions import RequestEntityTooLarge
from werkzeug.wrappers import Response as BaseResponse
from wtforms import SelectChoice

from matchmaker.auth.access import organised_event_or_404, organiser_required
from matchmaker.auth.countries import COUNTRY_NAMES
from matchmaker.core.queries import participant_counts
from matchmaker.db import get_session, utcnow
from matchmaker.links import external_url
from matchmaker.models import Block, Event, Mission, Participant, Phase, User
from matchmaker.organiser import importing, operations, queries
from matchmaker.organiser.forms import (
    BlockForm,
    EventForm,
    ImportForm,
    MissionForm,
    MissionOrganiserForm,
    NewEventForm,
    OrganiserForm,
    ParticipantForm,
    PhaseForm,
    TableCountForm,
    TableListForm,
    local_input_to_utc,
    utc_to_local_input,
)
from matchmaker.organiser.importing import ImportFileError
from matchmaker.organiser.operations import SetupRefused
from matchmaker.schedule.exports import neutralise

bp = Blueprint("organiser", __name__, url_prefix="/organise", cli_group=None)

Page = str | BaseResponse | tuple[str, int]


def _user() -> User:
    return cast(User, current_user._get_current_object())


def _mission_or_404(slug: str) -> Mission:
    mission = queries.managed_mission(get_session(), _user(), slug)
    if mission is None:
        abort(404)
    return mission


def _admin_only() -> None:
    if not _user().is_admin:
        abort(404)


# ---------- Dashboard, organisers, missions ----------


@bp.get("/")
@organiser_required
def dashboard() -> str:
    """Missions the organiser manages with their events, phases and registrations."""
    db = get_session()
    missions = queries.managed_missions(db, _user())
    counts = participant_counts(db, [event.id for mission in missions for event in mission.events])
    return render_template("organiser/dashboard.html", missions=missions, counts=counts)


@bp.route("/organisers", methods=["GET", "POST"])
@organiser_required
def organisers() -> Page:
    """Admins create organiser accounts (the password is shown once) and assign missions."""
    _admin_only()
    db = get_session()
    form = OrganiserForm(prefix="new")
    created: tuple[User, str] | None = None
    if form.validate_on_submit():
        try:
            created = operations.create_organiser(db, form.email.data, form.name.data.strip())
        except SetupRefused as refusal:
            form.email.errors.append(str(refusal))
        else:
            db.commit()
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
    _admin_only()
    db = get_session()
    form = _assign_form()
    if not form.validate_on_submit():
        flash("Choose a mission and an organiser.", "error")
        return redirect(url_for(".organisers"))
    mission = db.get_one(Mission, form.mission.data)
    user = db.get_one(User, form.user.data)
    operations.add_mission_organiser(mission, user)
    db.commit()
    flash(f"{user.name or user.email} now manages {mission.name}.", "success")
    return redirect(url_for(".organisers"))


@bp.post("/missions/<slug>/organisers/<int:user_id>/remove")
@organiser_required
def remove_organiser(slug: str, user_id: int) -> BaseResponse:
    """Stop an organiser managing a mission."""
    _admin_only()
    db = get_session()
    mission = _mission_or_404(slug)
    user = db.get(User, user_id)
    if user is None:
        abort(404)
    operations.remove_mission_organiser(mission, user)
    db.commit()
    flash(f"{user.name or user.email} no longer manages {mission.name}.", "success")
    return redirect(url_for(".organisers"))


def _mission_details(form: MissionForm) -> operations.MissionDetails:
    return operations.MissionDetails(
        name=form.name.data.strip(),
        partnership=(form.partnership.data or "").strip(),
        target_market=(form.target_market.data or "").strip(),
        start_date=form.start_date.data,
        end_date=form.end_date.data,
        description=(form.description.data or "").strip(),
    )


@bp.route("/missions/new", methods=["GET", "POST"])
@organiser_required
def new_mission() -> Page:
    """Create a mission."""
    form = MissionForm()
    if form.validate_on_submit():
        db = get_session()
        mission = operations.create_mission(db, _user(), _mission_details(form))
        db.commit()
        flash(f"Mission “{mission.name}” created. Now add its first event.", "success")
        return redirect(url_for(".new_event", slug=mission.slug))
    return render_template("organiser/mission_form.html", form=form, mission=None)


@bp.route("/missions/<slug>/edit", methods=["GET", "POST"])
@organiser_required
def edit_mission(slug: str) -> Page:
    """Edit a mission's details."""
    mission = _mission_or_404(slug)
    form = MissionForm(obj=mission)
    if form.validate_on_submit():
        operations.update_mission(mission, _mission_details(form))
        get_session().commit()
        flash("Mission saved.", "success")
        return redirect(url_for(".dashboard"))
    return render_template("organiser/mission_form.html", form=form, mission=mission)


# ---------- Events ----------


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


@bp.route("/missions/<slug>/events/new", methods=["GET", "POST"])
@organiser_required
def new_event(slug: str) -> Page:
    """Create an event of a mission."""
    mission = _mission_or_404(slug)
    form = NewEventForm()
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
    form = EventForm(obj=event)
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


# ---------- Set-up: blocks, slots, tables ----------


def _default_block_day(event: Event) -> date | None:
    """The day after the event's last block, or that block's day when the mission ends
    then; the mission's first day for an event without blocks."""
    mission = event.mission
    if not event.blocks:
        return mission.start_date
    last = max(block.day for block in event.blocks)
    following = last + timedelta(days=1)
    return following if mission.end_date is None or following <= mission.end_date else last


def _setup_page(
    event: Event,
    *,
    block_form: BlockForm | None = None,
    count_form: TableCountForm | None = None,
    list_form: TableListForm | None = None,
    status: int = 200,
) -> tuple[str, int]:
    if block_form is None:
        block_form = BlockForm(formdata=None, day=_default_block_day(event))
    if list_form is None:
        list_form = TableListForm(formdata=None)
        list_form.tables.data = "\n".join(
            f"{table.name}; {table.place}" if table.place else table.name for table in event.tables
        )
    page = render_template(
        "organiser/setup.html",
        event=event,
        block_form=block_form,
        count_form=count_form or TableCountForm(formdata=None, count=len(event.tables) or None),
        list_form=list_form,
    )
    return page, status


@bp.route("/events/<slug>/setup", methods=["GET", "POST"])
@organiser_required
def setup(slug: str) -> Page:
    """Days, B2B blocks with their slots, and tables.

    The page's three forms post to it (the hidden `form` field says which), so a form with
    errors is shown again at this address.
    """
    event = organised_event_or_404(slug)
    if request.method == "GET":
        return _setup_page(event)
    handlers = {"block": _add_block, "table-count": _tables_by_count, "table-list": _tables_by_list}
    handler = handlers.get(request.form.get("form", ""))
    if handler is None:
        abort(400)
    return handler(event)


def _setup_top(event: Event) -> str:
    """The set-up page scrolled to its messages: without a fragment of its own, the redirect
    would inherit the form's (#add-block, #tables) and hide the flashed result."""
    return url_for(".setup", slug=event.slug, _anchor="main")


def _add_block(event: Event) -> Page:
    form = BlockForm()
    if form.validate_on_submit():
        db = get_session()
        try:
            added = operations.add_block(
                db,
                event,
                form.day.data,
                form.start_time.data,
                form.end_time.data,
                (form.name.data or "").strip(),
            )
        except SetupRefused as refusal:
            db.rollback()
            form.start_time.errors.append(str(refusal))
        else:
            db.commit()
            flash(f"Block added with {len(added.block.slots)} slots.", "success")
            for warning in added.warnings:
                flash(warning, "warning")
            return redirect(_setup_top(event))
    return _setup_page(event, block_form=form, status=400)


@bp.post("/events/<slug>/blocks/<int:block_id>/remove")
@organiser_required
def remove_block(slug: str, block_id: int) -> BaseResponse:
    """Remove a block and its slots, unless meetings use them."""
    event = organised_event_or_404(slug)
    db = get_session()
    block = db.get(Block, block_id)
    if block is None or block.event_id != event.id:
        abort(404)
    try:
        operations.remove_block(db, event, block)
    except SetupRefused as refusal:
        db.rollback()
        flash(str(refusal), "error")
    else:
        db.commit()
        flash("Block removed.", "success")
    return redirect(url_for(".setup", slug=event.slug))


def _tables_by_count(event: Event) -> Page:
    """Replace the tables by Table 1 … Table N."""
    form = TableCountForm()
    if form.validate_on_submit():
        return _replace_tables(event, operations.numbered_tables(form.count.data))
    return _setup_page(event, count_form=form, status=400)


def _tables_by_list(event: Event) -> Page:
    """Replace the tables by a named list with places."""
    form = TableListForm()
    if form.validate_on_submit():
        return _replace_tables(event, form.entries())
    return _setup_page(event, list_form=form, status=400)


def _replace_tables(event: Event, wanted: list[tuple[str, str]]) -> BaseResponse:
    db = get_session()
    try:
        operations.replace_tables(db, event, wanted)
    except SetupRefused as refusal:
        db.rollback()
        flash(str(refusal), "error")
    else:
        db.commit()
        flash(f"The event now has {len(wanted)} tables.", "success")
    return redirect(_setup_top(event))


# ---------- Participants ----------


def _participant_or_404(event: Event, participant_id: int) -> Participant:
    participant = queries.event_participant(get_session(), event, participant_id)
    if participant is None:
        abort(404)
    return participant


@bp.get("/events/<slug>/participants")
@organiser_required
def participants(slug: str) -> str:
    """Participants with search, counts, withdraw/reinstate and invitations."""
    event = organised_event_or_404(slug)
    db = get_session()
    search = request.args.get("q", "")[:100].strip()
    return render_template(
        "organiser/participants.html",
        event=event,
        search=search,
        participants=queries.event_participants(db, event, search),
        figures=queries.registration_figures(db, event),
        to_invite=len(
            queries.participants_to_invite(db, event, include_invited=False, now=utcnow())
        ),
        without_account=len(
            queries.participants_to_invite(db, event, include_invited=True, now=utcnow())
        ),
    )


@bp.post("/events/<slug>/participants/<int:participant_id>/withdraw")
@organiser_required
def withdraw(slug: str, participant_id: int) -> BaseResponse:
    """Withdraw a participant (kept, but left out of matching and scheduling)."""
    return _set_withdrawn(slug, participant_id, withdraw=True)


@bp.post("/events/<slug>/participants/<int:participant_id>/reinstate")
@organiser_required
def reinstate(slug: str, participant_id: int) -> BaseResponse:
    """Bring a withdrawn participant back."""
    return _set_withdrawn(slug, participant_id, withdraw=False)


def _set_withdrawn(slug: str, participant_id: int, *, withdraw: bool) -> BaseResponse:
    event = organised_event_or_404(slug)
    participant = _participant_or_404(event, participant_id)
    if withdraw:
        cancelled = operations.withdraw(get_session(), participant, utcnow())
        message = f"{participant.full_name} withdrawn." + (
            f" Their {cancelled} meeting{'s' if cancelled != 1 else ''} are cancelled: re-solve"
            " with minimal change to fill the freed slots."
            if cancelled
            else ""
        )
    else:
        operations.reinstate(participant)
        message = f"{participant.full_name} reinstated."
    get_session().commit()
    flash(message, "success")
    return redirect(url_for(".participants", slug=event.slug, q=request.args.get("q") or None))


@bp.route("/events/<slug>/participants/<int:participant_id>", methods=["GET", "POST"])
@organiser_required
def edit_participant(slug: str, participant_id: int) -> Page:
    """Change a participant's meeting cap and exhibitor booth."""
    event = organised_event_or_404(slug)
    participant = _participant_or_404(event, participant_id)
    form = ParticipantForm(obj=participant)
    default = event.default_max_meetings
    form.max_meetings.description = (
        f"Empty: the event's default, {default}." if default is not None else "Empty: no cap."
    )
    if form.validate_on_submit():
        operations.update_participant(participant, form.max_meetings.data, form.location.data or "")
        get_session().commit()
        flash(f"{participant.full_name} saved.", "success")
        return redirect(url_for(".participants", slug=event.slug))
    return render_template(
        "organiser/participant_form.html", event=event, participant=participant, form=form
    )


# ---------- Import ----------


def _instance_folder() -> Path:
    return Path(current_app.instance_path)


def _import_page(event: Event, form: ImportForm, status: int = 200) -> tuple[str, int]:
    page = render_template(
        "organiser/import.html",
        event=event,
        form=form,
        max_rows=current_app.config["IMPORT_MAX_ROWS"],
        max_bytes=current_app.config.get("MAX_CONTENT_LENGTH"),
        headers=importing.HEADERS,
        labels=importing.FIELD_LABELS,
        required=importing.REQUIRED_FIELDS,
    )
    return page, status


@bp.route("/events/<slug>/import", methods=["GET", "POST"])
@organiser_required
def import_upload(slug: str) -> Page:
    """Upload a CSV or XLSX file; it is checked and shown for review before anything is saved."""
    event = organised_event_or_404(slug)
    form = ImportForm()
    if form.validate_on_submit():
        upload = form.file.data
        try:
            table = importing.read_table(
                upload.filename or "", upload.read(), current_app.config["IMPORT_MAX_ROWS"]
            )
        except ImportFileError as problem:
            form.file.errors.append(str(problem))
        else:
            token = importing.save_pending(
                _instance_folder(),
                event_id=event.id,
                user_id=_user().id,
                filename=upload.filename or "",
                table=table,
            )
            return redirect(url_for(".import_preview", slug=event.slug, token=token))
    return _import_page(event, form, 400 if form.errors else 200)


@bp.get("/events/<slug>/import-template.csv")
@organiser_required
def import_template(slug: str) -> Response:
    """A CSV with every accepted column and one example row using the event's terms."""
    event = organised_event_or_404(slug)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([label.capitalize() for label in importing.FIELD_LABELS.values()])
    example = {
        "first_name": "Ana",
        "last_name": "Silva",
        "email": "ana.silva@example.org",
        "organisation": "Example Robotics",
        "country": "PT",
        "type": "SME",
        "sectors": "; ".join(event.sectors[:2]),
        "technologies": "; ".join(event.technologies[:2]),
        "offers": "What the organisation offers",
        "requests": "What it is looking for",
    }
    writer.writerow([example.get(name, "") for name in importing.FIELD_LABELS])
    return Response(
        "\ufeff" + buffer.getvalue(),
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{event.slug}-participants.csv"'},
    )


@bp.errorhandler(RequestEntityTooLarge)
def upload_too_large(_error: RequestEntityTooLarge) -> Page:
    """A too big upload: explain on the import page (elsewhere a plain 413)."""
    if request.endpoint != "organiser.import_upload" or not request.view_args:
        return "The request is too large.", 413
    event = organised_event_or_404(str(request.view_args["slug"]))
    form = ImportForm(formdata=None)
    limit = current_app.config.get("MAX_CONTENT_LENGTH") or 0
    form.file.errors = [
        f"The file is larger than {limit / 1024 / 1024:.0f} MB. Split it into smaller files."
    ]
    return _import_page(event, form, 413)


def _pending_or_404(event: Event, token: str) -> importing.PendingImport:
    pending = importing.load_pending(
        _instance_folder(), token, event_id=event.id, user_id=_user().id
    )
    if pending is None:
        abort(404)
    return pending


def _checked(event: Event, pending: importing.PendingImport) -> list[importing.CheckedRow]:
    return importing.check_rows(
        pending.table,
        sectors=event.sectors,
        technologies=event.technologies,
        registered_emails=queries.registered_emails(get_session(), event),
    )


@bp.get("/events/<slug>/import/<token>")
@organiser_required
def import_preview(slug: str, token: str) -> str:
    """Every row of the upload with its problems; import is possible only if none has any."""
    event = organised_event_or_404(slug)
    pending = _pending_or_404(event, token)
    rows = _checked(event, pending)
    only_problems = request.args.get("problems") == "1"
    bad_rows = sum(not row.ok for row in rows)
    return render_template(
        "organiser/import_preview.html",
        event=event,
        pending=pending,
        rows=rows,
        shown_rows=[row for row in rows if not row.ok] if only_problems and bad_rows else rows,
        only_problems=only_problems and bad_rows > 0,
        bad_rows=bad_rows,
        unknown_terms=any(
            error.column in importing.TAXONOMY_SINGULAR for row in rows for error in row.errors
        ),
        labels=importing.FIELD_LABELS,
    )


@bp.post("/events/<slug>/import/<token>/confirm")
@organiser_required
def import_confirm(slug: str, token: str) -> BaseResponse:
    """Import all rows, or none if any row has a problem (checked again now)."""
    event = organised_event_or_404(slug)
    pending = _pending_or_404(event, token)
    rows = _checked(event, pending)
    if any(not row.ok for row in rows):
        flash(
            "Nothing was imported: some rows have problems. Fix the file and upload it again.",
            "error",
        )
        return redirect(url_for(".import_preview", slug=event.slug, token=token))
    db = get_session()
    count = operations.import_participants(db, event, rows)
    db.commit()
    importing.discard_pending(_instance_folder(), token)
    people = "1 participant" if count == 1 else f"{count} participants"
    flash(f"{people} imported. Send the invitation links from this page.", "success")
    return redirect(url_for(".participants", slug=event.slug))


@bp.post("/events/<slug>/import/<token>/cancel")
@organiser_required
def import_cancel(slug: str, token: str) -> BaseResponse:
    """Forget an upload."""
    event = organised_event_or_404(slug)
    _pending_or_404(event, token)
    importing.discard_pending(_instance_folder(), token)
    flash("Upload discarded; nothing was imported.", "info")
    return redirect(url_for(".import_upload", slug=event.slug))


# ---------- Invitations ----------


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
        flash("Everybody without an account has been invited already.", "info")
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
