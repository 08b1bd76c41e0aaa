"""Check-in: personal codes with server-made QR codes, the desk, arrival times, counts."""

from __future__ import annotations

import html
import re
from typing import Any

from sqlalchemy import select

from matchmaker.live.qr import qr_svg
from matchmaker.models import CheckIn
from tests.web.live.live_helpers import Clock, LiveEvent, berlin


def _code_of(session: Any, participant: Any) -> str:
    row = session.scalar(select(CheckIn).where(CheckIn.participant_id == participant.id))
    session.commit()
    return str(row.code)


def test_the_agenda_and_its_print_view_carry_the_code_as_an_inline_qr_code(
    client: Any, log_in: Any, live: LiveEvent, session: Any
) -> None:
    log_in(live.person("Ben").user)
    page = client.get(f"/events/{live.event.slug}/agenda").get_data(as_text=True)
    code = _code_of(session, live.person("Ben"))
    assert len(code) == 8 and code.isalnum()
    assert code in page and 'class="qr"' in page and "qr__modules" in page
    printed = client.get(f"/events/{live.event.slug}/agenda?print=1").get_data(as_text=True)
    assert code in printed and 'class="qr"' in printed
    assert _code_of(session, live.person("Ben")) == code  # the code stays


def _qr_of(page: str) -> str:
    found = re.search(r'<svg [^>]*class="qr".*?</svg>', page, re.S)
    assert found is not None
    return found.group(0)


def test_the_drawn_qr_code_follows_a_changed_code(
    client: Any, log_in: Any, live: LiveEvent, session: Any
) -> None:
    """Drawings are remembered by code and title (a bounded memo): a new code is drawn anew."""
    log_in(live.person("Ben").user)
    agenda = f"/events/{live.event.slug}/agenda"
    before = _qr_of(client.get(agenda).get_data(as_text=True))
    row = session.scalar(select(CheckIn).where(CheckIn.participant_id == live.person("Ben").id))
    old, row.code = row.code, "NEWCODE1"
    session.commit()
    after = _qr_of(client.get(agenda).get_data(as_text=True))
    assert "NEWCODE1" in after and old not in after and after != before
    assert qr_svg.cache_info().maxsize is not None


def test_staff_check_someone_in_by_code_and_the_arrival_time_is_kept(
    client: Any, log_in: Any, live: LiveEvent, staff_user: Any, session: Any, clock: Clock
) -> None:
    log_in(staff_user)
    slug = live.event.slug
    assert client.get(f"/live/events/{slug}/desk").status_code == 200
    code = _code_of(session, live.person("Dan"))
    clock.at = berlin(8, 47)
    response = client.post(
        f"/live/events/{slug}/desk", data={"code": code.lower()}, follow_redirects=True
    )
    assert "Dan Tester (Dan GmbH) is checked in." in html.unescape(response.get_data(as_text=True))
    row = session.scalar(select(CheckIn).where(CheckIn.participant_id == live.person("Dan").id))
    session.commit()
    assert row.arrived_at == berlin(8, 47)
    assert client.get(f"/live/events/{slug}/desk/counts").get_json() == {
        "arrived": 1,
        "expected": 6,
    }
    again = client.post(f"/live/events/{slug}/desk", data={"code": code}, follow_redirects=True)
    assert "was already checked in" in again.get_data(as_text=True)


def test_an_unknown_code_is_refused_with_a_clear_message(
    client: Any, log_in: Any, live: LiveEvent
) -> None:
    log_in(live.organiser)
    response = client.post(
        f"/live/events/{live.event.slug}/desk", data={"code": "NOPE1234"}, follow_redirects=True
    )
    assert "No participant has the code" in html.unescape(response.get_data(as_text=True))


def test_the_desk_finds_people_by_name_organisation_or_code_and_checks_them_in(
    client: Any, log_in: Any, live: LiveEvent, session: Any
) -> None:
    log_in(live.organiser)
    slug = live.event.slug
    client.get(f"/live/events/{slug}/desk")
    by_name = client.get(f"/live/events/{slug}/desk?q=cleo").get_data(as_text=True)
    assert "Cleo Tester" in by_name and "Ana Tester" not in by_name
    by_organisation = client.get(f"/live/events/{slug}/desk?q=eva+gmbh").get_data(as_text=True)
    assert "Eva Tester" in by_organisation
    code = _code_of(session, live.person("Finn"))
    by_code = client.get(f"/live/events/{slug}/desk?q={code}").get_data(as_text=True)
    assert "Finn Tester" in by_code and "Ben Tester" not in by_code
    client.post(f"/live/events/{slug}/desk", data={"participant_id": live.person("Finn").id})
    assert client.get(f"/live/events/{slug}/desk/counts").get_json()["arrived"] == 1
