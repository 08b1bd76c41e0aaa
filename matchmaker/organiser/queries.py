"""Reads for organisers: missions they manage, event figures, participants, slot use."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, func, or_, select
from sqlalchemy.orm import InstrumentedAttribute, Session, selectinload

from matchmaker.auth.queries import INVITATION_LIFETIME
from matchmaker.models import (
    Event,
    Meeting,
    MeetingStatus,
    Mission,
    Organisation,
    OrganisationType,
    Participant,
    Role,
    TermKind,
    TermMapping,
    User,
)
from matchmaker.models.missions import mission_organisers
from matchmaker.organiser import importing, terms
from matchmaker.organiser.importing import PersonRecord


def managed_missions(session: Session, user: User) -> Sequence[Mission]:
    """The missions `user` manages (an admin: all), newest first, with their events."""
    query = select(Mission).options(selectinload(Mission.events), selectinload(Mission.organisers))
    if not user.is_admin:
        query = query.join(mission_organisers).where(mission_organisers.c.user_id == user.id)
    return session.scalars(query.order_by(Mission.created_at.desc(), Mission.id.desc())).all()


def managed_mission(session: Session, user: User, slug: str) -> Mission | None:
    """The mission with this slug if `user` is an admin or one of its organisers."""
    mission = session.scalars(select(Mission).where(Mission.slug == slug)).first()
    if mission is None or user.is_admin:
        return mission
    return mission if any(organiser.id == user.id for organiser in mission.organisers) else None


def all_missions(session: Session) -> Sequence[Mission]:
    """Every mission by name."""
    return session.scalars(select(Mission).order_by(func.lower(Mission.name))).all()


def slug_taken(session: Session, model: type[Mission] | type[Event], slug: str) -> bool:
    """Whether a mission (or an event) already uses `slug`."""
    return session.scalar(select(func.count()).select_from(model).where(model.slug == slug)) != 0


def organiser_accounts(session: Session) -> Sequence[User]:
    """Organiser and admin accounts, by email."""
    return session.scalars(
        select(User)
        .where(User.role.in_((Role.ORGANISER, Role.ADMIN)))
        .order_by(func.lower(User.email))
    ).all()


@dataclass(frozen=True)
class RegistrationFigures:
    """An event's registrations: totals and active participants by country and type."""

    active: int
    withdrawn: int
    with_account: int
    invited: int
    by_country: list[tuple[str, int]]
    by_type: list[tuple[OrganisationType, int]]


def registration_figures(session: Session, event: Event) -> RegistrationFigures:
    """Counts for the event's home page; countries and types by count, largest first."""
    in_event = Participant.event_id == event.id
    active = Participant.withdrawn_at.is_(None)

    def count(*conditions: ColumnElement[bool]) -> int:
        query = select(func.count()).select_from(Participant).where(in_event, *conditions)
        return session.scalar(query) or 0

    def grouped(column: InstrumentedAttribute[Any]) -> list[tuple[Any, int]]:
        rows = session.execute(
            select(column, func.count())
            .select_from(Participant)
            .join(Organisation, Participant.organisation_id == Organisation.id)
            .where(in_event, active)
            .group_by(column)
            .order_by(func.count().desc(), column)
        )
        return [(value, number) for value, number in rows]

    return RegistrationFigures(
        active=count(active),
        withdrawn=count(Participant.withdrawn_at.is_not(None)),
        with_account=count(active, Participant.user_id.is_not(None)),
        invited=count(active, Participant.user_id.is_(None), Participant.invited_at.is_not(None)),
        by_country=[(str(value), number) for value, number in grouped(Organisation.country)],
        by_type=[(OrganisationType(value), number) for value, number in grouped(Organisation.type)],
    )


def event_participants(session: Session, event: Event, search: str = "") -> Sequence[Participant]:
    """The event's participants (withdrawn too) matching `search` in name, email or
    organisation, by organisation then name."""
    query = (
        select(Participant)
        .join(Organisation, Participant.organisation_id == Organisation.id)
        .options(selectinload(Participant.organisation))
        .where(Participant.event_id == event.id)
    )
    for word in search.lower().split():
        # autoescape: % and _ typed in the search box are literal, not wildcards
        query = query.where(
            or_(
                *(
                    func.lower(column).contains(word, autoescape=True)
                    for column in (
                        Participant.first_name,
                        Participant.last_name,
                        Participant.email,
                        Organisation.name,
                    )
                )
            )
        )
    return session.scalars(
        query.order_by(
            func.lower(Organisation.name),
            func.lower(Participant.last_name),
            func.lower(Participant.first_name),
        )
    ).all()


def event_participant(session: Session, event: Event, participant_id: int) -> Participant | None:
    """The participant with this id if it belongs to `event`."""
    return session.scalars(
        select(Participant).where(
            Participant.id == participant_id, Participant.event_id == event.id
        )
    ).first()


def participants_to_invite(
    session: Session, event: Event, *, include_invited: bool, now: datetime
) -> Sequence[Participant]:
    """Active participants without an account: by default those never invited or whose
    link has expired; with `include_invited`, all of them."""
    query = select(Participant).where(
        Participant.event_id == event.id,
        Participant.user_id.is_(None),
        Participant.withdrawn_at.is_(None),
    )
    if not include_invited:
        query = query.where(
            or_(
                Participant.invited_at.is_(None),
                Participant.invited_at <= now - INVITATION_LIFETIME,
            )
        )
    return session.scalars(
        query.options(selectinload(Participant.organisation)).order_by(Participant.id)
    ).all()


def registered_people(session: Session, event: Event) -> dict[str, PersonRecord]:
    """The event's participants (withdrawn ones too) by lower-cased email, as an import
    compares them."""
    people = session.scalars(
        select(Participant)
        .options(selectinload(Participant.organisation))
        .where(Participant.event_id == event.id)
    )
    return {
        person.email.lower(): PersonRecord(
            first_name=person.first_name,
            last_name=person.last_name,
            job_title=person.job_title,
            phone=person.phone,
            booth=person.location or "",
            organisation=person.organisation.name,
            country=person.organisation.country,
            type=person.organisation.type,
            sectors=tuple(person.organisation.sectors),
            technologies=tuple(person.organisation.technologies),
            offers=person.organisation.offers,
            requests=person.organisation.requests,
            website=person.organisation.website,
            online="yes" if person.online else "no",
        )
        for person in people
    }


def participants_by_email(session: Session, event: Event) -> dict[str, Participant]:
    """The event's participants by lower-cased email."""
    people = session.scalars(select(Participant).where(Participant.event_id == event.id))
    return {person.email.lower(): person for person in people}


def term_mappings(session: Session, mission: Mission) -> dict[TermKind, dict[str, str]]:
    """The mission's remembered term mappings: by kind, matching key -> value."""
    found: dict[TermKind, dict[str, str]] = {}
    for mapping in session.scalars(select(TermMapping).where(TermMapping.mission_id == mission.id)):
        found.setdefault(mapping.kind, {})[mapping.source] = mapping.target
    return found


def term_mapping_rows(session: Session, mission: Mission) -> Sequence[TermMapping]:
    """The mission's term mappings by kind and term, for listing."""
    return session.scalars(
        select(TermMapping)
        .where(TermMapping.mission_id == mission.id)
        .order_by(TermMapping.kind, TermMapping.source)
    ).all()


def term_mapping(session: Session, mission: Mission, mapping_id: int) -> TermMapping | None:
    """The mapping with this id if it belongs to `mission`."""
    return session.scalars(
        select(TermMapping).where(
            TermMapping.id == mapping_id, TermMapping.mission_id == mission.id
        )
    ).first()


def organisations_by_name(session: Session, event: Event) -> dict[str, Organisation]:
    """The organisations of the event's participants, keyed by case-folded name."""
    organisations = session.scalars(
        select(Organisation)
        .join(Participant, Participant.organisation_id == Organisation.id)
        .where(Participant.event_id == event.id)
        .order_by(Organisation.id)
    ).unique()
    found: dict[str, Organisation] = {}
    for organisation in organisations:
        found.setdefault(organisation.name.casefold(), organisation)
    return found


def meetings_in_slots(session: Session, slot_ids: Collection[int]) -> int:
    """How many meetings (cancelled ones too: calendars still show them) use these slots."""
    if not slot_ids:
        return 0
    query = select(func.count()).select_from(Meeting).where(Meeting.slot_id.in_(slot_ids))
    return session.scalar(query) or 0


def confirmed_meetings_at_tables(session: Session, table_ids: Collection[int]) -> int:
    """How many confirmed meetings take place at these tables."""
    if not table_ids:
        return 0
    query = (
        select(func.count())
        .select_from(Meeting)
        .where(Meeting.table_id.in_(table_ids), Meeting.status == MeetingStatus.CONFIRMED)
    )
    return session.scalar(query) or 0


def import_vocabularies(session: Session, event: Event) -> terms.Vocabularies:
    """The event's lists with the mission's remembered mappings, as imports read them."""
    return terms.vocabularies(
        event.sectors, event.technologies, term_mappings(session, event.mission)
    )


def checked_import(
    session: Session, event: Event, table: importing.RawTable
) -> importing.CheckedImport:
    """An uploaded table checked against the event's lists and its registered people."""
    return importing.check_rows(
        table,
        lists=import_vocabularies(session, event),
        registered=registered_people(session, event),
    )
