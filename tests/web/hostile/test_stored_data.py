"""Pages that meet bad stored data (written before today's checks) still render, so the
organiser can fix it."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

from flask import Flask
from sqlalchemy.orm import Session

from matchmaker.models import Block, Role, TimeSlot
from tests.builders import TEST_PASSWORD, Builder


def test_the_setup_page_renders_a_block_on_9999_12_31_and_removes_it(
    app: Flask, build: Builder, session: Session
) -> None:
    organiser = build.user(role=Role.ORGANISER)
    event = build.event(organisers=(organiser,))
    block = Block(event=event, day=date(9999, 12, 31), start_time=time(9), end_time=time(10))
    TimeSlot(
        event=event,
        block=block,
        starts_at=datetime(9999, 12, 31, 9, tzinfo=UTC),
        ends_at=datetime(9999, 12, 31, 9, 30, tzinfo=UTC),
    )
    session.add(block)
    session.commit()
    block_id = block.id
    client = app.test_client()
    client.post("/login", data={"email": organiser.email, "password": TEST_PASSWORD})

    setup = client.get(f"/organise/events/{event.slug}/setup")
    assert setup.status_code == 200
    assert "9999" in setup.get_data(as_text=True)
    for page in ("", "/edit", "/participants", "/schedule", "/schedule/grid"):
        assert client.get(f"/organise/events/{event.slug}{page}").status_code == 200, page
    removed = client.post(f"/organise/events/{event.slug}/blocks/{block_id}/remove")
    assert removed.status_code == 302
    session.expire_all()
    assert session.get(Block, block_id) is None
    assert client.get(f"/organise/events/{event.slug}/setup").status_code == 200
