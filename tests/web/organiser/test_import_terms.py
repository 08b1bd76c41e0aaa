"""Files written the way people write them import after at most one mapping step; the
mapping is remembered for the mission, and can be forgotten."""

from __future__ import annotations

import io
import re
from typing import Any

from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from matchmaker.models import Event, OrganisationType, TermKind, TermMapping
from matchmaker.organiser.forms import term_field_name
from matchmaker.organiser.importing import UnknownTerm
from matchmaker.organiser.terms import name_key, term_key
from tests.web.organiser.uploads import Upload, csv_bytes, participants_of, preview_of, xlsx_bytes


def mapping_field(kind: TermKind, text: str) -> str:
    key = term_key(text) if kind in (TermKind.SECTOR, TermKind.TECHNOLOGY) else name_key(text)
    return term_field_name(UnknownTerm(kind, text, key, (), ()))


WINDOWS_SEMICOLONS = (
    "Vorname;Nachname;E-Mail;Firma;Land;Organisation type;Sector(s);Technologies\r\n"
    "Jörg;Müller;j.mueller@praezision.example;Müller Präzision GmbH;Deutschland;SMEs;"
    "ICT & micro-electronics;IoT, AI\r\n"
)


def test_excel_semicolons_in_windows_1252_import_after_one_mapping(
    organiser_client: FlaskClient, session: Session, event: Event, upload: Upload
) -> None:
    event_id = event.id
    url, page = preview_of(organiser_client, upload(WINDOWS_SEMICOLONS.encode("cp1252")))

    # Everything but "AI" is understood: "&", "Deutschland", "SMEs", "IoT".
    assert "1 term to map" in page
    assert "Technology “AI”" in page
    assert "Unknown technology “AI”: map it above." in page

    response = organiser_client.post(
        f"{url}/terms", data={mapping_field(TermKind.TECHNOLOGY, "AI"): "new"}
    )
    assert response.status_code == 302
    page = organiser_client.get(url).get_data(as_text=True)
    assert "term to map" not in page
    assert "Import 1 row<" in page

    organiser_client.post(f"{url}/confirm")
    (person,) = participants_of(session, event_id)
    assert person.first_name == "Jörg"
    assert person.organisation.name == "Müller Präzision GmbH"
    assert person.organisation.country == "DE"
    assert person.organisation.type == OrganisationType.SME
    assert person.organisation.sectors == ["ICT and micro-electronics"]
    assert person.organisation.technologies == ["IoT", "AI"]
    session.expire_all()
    assert session.get(Event, event_id).technologies[-1] == "AI"  # type: ignore[union-attr]


def test_utf8_with_bom_and_other_column_names_imports_without_mapping(
    organiser_client: FlaskClient, session: Session, event: Event, upload: Upload
) -> None:
    event_id = event.id
    header = [
        "Given name",
        "Family name",
        "E-mail address",
        "Company name",
        "Country of origin",
        "Org type",
        "Industry",
        "Key technologies",
        "We offer",
    ]
    rows = [
        [
            "Ana",
            "Gómez",
            "ana@gomez.example",
            "Gómez Movilidad",
            "España",
            "Start-up",
            "Transport & Mobility",
            "3D printing; robots",
            "Fleet software",
        ],
        [
            "Wei",
            "Chen",
            "wei@tsm.example",
            "Taiwan Smart Machinery",
            "Taiwan, ROC",
            "large enterprise",
            "environmental technology",
            "Internet of Things",
            "",
        ],
        [
            "John",
            "Smith",
            "john@smith.example",
            "Smith Robotics Inc.",
            "USA",
            "SME",
            "Mobility and transport",
            "robotics",
            "",
        ],
    ]
    url, page = preview_of(organiser_client, upload(csv_bytes(rows, header)))
    assert "term to map" not in page
    assert "3 new, 0 to update." in page

    organiser_client.post(f"{url}/confirm")
    ana, wei, john = participants_of(session, event_id)
    assert (ana.organisation.country, ana.organisation.type) == ("ES", OrganisationType.SME)
    assert ana.organisation.sectors == ["Mobility and transport"]
    assert ana.organisation.technologies == ["Additive manufacturing", "Robotics"]
    assert ana.organisation.offers == "Fleet software"
    assert wei.organisation.country == "TW"
    assert wei.organisation.type == OrganisationType.LARGE_COMPANY
    assert wei.organisation.sectors == ["Environmental technologies"]
    assert wei.organisation.technologies == ["IoT"]
    assert john.organisation.country == "US"


def test_an_xlsx_with_abbreviations_imports_after_one_mapping_step(
    organiser_client: FlaskClient, session: Session, event: Event, upload: Upload
) -> None:
    event_id = event.id
    header = [
        "First name",
        "Last name",
        "Email",
        "Organisation",
        "Country",
        "Type",
        "Sectors",
        "Technologies",
    ]
    rows: list[list[Any]] = [
        [
            "Min-jun",
            "Kim",
            "kim@seoul.example",
            "Seoul XR",
            "Korea, Republic of",
            "SME",
            "ICT",
            "AR/VR; Blockchain",
        ],
        ["Sofia", "Rossi", "sofia@rossi.example", "Rossi Srl", "Italia", "Univ.", "ICT", "AR/VR"],
        ["Lena", "Berg", "lena@berg.example", "Berg AB", "Atlantis", "SME", "", "Blockchain"],
    ]
    url, page = preview_of(organiser_client, upload(xlsx_bytes(rows, header), "fair.xlsx"))
    assert "5 terms to map" in page
    # The nearest terms are proposed first.
    ict = page[page.index("Sector “ICT”") :]
    nearest = ict[ict.index('label="Nearest"') : ict.index("</optgroup>")]
    assert "ICT and micro-electronics" in nearest
    assert "In 2 rows: 2, 3. The nearest terms come first." in page

    response = organiser_client.post(
        f"{url}/terms",
        data={
            mapping_field(TermKind.SECTOR, "ICT"): "map:ICT and micro-electronics",
            mapping_field(TermKind.TECHNOLOGY, "AR/VR"): "new",
            mapping_field(TermKind.TECHNOLOGY, "Blockchain"): "drop",
            mapping_field(TermKind.TYPE, "Univ."): "map:rto",
            mapping_field(TermKind.COUNTRY, "Atlantis"): "map:SE",
        },
    )
    assert response.status_code == 302
    page = organiser_client.get(url).get_data(as_text=True)
    assert "to map" not in page
    assert "3 new, 0 to update." in page

    organiser_client.post(f"{url}/confirm")
    kim, sofia, lena = participants_of(session, event_id)
    assert kim.organisation.sectors == ["ICT and micro-electronics"]
    assert kim.organisation.technologies == ["AR/VR"]  # Blockchain left out
    assert kim.organisation.country == "KR"
    assert sofia.organisation.country == "IT"
    assert sofia.organisation.type == OrganisationType.RTO
    assert lena.organisation.country == "SE"
    assert lena.organisation.technologies == []


def test_a_mapping_is_remembered_for_the_mission_and_can_be_forgotten(
    organiser_client: FlaskClient, session: Session, event: Event, upload: Upload
) -> None:
    rows = [["Ana", "Silva", "ana@x.example", "Tice", "PT", "SME", "Space", ""]]
    header = [
        "First name",
        "Last name",
        "Email",
        "Organisation",
        "Country",
        "Type",
        "Sectors",
        "Technologies",
    ]
    url, _page = preview_of(organiser_client, upload(csv_bytes(rows, header)))
    organiser_client.post(
        f"{url}/terms",
        data={mapping_field(TermKind.SECTOR, "Space"): "map:Mobility and transport"},
    )

    # Another event of the same mission reads "SPACE" the same way at once.
    sibling = Event(
        mission_id=event.mission_id,
        slug="sibling",
        name="Second day",
        timezone="Europe/Berlin",
        sectors=list(event.sectors),
        technologies=[],
    )
    session.add(sibling)
    session.commit()
    rows[0][6] = "SPACE"
    response = organiser_client.post(
        "/organise/events/sibling/import",
        data={"file": (io.BytesIO(csv_bytes(rows, header)), "again.csv")},
        content_type="multipart/form-data",
    )
    _url, page = preview_of(organiser_client, response)
    assert "to map" not in page and "1 new, 0 to update." in page

    import_page = organiser_client.get(f"/organise/events/{event.slug}/import")
    text = import_page.get_data(as_text=True)
    assert "Terms mapped for" in text
    assert re.search(r"<td>Space</td>\s*<td>Mobility and transport</td>", text)
    (mapping_id,) = session.scalars(select(TermMapping.id))
    session.commit()
    organiser_client.post(f"/organise/events/{event.slug}/term-mappings/{mapping_id}/forget")
    assert session.scalar(select(TermMapping.id)) is None
    _url, page = preview_of(organiser_client, upload(csv_bytes(rows, header)))
    assert "1 term to map" in page


def test_a_choice_outside_the_list_is_refused(
    organiser_client: FlaskClient, session: Session, event: Event, upload: Upload
) -> None:
    rows = [["Ana", "Silva", "ana@x.example", "Tice", "PT", "SME", "Space", ""]]
    header = [
        "First name",
        "Last name",
        "Email",
        "Organisation",
        "Country",
        "Type",
        "Sectors",
        "Technologies",
    ]
    url, _page = preview_of(organiser_client, upload(csv_bytes(rows, header)))
    response = organiser_client.post(
        f"{url}/terms", data={mapping_field(TermKind.SECTOR, "Space"): "map:Not a sector"}
    )
    assert response.status_code == 400
    assert session.scalar(select(TermMapping.id)) is None


def test_a_country_cannot_be_left_out(
    organiser_client: FlaskClient, session: Session, event: Event, upload: Upload
) -> None:
    rows = [["Ana", "Silva", "ana@x.example", "Tice", "Atlantis", "SME", "", ""]]
    header = [
        "First name",
        "Last name",
        "Email",
        "Organisation",
        "Country",
        "Type",
        "Sectors",
        "Technologies",
    ]
    url, page = preview_of(organiser_client, upload(csv_bytes(rows, header)))
    assert "Leave “Atlantis” out" not in page
    response = organiser_client.post(
        f"{url}/terms", data={mapping_field(TermKind.COUNTRY, "Atlantis"): "drop"}
    )
    assert response.status_code == 400
