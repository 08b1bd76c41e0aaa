"""Outcome figures grouped by the mission's delegations (the cluster when a person is in
none), and a delegation lead's own figures.

On the outcomes fixture (see outcome_helpers) the mission gets two delegations:
"Lisbon Tech" (Ana, Ben) and "Basque Games" (Dan, Finn; Dan's cluster says Basquegame,
the delegation wins). Cleo is in none and keeps her cluster, TICE.PT; Eva is in none and
has no cluster. Worked out by hand from the four meetings:

- ana-ben missed; ana-cleo held, Cleo 4/5, a result; dan-eva held, Dan 5/5, Eva 3/5, a
  result; ben-finn missed.
- Lisbon Tech: 2 people; ana-ben, ana-cleo, ben-finn -> 3 meetings, 1 held, 2 missed,
  kept 1/3, no rating of theirs, 1 with a result; cross-border: ana-ben (PT-US) and
  ben-finn (US-DE) -> 2.
- Basque Games: 2 people; dan-eva, ben-finn -> 2 meetings, 1 held, 1 missed, kept 1/2,
  Dan's 5/5, 1 with a result.
- TICE.PT (Cleo): ana-cleo -> 1 meeting, held, her 4/5, a result.
- No delegation (Eva): dan-eva -> 1 meeting, held, her 3/5, a result.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

import pytest
from openpyxl import load_workbook

from matchmaker.models import Delegation, User
from matchmaker.outcomes.kpis import compute_kpis
from matchmaker.outcomes.queries import outcome_data
from tests.builders import Builder
from tests.web.live.live_helpers import LiveEvent
from tests.web.outcomes.test_kpis import _pdf_text


@dataclass
class TwoDelegations:
    live: LiveEvent
    lisbon: Delegation
    basque: Delegation
    lisbon_lead: User
    basque_lead: User


@pytest.fixture
def two(build: Builder, outcome_event: LiveEvent) -> TwoDelegations:
    p = outcome_event.person
    mission = outcome_event.event.mission
    lisbon_lead, basque_lead = build.user(), build.user()
    lisbon = build.delegation(
        mission, name="Lisbon Tech", leads=(lisbon_lead,), members=(p("Ana"), p("Ben"))
    )
    basque = build.delegation(
        mission, name="Basque Games", leads=(basque_lead,), members=(p("Dan"), p("Finn"))
    )
    return TwoDelegations(outcome_event, lisbon, basque, lisbon_lead, basque_lead)


def _row(group: Any) -> tuple[Any, ...]:
    return (
        group.participants,
        group.meetings,
        group.held,
        group.missed,
        group.ratings,
        group.satisfaction,
        group.with_result,
    )


def test_groups_follow_the_delegations_then_the_cluster(session: Any, two: TwoDelegations) -> None:
    kpis = compute_kpis(outcome_data(session, [two.live.event]))
    assert kpis.by_delegation == {
        "Basque Games": 2,
        "Lisbon Tech": 2,
        "No delegation": 1,
        "TICE.PT": 1,
    }
    groups = {g.name: g for g in kpis.groups["delegation"]}
    assert list(groups) == ["Basque Games", "Lisbon Tech", "No delegation", "TICE.PT"]
    assert _row(groups["Lisbon Tech"]) == (2, 3, 1, 2, 0, None, 1)
    assert groups["Lisbon Tech"].kept_rate == pytest.approx(1 / 3)
    assert _row(groups["Basque Games"]) == (2, 2, 1, 1, 1, 5.0, 1)
    assert groups["Basque Games"].kept_rate == pytest.approx(0.5)
    assert _row(groups["TICE.PT"]) == (1, 1, 1, 0, 1, 4.0, 1)
    assert _row(groups["No delegation"]) == (1, 1, 1, 0, 1, 3.0, 1)


def test_the_organisers_workbook_and_pdf_group_by_delegation(
    client: Any, log_in: Any, two: TwoDelegations
) -> None:
    slug = two.live.event.slug
    log_in(two.live.organiser)
    book = load_workbook(io.BytesIO(client.get(f"/outcomes/events/{slug}/outcomes.xlsx").data))
    rows = {row[0]: row[1:] for row in book["By delegation"].iter_rows(min_row=2, values_only=True)}
    assert rows["Lisbon Tech"][:4] == (2, 3, 1, 2)
    assert rows["Lisbon Tech"][4] == pytest.approx(0.3333)
    assert rows["Basque Games"][:4] == (2, 2, 1, 1)
    assert rows["TICE.PT"][:4] == (1, 1, 1, 0)
    assert rows["No delegation"][:4] == (1, 1, 1, 0)
    assert "Basquegame" not in rows
    meetings = list(book["Meetings"].iter_rows(values_only=True))
    header = meetings[0]
    a, b = header.index("A delegation"), header.index("B delegation")
    sides = sorted(tuple(sorted((row[a], row[b]))) for row in meetings[1:])
    assert sides == [
        ("Basque Games", "Lisbon Tech"),
        ("Basque Games", "No delegation"),
        ("Lisbon Tech", "Lisbon Tech"),
        ("Lisbon Tech", "TICE.PT"),
    ]
    text = _pdf_text(client.get(f"/outcomes/events/{slug}/report.pdf").data)
    assert "(Lisbon Tech)" in text and "(Basque Games)" in text and "(33.3%)" in text
    page = client.get(f"/outcomes/events/{slug}/dashboard?delegation=Lisbon Tech")
    html = page.get_data(as_text=True)
    assert 'data-kpi="participants">2<' in html and 'data-kpi="scheduled">3<' in html
    assert '<option value="Basque Games">' in html


def test_the_mission_compares_the_delegations_by_name(
    client: Any, log_in: Any, two: TwoDelegations
) -> None:
    log_in(two.live.organiser)
    html = client.get(f"/outcomes/missions/{two.live.event.mission.slug}/dashboard").get_data(
        as_text=True
    )
    table = html.split('id="delegations-by-event"')[1].split("</table>")[0]
    assert '<th scope="row">Lisbon Tech</th><td class="num">1/3 · 1</td>' in table
    assert '<th scope="row">Basque Games</th><td class="num">1/2 · 1</td>' in table
    assert '<th scope="row">TICE.PT</th><td class="num">1/1 · 1</td>' in table


def test_a_lead_sees_their_delegations_figures_over_the_mission(
    client: Any, log_in: Any, build: Builder, two: TwoDelegations
) -> None:
    second = build.event(organisers=(two.live.organiser,), name="Second fair")
    second.mission_id = two.live.event.mission_id
    build.session.commit()
    build.participant(second, email=two.live.person("Ana").email.upper())
    build.participant(second)  # not a member
    log_in(two.lisbon_lead)
    overview = client.get(f"/delegations/{two.lisbon.id}").get_data(as_text=True)
    assert f'href="/delegations/{two.lisbon.id}/outcomes"' in overview
    html = client.get(f"/delegations/{two.lisbon.id}/outcomes").get_data(as_text=True)
    assert "Outcomes of Lisbon Tech" in html
    # Ana is at both events and counts once over the mission.
    assert 'data-kpi="participants">2<' in html and 'data-kpi="scheduled">3<' in html
    assert 'data-kpi="held">1<' in html and 'data-kpi="missed">2<' in html
    assert 'data-kpi="kept">33.3%<' in html and 'data-kpi="cross-border">2<' in html
    events = html.split('id="events-compared"')[1].split("</table>")[0]
    assert (
        '<th scope="row">Participants</th><td class="num">2</td><td class="num">1</td>'
        '<td class="num">2</td>' in events
    )
    assert "Signed on the spot" not in html


def test_a_leads_files_carry_only_their_delegation(
    client: Any, log_in: Any, two: TwoDelegations
) -> None:
    log_in(two.basque_lead)
    base = f"/delegations/{two.basque.id}"
    book = load_workbook(io.BytesIO(client.get(f"{base}/outcomes.xlsx").data))
    summary = {row[0]: row[1] for row in book["KPIs"].iter_rows(min_row=2, values_only=True)}
    assert (summary["Participants"], summary["Meetings scheduled"]) == (2, 2)
    assert summary["Satisfaction (mean of 1-5)"] == pytest.approx(5.0)
    groups = [row[0] for row in book["By delegation"].iter_rows(min_row=2, values_only=True)]
    assert groups == ["Basque Games"]
    cells = [c for row in book["Meetings"].iter_rows(values_only=True) for c in row]
    assert "Signed on the spot" not in cells  # the organisers' private note
    text = _pdf_text(client.get(f"{base}/outcomes.pdf").data)
    assert "(Delegation: Basque Games)" in text and "(50.0%)" in text


def test_event_outcomes_are_for_organisers_only(
    client: Any, log_in: Any, two: TwoDelegations
) -> None:
    slug = two.live.event.slug
    log_in(two.live.person("Ana").user)  # a cluster organisation's person: no longer enough
    for url in (
        f"/outcomes/events/{slug}/dashboard",
        f"/outcomes/events/{slug}/report?delegation=Lisbon Tech",
        f"/outcomes/events/{slug}/report.pdf",
        f"/outcomes/events/{slug}/outcomes.xlsx",
        f"/delegations/{two.lisbon.id}/outcomes",
    ):
        assert client.get(url).status_code == 404, url
