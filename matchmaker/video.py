"""Where an online meeting is held: the one place that decides a meeting's video link.

A meeting is online when either participant attends online. Its link is the online
participant's own (a video room they gave), else a room per meeting on the server at
`VIDEO_ROOM_BASE_URL` (Jitsi Meet by default). The room's name is an HMAC of the meeting's
stable UID under the app's secret key: the same for the meeting across re-solves and
moves, and not guessable by someone who knows only the event.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Iterable

from flask import current_app

from matchmaker.models import Meeting


def room_link(base_url: str, secret_key: str, meeting_uid: str) -> str:
    """The link of the meeting's own room on the video server at `base_url`."""
    digest = hmac.new(secret_key.encode(), meeting_uid.encode(), hashlib.sha256).hexdigest()
    return f"{base_url.rstrip('/')}/Matchmaker-{digest[:24]}"


def video_link(meeting: Meeting) -> str | None:
    """The link `meeting` is held at, or None for a meeting at a table or a booth."""
    people = (meeting.participant_a, meeting.participant_b)
    return link_of(meeting.uid, [(person.attends_online, person.video_link) for person in people])


def link_of(meeting_uid: str, people: Iterable[tuple[bool, str | None]]) -> str | None:
    """The link of the meeting with this UID whose people are (attends online, own video
    room) pairs, or None when nobody attends online (see `video_link`)."""
    online = [own for attends_online, own in people if attends_online]
    if not online:
        return None
    own = next((link for link in online if link), None)
    if own:
        return own
    config = current_app.config
    return room_link(str(config["VIDEO_ROOM_BASE_URL"]), str(config["SECRET_KEY"]), meeting_uid)
