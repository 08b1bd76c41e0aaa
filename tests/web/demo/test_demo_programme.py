"""The demo mission's programme: items in two zones, the Portuguese delegation's own items,
and their times kept free of that delegation's B2B meetings."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from matchmaker.models import Audience, Event, ProgrammeItem
from matchmaker.schedule import queries


def test_the_demo_programme_spans_two_zones_and_blocks_the_delegation(
    session: Session, hannover: Event
) -> None:
    items = session.scalars(
        select(ProgrammeItem).where(ProgrammeItem.mission_id == hannover.mission_id)
    ).all()
    assert {item.timezone for item in items} == {"Europe/Berlin", "Europe/Lisbon"}
    assert any(item.capacity for item in items)
    flight = next(item for item in items if item.timezone == "Europe/Lisbon")
    assert flight.audience == Audience.PEOPLE
    assert {guest.participant.organisation.country for guest in flight.guests} == {"PT"}

    busy = queries.programme_busy(session, hannover)
    portuguese = [p for p in hannover.participants if p.organisation.country == "PT"]
    visit_slots = {
        slot.id
        for slot in hannover.slots
        if slot.starts_at.astimezone(hannover.zone).strftime("%d %H") in ("20 14", "20 15")
    }
    assert visit_slots and all(visit_slots <= set(busy.get(p.id, {})) for p in portuguese)
    others = [p for p in hannover.participants if p.organisation.country != "PT"]
    assert not any(visit_slots & set(busy.get(p.id, {})) for p in others)
