"""Organisers: an event's set-up: B2B blocks, slots and tables."""

from __future__ import annotations

from datetime import date, timedelta

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from werkzeug.wrappers import Response as BaseResponse

from matchmaker.auth.access import organised_event_or_404, organiser_required
from matchmaker.commits import commit_or_refuse
from matchmaker.db import get_session
from matchmaker.models import Block, Event
from matchmaker.organiser import operations
from matchmaker.organiser.forms import BlockForm, TableCountForm, TableListForm
from matchmaker.organiser.operations import SetupRefused
from matchmaker.organiser.views.base import Page, bp


def _default_block_day(event: Event) -> date | None:
    """The day after the event's last block, or that block's day when the mission ends
    then; the mission's first day for an event without blocks."""
    mission = event.mission
    if not event.blocks:
        return mission.start_date
    last = max(block.day for block in event.blocks)
    if last >= date.max:
        return last
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
        outcome = commit_or_refuse(
            lambda: operations.add_block(
                get_session(),
                event,
                form.day.data,
                form.start_time.data,
                form.end_time.data,
                (form.name.data or "").strip(),
            ),
            SetupRefused,
        )
        if outcome.value is None:
            form.start_time.errors.append(outcome.refusal)
        else:
            flash(
                ngettext(
                    "Block added with %(num)d slot.",
                    "Block added with %(num)d slots.",
                    len(outcome.value.block.slots),
                ),
                "success",
            )
            for warning in outcome.value.warnings:
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
    refusal = commit_or_refuse(
        lambda: operations.remove_block(db, event, block), SetupRefused
    ).refusal
    flash(refusal or _("Block removed."), "error" if refusal else "success")
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
    refusal = commit_or_refuse(
        lambda: operations.replace_tables(get_session(), event, wanted), SetupRefused
    ).refusal
    flash(
        refusal
        or ngettext(
            "The event now has %(num)d table.", "The event now has %(num)d tables.", len(wanted)
        ),
        "error" if refusal else "success",
    )
    return redirect(_setup_top(event))
