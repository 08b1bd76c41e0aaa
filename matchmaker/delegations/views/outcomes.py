"""A delegation lead's outcome figures: their own members' meetings over the mission's
events, side by side per event, as a page, a PDF report and a workbook."""

from __future__ import annotations

from collections import defaultdict

from flask import render_template
from werkzeug.wrappers import Response

from matchmaker.auth.access import login_required
from matchmaker.db import get_session
from matchmaker.delegations import queries
from matchmaker.delegations.views.base import bp, led_delegation_or_404
from matchmaker.models import Delegation, Event
from matchmaker.outcomes import exports, report
from matchmaker.outcomes.dashboard import dashboard_charts
from matchmaker.outcomes.kpis import Kpis, OutcomeData, compute_kpis
from matchmaker.outcomes.queries import mission_events, outcome_data
from matchmaker.outcomes.views import XLSX, download


def _figures(delegation: Delegation) -> tuple[OutcomeData, Kpis, list[tuple[Event, Kpis]]]:
    """The mission's rows, the delegation's figures over the mission and per event."""
    session = get_session()
    events = mission_events(delegation.mission)
    data = outcome_data(session, events)
    members_of: dict[int, list[int]] = defaultdict(list)
    for person in queries.member_participants(session, delegation):
        members_of[person.event_id].append(person.id)
    per_event = [(event, compute_kpis(data, members_of[event.id])) for event in events]
    members = [pid for ids in members_of.values() for pid in ids]
    return data, compute_kpis(data, members), per_event


@bp.get("/delegations/<int:delegation_id>/outcomes")
@login_required
def outcomes(delegation_id: int) -> str:
    """The delegation's outcome figures: events side by side, then the totals."""
    delegation = led_delegation_or_404(delegation_id)
    _data, kpis, per_event = _figures(delegation)
    return render_template(
        "delegations/outcomes.html",
        delegation=delegation,
        kpis=kpis,
        charts=dashboard_charts(kpis),
        per_event=per_event,
    )


@bp.get("/delegations/<int:delegation_id>/outcomes.pdf")
@login_required
def outcomes_pdf(delegation_id: int) -> Response:
    """The delegation's outcomes report as a PDF file."""
    delegation = led_delegation_or_404(delegation_id)
    _data, kpis, _per_event = _figures(delegation)
    body = report.report_pdf(delegation.mission.name, delegation.name, kpis)
    return download(body, "application/pdf", f"delegation-{delegation.id}-outcomes.pdf")


@bp.get("/delegations/<int:delegation_id>/outcomes.xlsx")
@login_required
def outcomes_xlsx(delegation_id: int) -> Response:
    """The delegation's meetings and outcomes (without the organisers' private notes)."""
    delegation = led_delegation_or_404(delegation_id)
    data, kpis, _per_event = _figures(delegation)
    body = exports.outcomes_workbook(data, kpis, delegation.name)
    return download(body, XLSX, f"delegation-{delegation.id}-outcomes.xlsx")
