"""The event day in the statistics and the attendance export."""

from __future__ import annotations

import csv
import html
import io
from typing import Any

from tests.web.live.live_helpers import Clock, LiveEvent, berlin


def test_statistics_and_export_show_check_ins_held_no_shows_and_changes(
    client: Any, log_in: Any, live: LiveEvent, clock: Clock
) -> None:
    slug = live.event.slug
    log_in(live.organiser)
    for name in ("Ben", "Cleo", "Dan", "Eva"):
        client.post(f"/live/events/{slug}/desk", data={"participant_id": live.person(name).id})
    clock.at = berlin(9, 15)
    # Ana missed 09:00 (no-show; half of it has passed, so it stays as published): her
    # 09:30 meeting is released and replaced; Finn never came to his 10:30 meeting with Ben.
    client.post(f"/live/events/{slug}/participants/{live.person('Ana').id}/release")
    client.post(f"/live/events/{slug}/no-show", data={"no_show_minutes": 5})
    clock.at = berlin(10, 40)
    client.post(
        f"/live/events/{slug}/meetings/{live.meetings['dan-eva'].id}/attendance",
        data={"outcome": "held"},
    )
    page = html.unescape(
        client.get(f"/organise/events/{slug}/schedule/statistics").get_data(as_text=True)
    )
    day = page.split("On the day")[1]
    assert "67%" in day and "4 of 6" in day
    figures = dict(
        (label, value.split("<")[0].strip())
        for label, value in (part.split("</dt><dd>") for part in day.split("<dt>")[1:7])
    )
    assert figures["Meetings held"] == "1"
    assert figures["Meetings with a no-show"] == "3"
    assert figures["Released"] == "1"
    assert figures["Replacement meetings"] == "1"
    by_person = day.split("No-shows by person")[1].split("</table>")[0]
    assert by_person.index("Ana Tester") < by_person.index("Finn Tester")
    assert "No-shows by delegation" in day and "No delegation" in day

    body = client.get(f"/organise/events/{slug}/schedule/export/attendance.csv").get_data(
        as_text=True
    )
    rows = list(csv.reader(io.StringIO(body)))
    assert rows[0][-2:] == ["Outcome", "Change on the day"]
    outcomes = {(row[3], row[6], row[9], row[10]) for row in rows[1:]}
    assert ("Ana Tester", "Ben Tester", "Ana Tester missing", "") in outcomes
    assert ("Ben Tester", "Finn Tester", "Finn Tester missing", "") in outcomes
    assert ("Dan Tester", "Eva Tester", "Held", "") in outcomes
    assert ("Ana Tester", "Cleo Tester", "Cancelled", "released") in outcomes


def test_exports_give_the_day_figures_and_no_shows_by_person_and_delegation(
    client: Any, log_in: Any, live: LiveEvent, clock: Clock, session: Any
) -> None:
    slug = live.event.slug
    ana = live.person("Ana")
    ana.organisation.cluster = "Pôle SCS"
    session.commit()
    log_in(live.organiser)
    for name in ("Ben", "Cleo", "Dan", "Eva"):
        client.post(f"/live/events/{slug}/desk", data={"participant_id": live.person(name).id})
    clock.at = berlin(10, 45)  # Ana missed 09:00 and 09:30, Finn 10:30; nobody released

    def sheet(kind: str) -> list[list[str]]:
        url = f"/organise/events/{slug}/schedule/export/{kind}.csv"
        body = client.get(url).get_data(as_text=True).removeprefix("\ufeff")  # Excel BOM
        return list(csv.reader(io.StringIO(body)))

    assert sheet("no-shows") == [
        ["Participant", "Organisation", "Delegation", "Meetings missed"],
        ["Ana Tester", "Ana GmbH", "Pôle SCS", "2"],
        ["Finn Tester", "Finn GmbH", "No delegation", "1"],
    ]
    assert sheet("no-shows-by-delegation") == [
        ["Delegation", "Meetings missed"],
        ["Pôle SCS", "2"],
        ["No delegation", "1"],
    ]
    figures = dict(sheet("day-figures")[1:])
    assert figures["Checked in"] == "4" and figures["Check-in rate (%)"] == "67"
    assert figures["Meetings with a no-show"] == "3" and figures["Replacement"] == "0"
    overview = client.get(f"/organise/events/{slug}/schedule").get_data(as_text=True)
    assert "/schedule/export/no-shows-by-delegation.xlsx" in overview
    for kind in ("day-figures", "no-shows", "no-shows-by-delegation"):
        response = client.get(f"/organise/events/{slug}/schedule/export/{kind}.xlsx")
        assert response.status_code == 200 and response.data.startswith(b"PK")
