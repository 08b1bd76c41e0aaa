"""The demo's hybrid event: the day after the Computex B2B, the delegates still in Taipei meet
Taiwanese hosts on site while colleagues at home in Europe join their meetings by video.

Its schedule is published, so agendas, calendars and mails show online meetings and their
links; it is placed greedily here (deterministic), not solved, to keep the demo quick.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Callable
from datetime import date, time
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from matchmaker.db import utcnow
from matchmaker.demo import data
from matchmaker.models import (
    Event,
    Meeting,
    Organisation,
    Participant,
    Phase,
    Preference,
    PreferenceLevel,
    place_meeting,
)
from matchmaker.models.enums import EventMode
from matchmaker.zones import COUNTRY_ZONES

if TYPE_CHECKING:
    from matchmaker.demo.building import Person

HYBRID = data.EventSpec(
    mission_slug=data.COMPUTEX.mission_slug,
    mission_name=data.COMPUTEX.mission_name,
    partnership=data.COMPUTEX.partnership,
    target_market=data.COMPUTEX.target_market,
    mission_start=data.COMPUTEX.mission_start,
    mission_end=data.COMPUTEX.mission_end,
    mission_description=data.COMPUTEX.mission_description,
    slug="computex-2027-hybrid",
    name="EU–Taiwan hybrid B2B at Computex",
    description=(
        "A morning of 25-minute meetings next to the European pavilion; delegates who went "
        "home after the fair meet their Taiwanese partners by video from Europe."
    ),
    venue="Taipei Nangang Exhibition Center, Hall 1",
    timezone="Asia/Taipei",
    days=(date(2027, 6, 3),),
    blocks=(("Morning", time(15), time(18)),),
    slot_minutes=25,
    break_minutes=5,
    phase=Phase.PUBLISHED,
    default_max_meetings=5,
    tables=4,
    table_places=("Nangang Hall 1, 4F meeting area",),
    registration_deadline=(date(2027, 5, 14), time(23, 59)),
    preferences_deadline=(date(2027, 5, 25), time(23, 59)),
)
"""Afternoon in Taipei is the morning in Europe, so those at home can join."""

ONLINE_ACCOUNT_HOLDER = "Boddenplasma"
"""A demo account that attends the hybrid event online (from Greifswald)."""

OWN_ROOM_COUNTRY = "SE"
"""The delegation whose online attendee gives their own video room instead of a room per
meeting."""

MEETINGS_EACH = 3


def fill_hybrid_event(
    session: Session,
    event: Event,
    organisations: dict[str, Organisation],
    people: dict[str, list[Person]],
    rng: random.Random,
    seeks: Callable[[data.OrganisationSpec], str],
) -> None:
    """Make `event` (built from `HYBRID`) the published hybrid event, with its
    participants, wishes and meetings (online ones without a table); `seeks` says what a
    European delegate looks for in Taiwan."""
    event.mode = EventMode.HYBRID
    event.published_at = utcnow()
    zones = {group.country: COUNTRY_ZONES.get(group.country) for group in data.DELEGATIONS}
    europeans: list[Participant] = []
    for group in data.DELEGATIONS:
        at_home = [spec for spec in group.organisations if spec.name not in data.COMPUTEX_DELEGATES]
        for spec in group.organisations:
            online = spec.name == ONLINE_ACCOUNT_HOLDER or spec in at_home[:1]
            if spec.name not in data.COMPUTEX_DELEGATES and not online:
                continue
            person = _participant(event, organisations[spec.name], people[spec.name][0], spec)
            person.seeks = seeks(spec)
            if online:
                person.online = True
                person.timezone = zones[group.country]
                if group.country == OWN_ROOM_COUNTRY and spec in at_home:
                    website = organisations[spec.name].website
                    person.video_link = website.replace("://www.", "://video.") + "/taipei"
            europeans.append(person)
    hosts = [
        _participant(event, organisations[spec.name], people[spec.name][0], spec)
        for spec in data.TAIWAN.organisations
    ]
    session.add_all([*europeans, *hosts])
    session.flush()
    _place_meetings(session, event, europeans, hosts, rng)


def _participant(
    event: Event, organisation: Organisation, person: Person, spec: data.OrganisationSpec
) -> Participant:
    return Participant(
        event=event,
        user=person.user,
        organisation=organisation,
        first_name=person.first_name,
        last_name=person.last_name,
        email=person.email,
        phone=person.phone,
        job_title=person.job_title,
        offers=spec.offers,
        seeks=spec.requests,
    )


def _place_meetings(
    session: Session,
    event: Event,
    europeans: list[Participant],
    hosts: list[Participant],
    rng: random.Random,
) -> None:
    """Each European wants a few hosts; in rounds (one wish of each European per round),
    place each pair in the first slot both are free (and, for two people on site, a table
    is free)."""
    wishes = [rng.sample(hosts, min(MEETINGS_EACH, len(hosts))) for _ in europeans]
    busy: set[tuple[int, int]] = set()
    tables_used: dict[int, int] = defaultdict(int)
    for round_ in range(MEETINGS_EACH):
        for european, wanted in zip(europeans, wishes, strict=True):
            host = wanted[round_]
            session.add(
                Preference(
                    event_id=event.id,
                    from_participant_id=european.id,
                    to_participant_id=host.id,
                    level=PreferenceLevel.WANT,
                )
            )
            free = [
                slot
                for slot in event.slots
                if (european.id, slot.id) not in busy
                and (host.id, slot.id) not in busy
                and (european.attends_online or tables_used[slot.id] < len(event.tables))
            ]
            if not free:
                continue
            slot = min(free, key=lambda s: s.starts_at)
            table = None if european.attends_online else event.tables[tables_used[slot.id]]
            low, high = sorted((european.id, host.id))
            meeting = Meeting(event_id=event.id, participant_a_id=low, participant_b_id=high)
            place_meeting(session, meeting, slot_id=slot.id, table_id=table.id if table else None)
            tables_used[slot.id] += table is not None
            busy.update({(european.id, slot.id), (host.id, slot.id)})
