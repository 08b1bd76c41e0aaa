"""Outside the tests' inline mode: the commit queues a task that a worker process runs."""

from __future__ import annotations

from typing import Any

import pytest

from matchmaker.models import MessageState
from matchmaker.schedule.jobs import jobs_for
from tests.builders import Builder
from tests.web.messages.mailserver import MailServer, enqueue_invitation, outbox_rows


@pytest.fixture
def app_config(app_config: dict[str, Any]) -> dict[str, Any]:
    return {**app_config, "HUEY_IMMEDIATE": False, "HUEY_CONSUMER_IN_PROCESS": False}


def test_a_worker_delivers_what_the_web_process_queued(
    app, build: Builder, mail_server: MailServer, session
):
    person = build.participant(build.event(), email="ana@example.pt")

    enqueue_invitation(app, person.id)
    assert mail_server.received == []
    assert outbox_rows(session)[0].state == MessageState.QUEUED

    huey = jobs_for(app).huey  # what `flask worker` consumes
    task = huey.dequeue()
    assert task.name == "deliver_messages"
    huey.execute(task)

    mail_server.only("ana@example.pt")
    assert outbox_rows(session)[0].state == MessageState.SENT
    assert huey.dequeue() is None
