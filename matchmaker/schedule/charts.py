"""Charts drawn on the server as inline SVG: no library, no CDN, readable without colour.

Each chart has a <title> and <desc> (named by aria-labelledby), writes its values as text,
and escapes every label.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Mapping
from datetime import datetime

from babel.dates import format_datetime
from flask_babel import gettext as _
from flask_babel import ngettext
from markupsafe import Markup, escape

from matchmaker.i18n import current_locale

ACCENT = "#1a56b8"
SOFT = "#e9f0fb"
TEXT = "#1b1f24"
MUTED = "#555e69"
SHARE_BUCKETS = ("0%", "1–25%", "26–50%", "51–75%", "76–99%", "100%")


def _svg(chart_id: str, width: int, height: int, title: str, desc: str, body: list[str]) -> Markup:
    return Markup(
        f'<svg class="chart" id="{chart_id}" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" '
        f'xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{chart_id}-title">{escape(title)}</title>'
        f'<desc id="{chart_id}-desc">{escape(desc)}</desc>' + "".join(body) + "</svg>"
    )


def _text(
    x: float,
    y: float,
    value: object,
    *,
    anchor: str = "middle",
    fill: str = TEXT,
    size: int = 12,
    weight: str = "normal",
) -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" font-size="{size}" '
        f'font-weight="{weight}" fill="{fill}">{escape(str(value))}</text>'
    )


def _shade(value: int, top: int) -> str:
    """White to the accent colour by share of the largest value."""
    share = value / top if top else 0.0
    low, high = (233, 240, 251), (26, 86, 184)
    red, green, blue = (round(a + (b - a) * share) for a, b in zip(low, high, strict=True))
    return f"rgb({red},{green},{blue})"


def country_pair_heatmap(pairs: Counter[tuple[str, str]]) -> Markup:
    """Meetings per pair of countries (a triangle: each pair once, with its count)."""
    countries = sorted({c for pair in pairs for c in pair})
    cell, margin = 40, 48
    size = margin + cell * max(1, len(countries)) + 8
    top = max(pairs.values(), default=0)
    body = []
    for index, country in enumerate(countries):
        centre = margin + index * cell + cell / 2
        body.append(_text(centre, margin - 10, country, weight="bold"))
        body.append(_text(margin - 8, centre + 4, country, anchor="end", weight="bold"))
    for row, first in enumerate(countries):
        for column, second in enumerate(countries):
            if column < row:
                continue
            count = pairs.get((first, second), 0)
            x, y = margin + column * cell, margin + row * cell
            fill = _shade(count, top) if count else "#ffffff"
            ink = "#ffffff" if top and count / top > 0.55 else TEXT
            body.append(
                f"<g><title>{escape(_meetings_of(f'{first}–{second}', count))}</title>"
                f'<rect x="{x}" y="{y}" width="{cell - 2}" height="{cell - 2}" fill="{fill}" '
                f'stroke="#d6dae0"/>'
                + _text(x + cell / 2 - 1, y + cell / 2 + 4, count, fill=ink)
                + "</g>"
            )
    total = sum(pairs.values())
    desc = (
        ngettext(
            "%(num)d meeting between %(countries)d countries.",
            "%(num)d meetings between %(countries)d countries.",
            total,
            countries=len(countries),
        )
        + " "
        + "; ".join(f"{a}–{b}: {n}" for (a, b), n in pairs.most_common())
    )
    return _svg("chart-countries", size, size, _("Meetings per country pair"), desc, body)


def _meetings_of(label: str, value: int) -> str:
    text: str = ngettext(
        "%(label)s: %(num)d meeting", "%(label)s: %(num)d meetings", value, label=label
    )
    return text


def _participants_of(label: str, value: int) -> str:
    text: str = ngettext(
        "%(label)s: %(num)d participant", "%(label)s: %(num)d participants", value, label=label
    )
    return text


def _bars(
    chart_id: str, title: str, values: Mapping[str, int], describe: Callable[[str, int], str]
) -> Markup:
    width, height, left, bottom, top_pad = 640, 260, 40, 48, 24
    labels = list(values)
    top = max(values.values(), default=0)
    slot = (width - left - 8) / max(1, len(labels))
    plot = height - bottom - top_pad
    body = [
        f'<line x1="{left}" y1="{height - bottom}" x2="{width - 8}" y2="{height - bottom}" '
        f'stroke="{MUTED}"/>'
    ]
    for index, label in enumerate(labels):
        value = values[label]
        bar = plot * value / top if top else 0
        x = left + index * slot + slot * 0.15
        y = height - bottom - bar
        body.append(
            f"<g><title>{escape(describe(label, value))}</title>"
            f'<rect x="{x:.1f}" y="{y:.1f}" width="{slot * 0.7:.1f}" height="{bar:.1f}" '
            f'fill="{ACCENT}"/>'
            + _text(x + slot * 0.35, y - 6, value)
            + "".join(
                _text(x + slot * 0.35, height - bottom + 16 + 13 * line, part, size=11, fill=MUTED)
                for line, part in enumerate(label.split(" "))
            )
            + "</g>"
        )
    desc = "; ".join(describe(label, values[label]) for label in labels) or _("No data yet.")
    return _svg(chart_id, width, height, title, desc, body)


def meetings_per_hour(per_hour: Mapping[datetime, int]) -> Markup:
    """Meetings starting in each hour of the event (local time), labelled by weekday and hour
    in the current language ("Mon 09:00", "Mo. 09:00")."""
    locale = current_locale()
    values = {
        format_datetime(hour, "EEE HH:mm", locale=locale): count for hour, count in per_hour.items()
    }
    return _bars("chart-hours", _("Meetings per hour"), values, _meetings_of)


def share_bucket(share: float) -> str:
    """The histogram bar of a share: none, each quarter, all."""
    if share <= 0:
        return SHARE_BUCKETS[0]
    if share >= 1:
        return SHARE_BUCKETS[-1]
    return SHARE_BUCKETS[math.ceil(share * 4)]


def requests_met_histogram(share_met_of: Mapping[int, float]) -> Markup:
    """How many participants got which share of their own requests."""
    counts = dict.fromkeys(SHARE_BUCKETS, 0)
    for share in share_met_of.values():
        counts[share_bucket(share)] += 1
    return _bars(
        "chart-requests",
        _("Share of their requests met, per participant"),
        counts,
        _participants_of,
    )


def meetings_per_person_histogram(distribution: Mapping[int, int]) -> Markup:
    """How many participants have 0, 1, 2 … meetings (the bars are labelled by count)."""
    values = {str(count): people for count, people in distribution.items()}
    return _bars(
        "chart-per-person",
        _("Participants by their number of meetings"),
        values,
        _participants_of,
    )


def bar_chart(chart_id: str, title: str, values: Mapping[str, int], unit: str) -> Markup:
    """A labelled bar per value, in the given order (the outcome dashboards' charts)."""
    return _bars(chart_id, title, values, lambda label, value: f"{label}: {value} {unit}")
