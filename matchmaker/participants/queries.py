"""Reads for a participant's own pages: catalogue, preferences, availability, agenda."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import ColumnElement, and_, case, func, or_, select
from sqlalchemy.orm import Session, aliased, joinedload, selectinload
from sqlalchemy.orm.attributes import set_committed_value

from matchmaker.models import (
    Block,
    Event,
    Meeting,
    Organisation,
    OrganisationType,
    Participant,
    Preference,
    PreferenceLevel,
    Unavailability,
    shown_to_participants,
)


@dataclass(frozen=True)
class OrganisationSummary:
    """The organisation fields the catalogue searches, filters and matches on; `offers` and
    `requests` are what one participant offers and seeks at the event (see `summary_of`)."""

    id: int
    name: str
    country: str
    cluster: str
    type: OrganisationType
    sectors: list[str]
    technologies: list[str]
    offers: str
    requests: str
    description: str


@dataclass(frozen=True)
class CatalogueRow:
    """One active participant, as plain values: thousands load fast, without the ORM."""

    participant_id: int
    first_name: str
    last_name: str
    job_title: str
    organisation: OrganisationSummary

    @property
    def id(self) -> int:
        """The participant's id, named as on `Participant` for templates taking either."""
        return self.participant_id

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


def summary_of(participant: Participant) -> OrganisationSummary:
    """The participant's organisation with what the person offers and seeks at this event;
    the organisation's own text where they gave none (imported or older profiles)."""
    organisation = participant.organisation
    return OrganisationSummary(
        id=organisation.id,
        name=organisation.name,
        country=organisation.country,
        cluster=organisation.cluster,
        type=organisation.type,
        sectors=organisation.sectors,
        technologies=organisation.technologies,
        offers=participant.offers or organisation.offers,
        requests=participant.seeks or organisation.requests,
        description=organisation.description,
    )


def catalogue_fingerprint(session: Session, event: Event) -> tuple[object, ...]:
    """A value that changes whenever the event's catalogue rows may have: how many people
    it has and when any of them or their organisations last changed (every write sets
    `updated_at`), read in one indexed aggregate instead of loading the rows."""
    return tuple(
        session.execute(
            select(
                func.count(Participant.id),
                func.max(Participant.updated_at),
                func.max(Organisation.updated_at),
            )
            .join(Organisation, Participant.organisation_id == Organisation.id)
            .where(Participant.event_id == event.id)
        ).one()
    )


def catalogue_rows(session: Session, event: Event) -> list[CatalogueRow]:
    """Every active participant of the event with their organisation, in one query, by name."""
    rows = session.execute(
        select(
            Participant.id,
            Participant.first_name,
            Participant.last_name,
            Participant.job_title,
            Participant.offers,
            Participant.seeks,
            Organisation.id,
            Organisation.name,
            Organisation.country,
            Organisation.cluster,
            Organisation.type,
            Organisation.sectors,
            Organisation.technologies,
            Organisation.offers,
            Organisation.requests,
            Organisation.description,
        )
        .join(Organisation, Participant.organisation_id == Organisation.id)
        .where(Participant.event_id == event.id, Participant.withdrawn_at.is_(None))
        .order_by(Participant.last_name, Participant.first_name, Participant.id)
    )
    return [
        CatalogueRow(
            participant_id=participant_id,
            first_name=first_name,
            last_name=last_name,
            job_title=job_title,
            organisation=OrganisationSummary(
                id=organisation_id,
                name=name,
                country=country,
                cluster=cluster,
                type=kind,
                sectors=sectors,
                technologies=technologies,
                offers=own_offers or offers,
                requests=own_seeks or requests,
                description=description,
            ),
        )
        for (
            participant_id,
            first_name,
            last_name,
            job_title,
            own_offers,
            own_seeks,
            organisation_id,
            name,
            country,
            cluster,
            kind,
            sectors,
            technologies,
            offers,
            requests,
            description,
        ) in rows
    ]


def active_participants_by_id(
    session: Session, event: Event, ids: Iterable[int]
) -> dict[int, Participant]:
    """The event's active participants among `ids`, with their organisations, by id."""
    people = session.scalars(
        select(Participant)
        .where(
            Participant.id.in_(list(ids)),
            Participant.event_id == event.id,
            Participant.withdrawn_at.is_(None),
        )
        .options(joinedload(Participant.organisation))
    )
    return {person.id: person for person in people}


def other_active_participant(
    session: Session, event: Event, viewer: Participant, participant_id: int
) -> Participant | None:
    """An active participant of the same event other than the viewer, or None."""
    return session.scalars(
        select(Participant).where(
            Participant.id == participant_id,
            Participant.id != viewer.id,
            Participant.event_id == event.id,
            Participant.withdrawn_at.is_(None),
        )
    ).first()


# Made once: an alias builds a proxy of each of the table's columns, which took most of the
# time of the queries below when made on each call.
_OTHER_PARTICIPANT = aliased(Participant)


def _involving(participant: Participant) -> ColumnElement[bool]:
    """The join of a preference to `_OTHER_PARTICIPANT`, the person it links `participant`
    with."""
    return or_(
        and_(
            Preference.from_participant_id == participant.id,
            Preference.to_participant_id == _OTHER_PARTICIPANT.id,
        ),
        and_(
            Preference.to_participant_id == participant.id,
            Preference.from_participant_id == _OTHER_PARTICIPANT.id,
        ),
    )


def _split_marks(
    participant: Participant, rows: Iterable[Preference]
) -> tuple[dict[int, Preference], dict[int, Preference]]:
    """(the participant's marks by target id, others' wishes by chooser id); others' marks
    of level NOT are left out: they are never shown to the other side."""
    given: dict[int, Preference] = {}
    received: dict[int, Preference] = {}
    for preference in rows:
        if preference.from_participant_id == participant.id:
            given[preference.to_participant_id] = preference
        elif preference.level is not PreferenceLevel.NOT:
            received[preference.from_participant_id] = preference
    return given, received


def preferences_involving(
    session: Session, participant: Participant
) -> tuple[dict[int, Preference], dict[int, Preference]]:
    """The participant's marks by target id, and others' wishes to meet them by chooser id.

    Only people still taking part count. Marks of level NOT given by others are left out:
    they are never shown to the other side.
    """
    other = _OTHER_PARTICIPANT
    rows = session.scalars(
        select(Preference).join(other, _involving(participant)).where(other.withdrawn_at.is_(None))
    )
    return _split_marks(participant, rows)


@dataclass(frozen=True)
class MarksWithPeople:
    """`preferences_involving`'s marks and the people they name, by id."""

    given: dict[int, Preference]
    received: dict[int, Preference]
    people: dict[int, Participant]


def marks_with_people(session: Session, participant: Participant) -> MarksWithPeople:
    """The participant's marks and others' wishes (as `preferences_involving`) with the
    active participants of the event they name and their organisations, in one query."""
    other = _OTHER_PARTICIPANT
    rows = session.execute(
        select(Preference, other)
        .join(other, _involving(participant))
        .where(other.withdrawn_at.is_(None), other.event_id == participant.event_id)
        .options(joinedload(other.organisation))
    ).all()
    given, received = _split_marks(participant, [preference for preference, _person in rows])
    return MarksWithPeople(given, received, {person.id: person for _mark, person in rows})


def preference_between(
    session: Session, chooser: Participant, target: Participant
) -> Preference | None:
    """The chooser's mark for the target, if any."""
    return session.scalars(
        select(Preference).where(
            Preference.from_participant_id == chooser.id,
            Preference.to_participant_id == target.id,
        )
    ).first()


def count_marked(
    session: Session, chooser: Participant, level: PreferenceLevel, excluding_target_id: int
) -> int:
    """How many people still taking part the chooser marked at `level`, not counting one."""
    return (
        session.scalar(
            select(func.count(Preference.id))
            .join(Participant, Preference.to_participant_id == Participant.id)
            .where(
                Preference.from_participant_id == chooser.id,
                Preference.level == level,
                Preference.to_participant_id != excluding_target_id,
                Participant.withdrawn_at.is_(None),
            )
        )
        or 0
    )


def blocks_with_slots(session: Session, event: Event) -> list[Block]:
    """The event's B2B blocks in time order with their slots."""
    return list(
        session.scalars(
            select(Block)
            .where(Block.event_id == event.id)
            .options(selectinload(Block.slots))
            .order_by(Block.day, Block.start_time)
        )
    )


def unavailable_slot_ids(session: Session, participant: Participant) -> set[int]:
    """The slots in which the participant said they cannot meet."""
    return set(
        session.scalars(
            select(Unavailability.slot_id).where(Unavailability.participant_id == participant.id)
        )
    )


def _with_sides(
    meeting: Meeting, participant: Participant, partner: Participant, organisation: Organisation
) -> Meeting:
    """`meeting` with its two participants (and the partner's organisation) set as loaded."""
    set_committed_value(partner, "organisation", organisation)
    mine, theirs = (
        ("participant_a", "participant_b")
        if meeting.participant_a_id == participant.id
        else ("participant_b", "participant_a")
    )
    set_committed_value(meeting, mine, participant)
    set_committed_value(meeting, theirs, partner)
    return meeting


def agenda_meetings(session: Session, participant: Participant) -> list[Meeting]:
    """The participant's meetings as agendas and calendars show them (`shown_to_participants`),
    in time order, with everything they print loaded.

    Only the partner (with their organisation) is joined, and both sides of each meeting are
    set from the row and `participant`: joining both sides (and both organisations) made
    PostgreSQL plan an eight-table join on every visit.
    """
    partner_id = case(
        (Meeting.participant_a_id == participant.id, Meeting.participant_b_id),
        else_=Meeting.participant_a_id,
    )
    rows = session.execute(
        select(Meeting, Participant, Organisation)
        .join(Participant, Participant.id == partner_id)
        .join(Organisation, Organisation.id == Participant.organisation_id)
        .where(
            Meeting.event_id == participant.event_id,
            or_(
                Meeting.participant_a_id == participant.id,
                Meeting.participant_b_id == participant.id,
            ),
            shown_to_participants(),
        )
        .options(
            joinedload(Meeting.slot),
            joinedload(Meeting.previous_slot),
            joinedload(Meeting.table),
        )
    )
    meetings = [_with_sides(meeting, participant, partner, org) for meeting, partner, org in rows]
    return sorted(meetings, key=lambda meeting: (meeting.slot.starts_at, meeting.id))
