"""Calendar downloads, private feeds and their access rules, through the test client."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import date

import pytest
from flask_babel import force_locale, get_locale

from matchmaker.calendars.calendars import owner_locale
from matchmaker.calendars.tokens import revoke_feed_token
from matchmaker.db import utcnow
from matchmaker.i18n import format_day
from matchmaker.models import (
    Event,
    Meeting,
    Organisation,
    Participant,
    Phase,
    Role,
    User,
    cancel_meeting,
)
from matchmaker.organiser.operations import withdraw


@dataclass
class Scene:
    event: Event
    user: User
    me: Participant
    robotics: Participant
    booth: Participant


@pytest.fixture
def scene(build, session) -> Scene:
    event = build.event(
        phase=Phase.PUBLISHED,
        published_at=utcnow(),
        venue="Hannover Messe",
        name="EU–US B2B",
        technologies=["robotics", "IoT"],
    )
    user = build.user(email="me@example.org")
    me = build.participant(
        event,
        user=user,
        organisation=Organisation(
            name="Porto Sensors, Lda",
            country="PT",
            requests="We seek robotics partners",
            technologies=["IoT"],
        ),
    )
    robotics = build.participant(
        event,
        first_name="Ada",
        last_name="Lovelace",
        job_title="CTO",
        organisation=Organisation(
            name="Acme Robotics; Inc",
            country="US",
            offers="Industrial robotics",
            technologies=["robotics"],
        ),
    )
    booth = build.participant(
        event,
        location="Hall 8, Booth C23",
        organisation=Organisation(name="台北 Semiconductors 🎉", country="TW"),
    )
    build.meeting(me, robotics, event.slots[0], table=event.tables[0])
    build.meeting(me, booth, event.slots[1], location="Hall 8, Booth C23")
    return Scene(event, user, me, robotics, booth)


def _feed_url(client, slug: str) -> str:
    page = client.post(f"/calendar/events/{slug}/feed", follow_redirects=True)
    assert page.status_code == 200
    match = re.search(r'value="(http://localhost/calendar/feed/[^"]+\.ics)"', page.text)
    assert match, "the agenda page shows no feed link"
    return match.group(1).removeprefix("http://localhost")


def test_download_is_the_participants_agenda(client, log_in, scene, parse_everywhere):
    log_in(scene.user)
    response = client.get(f"/calendar/events/{scene.event.slug}/agenda.ics")
    assert response.status_code == 200
    assert response.content_type == "text/calendar; charset=utf-8"
    assert "attachment" in response.headers["Content-Disposition"]
    events = parse_everywhere(response.data)
    assert [event.summary for event in events] == [
        "B2B: Acme Robotics; Inc",
        "B2B: 台北 Semiconductors 🎉",
    ]
    assert events[0].location == "T1, Hannover Messe"
    assert events[1].location == "Hall 8, Booth C23"
    assert "Ada Lovelace, CTO" in events[0].description
    assert "You seek robotics — they offer it" in events[0].description


def test_feed_works_without_login_and_token_is_stored_hashed(
    client, log_in, scene, session, parse_everywhere
):
    log_in(scene.user)
    url = _feed_url(client, scene.event.slug)
    token = url.rsplit("/", 1)[1].removesuffix(".ics")
    client.post("/logout")
    response = client.get(url)
    assert response.status_code == 200
    assert len(parse_everywhere(response.data)) == 2
    session.expire_all()
    stored = session.get(Participant, scene.me.id).feed_token_hash
    assert stored == hashlib.sha256(token.encode()).hexdigest()
    assert token not in stored


def test_agenda_page_offers_webcal_and_https_links(client, log_in, scene):
    log_in(scene.user)
    page = client.post(f"/calendar/events/{scene.event.slug}/feed", follow_redirects=True).text
    assert re.search(r'href="webcal://localhost/calendar/feed/[^"]+\.ics"', page)


def test_new_link_replaces_the_old_and_revoke_switches_it_off(client, log_in, scene):
    log_in(scene.user)
    first = _feed_url(client, scene.event.slug)
    second = _feed_url(client, scene.event.slug)
    assert first != second
    assert client.get(first).status_code == 404
    assert client.get(second).status_code == 200
    client.post(f"/calendar/events/{scene.event.slug}/feed/revoke")
    assert client.get(second).status_code == 404


def test_unknown_token_answers_404(client):
    assert client.get("/calendar/feed/not-a-token.ics").status_code == 404


def test_withdrawal_cancels_in_both_feeds_until_the_link_is_revoked(
    client, log_in, scene, session, build, parse_everywhere
):
    partner_user = build.user(email="ada@example.org")
    robotics = session.get(Participant, scene.robotics.id)
    robotics.user_id = partner_user.id
    session.commit()
    log_in(partner_user)
    partner_feed = _feed_url(client, scene.event.slug)
    client.post("/logout")
    log_in(scene.user)
    my_feed = _feed_url(client, scene.event.slug)
    before = {e.uid: e for e in parse_everywhere(client.get(my_feed).data)}

    withdraw(session, session.get(Participant, scene.me.id), utcnow())
    session.commit()

    mine = parse_everywhere(client.get(my_feed).data)
    assert {e.status for e in mine} == {"CANCELLED"}
    assert all(e.sequence > before[e.uid].sequence for e in mine)
    theirs = parse_everywhere(client.get(partner_feed).data)
    assert [(e.uid in before, e.status) for e in theirs] == [(True, "CANCELLED")]
    revoke_feed_token(session.get(Participant, scene.me.id))
    session.commit()
    assert client.get(my_feed).status_code == 404


def test_the_https_and_webcal_links_carry_the_same_token(client, log_in, scene):
    log_in(scene.user)
    page = client.post(f"/calendar/events/{scene.event.slug}/feed", follow_redirects=True).text
    https = re.search(r'value="https?://localhost(/calendar/feed/[^"]+)"', page).group(1)
    webcal = re.search(r'href="webcal://localhost(/calendar/feed/[^"]+)"', page).group(1)
    assert https == webcal


def test_links_use_the_public_base_url(app, client, log_in, scene):
    app.config["PUBLIC_BASE_URL"] = "https://b2b.example.org/"
    log_in(scene.user)
    page = client.post(f"/calendar/events/{scene.event.slug}/feed", follow_redirects=True).text
    assert 'value="https://b2b.example.org/calendar/feed/' in page
    assert 'href="webcal://b2b.example.org/calendar/feed/' in page


def test_a_new_secret_key_hides_the_stale_link(app, client, log_in, scene):
    log_in(scene.user)
    _feed_url(client, scene.event.slug)
    app.config["SECRET_KEY"] = "a-rotated-secret"
    log_in(scene.user)
    page = client.get(f"/events/{scene.event.slug}/agenda").text
    assert "/calendar/feed/" not in page
    assert "Create my calendar link" in page


def test_token_feed_is_empty_until_published(client, log_in, scene, session, parse_everywhere):
    log_in(scene.user)
    url = _feed_url(client, scene.event.slug)
    session.get(Event, scene.event.id).phase = Phase.SCHEDULED
    session.commit()
    assert parse_everywhere(client.get(url).data) == []


def test_unchanged_feed_answers_304_and_a_change_gives_a_new_etag(client, log_in, scene, session):
    log_in(scene.user)
    url = _feed_url(client, scene.event.slug)
    first = client.get(url)
    etag = first.headers["ETag"]
    assert client.get(url, headers={"If-None-Match": etag}).status_code == 304
    meeting = session.query(Meeting).filter_by(location="Hall 8, Booth C23").one()
    cancel_meeting(session, meeting)
    meeting.changed_at = utcnow()
    meeting.sequence += 1
    session.commit()
    changed = client.get(url, headers={"If-None-Match": etag})
    assert changed.status_code == 200
    assert changed.headers["ETag"] != etag


def test_feed_is_empty_until_the_schedule_is_published(
    client, log_in, scene, session, parse_everywhere
):
    event = session.get(Event, scene.event.id)
    event.phase = Phase.SCHEDULED
    session.commit()
    log_in(scene.user)
    response = client.get(f"/calendar/events/{scene.event.slug}/agenda.ics")
    assert response.status_code == 200
    assert parse_everywhere(response.data) == []


def test_participant_calendars_need_the_own_participant(client, log_in, scene, build):
    url = f"/calendar/events/{scene.event.slug}/agenda.ics"
    assert client.get(url).status_code == 302  # anonymous: to the log_in page
    stranger = build.user(email="stranger@example.org")
    build.participant(build.event(), user=stranger)
    log_in(stranger)
    assert client.get(url).status_code == 404
    assert client.post(f"/calendar/events/{scene.event.slug}/feed").status_code == 404


def test_organiser_calendars_for_the_event_and_each_table(
    client, log_in, scene, build, parse_everywhere
):
    organiser = build.user(role=Role.ORGANISER, email="org@example.org")
    event = scene.event
    with_organiser = build.event(organisers=(organiser,))
    log_in(organiser)
    assert client.get(f"/calendar/organise/{event.slug}/event.ics").status_code == 404
    assert client.get(f"/calendar/organise/{with_organiser.slug}/event.ics").status_code == 200
    foreign_table = event.tables[0].id
    assert (
        client.get(
            f"/calendar/organise/{with_organiser.slug}/tables/{foreign_table}.ics"
        ).status_code
        == 404
    )


def test_organiser_downloads_whole_event_and_table(
    client, log_in, scene, build, session, parse_everywhere
):
    organiser = build.user(role=Role.ORGANISER, email="org2@example.org")
    event = session.get(Event, scene.event.id)
    event.mission.organisers.append(session.get(User, organiser.id))
    session.commit()
    log_in(organiser)
    page = client.get(f"/calendar/organise/{event.slug}/")
    assert page.status_code == 200
    overview = client.get(f"/organise/events/{event.slug}/schedule").text
    assert f'href="/calendar/organise/{event.slug}/"' in overview
    whole = parse_everywhere(client.get(f"/calendar/organise/{event.slug}/event.ics").data)
    assert [e.summary for e in whole] == [
        "B2B: Porto Sensors, Lda – Acme Robotics; Inc",
        "B2B: Porto Sensors, Lda – 台北 Semiconductors 🎉",
    ]
    table = parse_everywhere(
        client.get(f"/calendar/organise/{event.slug}/tables/{event.tables[0].id}.ics").data
    )
    assert [e.summary for e in table] == ["B2B: Porto Sensors, Lda – Acme Robotics; Inc"]
    assert client.get(f"/calendar/organise/{event.slug}/tables/999999.ics").status_code == 404


def test_participants_cannot_reach_organiser_calendars(client, log_in, scene):
    log_in(scene.user)
    assert client.get(f"/calendar/organise/{scene.event.slug}/event.ics").status_code == 404


def test_export_ics_writes_one_file_per_participant_and_the_event(
    app, scene, tmp_path, parse_everywhere
):
    result = app.test_cli_runner().invoke(args=["export-ics", scene.event.slug, str(tmp_path)])
    assert result.exit_code == 0, result.output
    people = sorted((tmp_path / "participants").glob("*.ics"))
    assert len(people) == 3
    assert len(parse_everywhere((tmp_path / f"{scene.event.slug}.ics").read_bytes())) == 2
    for path in people:
        assert parse_everywhere(path.read_bytes())
    unknown = app.test_cli_runner().invoke(args=["export-ics", "nope", str(tmp_path)])
    assert unknown.exit_code != 0
    assert "No event with the slug 'nope'" in unknown.output


def test_a_feed_speaks_its_owners_language(app, client, log_in, scene, session):
    """Calendar apps fetch the feed with no language of the owner's: the owner's choice
    decides, else the event's default, whatever the fetching client's Accept-Language."""
    scene.event.default_locale = "fr"
    scene.user.locale = "de"
    scene.booth.user = None
    session.commit()
    assert owner_locale(scene.me) == "de"
    assert owner_locale(scene.robotics) == "fr"
    assert owner_locale(scene.booth) == "fr"
    scene.user.locale = "xx"
    assert owner_locale(scene.me) == "fr"
    scene.user.locale = "de"
    with app.test_request_context(headers={"Accept-Language": "en"}):
        with force_locale(owner_locale(scene.me)):
            assert str(get_locale()) == "de"
            assert "Oktober" in format_day(date(2026, 10, 6))
        assert str(get_locale()) == "en"
    log_in(scene.user)
    url = _feed_url(client, scene.event.slug)
    client.post("/logout")
    assert client.get(url, headers={"Accept-Language": "en"}).status_code == 200
