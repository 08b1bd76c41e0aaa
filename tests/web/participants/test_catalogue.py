"""The catalogue: everyone else at the event, why to meet them, search, filters, pages."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from flask import Flask
from sqlalchemy import event as sqlalchemy_event
from sqlalchemy import insert
from sqlalchemy.orm import Session

from matchmaker.db import database, utcnow
from matchmaker.models import (
    Organisation,
    OrganisationType,
    Participant,
    Preference,
    PreferenceLevel,
)
from tests.builders import Builder
from tests.web.participants.conftest import TECHNOLOGIES, Me, organisation

URL = "/events/hannover-b2b/catalogue"


def _names(page: str) -> list[str]:
    return re.findall(r'class="card__title person-card__name"[^>]*>([^<]+)<', page)


def _mark(session: Session, chooser: Participant, target: Participant, level: PreferenceLevel):
    session.add(
        Preference(
            event_id=chooser.event_id,
            from_participant_id=chooser.id,
            to_participant_id=target.id,
            level=level,
        )
    )
    session.commit()


def test_everyone_else_of_the_event_with_reasons_best_match_first(
    client, logged_in: Me, build: Builder, session
):
    event = logged_in.event
    build.participant(
        event, first_name="Zoe", last_name="Plain", organisation=organisation("Acme Ltd")
    )
    maker = build.participant(
        event,
        first_name="Max",
        last_name="Printer",
        organisation=organisation("Print3D GmbH", offers="Industrial additive manufacturing"),
    )
    fan = build.participant(
        event, first_name="Lea", last_name="Fan", organisation=organisation("Zenith SA")
    )
    _mark(session, fan, logged_in.participant, PreferenceLevel.WANT)
    build.participant(event, first_name="Old", last_name="Withdrawn", withdrawn_at=utcnow())
    build.participant(build.event(slug="computex"), first_name="Other", last_name="Event")

    page = client.get(URL).get_data(as_text=True)
    assert _names(page) == ["Lea Fan", "Max Printer", "Zoe Plain"]
    assert "Ana Silva" not in _names(page)
    assert "Wants to meet you" in page
    assert "You seek additive manufacturing — they offer it" in page
    assert f'id="person-{maker.id}"' in page
    by_name = client.get(URL, query_string={"sort": "name"}).get_data(as_text=True)
    assert _names(by_name) == ["Lea Fan", "Zoe Plain", "Max Printer"]  # by last name
    by_organisation = client.get(URL, query_string={"sort": "organisation"})
    assert _names(by_organisation.get_data(as_text=True)) == ["Zoe Plain", "Max Printer", "Lea Fan"]
    assert "Nobody matches" not in by_name and "match your search" not in by_name


def test_a_not_interested_mark_is_never_shown_to_the_other_side(
    client, logged_in: Me, build: Builder, session
):
    grump = build.participant(logged_in.event, first_name="Gus", last_name="Grump")
    _mark(session, grump, logged_in.participant, PreferenceLevel.NOT)
    page = client.get(URL).get_data(as_text=True)
    assert "Gus Grump" in page
    assert "Wants to meet you" not in page
    assert "Not interested" not in page.split("Gus Grump", 1)[1].split("aria-pressed")[0]


def test_search_text_and_filters_combine_and_unknown_values_are_ignored(
    client, logged_in: Me, build: Builder
):
    event = logged_in.event
    build.participant(
        event,
        first_name="Kim",
        last_name="Vision",
        organisation=organisation(
            "Seoul Optics",
            country="KR",
            technologies=["Machine vision"],
            type=OrganisationType.LARGE_COMPANY,
            sectors=["Mobility and transport"],
        ),
    )
    build.participant(
        event,
        first_name="Jan",
        last_name="Vision",
        organisation=organisation(
            "Vision Lab", country="DE", description="Camera research", type=OrganisationType.RTO
        ),
    )
    assert _names(client.get(URL, query_string={"q": "vision"}).get_data(as_text=True)) == [
        "Jan Vision",
        "Kim Vision",
    ]
    assert _names(
        client.get(URL, query_string={"q": "camera research"}).get_data(as_text=True)
    ) == ["Jan Vision"]
    for query in (
        {"country": "KR"},
        {"technology": "Machine vision"},
        {"type": "large_company"},
        {"sector": "Mobility and transport", "q": "optics"},
    ):
        assert _names(client.get(URL, query_string=query).get_data(as_text=True)) == ["Kim Vision"]
    everyone = _names(client.get(URL, query_string={"country": "ZZ"}).get_data(as_text=True))
    assert everyone == ["Jan Vision", "Kim Vision"]
    empty = client.get(URL, query_string={"q": "nobody-has-this"}).get_data(as_text=True)
    assert "Nobody matches this search" in empty


def test_pages_of_24_keep_the_filters_in_their_links(client, logged_in: Me, build: Builder):
    for number in range(30):
        build.participant(
            logged_in.event,
            first_name="Person",
            last_name=f"{number:02d}",
            organisation=organisation(f"Org {number}", country="FR"),
        )
    first = client.get(URL, query_string={"country": "FR"}).get_data(as_text=True)
    assert len(_names(first)) == 24
    assert "page 1 of 2" in first
    next_link = re.search(r'href="([^"]+)" rel="next"', first)
    assert next_link is not None
    assert "country=FR" in next_link.group(1) and "page=2" in next_link.group(1)
    second = client.get(next_link.group(1).replace("&amp;", "&")).get_data(as_text=True)
    assert _names(second) == [f"Person {number}" for number in range(24, 30)]
    beyond = client.get(URL, query_string={"country": "FR", "page": "99"}).get_data(as_text=True)
    assert _names(beyond) == _names(second)


def test_free_text_of_others_is_escaped(client, logged_in: Me, build: Builder):
    build.participant(
        logged_in.event,
        first_name="<b>Bold</b>",
        organisation=organisation("<img src=x onerror=alert(1)>", offers="<script>x</script>"),
    )
    page = client.get(URL).get_data(as_text=True)
    assert "<img src=x" not in page and "<script>x" not in page and "<b>Bold" not in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page


@contextmanager
def _counted_statements(app: Flask) -> Iterator[list[str]]:
    statements: list[str] = []

    def count(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        statements.append(statement)

    engine = database(app).engine
    sqlalchemy_event.listen(engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        sqlalchemy_event.remove(engine, "before_cursor_execute", count)


def _add_people(session: Session, event_id: int, count: int, batch: str) -> None:
    """Bulk insert `count` participants, two per organisation, with varied profiles."""
    organisation_rows = [
        {
            "name": f"Company {index}",
            "country": ("DE", "FR", "PT", "US", "KR")[index % 5],
            "type": OrganisationType.SME,
            "sectors": [],
            "technologies": [TECHNOLOGIES[index % len(TECHNOLOGIES)]],
            "offers": f"{TECHNOLOGIES[(index + 1) % len(TECHNOLOGIES)]} services",
            "requests": f"Partners in {TECHNOLOGIES[(index + 2) % len(TECHNOLOGIES)]}",
        }
        for index in range(count // 2)
    ]
    organisation_ids = session.scalars(
        insert(Organisation).returning(Organisation.id), organisation_rows
    ).all()
    session.execute(
        insert(Participant),
        [
            {
                "event_id": event_id,
                "organisation_id": organisation_ids[index // 2],
                "first_name": "Person",
                "last_name": f"{batch}{index:04d}",
                "email": f"person{index}@{batch}.example",
            }
            for index in range(count)
        ],
    )
    session.commit()


def test_a_catalogue_page_costs_the_same_few_queries_with_2000_people(
    app, client, logged_in: Me, session
):
    _add_people(session, logged_in.event.id, 20, "few")
    with _counted_statements(app) as few:
        assert client.get(URL, query_string={"page": "2"}).status_code == 200
    _add_people(session, logged_in.event.id, 1980, "many")
    with _counted_statements(app) as many:
        started = time.perf_counter()
        page = client.get(URL, query_string={"q": "partners", "page": "3"}).get_data(as_text=True)
        elapsed = time.perf_counter() - started
    assert len(_names(page)) == 24
    assert "Shared technologies" in page or "they offer" in page
    assert len(many) == len(few) <= 10, many
    print(f"catalogue page with 2,000 people: {len(many)} statements, {elapsed * 1000:.0f} ms")
