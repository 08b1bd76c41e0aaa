"""Participant import from CSV and XLSX: preview, every row error, limits, partial imports."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from flask.testing import FlaskClient
from markupsafe import escape
from sqlalchemy import select
from sqlalchemy.orm import Session
from werkzeug.test import TestResponse

from matchmaker.models import Event, Organisation, OrganisationType, User
from tests.builders import Builder
from tests.web.organiser.uploads import (
    HEADER,
    SECTORS,
    TECHNOLOGIES,
    Upload,
    csv_bytes,
    good_row,
    participants_of,
    xlsx_bytes,
)


def preview_url(response: TestResponse) -> str:
    assert response.status_code == 302, response.get_data(as_text=True)
    location = response.headers["Location"]
    assert re.fullmatch(r"/organise/events/[^/]+/import/[A-Za-z0-9_-]+", location)
    return location


def test_a_csv_file_is_previewed_then_imported(
    organiser_client: FlaskClient, session: Session, event: Event, upload: Upload
) -> None:
    event_id = event.id
    data = csv_bytes(
        [
            good_row(1, organisation="Tice Robotics", country="Portugal", type="sme"),
            good_row(2, organisation="TICE ROBOTICS", country="pt", type="SME"),
            good_row(
                3,
                organisation="Fraunhofer IPA",
                type="Research and technology organisation",
                sectors="ict and micro-electronics, Mobility and transport",
                technologies="",
            ),
        ]
    )
    preview = organiser_client.get(preview_url(upload(data)))
    page = preview.get_data(as_text=True)

    assert "3 rows in “participants.csv”:</strong>\n      3 new, 0 to update." in page
    assert "Import 3 rows" in page
    assert "Person3 Family3" in page and "Portugal" in page
    assert participants_of(session, event_id) == []  # nothing saved before confirming

    token_url = preview.request.path
    response = organiser_client.post(f"{token_url}/confirm")
    assert response.status_code == 302
    assert response.headers["Location"] == f"/organise/events/{event.slug}/participants"

    people = participants_of(session, event_id)
    assert [person.email for person in people] == [
        "person1@company1.example",
        "person2@company2.example",
        "person3@company3.example",
    ]
    first, second, third = people
    assert first.organisation_id == second.organisation_id  # matched by name, any case
    assert first.organisation.name == "Tice Robotics"
    assert first.organisation.country == "PT"
    assert first.organisation.type == OrganisationType.SME
    assert first.organisation.technologies == ["Robotics", "IoT"]
    assert first.organisation.offers == "Sensors"
    assert third.organisation.type == OrganisationType.RTO
    assert third.organisation.sectors == ["ICT and micro-electronics", "Mobility and transport"]
    # Imported people follow the event's default cap (8 here, and whatever it becomes).
    assert all(person.user_id is None and person.max_meetings is None for person in people)

    assert organiser_client.post(f"{token_url}/confirm").status_code == 404  # used up


def test_an_xlsx_file_is_imported(
    organiser_client: FlaskClient, session: Session, event: Event, upload: Upload
) -> None:
    event_id = event.id
    header = [
        "first_name",
        "LAST NAME",
        "Email Address",
        "Company",
        "Country Code",
        "Type",
        "Sector",
        "Technology",
        "Offer",
        "Request",
        "Phone",
        "Booth",
        "Notes",
    ]
    rows: list[list[Any]] = [
        [
            "Mei",
            "Lin",
            "MEI@Computex.example",
            "Taiwan Smart Machinery",
            "TW",
            "Large company",
            "Mobility and transport",
            "IoT",
            "",
            "",
            886212345678,
            "Hall 1 A0512",
            "ignored",
        ],
    ]
    preview = organiser_client.get(preview_url(upload(xlsx_bytes(rows, header), "export.xlsx")))
    page = preview.get_data(as_text=True)
    assert "1 row in “export.xlsx”:</strong>\n      1 new, 0 to update." in page
    assert "Ignored columns: Notes." in page

    organiser_client.post(f"{preview.request.path}/confirm")

    (person,) = participants_of(session, event_id)
    assert person.email == "mei@computex.example"
    assert person.phone == "886212345678"
    assert person.location == "Hall 1 A0512"
    assert person.organisation.type == OrganisationType.LARGE_COMPANY


def test_semicolon_separated_windows_1252_csv(
    organiser_client: FlaskClient, session: Session, event: Event, upload: Upload
) -> None:
    event_id = event.id
    text = (
        ";".join(HEADER)
        + "\r\n"
        + ";".join(
            good_row(
                1,
                first="Jörg",
                organisation="Müller Präzision GmbH",
                country="Germany",
                technologies="Robotics, IoT",
            )
        )
        + "\r\n"
    )
    preview = organiser_client.get(preview_url(upload(text.encode("cp1252"))))
    assert "Import 1 row<" in preview.get_data(as_text=True)

    organiser_client.post(f"{preview.request.path}/confirm")

    (person,) = participants_of(session, event_id)
    assert person.first_name == "Jörg"
    assert person.organisation.name == "Müller Präzision GmbH"
    assert person.organisation.technologies == ["Robotics", "IoT"]


@pytest.mark.parametrize(
    ("changes", "column", "message"),
    [
        ({"email": ""}, "Email", "The email is missing."),
        ({"email": "not-an-address"}, "Email", "is not a valid email address"),
        ({"first": ""}, "First name", "The first name is missing."),
        ({"organisation": ""}, "Organisation", "The organisation is missing."),
        ({"country": "Atlantis"}, "Country", "Unknown country “Atlantis”: map it above."),
        ({"country": ""}, "Country", "The country is missing."),
        ({"type": "Garage band"}, "Type", "Unknown organisation type “Garage band”"),
        ({"sectors": "Space"}, "Sectors", "Unknown sector “Space”: map it above."),
        ({"technologies": "Blockchain"}, "Technologies", "Unknown technology “Blockchain”"),
        ({"first": "x" * 101}, "First name", "Longer than 100 characters"),
    ],
)
def test_every_bad_row_is_reported_and_left_out_of_the_import(
    organiser_client: FlaskClient,
    session: Session,
    build: Builder,
    event: Event,
    upload: Upload,
    changes: dict[str, str],
    column: str,
    message: str,
) -> None:
    build.participant(event, email="taken@cluster.example")
    event_id = event.id
    data = csv_bytes([good_row(1), good_row(2, **changes), good_row(3)])

    preview = organiser_client.get(preview_url(upload(data)))
    page = preview.get_data(as_text=True)

    assert "<strong>1 with problems</strong>" in page
    row_html = page[page.index('id="row-3"') : page.index('id="row-4"')]
    assert f"<strong>{column}:</strong>" in row_html
    assert str(escape(message)) in row_html
    assert "Import the 2 ready rows" in page

    response = organiser_client.post(f"{preview.request.path}/confirm")
    assert response.status_code == 302
    assert response.headers["Location"] == preview.request.path  # back, for the refused row
    emails = [person.email for person in participants_of(session, event_id)]
    assert emails == [
        "taken@cluster.example",
        "person1@company1.example",
        "person3@company3.example",
    ]
    follow = organiser_client.get(response.headers["Location"]).get_data(as_text=True)
    assert "2 participants added, 0 participants updated. 1 row left out" in follow
    assert re.findall(r'id="row-(\d+)"', follow) == ["3"]  # only the refused row remains
    assert "Import the" not in follow
    assert organiser_client.post(f"{preview.request.path}/confirm").status_code == 404


def test_the_rows_with_problems_can_be_shown_alone(
    organiser_client: FlaskClient, event: Event, upload: Upload
) -> None:
    rows = [good_row(number) for number in range(1, 11)]
    for number in (3, 6, 9):
        rows[number - 1] = good_row(number, country="Atlantis")
    url = preview_url(upload(csv_bytes(rows)))

    everything = organiser_client.get(url).get_data(as_text=True)
    assert everything.count('<tr class="') == 10
    assert "Import the 7 ready rows" in everything
    assert f'href="{url}?problems=1"' in everything

    problems = organiser_client.get(f"{url}?problems=1").get_data(as_text=True)
    assert re.findall(r'id="row-(\d+)"', problems) == ["4", "7", "10"]  # file lines
    assert "<strong>3 with problems</strong>" in problems
    assert re.search(r'href="[^"]*problems=1"\s+aria-current="page"', problems)


def test_the_problem_filter_shows_every_row_of_a_good_file(
    organiser_client: FlaskClient, event: Event, upload: Upload
) -> None:
    url = preview_url(upload(csv_bytes([good_row(1), good_row(2)])))
    page = organiser_client.get(f"{url}?problems=1").get_data(as_text=True)
    assert re.findall(r'id="row-(\d+)"', page) == ["2", "3"]
    assert "Import 2 rows" in page
    assert "Only rows with problems" not in page


def test_an_email_twice_in_the_file_names_the_first_row(
    organiser_client: FlaskClient, event: Event, upload: Upload
) -> None:
    data = csv_bytes([good_row(1), good_row(2, email="PERSON1@company1.example")])
    page = organiser_client.get(preview_url(upload(data))).get_data(as_text=True)
    assert "person1@company1.example appears again (first in row 2)." in page


def test_one_organisation_keeps_one_country_and_type(
    organiser_client: FlaskClient, event: Event, upload: Upload
) -> None:
    data = csv_bytes(
        [
            good_row(1, organisation="Tice Robotics", country="PT"),
            good_row(2, organisation="tice robotics", country="ES"),
            good_row(3, organisation="Tice Robotics", country="Portugal", type="Cluster"),
            good_row(4, organisation="Tice Robotics", country="Portugal"),
        ]
    )
    page = organiser_client.get(preview_url(upload(data))).get_data(as_text=True)
    assert "<strong>2 with problems</strong>" in page
    assert page.count("Tice Robotics is Portugal, SME in row 2") == 2


def test_a_person_registered_meanwhile_is_updated_at_confirmation_not_added_twice(
    organiser_client: FlaskClient,
    session: Session,
    build: Builder,
    event: Event,
    upload: Upload,
) -> None:
    preview = organiser_client.get(preview_url(upload(csv_bytes([good_row(1), good_row(2)]))))
    build.participant(event, email="person2@company2.example", first_name="P.")
    event_id = event.id

    organiser_client.post(f"{preview.request.path}/confirm")

    people = participants_of(session, event_id)
    assert [(p.email, p.first_name) for p in people] == [
        ("person2@company2.example", "Person2"),
        ("person1@company1.example", "Person1"),
    ]


def test_too_many_rows(
    app: Any, organiser_client: FlaskClient, event: Event, upload: Upload
) -> None:
    app.config["IMPORT_MAX_ROWS"] = 3
    response = upload(csv_bytes([good_row(number) for number in range(1, 5)]))
    assert response.status_code == 400
    assert "more than 3 participants" in response.get_data(as_text=True)


def test_a_file_above_the_size_limit_gets_a_friendly_413(
    app: Any, organiser_client: FlaskClient, event: Event, upload: Upload
) -> None:
    app.config["MAX_CONTENT_LENGTH"] = 2 * 1024 * 1024
    response = upload(csv_bytes([good_row(1)]) + b" " * (3 * 1024 * 1024))
    assert response.status_code == 413
    page = response.get_data(as_text=True)
    assert "The file is larger than 2 MB." in page
    assert 'enctype="multipart/form-data"' in page  # the upload form again


@pytest.mark.parametrize(
    ("data", "filename", "message"),
    [
        (b"first name,last name\n", "participants.txt", "Upload a .csv or .xlsx file."),
        (b"PK\x03\x04 broken", "participants.xlsx", "not a readable XLSX workbook"),
        (b"\xef\xbb\xbf", "participants.csv", "The file is empty."),
        (b"First name,Email\nAna,ana@x.example\n", "p.csv", "lacks the column(s): last name"),
        (csv_bytes([]), "participants.csv", "has a header row but no participants"),
    ],
)
def test_unusable_files_are_refused(
    organiser_client: FlaskClient,
    event: Event,
    upload: Upload,
    data: bytes,
    filename: str,
    message: str,
) -> None:
    response = upload(data, filename)
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)


def test_an_upload_belongs_to_its_event_and_uploader(
    client: FlaskClient,
    admin: User,
    build: Builder,
    event: Event,
    upload: Upload,
    log_in: Callable[..., None],
) -> None:
    url = preview_url(upload(csv_bytes([good_row(1)])))
    other_event = build.event(slug="other", organisers=())
    other_url = url.replace(f"/events/{event.slug}/", f"/events/{other_event.slug}/")
    assert client.get(other_url).status_code == 404

    client.post("/logout")
    log_in(admin)  # may see the event, but the upload is another person's
    assert client.get(url).status_code == 404
    assert client.get(url.rsplit("/", 1)[0] + "/..%2Fsecret_key").status_code == 404


def test_discarding_an_upload(
    organiser_client: FlaskClient, session: Session, event: Event, upload: Upload
) -> None:
    url = preview_url(upload(csv_bytes([good_row(1)])))
    response = organiser_client.post(f"{url}/cancel")
    assert response.status_code == 302
    assert organiser_client.get(url).status_code == 404
    assert session.scalar(select(Organisation.id)) is None


def test_the_import_page_explains_the_columns(organiser_client: FlaskClient, event: Event) -> None:
    page = organiser_client.get(f"/organise/events/{event.slug}/import").get_data(as_text=True)
    assert "First name" in page and "given name" in page
    assert "At most 5000 rows and 5 MB per file" in page


def test_the_template_imports_as_it_is(
    organiser_client: FlaskClient, session: Session, event: Event, upload: Upload
) -> None:
    event_id = event.id
    template = organiser_client.get(f"/organise/events/{event.slug}/import-template.csv")
    assert template.mimetype == "text/csv"

    preview = organiser_client.get(preview_url(upload(template.data)))
    assert "Import 1 row<" in preview.get_data(as_text=True)
    organiser_client.post(f"{preview.request.path}/confirm")

    (person,) = participants_of(session, event_id)
    assert person.organisation.sectors == SECTORS[:2]
    assert person.organisation.technologies == TECHNOLOGIES[:2]
