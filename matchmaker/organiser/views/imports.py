"""Organisers: participant imports from CSV/XLSX: upload, preview, confirm."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from flask import Response, abort, current_app, flash, redirect, render_template, request, url_for
from werkzeug.exceptions import RequestEntityTooLarge
from werkzeug.wrappers import Response as BaseResponse

from matchmaker.auth.access import organised_event_or_404, organiser_required
from matchmaker.db import get_session
from matchmaker.models import Event
from matchmaker.organiser import importing, operations, queries
from matchmaker.organiser.forms import ImportForm
from matchmaker.organiser.importing import ImportFileError
from matchmaker.organiser.views.base import Page, bp, signed_in_user


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
        _instance_folder(), token, event_id=event.id, user_id=signed_in_user().id
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
