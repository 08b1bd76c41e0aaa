"""Reads of a mission's programme: its items, who attends them, and one person's share.

A person may be registered for several events of a mission (one participant row each); their
rows share an e-mail address, so an item a person was chosen for or signed up to in one
event is theirs in every event of the mission.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session, contains_eager, selectinload

from matchmaker.models import (
    Audience,
    Delegation,
    DelegationMember,
    Event,
    Mission,
    Participant,
    ProgrammeDelegation,
    ProgrammeGuest,
    ProgrammeItem,
    ProgrammeSignUp,
)


def mission_items(session: Session, mission: Mission) -> list[ProgrammeItem]:
    """The mission's programme in time order, cancelled items included."""
    return list(
        session.scalars(
            select(ProgrammeItem)
            .where(ProgrammeItem.mission_id == mission.id)
            .options(
                selectinload(ProgrammeItem.guests).selectinload(ProgrammeGuest.participant),
                selectinload(ProgrammeItem.sign_ups).selectinload(ProgrammeSignUp.participant),
                selectinload(ProgrammeItem.delegations),
            )
            .order_by(ProgrammeItem.starts_at, ProgrammeItem.id)
        )
    )


def mission_item(session: Session, mission: Mission, item_id: int) -> ProgrammeItem | None:
    """An item of this mission (None for another mission's)."""
    return session.scalar(
        select(ProgrammeItem).where(
            ProgrammeItem.id == item_id, ProgrammeItem.mission_id == mission.id
        )
    )


def mission_people(session: Session, mission: Mission) -> list[Participant]:
    """The active participants of the mission's events, to choose guests from."""
    return list(
        session.scalars(
            select(Participant)
            .join(Event, Event.id == Participant.event_id)
            .where(Event.mission_id == mission.id, Participant.withdrawn_at.is_(None))
            .options(selectinload(Participant.organisation))
            .order_by(Participant.last_name, Participant.first_name, Participant.id)
        )
    )


def registrations_of(session: Session, participant: Participant) -> list[Participant]:
    """The person's participant rows in every event of the participant's mission, by event.

    Only the mission's other events are searched: the e-mail comparison cannot use an index,
    and the participant's own event holds most of the rows (a single-event mission, none)."""
    others = session.scalars(
        select(Participant)
        .join(Participant.event)
        .where(
            Event.mission_id == participant.event.mission_id,
            Event.id != participant.event_id,
            func.lower(Participant.email) == participant.email.lower(),
        )
        .options(contains_eager(Participant.event))
    )
    return sorted([participant, *others], key=lambda row: row.event_id)


@dataclass(frozen=True)
class Attendance:
    """Who attends the items of a mission, by lower-case e-mail address."""

    guests: dict[int, set[str]]
    signed_up: dict[int, set[str]]
    taken: dict[int, int]
    delegations: dict[int, set[int]]
    delegation_of: dict[str, int]

    def attends(self, item: ProgrammeItem, email: str) -> bool:
        """Whether the person with this address attends `item` (cancelled or not)."""
        email = email.lower()
        if item.needs_sign_up:
            return email in self.signed_up.get(item.id, set())
        return self.invited(item, email)

    def invited(self, item: ProgrammeItem, email: str) -> bool:
        """Whether the item's audience includes the person."""
        if item.audience == Audience.EVERYONE:
            return True
        if item.audience == Audience.PEOPLE:
            return email.lower() in self.guests.get(item.id, set())
        delegation = self.delegation_of.get(email.lower())
        return delegation is not None and delegation in self.delegations.get(item.id, set())

    def places_left(self, item: ProgrammeItem) -> int | None:
        """Free places of an item with a capacity (None: no capacity)."""
        if item.capacity is None:
            return None
        return max(item.capacity - self.taken.get(item.id, 0), 0)


def attendance(session: Session, items: Sequence[ProgrammeItem]) -> Attendance:
    """Guests and sign-ups of `items`, by address."""
    ids = [item.id for item in items]
    guests: dict[int, set[str]] = defaultdict(set)
    signed_up: dict[int, set[str]] = defaultdict(set)
    taken: dict[int, int] = defaultdict(int)
    if ids:
        rows = session.execute(
            select(ProgrammeGuest.item_id, Participant.email)
            .join(Participant, Participant.id == ProgrammeGuest.participant_id)
            .where(ProgrammeGuest.item_id.in_(ids))
        )
        for item_id, email in rows:
            guests[item_id].add(email.lower())
        rows = session.execute(
            select(ProgrammeSignUp.item_id, Participant.email)
            .join(Participant, Participant.id == ProgrammeSignUp.participant_id)
            .where(ProgrammeSignUp.item_id.in_(ids))
        )
        for item_id, email in rows:
            signed_up[item_id].add(email.lower())
            taken[item_id] += 1
    delegations: dict[int, set[int]] = defaultdict(set)
    delegation_of: dict[str, int] = {}
    if ids:
        for item_id, delegation_id in session.execute(
            select(ProgrammeDelegation.item_id, ProgrammeDelegation.delegation_id).where(
                ProgrammeDelegation.item_id.in_(ids)
            )
        ):
            delegations[item_id].add(delegation_id)
    if delegations:
        mission_ids = {item.mission_id for item in items}
        delegation_of = {
            email: delegation_id
            for email, delegation_id in session.execute(
                select(DelegationMember.email, DelegationMember.delegation_id).where(
                    DelegationMember.mission_id.in_(mission_ids)
                )
            )
        }
    return Attendance(dict(guests), dict(signed_up), dict(taken), dict(delegations), delegation_of)


def _live_items(session: Session, mission_id: int) -> list[ProgrammeItem]:
    return list(
        session.scalars(
            select(ProgrammeItem)
            .where(ProgrammeItem.mission_id == mission_id)
            .order_by(ProgrammeItem.starts_at, ProgrammeItem.id)
        )
    )


@dataclass(frozen=True)
class PersonProgramme:
    """One person's programme: the items they attend and those they may sign up to."""

    attending: list[ProgrammeItem]
    open_to_sign_up: list[tuple[ProgrammeItem, int]]


def person_programme(session: Session, participant: Participant) -> PersonProgramme:
    """The items `participant` attends (cancelled ones too, for calendars) and the
    not-cancelled items with places they could still sign up to, with the places left."""
    items = _live_items(session, participant.event.mission_id)
    known = attendance(session, items)
    attending = [item for item in items if known.attends(item, participant.email)]
    open_items = []
    for item in items:
        left = known.places_left(item)
        if (
            left is not None
            and not item.cancelled
            and item not in attending
            and known.invited(item, participant.email)
        ):
            open_items.append((item, left))
    return PersonProgramme(attending, open_items)


def busy_periods(
    session: Session, event: Event, participants: Iterable[Participant]
) -> dict[int, list[ProgrammeItem]]:
    """The programme items (not cancelled) each of `participants` attends, by participant id."""
    items = [item for item in _live_items(session, event.mission_id) if not item.cancelled]
    if not items:
        return {}
    known = attendance(session, items)
    busy: dict[int, list[ProgrammeItem]] = {}
    for participant in participants:
        theirs = [item for item in items if known.attends(item, participant.email)]
        if theirs:
            busy[participant.id] = theirs
    return busy


def mission_delegations(session: Session, mission: Mission) -> list[Delegation]:
    """The mission's delegations by name, to choose attendees from."""
    return list(
        session.scalars(
            select(Delegation).where(Delegation.mission_id == mission.id).order_by(Delegation.name)
        )
    )
