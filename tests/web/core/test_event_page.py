"""The public event page: times in the event's zone, figures, calls to action by phase."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, date, datetime, time

import pytest
from flask.testing import FlaskClient

from matchmaker.models import Organisation, Phase, Role, User
from tests.builders import Builder


def _hrefs(page: str) -> set[str]:
    """The targets of the page's header buttons."""
    actions = page.split('class="page-header__actions"', 1)
    if len(actions) == 1:
        return set()
    return set(re.findall(r'href="([^"]+)"', actions[1].split("</div>", 1)[0]))


def _url(rule: str, slug: str) -> str:
    return rule.replace("<slug>", slug)


def test_blocks_are_shown_in_the_event_time_zone(client: FlaskClient, build: Builder) -> None:
    computex = build.event(
        name="EU–Taiwan matchmaking at Computex",
        timezone="Asia/Taipei",
        first_day=date(2026, 6, 2),
        days=2,
        blocks=((time(9), time(12)), (time(14), time(17, 30))),
    )

    page = client.get(f"/e/{computex.slug}").text

    assert "Tue 2 Jun 2026" in page
    assert "Wed 3 Jun 2026" in page
    assert "09:00–12:00 Taipei time, UTC+8" in page
    assert "14:00–17:30 Taipei time, UTC+8" in page
    # The machine-readable instant is UTC+8 earlier, for the viewer's own zone (app.js).
    assert 'datetime="2026-06-02T09:00:00+08:00"' in page
    assert 'data-zone="Asia/Taipei"' in page
    assert "6 slots" in page
    assert "7 slots" in page


def test_deadlines_are_shown_in_the_event_time_zone(client: FlaskClient, build: Builder) -> None:
    hannover = build.event(
        timezone="Europe/Berlin",
        first_day=date(2099, 4, 20),
        registration_deadline=datetime(2099, 4, 10, 21, 59, tzinfo=UTC),
        preferences_deadline=datetime(2099, 4, 17, 10, 0, tzinfo=UTC),
    )

    page = client.get(f"/e/{hannover.slug}").text

    assert "Fri 10 Apr 2099, 23:59 Berlin time, UTC+2" in page
    assert "Fri 17 Apr 2099, 12:00 Berlin time, UTC+2" in page
    assert "Registration is open until" in page


def test_figures_count_active_participants_organisations_and_countries(
    client: FlaskClient, build: Builder
) -> None:
    event = build.event(tables=4)
    german = Organisation(name="Plasma GmbH", country="DE")
    french = Organisation(name="Robotique SAS", country="FR")
    build.participant(event, organisation=german)
    build.participant(event, organisation=german)
    build.participant(event, organisation=french)
    build.participant(
        event,
        organisation=Organisation(name="Gone Ltd", country="SE"),
        withdrawn_at=datetime(2026, 4, 1, tzinfo=UTC),
    )
    build.participant(build.event(), organisation=Organisation(name="Elsewhere", country="IT"))

    page = client.get(f"/e/{event.slug}").text

    figures = dict(re.findall(r"<dt>([^<]+)</dt><dd>(\d+)</dd>", page))
    assert figures == {
        "Participants": "3",
        "Organisations": "2",
        "Countries": "2",
        "Meeting tables": "4",
    }


def test_anonymous_visitor_may_sign_up_only_while_registration_is_open(
    client: FlaskClient, build: Builder
) -> None:
    open_event = build.event(phase=Phase.REGISTRATION)
    past_deadline = build.event(
        phase=Phase.REGISTRATION, registration_deadline=datetime(2020, 1, 1, tzinfo=UTC)
    )

    assert _hrefs(client.get(f"/e/{open_event.slug}").text) == {f"/e/{open_event.slug}/signup"}
    page = client.get(f"/e/{past_deadline.slug}").text
    assert _hrefs(page) == set()
    assert "Registration has closed." in page
    assert f"/login?next=/e/{past_deadline.slug}" in page


@pytest.mark.parametrize(
    ("phase", "message"),
    [
        (Phase.PREFERENCES, "Participants are choosing whom to meet"),
        (Phase.SCHEDULED, "The organisers are preparing the meeting schedule."),
        (Phase.PUBLISHED, "The meeting schedule is published"),
    ],
)
def test_no_sign_up_after_registration(
    client: FlaskClient, build: Builder, phase: Phase, message: str
) -> None:
    event = build.event(phase=phase)

    page = client.get(f"/e/{event.slug}").text

    assert "Sign up" not in page
    assert _hrefs(page) == set()
    assert message in page


@pytest.mark.parametrize(
    ("phase", "pages", "primary"),
    [
        (
            Phase.REGISTRATION,
            ("participants.profile", "participants.availability", "participants.catalogue"),
            "participants.profile",
        ),
        (
            Phase.PREFERENCES,
            ("participants.profile", "participants.availability", "participants.catalogue"),
            "participants.catalogue",
        ),
        (Phase.SCHEDULED, ("participants.profile",), None),
        (Phase.PUBLISHED, ("participants.profile", "participants.agenda"), "participants.agenda"),
    ],
)
def test_participant_gets_links_to_their_pages_by_phase(
    client: FlaskClient,
    build: Builder,
    log_in: Callable[[User], None],
    linked_endpoints: dict[str, str],
    phase: Phase,
    pages: tuple[str, ...],
    primary: str | None,
) -> None:
    user = build.user()
    event = build.event(phase=phase)
    build.participant(
        event,
        user=user,
        first_name="Ana",
        last_name="Sousa",
        organisation=Organisation(name="TICE Robotics", country="PT"),
    )
    log_in(user)

    page = client.get(f"/e/{event.slug}").text

    assert _hrefs(page) == {_url(linked_endpoints[name], event.slug) for name in pages}
    assert "Sign up" not in page
    assert "You are registered as Ana Sousa, TICE Robotics." in page
    primaries = re.findall(r'class="btn btn--primary" href="([^"]+)"', page)
    expected = [_url(linked_endpoints[primary], event.slug)] if primary else []
    assert primaries == expected


def test_withdrawn_participant_is_offered_sign_up_again(
    client: FlaskClient, build: Builder, log_in: Callable[[User], None]
) -> None:
    user = build.user()
    event = build.event(phase=Phase.REGISTRATION)
    build.participant(event, user=user, withdrawn_at=datetime(2026, 1, 1, tzinfo=UTC))
    log_in(user)

    page = client.get(f"/e/{event.slug}").text

    assert _hrefs(page) == {f"/e/{event.slug}/signup"}
    assert "You are registered" not in page


def test_organisers_of_the_event_get_manage_not_sign_up(
    client: FlaskClient,
    build: Builder,
    log_in: Callable[[User], None],
    linked_endpoints: dict[str, str],
) -> None:
    organiser = build.user(role=Role.ORGANISER)
    other_organiser = build.user(role=Role.ORGANISER)
    event = build.event(phase=Phase.REGISTRATION, organisers=(organiser,))

    log_in(organiser)
    page = client.get(f"/e/{event.slug}").text
    assert _hrefs(page) == {_url(linked_endpoints["organiser.event"], event.slug)}
    assert "Organise" in page.split("</header>", 1)[0]

    client.post("/logout")
    log_in(other_organiser)
    assert _hrefs(client.get(f"/e/{event.slug}").text) == {f"/e/{event.slug}/signup"}


def test_draft_event_is_hidden_except_from_its_organisers(
    client: FlaskClient, build: Builder, log_in: Callable[[User], None]
) -> None:
    organiser = build.user(role=Role.ORGANISER)
    admin = build.user(role=Role.ADMIN)
    participant_user = build.user()
    draft = build.event(phase=Phase.DRAFT, organisers=(organiser,))

    assert client.get(f"/e/{draft.slug}").status_code == 404
    log_in(participant_user)
    assert client.get(f"/e/{draft.slug}").status_code == 404
    client.post("/logout")
    log_in(organiser)
    page = client.get(f"/e/{draft.slug}")
    assert page.status_code == 200
    assert "This event is a draft" in page.text
    client.post("/logout")
    log_in(admin)
    assert client.get(f"/e/{draft.slug}").status_code == 200


def test_unknown_event_answers_404_in_our_layout(client: FlaskClient) -> None:
    response = client.get("/e/no-such-event")

    assert response.status_code == 404
    assert "Page not found" in response.text
    assert 'class="site-header"' in response.text
    assert 'href="/"' in response.text


def test_free_text_is_escaped(client: FlaskClient, build: Builder) -> None:
    event = build.event(
        name="<b>Bold</b> fair",
        venue="Hall <i>7</i>",
        description="Welcome!\n<script>alert('x')</script>",
    )
    event.mission.name = "<img src=x onerror=alert(1)>"
    event.mission.description = "<script>evil()</script>"
    build.session.commit()

    for page in (client.get(f"/e/{event.slug}").text, client.get("/").text):
        assert "<script>alert" not in page
        assert "<script>evil" not in page
        assert "<img src=x" not in page
        assert "<b>Bold</b>" not in page
        assert "&lt;b&gt;Bold&lt;/b&gt; fair" in page
    event_page = client.get(f"/e/{event.slug}").text
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in event_page
    assert "Hall &lt;i&gt;7&lt;/i&gt;" in event_page
