"""Repeated imports: people matched by email are updated (only what the file changes), and
the refused rows download as CSV or XLSX, as uploaded plus a reason, to upload again."""

from __future__ import annotations

import io

from flask.testing import FlaskClient
from openpyxl import load_workbook
from sqlalchemy import select
from sqlalchemy.orm import Session

from matchmaker.models import Event, Organisation, OrganisationType, Participant
from matchmaker.schedule import queries as schedule_queries
from matchmaker.schedule.scheduling import build_problem
from tests.builders import Builder
from tests.web.organiser.uploads import HEADER, Upload, csv_bytes, good_row, preview_of


def test_a_reimport_shows_and_applies_only_the_changes(
    organiser_client: FlaskClient, session: Session, build: Builder, event: Event, upload: Upload
) -> None:
    organisation = Organisation(
        name="Company 1",
        country="DE",
        type=OrganisationType.SME,
        sectors=["ICT and micro-electronics"],
        technologies=["Robotics", "IoT"],
        offers="Sensors",
        requests="Distributors",
        description="Kept as it is",
    )
    person = build.participant(
        event,
        organisation=organisation,
        first_name="Person1",
        last_name="Family1",
        email="person1@company1.example",
        phone="+49 1",
        max_meetings=3,
    )
    person_id = person.id
    header = [*HEADER, "Phone"]
    rows = [
        [*good_row(1, last="Family-Smith", technologies="Robotics", offers=""), "+49 1"],
        [*good_row(2), ""],
    ]
    url, page = preview_of(organiser_client, upload(csv_bytes(rows, header)))

    assert "1 new, 1 to update." in page
    row = page[page.index('id="row-2"') : page.index('id="row-3"')]
    assert "<dt>Last name</dt><dd><del>Family1</del>" in row and "<ins>Family-Smith</ins>" in row
    assert "<dt>Technologies</dt><dd><del>Robotics; IoT</del>" in row
    assert "Offers" not in row  # an empty cell changes nothing
    assert "Phone" not in row  # the same value is no change
    assert "Import 2 rows" in page

    organiser_client.post(f"{url}/confirm")
    session.expire_all()
    updated = session.get(Participant, person_id)
    assert updated is not None
    assert (updated.first_name, updated.last_name) == ("Person1", "Family-Smith")
    assert updated.max_meetings == 3 and updated.phone == "+49 1"
    assert updated.organisation.technologies == ["Robotics"]
    assert updated.organisation.offers == "Sensors"
    assert updated.organisation.description == "Kept as it is"
    count = len(session.scalars(select(Participant.id)).all())
    session.commit()
    assert count == 2

    # The same file again: nothing left to change.
    url, page = preview_of(organiser_client, upload(csv_bytes(rows, header)))
    assert "0 new, 0 to update, 2 unchanged." in page
    assert "No row ready to import" in page


def test_a_reimport_can_move_a_person_to_another_organisation(
    organiser_client: FlaskClient, session: Session, build: Builder, event: Event, upload: Upload
) -> None:
    person = build.participant(event, email="person1@company1.example")
    person_id = person.id
    url, page = preview_of(
        organiser_client, upload(csv_bytes([good_row(1, organisation="Nova GmbH")]))
    )
    assert "<dt>Organisation</dt>" in page
    organiser_client.post(f"{url}/confirm")
    session.expire_all()
    moved = session.get(Participant, person_id)
    assert moved is not None and moved.organisation.name == "Nova GmbH"


def test_the_refused_rows_download_as_uploaded_with_a_reason(
    organiser_client: FlaskClient, event: Event, upload: Upload
) -> None:
    header = [*HEADER, "Notes"]
    rows = [
        [*good_row(1), "first"],
        [*good_row(2, email="not-an-address"), "=cmd()"],
        [*good_row(3, country=""), "third"],
    ]
    url, page = preview_of(organiser_client, upload(csv_bytes(rows, header)))
    assert f'href="{url}/refused.xlsx"' in page and f'href="{url}/refused.csv"' in page

    csv_file = organiser_client.get(f"{url}/refused.csv")
    assert csv_file.mimetype == "text/csv"
    lines = csv_file.get_data(as_text=True).lstrip("\ufeff").splitlines()
    assert lines[0] == ",".join([*header, "Reason"])
    assert lines[1].startswith("Person2,Family2,not-an-address,")
    assert ",'=cmd()," in lines[1]  # neutralised, not a formula
    assert "Email: “not-an-address” is not a valid email address" in lines[1]
    assert lines[2].endswith("Country: The country is missing.")
    assert len(lines) == 3

    workbook = load_workbook(io.BytesIO(organiser_client.get(f"{url}/refused.xlsx").data))
    sheet = [list(row) for row in workbook.active.iter_rows(values_only=True)]
    assert sheet[0] == [*header, "Reason"]
    assert [row[0] for row in sheet[1:]] == ["Person2", "Person3"]

    # After importing the ready row, the refused ones can still be downloaded.
    organiser_client.post(f"{url}/confirm")
    assert len(organiser_client.get(f"{url}/refused.csv").get_data(as_text=True).splitlines()) == 3
    assert organiser_client.get(f"{url}/refused.pdf").status_code == 404


def test_fixed_refused_rows_upload_again(
    organiser_client: FlaskClient, session: Session, event: Event, upload: Upload
) -> None:
    event_id = event.id
    url, _page = preview_of(
        organiser_client, upload(csv_bytes([good_row(1), good_row(2, country="Atlantis")]))
    )
    organiser_client.post(f"{url}/confirm")
    refused = organiser_client.get(f"{url}/refused.csv").get_data(as_text=True)
    fixed = refused.replace("Atlantis", "Portugal").encode("utf-8")

    url, page = preview_of(organiser_client, upload(fixed, "fixed.csv"))
    assert "Ignored columns: Reason." in page
    assert "1 new, 0 to update." in page
    organiser_client.post(f"{url}/confirm")
    emails = session.scalars(
        select(Participant.email).where(Participant.event_id == event_id).order_by(Participant.id)
    ).all()
    assert emails == ["person1@company1.example", "person2@company2.example"]


def test_imported_people_follow_the_event_s_default_cap(
    organiser_client: FlaskClient, session: Session, event: Event, upload: Upload
) -> None:
    url, _page = preview_of(organiser_client, upload(csv_bytes([good_row(1)])))
    organiser_client.post(f"{url}/confirm")
    fresh = session.get(Event, event.id)
    assert fresh is not None
    fresh.default_max_meetings = 5  # the organiser lowers the cap after the import
    session.commit()

    problem = build_problem(schedule_queries.event_data(session, fresh), minimal_change=False)
    (person,) = problem.participants
    assert person.max_meetings == 5
