"""The demo mission's programme: a ceremony, a reception, company visits and the Portuguese
delegation's flight, one of them in another city and time zone (Lisbon)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, time
from zoneinfo import ZoneInfo

from matchmaker.models import (
    Audience,
    Mission,
    Participant,
    ProgrammeGuest,
    ProgrammeItem,
    ProgrammeKind,
)
from matchmaker.organiser.slots import local_to_utc


@dataclass(frozen=True)
class ItemSpec:
    kind: ProgrammeKind
    title: str
    day: date
    start: time
    end: time
    timezone: str
    place: str
    address: str
    description: str = ""
    capacity: int | None = None
    # Guests: the participants of organisations from this country (None: everyone).
    country: str | None = None


HANNOVER_PROGRAMME = (
    ItemSpec(
        ProgrammeKind.TRANSFER,
        "Delegation flight Lisbon – Hannover",
        date(2027, 4, 18),
        time(14, 5),
        time(17, 40),
        "Europe/Lisbon",
        "Lisbon Airport (LIS), Terminal 1",
        "Alameda das Comunidades Portuguesas, 1700-111 Lisboa, Portugal",
        "Group check-in at the TAP desks two hours before departure; lands in Hannover at "
        "19:40 local time.",
        country="PT",
    ),
    ItemSpec(
        ProgrammeKind.CEREMONY,
        "Opening of the EU–US Cluster B2B",
        date(2027, 4, 19),
        time(8, 45),
        time(9, 20),
        "Europe/Berlin",
        "EU pavilion, Hall 8, Hannover Messe",
        "Messegelände, 30521 Hannover, Germany",
        "Welcome by the partnership's coordinator and the US Commercial Service.",
    ),
    ItemSpec(
        ProgrammeKind.RECEPTION,
        "Networking reception at the New Town Hall",
        date(2027, 4, 19),
        time(18, 30),
        time(21, 0),
        "Europe/Berlin",
        "Neues Rathaus, Hodlersaal",
        "Trammplatz 2, 30159 Hannover, Germany",
    ),
    ItemSpec(
        ProgrammeKind.VISIT,
        "Visit: Continental innovation centre",
        date(2027, 4, 20),
        time(14, 0),
        time(16, 0),
        "Europe/Berlin",
        "Continental AG",
        "Vahrenwalder Straße 9, 30165 Hannover, Germany",
        "Industry 4.0 lines and the tyre plant's digital twin; for the Portuguese delegation.",
        country="PT",
    ),
    ItemSpec(
        ProgrammeKind.VISIT,
        "Visit: Volkswagen Autostadt, Wolfsburg",
        date(2027, 4, 20),
        time(17, 30),
        time(21, 0),
        "Europe/Berlin",
        "Autostadt",
        "Stadtbrücke, 38440 Wolfsburg, Germany",
        "Coach from the fairground's north entrance at 17:30; sign up, places are limited.",
        capacity=30,
    ),
)


def add_programme(
    mission: Mission, participants: Sequence[Participant], specs: Sequence[ItemSpec]
) -> list[ProgrammeItem]:
    """The mission's programme items, with their guests among `participants`."""
    items = []
    for spec in specs:
        guests = [
            ProgrammeGuest(participant=person)
            for person in participants
            if spec.country is not None and person.organisation.country == spec.country
        ]
        items.append(
            ProgrammeItem(
                mission=mission,
                kind=spec.kind,
                title=spec.title,
                description=spec.description,
                starts_at=local_to_utc(spec.day, spec.start, ZoneInfo(spec.timezone)),
                ends_at=local_to_utc(spec.day, spec.end, ZoneInfo(spec.timezone)),
                timezone=spec.timezone,
                place=spec.place,
                address=spec.address,
                audience=Audience.PEOPLE if spec.country else Audience.EVERYONE,
                capacity=spec.capacity,
                guests=guests,
            )
        )
    return items
