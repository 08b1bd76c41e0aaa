"""Writes of a mission's programme: items, their guests, cancellation, sign-ups."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from flask_babel import gettext as _
from flask_babel import ngettext
from sqlalchemy import select
from sqlalchemy.orm import Session

from matchmaker.models import (
    Audience,
    Mission,
    Participant,
    ProgrammeDelegation,
    ProgrammeGuest,
    ProgrammeItem,
    ProgrammeKind,
    ProgrammeSignUp,
)
from matchmaker.programme.queries import attendance, mission_delegations, mission_people


class ProgrammeRefused(Exception):
    """A programme change that cannot be made; the message says why."""


@dataclass(frozen=True)
class ItemDetails:
    """What an organiser sets on an item; times are aware UTC."""

    kind: ProgrammeKind
    title: str
    description: str
    starts_at: datetime
    ends_at: datetime
    timezone: str
    place: str
    address: str
    audience: Audience
    capacity: int | None
    guest_ids: frozenset[int]
    delegation_ids: frozenset[int] = frozenset()


# What a calendar shows of an item: a change to any of these raises its SEQUENCE.
CALENDAR_FIELDS = ("title", "description", "starts_at", "ends_at", "timezone", "place", "address")


def _set_guests(session: Session, item: ProgrammeItem, details: ItemDetails) -> None:
    wanted = details.guest_ids if details.audience == Audience.PEOPLE else frozenset()
    known = {person.id for person in mission_people(session, item.mission)}
    if wanted - known:
        raise ProgrammeRefused(_("Choose people registered for this mission."))
    item.guests = [guest for guest in item.guests if guest.participant_id in wanted]
    have = {guest.participant_id for guest in item.guests}
    item.guests.extend(ProgrammeGuest(participant_id=pid) for pid in sorted(wanted - have))


def _set_delegations(session: Session, item: ProgrammeItem, details: ItemDetails) -> None:
    wanted = details.delegation_ids if details.audience == Audience.DELEGATIONS else frozenset()
    known = {delegation.id for delegation in mission_delegations(session, item.mission)}
    if wanted - known:
        raise ProgrammeRefused(_("Choose delegations of this mission."))
    item.delegation_links = [link for link in item.delegation_links if link.delegation_id in wanted]
    have = {link.delegation_id for link in item.delegation_links}
    item.delegation_links.extend(
        ProgrammeDelegation(delegation_id=did, mission_id=item.mission_id)
        for did in sorted(wanted - have)
    )


def _set_capacity(session: Session, item: ProgrammeItem, capacity: int | None) -> None:
    """Change the capacity, renumbering the places taken so they stay within it; removing
    it drops the sign-ups (the whole audience attends then)."""
    if capacity == item.capacity:
        return
    kept = sorted(item.sign_ups, key=lambda row: (row.place, row.participant_id))
    if capacity is not None and len(kept) > capacity:
        raise ProgrammeRefused(
            ngettext(
                "%(num)d person has signed up: the capacity cannot be lower.",
                "%(num)d people have signed up: the capacity cannot be lower.",
                len(kept),
            )
        )
    people = [(row.participant_id, row.created_at) for row in kept]
    item.sign_ups.clear()
    session.flush()
    item.capacity = capacity
    session.flush()
    if capacity is not None:
        item.sign_ups.extend(
            ProgrammeSignUp(participant_id=pid, place=place, capacity=capacity, created_at=at)
            for place, (pid, at) in enumerate(people, start=1)
        )


def create_item(session: Session, mission: Mission, details: ItemDetails) -> ProgrammeItem:
    """Add an item to the mission's programme."""
    item = ProgrammeItem(mission=mission, guests=[], sign_ups=[], delegation_links=[])
    for name in CALENDAR_FIELDS:
        setattr(item, name, getattr(details, name))
    item.kind = details.kind
    item.audience = details.audience
    item.capacity = details.capacity
    session.add(item)
    _set_guests(session, item, details)
    _set_delegations(session, item, details)
    session.flush()
    return item


def update_item(session: Session, item: ProgrammeItem, details: ItemDetails) -> None:
    """Change an item; calendars see a higher SEQUENCE when what they show changed."""
    changed = any(getattr(item, name) != getattr(details, name) for name in CALENDAR_FIELDS)
    for name in CALENDAR_FIELDS:
        setattr(item, name, getattr(details, name))
    item.kind = details.kind
    item.audience = details.audience
    _set_guests(session, item, details)
    _set_delegations(session, item, details)
    _set_capacity(session, item, details.capacity)
    if changed:
        item.sequence += 1


def cancel_item(item: ProgrammeItem, now: datetime) -> None:
    """Cancel an item: it stays in calendars as cancelled."""
    if item.cancelled_at is None:
        item.cancelled_at = now
        item.sequence += 1


def reinstate_item(item: ProgrammeItem) -> None:
    """Undo a cancellation."""
    if item.cancelled_at is not None:
        item.cancelled_at = None
        item.sequence += 1


def sign_up(session: Session, item: ProgrammeItem, participant: Participant) -> ProgrammeSignUp:
    """Take a place at an item with a capacity. The database refuses a place beyond the
    capacity or one taken meanwhile (IntegrityError)."""
    known = attendance(session, [item])
    if item.capacity is None or item.cancelled or not known.invited(item, participant.email):
        raise ProgrammeRefused(_("This item takes no sign-ups from you."))
    if known.attends(item, participant.email):
        raise ProgrammeRefused(_("You have already signed up."))
    taken = set(
        session.scalars(select(ProgrammeSignUp.place).where(ProgrammeSignUp.item_id == item.id))
    )
    free = next((place for place in range(1, item.capacity + 1) if place not in taken), None)
    if free is None:
        raise ProgrammeRefused(_("“%(title)s” is full.", title=item.title))
    row = ProgrammeSignUp(
        item_id=item.id, participant_id=participant.id, place=free, capacity=item.capacity
    )
    session.add(row)
    session.flush()
    return row


def withdraw_sign_up(
    session: Session, item: ProgrammeItem, participants: list[Participant]
) -> bool:
    """Give up the person's place (taken from any of their registrations); False if none."""
    rows = session.scalars(
        select(ProgrammeSignUp).where(
            ProgrammeSignUp.item_id == item.id,
            ProgrammeSignUp.participant_id.in_([p.id for p in participants]),
        )
    ).all()
    for row in rows:
        session.delete(row)
    return bool(rows)
