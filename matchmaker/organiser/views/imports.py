"""Organisers: participant imports from CSV/XLSX: upload, preview, map terms, confirm,
download the refused rows; the mission's remembered term mappings."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from flask import Response, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from werkzeug.exceptions import RequestEntityTooLarge
from werkzeug.wrappers import Response as BaseResponse

from matchmaker.auth.access import organised_event_or_404, organiser_required
from matchmaker.db import get_session
from matchmaker.models import Event
from matchmaker.organiser import importing, operations, queries, terms
from matchmaker.organiser.forms import ImportForm, TermMappingForm, term_mapping_form
from matchmaker.organiser.spreadsheets import Limits, SpreadsheetError
from matchmaker.organiser.views.base import Page, bp, signed_in_user
from matchmaker.schedule.exports import FORMATS, Rows


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
        mappings=queries.term_mapping_rows(get_session(), event.mission),
        term_names=importing.TERM_LABELS,
        mapping_labels=_mapping_labels(event),
    )
    return page, status


def _mapping_labels(event: Event) -> dict[tuple[str, str], str]:
    """How each remembered mapping's target reads (a country's name, a type's label)."""
    lists = _lists(event)
    return {
        (mapping.kind.value, mapping.target): lists.of(mapping.kind).choices.get(
            mapping.target, mapping.target
        )
        for mapping in queries.term_mapping_rows(get_session(), event.mission)
    }


@bp.route("/events/<slug>/import", methods=["GET", "POST"])
@organiser_required
def import_upload(slug: str) -> Page:
    """Upload a CSV or XLSX file; it is checked and shown for review before anything is saved."""
    event = organised_event_or_404(slug)
    form = ImportForm()
    if form.validate_on_submit():
        upload = form.file.data
        limits = Limits.configured(current_app.config)
        try:
            table = importing.read_table(upload.filename or "", upload.read(), limits)
        except SpreadsheetError as problem:
            form.file.errors.append(str(problem))
        else:
            token = importing.save_pending(
                _instance_folder(),
                event_id=event.id,
                user_id=signed_in_user().id,
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
        "organisation": _("Example Robotics"),
        "country": "PT",
        "type": "SME",
        "sectors": "; ".join(event.sectors[:2]),
        "technologies": "; ".join(event.technologies[:2]),
        "offers": _("What the organisation offers"),
        "requests": _("What it is looking for"),
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
        return _("The request is too large."), 413
    event = organised_event_or_404(str(request.view_args["slug"]))
    form = ImportForm(formdata=None)
    limit = current_app.config.get("MAX_CONTENT_LENGTH") or 0
    form.file.errors = [
        _(
            "The file is larger than %(size)s MB. Split it into smaller files.",
            size=f"{limit / 1024 / 1024:.0f}",
        )
    ]
    return _import_page(event, form, 413)


def _pending_or_404(event: Event, token: str) -> importing.PendingImport:
    pending = importing.load_pending(
        _instance_folder(), token, event_id=event.id, user_id=signed_in_user().id
    )
    if pending is None:
        abort(404)
    return pending


def _lists(event: Event) -> terms.Vocabularies:
    return queries.import_vocabularies(get_session(), event)


def _checked(event: Event, pending: importing.PendingImport) -> importing.CheckedImport:
    return queries.checked_import(get_session(), event, pending.table)


def _preview_page(
    event: Event,
    pending: importing.PendingImport,
    checked: importing.CheckedImport,
    mapping_form: TermMappingForm,
    status: int = 200,
) -> tuple[str, int]:
    only_problems = request.args.get("problems") == "1" or pending.imported
    refused = checked.refused
    page = render_template(
        "organiser/import_preview.html",
        event=event,
        pending=pending,
        checked=checked,
        rows=checked.rows,
        shown_rows=refused if only_problems and refused else checked.rows,
        only_problems=only_problems and bool(refused),
        bad_rows=len(refused),
        mapping_form=mapping_form,
        term_names=importing.TERM_LABELS,
        labels=importing.FIELD_LABELS,
    )
    return page, status


@bp.get("/events/<slug>/import/<token>")
@organiser_required
def import_preview(slug: str, token: str) -> Page:
    """Every row of the upload with its problems or changes, and the unknown terms to map."""
    event = organised_event_or_404(slug)
    pending = _pending_or_404(event, token)
    checked = _checked(event, pending)
    return _preview_page(
        event, pending, checked, term_mapping_form(checked.unknown_terms, _lists(event))
    )


@bp.post("/events/<slug>/import/<token>/terms")
@organiser_required
def import_map_terms(slug: str, token: str) -> Page:
    """Remember how the mission's files name terms; every row using them follows."""
    event = organised_event_or_404(slug)
    pending = _pending_or_404(event, token)
    checked = _checked(event, pending)
    form = term_mapping_form(checked.unknown_terms, _lists(event))
    if not form.validate_on_submit():
        return _preview_page(event, pending, checked, form, 400)
    decisions = form.decisions()
    if decisions:
        db = get_session()
        operations.remember_mappings(db, event, decisions)
        db.commit()
        flash(
            ngettext(
                "%(num)d term mapped for every file of %(mission)s.",
                "%(num)d terms mapped for every file of %(mission)s.",
                len(decisions),
                mission=event.mission.name,
            ),
            "success",
        )
    return redirect(url_for(".import_preview", slug=event.slug, token=token))


@bp.post("/events/<slug>/import/<token>/confirm")
@organiser_required
def import_confirm(slug: str, token: str) -> BaseResponse:
    """Import the rows that are ready (checked again now); the refused ones stay for
    download."""
    event = organised_event_or_404(slug)
    pending = _pending_or_404(event, token)
    if pending.imported:
        abort(404)
    checked = _checked(event, pending)
    ready = checked.ready
    if not ready:
        flash(_("No row is ready to import: fix the rows, or map their terms, first."), "error")
        return redirect(url_for(".import_preview", slug=event.slug, token=token))
    db = get_session()
    counts = operations.import_participants(db, event, ready)
    db.commit()
    done = _(
        "%(added)s, %(updated)s.",
        added=ngettext("%(num)d participant added", "%(num)d participants added", counts.added),
        updated=ngettext(
            "%(num)d participant updated", "%(num)d participants updated", counts.updated
        ),
    )
    refused = len(checked.refused)
    if refused:
        importing.mark_imported(_instance_folder(), token)
        left_out = ngettext(
            "%(num)d row left out: download it, fix it and upload it again.",
            "%(num)d rows left out: download them, fix them and upload them again.",
            refused,
        )
        flash(f"{done} {left_out}", "success")
        return redirect(url_for(".import_preview", slug=event.slug, token=token))
    importing.discard_pending(_instance_folder(), token)
    flash(f"{done} {_('Send the invitation links from this page.')}", "success")
    return redirect(url_for(".participants", slug=event.slug))


@bp.get("/events/<slug>/import/<token>/refused.<file_format>")
@organiser_required
def import_refused(slug: str, token: str, file_format: str) -> Response:
    """The refused rows as uploaded, with a reason column, as CSV or XLSX."""
    event = organised_event_or_404(slug)
    pending = _pending_or_404(event, token)
    if file_format not in FORMATS:
        abort(404)
    header, rows = importing.refused_rows(pending.table, _checked(event, pending))
    sheet: Rows = [[*header]]
    sheet.extend([*row] for row in rows)
    data, mimetype = FORMATS[file_format](sheet, "refused rows")
    name = f"{event.slug}-refused-rows.{file_format}"
    return Response(
        data,
        mimetype=mimetype,
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


@bp.post("/events/<slug>/import/<token>/cancel")
@organiser_required
def import_cancel(slug: str, token: str) -> BaseResponse:
    """Forget an upload."""
    event = organised_event_or_404(slug)
    _pending_or_404(event, token)
    importing.discard_pending(_instance_folder(), token)
    flash(_("Upload discarded; nothing was imported."), "info")
    return redirect(url_for(".import_upload", slug=event.slug))


@bp.post("/events/<slug>/term-mappings/<int:mapping_id>/forget")
@organiser_required
def forget_term_mapping(slug: str, mapping_id: int) -> BaseResponse:
    """Forget a remembered term mapping of the event's mission."""
    event = organised_event_or_404(slug)
    db = get_session()
    mapping = queries.term_mapping(db, event.mission, mapping_id)
    if mapping is None:
        abort(404)
    operations.forget_mapping(db, mapping)
    db.commit()
    flash(_("Mapping forgotten: files are read without it from now on."), "info")
    return redirect(url_for(".import_upload", slug=event.slug))
