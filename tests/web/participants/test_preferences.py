"""Preferences: marks from the catalogue, limits per level, the deadline, answers to wishes."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from matchmaker.db import utcnow
from matchmaker.models import Event, Participant, Phase, Preference, PreferenceLevel
from tests.builders import Builder
from tests.web.participants.conftest import Me

MARK = "/events/hannover-b2b/preferences/mark"
PAGE = "/events/hannover-b2b/preferences"
CATALOGUE = "/events/hannover-b2b/catalogue"


def _marks(session: Session, chooser: Participant) -> dict[int, tuple[str, str]]:
    rows = session.scalars(
        select(Preference).where(Preference.from_participant_id == chooser.id)
    ).all()
    marks = {row.to_participant_id: (row.level.value, row.note) for row in rows}
    session.commit()  # end the read: SQLite transactions hold the write lock
    return marks


def _people(build: Builder, event: Event, count: int) -> list[Participant]:
    return [
        build.participant(event, first_name="Guest", last_name=f"{index}") for index in range(count)
    ]


def test_marking_from_the_catalogue_returns_to_the_same_filters_and_card(
    client, logged_in: Me, build: Builder, session
):
    (guest,) = _people(build, logged_in.event, 1)
    back = f"{CATALOGUE}?country=DE&page=1"
    response = client.post(
        MARK,
        data={"participant_id": guest.id, "level": "must", "note": "Ask about", "next": back},
    )
    assert response.status_code == 302
    assert response.location.endswith(f"{back}#person-{guest.id}")
    assert _marks(session, logged_in.participant) == {guest.id: ("must", "Ask about")}
    page = client.get(back).get_data(as_text=True)
    assert "Guest 0: must meet." in page
    assert re.search(
        r'value="must"\s+class="mark-button mark-button--must"\s+aria-pressed="true"', page
    )


def test_the_catalogue_script_gets_json_answers_with_my_counts(
    client, logged_in: Me, build: Builder, session
):
    first, second, third = _people(build, logged_in.event, 3)
    json = {"Accept": "application/json"}
    for person in (first, second):
        answer = client.post(
            MARK, data={"participant_id": person.id, "level": "must"}, headers=json
        )
    assert answer.status_code == 200
    assert answer.json == {
        "ok": True,
        "message": "Guest 1: must meet.",
        "level": "must",
        "counts": {"must": 2, "want": 0, "maybe": 0},
    }
    refused = client.post(MARK, data={"participant_id": third.id, "level": "must"}, headers=json)
    assert refused.status_code == 409
    assert refused.json["ok"] is False
    assert refused.json["message"].startswith("You have already marked 2 people as must-meet")
    cleared = client.post(MARK, data={"participant_id": first.id, "level": ""}, headers=json)
    assert cleared.json["level"] is None and cleared.json["counts"]["must"] == 1
    assert _marks(session, logged_in.participant) == {second.id: ("must", "")}


def test_marks_for_people_who_withdrew_do_not_count_against_the_limit(
    client, logged_in: Me, build: Builder, session
):
    first, second, third = _people(build, logged_in.event, 3)
    for person in (first, second):
        client.post(MARK, data={"participant_id": person.id, "level": "must"})
    gone = session.get(Participant, first.id)
    gone.withdrawn_at = utcnow()
    session.commit()
    page = client.get(CATALOGUE).get_data(as_text=True)
    assert 'Must meet <strong data-marked-level="must">1</strong> of 2' in page
    client.post(MARK, data={"participant_id": third.id, "level": "must"})
    assert _marks(session, logged_in.participant)[third.id] == ("must", "")


def test_a_mark_can_be_changed_and_cleared(client, logged_in: Me, build: Builder, session):
    (guest,) = _people(build, logged_in.event, 1)
    client.post(MARK, data={"participant_id": guest.id, "level": "want"})
    client.post(MARK, data={"participant_id": guest.id, "level": "maybe", "note": "later"})
    assert _marks(session, logged_in.participant) == {guest.id: ("maybe", "later")}
    client.post(MARK, data={"participant_id": guest.id, "level": ""})
    assert _marks(session, logged_in.participant) == {}


def test_the_limit_per_level_is_enforced_with_a_clear_message(
    client, logged_in: Me, build: Builder, session
):
    first, second, third = _people(build, logged_in.event, 3)
    for person in (first, second):
        client.post(MARK, data={"participant_id": person.id, "level": "must"})
    refused = client.post(MARK, data={"participant_id": third.id, "level": "must"})
    assert "#" not in refused.location  # back at the top, where the message shows
    response = client.get(refused.location)
    page = response.get_data(as_text=True)
    assert "You have already marked 2 people as must-meet — the limit for this event." in page
    assert 'Must meet <strong data-marked-level="must">2</strong> of 2' in page
    client.post(MARK, data={"participant_id": second.id, "level": "must", "note": "still"})
    client.post(MARK, data={"participant_id": third.id, "level": "maybe"})
    assert _marks(session, logged_in.participant) == {
        first.id: ("must", ""),
        second.id: ("must", "still"),
        third.id: ("maybe", ""),
    }


@pytest.mark.parametrize(
    "lock",
    [
        {"preferences_deadline": utcnow() - timedelta(minutes=1)},
        {"phase": Phase.SCHEDULED},
        {"phase": Phase.PUBLISHED},
    ],
)
def test_preferences_lock_at_the_deadline_and_once_scheduled(
    client, logged_in: Me, build: Builder, session, lock
):
    (guest,) = _people(build, logged_in.event, 1)
    client.post(MARK, data={"participant_id": guest.id, "level": "want"})
    event = session.get(Event, logged_in.event.id)
    for name, value in lock.items():
        setattr(event, name, value)
    session.commit()
    response = client.post(
        MARK, data={"participant_id": guest.id, "level": "must"}, follow_redirects=True
    )
    assert "Preferences are closed for this event." in response.get_data(as_text=True)
    client.post(MARK, data={"participant_id": guest.id, "level": ""})
    assert _marks(session, logged_in.participant) == {guest.id: ("want", "")}
    for url in (CATALOGUE, PAGE):
        page = client.get(url).get_data(as_text=True)
        assert "Preferences are closed for this event" in page
        assert "mark-button" not in page


def test_people_outside_my_catalogue_answer_404(client, logged_in: Me, build: Builder, session):
    stranger = build.participant(build.event(slug="computex"))
    gone = build.participant(logged_in.event, withdrawn_at=utcnow())
    for target in (stranger.id, gone.id, logged_in.participant.id, 999999, "x", ""):
        response = client.post(MARK, data={"participant_id": target, "level": "want"})
        assert response.status_code == 404, target
    assert _marks(session, logged_in.participant) == {}


def test_an_unknown_level_is_refused_and_foreign_return_addresses_are_ignored(
    client, logged_in: Me, build: Builder, session
):
    (guest,) = _people(build, logged_in.event, 1)
    response = client.post(
        MARK, data={"participant_id": guest.id, "level": "adore"}, follow_redirects=True
    )
    assert "Choose must meet, want to meet, maybe or not interested." in response.get_data(
        as_text=True
    )
    response = client.post(
        MARK,
        data={"participant_id": guest.id, "level": "want", "note": "x" * 1001},
        follow_redirects=True,
    )
    assert "Private note: Field cannot be longer than 1000 characters." in response.get_data(
        as_text=True
    )
    assert _marks(session, logged_in.participant) == {}
    response = client.post(
        MARK, data={"participant_id": guest.id, "level": "want", "next": "https://evil.example/"}
    )
    assert response.location.endswith(f"{CATALOGUE}#person-{guest.id}")


def test_the_page_lists_my_marks_by_level_and_who_waits_for_my_answer(
    client, logged_in: Me, build: Builder, session
):
    me = logged_in.participant
    liked, fan, grump, answered = _people(build, logged_in.event, 4)
    for chooser, level in ((fan, "must"), (grump, "not"), (answered, "maybe")):
        session.add(
            Preference(
                event_id=me.event_id,
                from_participant_id=chooser.id,
                to_participant_id=me.id,
                level=PreferenceLevel(level),
            )
        )
    session.commit()
    client.post(MARK, data={"participant_id": liked.id, "level": "must", "note": "<b>hi</b>"})
    client.post(MARK, data={"participant_id": answered.id, "level": "want"})

    page = client.get(PAGE).get_data(as_text=True)
    waiting = page.split('id="waiting-heading"', 1)[1].split('id="level-must"', 1)[0]
    assert "Guest 1" in waiting  # the fan
    assert "Guest 2" not in page  # a "not" is never shown to the other side
    assert "Guest 3" not in waiting  # already answered
    assert "1 of 2 allowed" in page  # must
    assert "&lt;b&gt;hi&lt;/b&gt;" in page

    response = client.post(MARK, data={"participant_id": fan.id, "level": "want", "next": PAGE})
    assert response.location.endswith(f"{PAGE}#person-{fan.id}")
    after = client.get(PAGE).get_data(as_text=True)
    assert "Nobody is waiting for your answer." in after
