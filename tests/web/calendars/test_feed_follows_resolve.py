"""A subscribed feed follows re-solves: same UIDs, rising SEQUENCE, CANCELLED, no duplicates."""

from __future__ import annotations

import re
from datetime import time

from sqlalchemy import select

from matchmaker.db import utcnow
from matchmaker.models import (
    Meeting,
    Organisation,
    Participant,
    Phase,
    PreferenceLevel,
    Unavailability,
)


def _cli(app, *args: str) -> None:
    result = app.test_cli_runner().invoke(args=list(args))
    assert result.exit_code == 0, result.output


def test_feed_follows_a_minimal_change_resolve(
    app, client, log_in, build, session, parse_everywhere
):
    event = build.event(blocks=((time(9), time(10)),), tables=1, phase=Phase.PREFERENCES)
    user = build.user(email="ana@example.org")
    ana = build.participant(event, user=user, organisation=Organisation(name="Ana Lda"))
    bob = build.participant(event, organisation=Organisation(name="Bob Inc"))
    cai = build.participant(event, organisation=Organisation(name="Cai Ltd"))
    for other in (bob, cai):
        build.preference(ana, other, PreferenceLevel.MUST)

    _cli(app, "solve", event.slug, "--time-limit", "3", "--apply")
    _cli(app, "publish", event.slug)
    log_in(user)
    page = client.post(f"/calendar/events/{event.slug}/feed", follow_redirects=True).text
    feed = re.search(r'value="http://localhost(/calendar/feed/[^"]+\.ics)"', page).group(1)
    before = {e.summary: e for e in parse_everywhere(client.get(feed).data)}
    assert set(before) == {"B2B: Bob Inc", "B2B: Cai Ltd"}

    # Cai cannot make the slot of their meeting any more: the two meetings swap slots.
    cai_slot = session.scalar(select(Meeting.slot_id).where(Meeting.participant_b_id == cai.id))
    session.add(Unavailability(participant_id=cai.id, slot_id=cai_slot))
    session.commit()
    _cli(app, "solve", event.slug, "--time-limit", "3", "--minimal-change", "--apply")
    moved = {e.summary: e for e in parse_everywhere(client.get(feed).data)}
    assert set(moved) == set(before)
    for summary, entry in moved.items():
        assert entry.uid == before[summary].uid
        assert entry.sequence > before[summary].sequence
        assert entry.start_utc != before[summary].start_utc
        assert entry.status == "CONFIRMED"

    # Bob withdraws: his meeting stays in the feed, cancelled, under the same UID.
    session.get(Participant, bob.id).withdrawn_at = utcnow()
    session.commit()
    _cli(app, "solve", event.slug, "--time-limit", "3", "--minimal-change", "--apply")
    after = parse_everywhere(client.get(feed).data)
    assert len(after) == len({entry.uid for entry in after}) == 2
    by_summary = {e.summary: e for e in after}
    assert by_summary["B2B: Bob Inc"].status == "CANCELLED"
    assert by_summary["B2B: Bob Inc"].uid == before["B2B: Bob Inc"].uid
    assert by_summary["B2B: Bob Inc"].sequence > moved["B2B: Bob Inc"].sequence
    assert by_summary["B2B: Cai Ltd"] == moved["B2B: Cai Ltd"]
