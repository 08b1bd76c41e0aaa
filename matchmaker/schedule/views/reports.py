"""Organisers: statistics, exports and printable sheets of a schedule."""

from __future__ import annotations

from flask import Response, abort, render_template

from matchmaker.auth.access import organised_event_or_404, organiser_required
from matchmaker.db import get_session
from matchmaker.responses import file_response
from matchmaker.schedule import charts, exports, queries, unmet
from matchmaker.schedule.views.base import bp, current_figures, missed_rows


@bp.get("/events/<slug>/schedule/statistics")
@organiser_required
def statistics(slug: str) -> str:
    """Today's schedule in figures and charts: meetings per person, delegation and country,
    and who stays below their guaranteed minimum with the solver's reasons."""
    event = organised_event_or_404(slug)
    session = get_session()
    figures = current_figures(event)
    below = {p.id for p in figures.below_minimum}
    missed = (
        missed_rows(
            event,
            queries.last_applied_run(session, event),
            {(a, b) for a, b, _slot in queries.confirmed_triples(session, event)},
            involving=below,
        )
        if below
        else []
    )
    return render_template(
        "schedule/statistics.html",
        event=event,
        figures=figures,
        reasons={p.id: unmet.reasons_of(missed, p.id) for p in figures.below_minimum},
        per_person_chart=charts.meetings_per_person_histogram(figures.distribution),
        country_chart=charts.country_pair_heatmap(figures.country_pairs),
        hour_chart=charts.meetings_per_hour(figures.per_hour),
        met_chart=charts.requests_met_histogram(figures.share_met_of),
    )


@bp.get("/events/<slug>/schedule/export/<kind>.<fmt>")
@organiser_required
def export(slug: str, kind: str, fmt: str) -> Response:
    """Meetings or participants as CSV or XLSX."""
    event = organised_event_or_404(slug)
    if kind not in exports.SHEETS or fmt not in exports.FORMATS:
        abort(404)
    rows = exports.SHEETS[kind](get_session(), event)
    body, mimetype = exports.FORMATS[fmt](rows, kind)
    return file_response(body, mimetype, f"{event.slug}-{kind}.{fmt}", attachment=True)


@bp.get("/events/<slug>/schedule/print")
@organiser_required
def print_tables(slug: str) -> str:
    """One printable page per table for the venue staff."""
    event = organised_event_or_404(slug)
    meetings = queries.confirmed_meetings(get_session(), event)
    by_table = {table.id: [m for m in meetings if m.table_id == table.id] for table in event.tables}
    return render_template("schedule/print.html", event=event, by_table=by_table)
