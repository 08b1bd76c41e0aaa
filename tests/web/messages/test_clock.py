"""The periodic check: registered on the app's Huey every minute, and a re-solve applied
after publication noticed by the people whose meetings it changed."""

from __future__ import annotations

from datetime import time, timedelta

from huey.api import PeriodicTask
from sqlalchemy import select

from matchmaker.db import utcnow
from matchmaker.messages.clock import TASK_EXTENSION
from matchmaker.models import (
    Event,
    Meeting,
    Organisation,
    Phase,
    PreferenceLevel,
    Unavailability,
)
from matchmaker.schedule.jobs import jobs_for
from matchmaker.schedule.operations import cancel_by_hand
from tests.web.calendars.conftest import parse_everywhere
from tests.web.messages.mailserver import MailServer
from tests.web.messages.schedule_mail import (
    build_fair,
    calendar_parts,
    notices_to,
    request_session,
    run_cli,
    send_due,
)


def test_the_check_is_a_periodic_task_of_every_minute_that_sends_what_is_due(
    app, build, mail_server: MailServer
):
    jobs_for(app)
    task = app.extensions[TASK_EXTENSION]
    assert isinstance(task.task_class(), PeriodicTask)
    every_minute = task.task_class().validate_datetime
    start = utcnow().replace(second=0, microsecond=0, tzinfo=None)
    assert all(every_minute(start + timedelta(minutes=n)) for n in range(61))

    fair = build_fair(build)
    run_cli(app, "publish", fair.event.slug)
    with request_session(app) as db:  # a change made ten minutes ago: its notices are due
        cancel_by_hand(
            db,
            db.get_one(Event, fair.event.id),
            db.get_one(Meeting, fair.ana_cai.id),
            utcnow() - timedelta(minutes=10),
        )
    task()  # what the consumer runs every minute (inline here: HUEY_IMMEDIATE)
    assert [m.subject for m in notices_to(mail_server, "cai@example.org")] == [
        "Cancelled: Ana Lda, EU-US Cluster B2B"
    ]


def test_a_resolve_notices_only_the_people_whose_meetings_moved(
    app, build, session, mail_server: MailServer
):
    event = build.event(blocks=((time(9), time(10)),), tables=1, phase=Phase.PREFERENCES)
    people = {
        name: build.participant(
            event,
            first_name=name,
            last_name="Example",
            email=f"{name.lower()}@example.org",
            organisation=Organisation(name=f"{name} Org"),
        )
        for name in ("Ana", "Bob", "Cai", "Dan")
    }
    for other in ("Bob", "Cai"):
        build.preference(people["Ana"], people[other], PreferenceLevel.MUST)
    run_cli(app, "solve", event.slug, "--time-limit", "3", "--apply")
    run_cli(app, "publish", event.slug)
    assert len(mail_server.received) == 4  # agendas, Dan's without meetings

    # Cai cannot make the slot of her meeting any more: the two meetings swap slots.
    cai_slot = session.scalar(
        select(Meeting.slot_id).where(Meeting.participant_b_id == people["Cai"].id)
    )
    session.add(Unavailability(participant_id=people["Cai"].id, slot_id=cai_slot))
    session.commit()
    run_cli(app, "solve", event.slug, "--time-limit", "3", "--minimal-change", "--apply")
    assert send_due(app, utcnow() + timedelta(minutes=3)).change_notices == 3

    assert notices_to(mail_server, "dan@example.org") == []
    (ana,) = notices_to(mail_server, "ana@example.org")
    assert ana.subject.startswith("2 changes to your meetings")
    assert ana.text.count("Moved: ") == 2
    uids = {e.uid for p in calendar_parts(ana) for e in parse_everywhere(p.body)}
    assert uids == set(session.scalars(select(Meeting.uid)))
    (cai,) = notices_to(mail_server, "cai@example.org")
    assert cai.subject.startswith("Moved: Ana Org")
