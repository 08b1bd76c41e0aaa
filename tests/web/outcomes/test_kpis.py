"""KPI figures of the fixture event equal the numbers worked out by hand (see
outcome_helpers), on the page, in the workbook and in the PDF."""

from __future__ import annotations

import io
import zlib
from typing import Any

import pytest
from openpyxl import load_workbook

from matchmaker.models import Result, ValueBand
from matchmaker.outcomes.kpis import compute_kpis
from matchmaker.outcomes.queries import outcome_data
from tests.builders import Builder
from tests.web.live.live_helpers import LiveEvent


def test_event_figures_equal_the_hand_computed_ones(session: Any, outcome_event: LiveEvent) -> None:
    kpis = compute_kpis(outcome_data(session, [outcome_event.event]))
    assert kpis.participants == 6
    assert kpis.by_type == {"SME": 3, "Cluster organisation": 1, "Investor": 1, "Large company": 1}
    assert kpis.by_country == {"PT": 2, "US": 2, "DE": 1, "ES": 1}
    assert kpis.by_delegation == {"No delegation": 3, "TICE.PT": 2, "Basquegame": 1}
    assert (kpis.scheduled, kpis.held, kpis.missed, kpis.unknown) == (4, 2, 2, 0)
    assert kpis.kept_rate == pytest.approx(0.5)
    assert kpis.no_show_rate == pytest.approx(0.5)
    assert kpis.ratings == {1: 0, 2: 0, 3: 1, 4: 1, 5: 1}
    assert kpis.satisfaction == pytest.approx(4.0)
    assert {r: n for r, n in kpis.results.items() if n} == {
        Result.NONE: 1,
        Result.LETTER_OF_INTENT: 1,
        Result.COMMERCIAL_AGREEMENT: 1,
        Result.FURTHER_TALKS: 1,
        Result.JOINT_PROJECT: 1,
    }
    assert kpis.with_result == 2
    assert {b: n for b, n in kpis.value_bands.items() if n} == {
        ValueBand.NONE: 1,
        ValueBand.FROM_100K: 1,
    }
    assert kpis.distribution == {0: 0, 1: 4, 2: 2}
    assert kpis.mean_meetings == pytest.approx(8 / 6)
    assert dict(kpis.country_pairs) == {
        ("PT", "US"): 1,
        ("PT", "PT"): 1,
        ("ES", "US"): 1,
        ("DE", "US"): 1,
    }
    assert kpis.cross_border == 3
    delegations = {g.name: g for g in kpis.groups["delegation"]}
    tice = delegations["TICE.PT"]
    assert (tice.participants, tice.meetings, tice.held, tice.missed) == (2, 2, 1, 1)
    assert (tice.ratings, tice.satisfaction, tice.with_result) == (1, 4.0, 1)
    rest = delegations["No delegation"]
    assert (rest.participants, rest.meetings, rest.held, rest.missed) == (3, 3, 1, 2)
    assert (rest.ratings, rest.satisfaction, rest.with_result) == (1, 3.0, 1)
    sectors = {g.name: g for g in kpis.groups["sector"]}
    assert (sectors["ICT"].participants, sectors["ICT"].meetings) == (3, 3)
    assert (sectors["Mobility"].participants, sectors["Mobility"].meetings) == (2, 2)


def test_a_delegation_sees_its_own_figures(session: Any, outcome_event: LiveEvent) -> None:
    data = outcome_data(session, [outcome_event.event])
    tice = [outcome_event.person("Ana").id, outcome_event.person("Cleo").id]
    kpis = compute_kpis(data, tice)
    assert (kpis.participants, kpis.scheduled, kpis.held, kpis.missed) == (2, 2, 1, 1)
    assert kpis.satisfaction == pytest.approx(4.0)
    assert kpis.by_delegation == {"TICE.PT": 2}


def test_the_workbook_shows_the_same_numbers(
    client: Any, log_in: Any, outcome_event: LiveEvent
) -> None:
    log_in(outcome_event.organiser)
    response = client.get(f"/outcomes/events/{outcome_event.event.slug}/outcomes.xlsx")
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.data))
    summary = {row[0]: row[1] for row in book["KPIs"].iter_rows(min_row=2, values_only=True)}
    assert summary["Participants"] == 6
    assert summary["Meetings scheduled"] == 4
    assert summary["Meetings held"] == 2
    assert summary["Meetings missed"] == 2
    assert summary["Kept-meeting rate"] == pytest.approx(0.5)
    assert summary["Satisfaction (mean of 1-5)"] == pytest.approx(4.0)
    assert summary["Meetings with a result"] == 2
    assert summary["Cross-border meetings"] == 3
    delegations = {
        row[0]: row for row in book["By delegation"].iter_rows(min_row=2, values_only=True)
    }
    assert delegations["TICE.PT"][1:5] == (2, 2, 1, 1)
    assert delegations["No delegation"][1:5] == (3, 3, 1, 2)
    countries = {row[0]: row for row in book["By country"].iter_rows(min_row=2, values_only=True)}
    assert countries["US"][1:5] == (2, 3, 1, 2)
    meetings = list(book["Meetings"].iter_rows(values_only=True))
    assert len(meetings) == 5
    assert sorted(row[3] for row in meetings[1:]) == ["held", "held", "missed", "missed"]
    assert any("Signed on the spot" in str(cell) for row in meetings for cell in row)


def test_dashboards_report_and_pdf(client: Any, log_in: Any, outcome_event: LiveEvent) -> None:
    slug = outcome_event.event.slug
    log_in(outcome_event.organiser)
    page = client.get(f"/outcomes/events/{slug}/dashboard").get_data(as_text=True)
    assert 'data-kpi="scheduled">4<' in page and 'data-kpi="kept">50.0%<' in page
    assert page.count("<svg") >= 6 and "cdn" not in page.lower()
    assert "Signed on the spot" in page  # the private note, for the organisers only
    one = client.get(f"/outcomes/events/{slug}/dashboard?delegation=TICE.PT").get_data(as_text=True)
    assert 'data-kpi="participants">2<' in one
    report = client.get(f"/outcomes/events/{slug}/report").get_data(as_text=True)
    assert 'data-kpi="held">2<' in report
    pdf = client.get(f"/outcomes/events/{slug}/report.pdf")
    assert pdf.status_code == 200 and pdf.data.startswith(b"%PDF")
    mission = client.get(f"/outcomes/missions/{outcome_event.event.mission.slug}/dashboard")
    assert mission.status_code == 200
    assert "Delegations side by side" in mission.get_data(as_text=True)


def test_the_mission_compares_events_and_delegations(
    client: Any, log_in: Any, build: Any, outcome_event: LiveEvent
) -> None:
    second = build.event(organisers=(outcome_event.organiser,), name="Second fair")
    second.mission_id = outcome_event.event.mission_id
    build.session.commit()
    build.participant(second)
    log_in(outcome_event.organiser)
    page = client.get(f"/outcomes/missions/{outcome_event.event.mission.slug}/dashboard")
    html = page.get_data(as_text=True)
    assert "Second fair" in html and outcome_event.event.name in html
    table = html.split('id="delegations-by-event"')[1].split("</table>")[0]
    assert '<th scope="row">TICE.PT</th><td class="num">1/2 · 1</td><td class="num">—</td>' in table
    events = html.split('id="events-compared"')[1].split("</table>")[0]
    assert (
        '<th scope="row">Participants</th><td class="num">6</td><td class="num">1</td>'
        '<td class="num">7</td>' in events
    )


def _pdf_text(data: bytes) -> str:
    """The text drawing operators of a PDF's compressed content streams."""
    parts = []
    for chunk in data.split(b"stream\n")[1:]:
        body = chunk.split(b"endstream")[0].strip()
        try:
            parts.append(zlib.decompress(body).decode("latin-1"))
        except zlib.error:
            continue
    return "".join(parts)


def test_the_pdf_report_carries_the_figures(
    client: Any, log_in: Any, outcome_event: LiveEvent
) -> None:
    log_in(outcome_event.organiser)
    response = client.get(f"/outcomes/events/{outcome_event.event.slug}/report.pdf")
    text = _pdf_text(response.data)
    assert "(Meetings scheduled)" in text and "(Kept-meeting rate)" in text
    assert "(50.0%)" in text and "(4.0)" in text and "(TICE.PT)" in text


def test_rates_count_only_meetings_whose_fate_is_known(
    session: Any, build: Builder, outcome_event: LiveEvent
) -> None:
    # A meeting nobody reported on (a later one, say) neither kept nor missed.
    event, p = outcome_event.event, outcome_event.person
    build.meeting(p("Cleo"), p("Finn"), event.slots[2], table=event.tables[2])
    session.commit()
    kpis = compute_kpis(outcome_data(session, [event]))
    assert (kpis.scheduled, kpis.held, kpis.missed, kpis.unknown) == (5, 2, 2, 1)
    assert kpis.kept_rate == pytest.approx(0.5)
    assert kpis.no_show_rate == pytest.approx(0.5)
    groups = {g.name: g for g in kpis.groups["delegation"]}
    # TICE.PT (Ana, Cleo): ana-ben missed, ana-cleo held, cleo-finn not known.
    assert groups["TICE.PT"].meetings == 3 and groups["TICE.PT"].kept_rate == pytest.approx(0.5)
