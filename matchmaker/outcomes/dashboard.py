"""The dashboard's charts: each drawn on the server as SVG from the figures."""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import gettext as _
from markupsafe import Markup

from matchmaker.i18n import format_day_month
from matchmaker.outcomes.kpis import Kpis
from matchmaker.outcomes.labels import RESULT_LABELS
from matchmaker.schedule.charts import (
    bar_chart,
    country_pair_heatmap,
    meetings_per_person_histogram,
)


@dataclass(frozen=True)
class DashboardCharts:
    """The SVG charts of one dashboard."""

    by_type: Markup
    meetings: Markup
    satisfaction: Markup
    results: Markup
    per_person: Markup
    countries: Markup
    registrations: Markup


def dashboard_charts(kpis: Kpis) -> DashboardCharts:
    """Draw the dashboard's charts from `kpis`."""
    return DashboardCharts(
        by_type=bar_chart(
            "chart-types", _("Participants by type"), kpis.by_type, _("participants")
        ),
        meetings=bar_chart(
            "chart-meetings",
            _("Meetings scheduled, held and missed"),
            {
                _("Scheduled"): kpis.scheduled,
                _("Held"): kpis.held,
                _("Missed"): kpis.missed,
                _("Not known"): kpis.unknown,
            },
            _("meetings"),
        ),
        satisfaction=bar_chart(
            "chart-ratings",
            _("Ratings given"),
            {f"{rating}/5": count for rating, count in kpis.ratings.items()},
            _("ratings"),
        ),
        results=bar_chart(
            "chart-results",
            _("Meetings by result"),
            {str(RESULT_LABELS[r]): n for r, n in kpis.results.items()},
            _("meetings"),
        ),
        per_person=meetings_per_person_histogram(kpis.distribution),
        countries=country_pair_heatmap(kpis.country_pairs),
        registrations=bar_chart(
            "chart-registrations",
            _("Registrations per day"),
            {format_day_month(day): n for day, n in kpis.registrations.items()},
            _("registrations"),
        ),
    )
