"""Online attendance set by organisers: the import's optional "Online" column (yes or no per
person, shown as a change on a re-import, refused when it says neither) and the participant
page at a hybrid event."""

from __future__ import annotations

from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from matchmaker.models import Event, Participant
from matchmaker.models.enums import EventMode
from tests.builders import Builder
from tests.web.organiser.uploads import HEADER, Upload, csv_bytes, good_row, preview_of


def _online_by_email(session: Session) -> dict[str, bool]:
    rows = session.scalars(select(Participant).execution_options(populate_existing=True))
    found = {p.email: p.online for p in rows}
    session.commit()
    return found


def test_the_online_column_sets_and_updates_online_attendance(
    organiser_client: FlaskClient, session: Session, build: Builder, event: Event, upload: Upload
) -> None:
    header = [*HEADER, "Attends online"]
    rows = [[*good_row(1), "yes"], [*good_row(2), "On site"], [*good_row(3), ""]]
    url, page = preview_of(organiser_client, upload(csv_bytes(rows, header)))
    assert "3 new" in page
    organiser_client.post(f"{url}/confirm")
    assert _online_by_email(session) == {
        "person1@company1.example": True,
        "person2@company2.example": False,
        "person3@company3.example": False,
    }

    again = [[*good_row(1), "no"], [*good_row(2), "no"], [*good_row(3), "x"]]
    url, page = preview_of(organiser_client, upload(csv_bytes(again, header)))
    assert "0 new, 2 to update, 1 unchanged." in page
    assert "<dt>Online</dt><dd><del>yes</del>" in page and "<ins>no</ins>" in page
    organiser_client.post(f"{url}/confirm")
    assert _online_by_email(session) == {
        "person1@company1.example": False,
        "person2@company2.example": False,
        "person3@company3.example": True,
    }


def test_an_online_cell_that_is_neither_yes_nor_no_is_refused(
    organiser_client: FlaskClient, upload: Upload
) -> None:
    rows = [[*good_row(1), "maybe"]]
    _url, page = preview_of(organiser_client, upload(csv_bytes(rows, [*HEADER, "Online"])))
    assert "“maybe”: write yes (attends online) or no." in page


def test_organisers_set_online_attendance_only_at_a_hybrid_event(
    organiser_client: FlaskClient, session: Session, build: Builder, event: Event
) -> None:
    person = build.participant(event)
    url = f"/organise/events/{event.slug}/participants/{person.id}"
    assert "Attends online" not in organiser_client.get(url).text  # on site by default
    organiser_client.post(url, data={"max_meetings": "", "online": "y"})
    assert _online_by_email(session) == {person.email: False}

    event.mode = EventMode.HYBRID
    session.commit()
    assert "Attends online" in organiser_client.get(url).text
    assert organiser_client.post(url, data={"online": "y"}).status_code == 302
    assert _online_by_email(session) == {person.email: True}
    listing = organiser_client.get(f"/organise/events/{event.slug}/participants").text
    assert 'data-label="Booth"><span class="badge' in listing and ">Online<" in listing
    organiser_client.post(url, data={"max_meetings": ""})  # the box unticked
    assert _online_by_email(session) == {person.email: False}
