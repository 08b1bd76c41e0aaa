"""Build the demo missions from the tables in `data`: deterministic apart from passwords."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime, time
from itertools import product
from zoneinfo import ZoneInfo

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from matchmaker.auth.operations import create_user
from matchmaker.auth.passwords import generate_password
from matchmaker.demo import data
from matchmaker.demo.delegations import LEADS, add_delegations
from matchmaker.demo.hybrid import HYBRID, ONLINE_ACCOUNT_HOLDER, fill_hybrid_event
from matchmaker.demo.languages import event_translations
from matchmaker.demo.outcomes import add_pilot_event
from matchmaker.demo.programme import HANNOVER_PROGRAMME, add_programme
from matchmaker.demo.wishes import Profile, draw_wishes
from matchmaker.models import (
    Block,
    Event,
    MeetingTable,
    Mission,
    Organisation,
    OrganisationMember,
    OrganisationType,
    Participant,
    Preference,
    PreferenceLevel,
    Role,
    TimeSlot,
    Unavailability,
    User,
)
from matchmaker.organiser.operations import slugify
from matchmaker.organiser.slots import generate_slots, local_to_utc

SEED = 2026
ACCOUNT_DOMAIN = "demo.matchmaker.example"
ACCOUNT_HOLDERS = (
    "Alvora Sensing",
    "Calanque Semiconductors",
    "Boddenplasma",
    "Great Lakes Motion Systems",
    "Keystone Industrial Ventures",
)
"""Organisations whose first delegate gets a demo account (at Hannover, and at Computex
when the organisation goes there too)."""

APPEAL = {
    OrganisationType.LARGE_COMPANY: 2.5,
    OrganisationType.INVESTOR: 2.5,
    OrganisationType.SME: 1.0,
    OrganisationType.PUBLIC_BODY: 1.0,
    OrganisationType.RTO: 0.7,
    OrganisationType.CLUSTER: 0.4,
}
MUST_NOTES = (
    "We met at the last fair; we would like to discuss a pilot.",
    "Possible distributor for North America.",
    "Their roadmap fits our next product generation.",
    "Looking for a joint proposal partner.",
)


class DemoRefused(Exception):
    """The database is not empty, so the demo is not loaded."""


@dataclass(frozen=True)
class DemoAccount:
    """A demo login and its password in clear (shown once, never stored)."""

    email: str
    password: str
    role: Role
    name: str
    detail: str


@dataclass(frozen=True)
class DemoAccounts:
    """The accounts created by `load_demo`, admin and organiser first."""

    accounts: tuple[DemoAccount, ...]


@dataclass(frozen=True)
class Person:
    """A delegate of an organisation, the same person in every event they attend."""

    first_name: str
    last_name: str
    email: str
    phone: str
    job_title: str
    user: User | None = None


def has_missions(session: Session) -> bool:
    """Whether the database already holds a mission."""
    return session.scalar(select(Mission.id).limit(1)) is not None


def load_demo(session: Session) -> DemoAccounts:
    """Add the demo missions, their events, participants and accounts (no commit).

    Raises DemoRefused when the database already holds missions or a demo account's email.
    """
    if has_missions(session):
        raise DemoRefused("the database already holds missions; the demo needs an empty one")
    rng = random.Random(SEED)
    organisations = _organisations()
    people = _people(rng)
    accounts, organiser = _accounts(session, people)
    hannover = build_event(data.HANNOVER, organiser)
    hosts = data.UNITED_STATES.organisations
    delegation = [spec for group in data.DELEGATIONS for spec in group.organisations]
    participants = _register(hannover, delegation + list(hosts), organisations, people, rng)
    computex = build_event(data.COMPUTEX, organiser)
    travellers = [spec for spec in delegation if spec.name in data.COMPUTEX_DELEGATES]
    first_only = {name: group[:1] for name, group in people.items()}
    _register(computex, travellers, organisations, first_only, rng, seeks=_computex_seeks)
    _register(computex, list(data.TAIWAN.organisations), organisations, people, rng)
    for name in ACCOUNT_HOLDERS:
        organisations[name].members.append(
            OrganisationMember(
                user=people[name][0].user, approved_at=_instant(date(2026, 1, 5), time(9), "UTC")
            )
        )
    hybrid = build_event(HYBRID, organiser, mission=computex.mission)
    session.add_all([hannover.mission, computex.mission])
    session.add_all(add_programme(hannover.mission, participants, HANNOVER_PROGRAMME))
    session.flush()
    _add_preferences(session, hannover, participants, {spec.name for spec in hosts}, rng)
    fill_hybrid_event(session, hybrid, organisations, first_only, rng, _computex_seeks)
    host_names = {spec.name for spec in hosts}
    add_pilot_event(
        session,
        hannover,
        [p for p in participants if p.organisation.name not in host_names][::4],
        [p for p in participants if p.organisation.name in host_names][::2],
        random.Random(SEED),
    )
    leads = _lead_accounts()
    consented_at = _instant(date(2026, 1, 12), time(9), "UTC")
    add_delegations(session, [hannover, computex], create_accounts(session, leads), consented_at)
    return DemoAccounts(tuple(accounts + leads))


def _lead_accounts() -> list[DemoAccount]:
    """One account per cluster manager leading their cluster's delegations."""
    clusters = {group.country: group.cluster for group in data.DELEGATIONS}
    return [
        DemoAccount(
            f"{slugify(lead.first_name)}.{slugify(lead.last_name)}@{ACCOUNT_DOMAIN}",
            generate_password(),
            Role.PARTICIPANT,
            f"{lead.first_name} {lead.last_name}",
            f"leads the {clusters[lead.country]} delegation",
        )
        for lead in LEADS
    ]


def _organisations() -> dict[str, Organisation]:
    """One Organisation per spec, shared by every event it attends."""
    groups = (*data.DELEGATIONS, data.UNITED_STATES, data.TAIWAN)
    return {
        spec.name: Organisation(
            name=spec.name,
            country=group.country,
            cluster=group.cluster,
            type=spec.type,
            sectors=list(spec.sectors),
            technologies=list(spec.technologies),
            website=f"https://www.{organisation_domain(spec.name)}",
            description=f"{spec.description} Based in {spec.city}.",
        )
        for group in groups
        for spec in group.organisations
    }


def organisation_of(spec: data.OrganisationSpec, group: data.Delegation, name: str) -> Organisation:
    """An organisation named `name` with the profile of `spec`, from `group`'s country."""
    return Organisation(
        name=name,
        country=group.country,
        cluster=group.cluster,
        type=spec.type,
        sectors=list(spec.sectors),
        technologies=list(spec.technologies),
        website=f"https://www.{organisation_domain(name)}",
        description=f"{spec.description} Based in {spec.city}.",
        offers=spec.offers,
        requests=spec.requests,
    )


def _people(rng: random.Random) -> dict[str, list[Person]]:
    """The delegates of every organisation, with names unique within their country."""
    people: dict[str, list[Person]] = {}
    for group in (*data.DELEGATIONS, data.UNITED_STATES, data.TAIWAN):
        names = list(product(group.first_names.split(), group.last_names.split()))
        rng.shuffle(names)
        for spec in group.organisations:
            titles = data.JOB_TITLES[spec.type]
            first_title = rng.choice(titles[:2])
            people[spec.name] = []
            for index in range(spec.people):
                first, last = names.pop()
                title = first_title if index == 0 else rng.choice(titles[1:])
                people[spec.name].append(
                    Person(
                        first_name=first,
                        last_name=last,
                        email=f"{slugify(first)}.{slugify(last)}@{organisation_domain(spec.name)}",
                        phone=phone_number(group.phone_prefix, rng) if rng.random() < 0.7 else "",
                        job_title=title,
                    )
                )
    return people


def _accounts(session: Session, people: dict[str, list[Person]]) -> tuple[list[DemoAccount], User]:
    """Create the demo users; the account holders' delegates get the account's email."""
    accounts = [
        DemoAccount(f"admin@{ACCOUNT_DOMAIN}", generate_password(), Role.ADMIN, "Demo Admin", ""),
        DemoAccount(
            f"organiser@{ACCOUNT_DOMAIN}",
            generate_password(),
            Role.ORGANISER,
            "Hélène Dumas",
            f"organiser of {data.HANNOVER.mission_slug} and {data.COMPUTEX.mission_slug}",
        ),
    ]
    for name in ACCOUNT_HOLDERS:
        person = people[name][0]
        email = f"{slugify(person.first_name)}.{slugify(person.last_name)}@{ACCOUNT_DOMAIN}"
        full_name = f"{person.first_name} {person.last_name}"
        slugs = [data.HANNOVER.slug]
        if name in data.COMPUTEX_DELEGATES:
            slugs.append(data.COMPUTEX.slug)
        detail = f"{name} at {' and '.join(slugs)}"
        if name == ONLINE_ACCOUNT_HOLDER:
            detail += f", online at {HYBRID.slug}"
        accounts.append(
            DemoAccount(email, generate_password(), Role.PARTICIPANT, full_name, detail)
        )
    users = create_accounts(session, accounts)
    for name, account, user in zip(ACCOUNT_HOLDERS, accounts[2:], users[2:], strict=True):
        people[name][0] = replace(people[name][0], email=account.email, user=user)
    return accounts, users[1]


def create_accounts(session: Session, accounts: list[DemoAccount]) -> list[User]:
    """The users of `accounts`; DemoRefused when one of their emails is already taken."""
    emails = [account.email for account in accounts]
    if session.scalar(select(User.id).where(User.email.in_(emails)).limit(1)) is not None:
        raise DemoRefused("a demo account's email is already taken")
    return [
        create_user(session, account.email, account.password, account.name, account.role)
        for account in accounts
    ]


def build_event(spec: data.EventSpec, organiser: User, mission: Mission | None = None) -> Event:
    """A mission (or another event of `mission`) with its event, blocks, UTC slots and
    tables."""
    mission = mission or Mission(
        slug=spec.mission_slug,
        name=spec.mission_name,
        partnership=spec.partnership,
        target_market=spec.target_market,
        start_date=spec.mission_start,
        end_date=spec.mission_end,
        description=spec.mission_description,
        organisers=[organiser],
    )
    event = Event(
        mission=mission,
        slug=spec.slug,
        name=spec.name,
        description=spec.description,
        venue=spec.venue,
        timezone=spec.timezone,
        slot_minutes=spec.slot_minutes,
        break_minutes=spec.break_minutes,
        phase=spec.phase,
        registration_deadline=_instant(*spec.registration_deadline, spec.timezone),
        preferences_deadline=_instant(*spec.preferences_deadline, spec.timezone),
        default_max_meetings=spec.default_max_meetings,
        limit_must=data.LIMIT_MUST,
        limit_want=data.LIMIT_WANT,
        limit_maybe=None,
        sectors=list(data.SECTORS),
        technologies=list(data.TECHNOLOGIES),
        translations=event_translations(spec.slug),
    )
    for day in spec.days:
        for label, start, end in spec.blocks:
            block = Block(
                event=event,
                name=f"{day:%A} {label.lower()}",
                day=day,
                start_time=start,
                end_time=end,
            )
            for starts_at, ends_at in generate_slots(
                day, start, end, spec.slot_minutes, spec.break_minutes, event.zone
            ):
                TimeSlot(event=event, block=block, starts_at=starts_at, ends_at=ends_at)
    for index in range(spec.tables):
        place = spec.table_places[index * len(spec.table_places) // spec.tables]
        MeetingTable(event=event, name=f"Table {index + 1}", place=place, position=index)
    return event


def _register(
    event: Event,
    specs: list[data.OrganisationSpec],
    organisations: dict[str, Organisation],
    people: dict[str, list[Person]],
    rng: random.Random,
    seeks: Callable[[data.OrganisationSpec], str] = lambda spec: spec.requests,
) -> list[Participant]:
    """Register the delegates of `specs` for `event`, with booths, caps and absences; what
    they offer and seek is theirs for this event (`seeks` says it for the event)."""
    participants = []
    for spec in specs:
        for index, person in enumerate(people[spec.name]):
            participant = Participant(
                event=event,
                user=person.user,
                organisation=organisations[spec.name],
                first_name=person.first_name,
                last_name=person.last_name,
                email=person.email,
                phone=person.phone,
                job_title=person.job_title,
                offers=spec.offers,
                seeks=seeks(spec),
                location=spec.booth if index == 0 else None,
                max_meetings=meeting_cap(spec.type, rng),
            )
            for slot in absences(event, rng):
                Unavailability(participant=participant, slot=slot)
            participants.append(participant)
    return participants


def _computex_seeks(spec: data.OrganisationSpec) -> str:
    """What a European delegate looks for at Computex: Taiwanese partners, not US ones."""
    return (
        f"At Computex we look for Taiwanese partners in {' and '.join(spec.technologies)}: "
        "ODMs, component makers and system integrators for a joint offer in Europe and Asia."
    )


def meeting_cap(kind: OrganisationType, rng: random.Random) -> int | None:
    """A personal cap for some (None: the event's default)."""
    if kind == OrganisationType.CLUSTER:
        return 4
    if kind == OrganisationType.INVESTOR:
        return 10
    return 6 if rng.random() < 0.08 else None


def absences(event: Event, rng: random.Random) -> list[TimeSlot]:
    """The slots a participant is away: a whole day, one block, or an hour; mostly none."""
    chance = rng.random()
    if chance < 0.06:
        day = rng.choice(sorted({block.day for block in event.blocks}))
        return [slot for block in event.blocks if block.day == day for slot in block.slots]
    if chance < 0.2:
        return list(rng.choice(event.blocks).slots)
    if chance < 0.3:
        slots = rng.choice(event.blocks).slots
        start = rng.randrange(len(slots) - 1)
        return slots[start : start + 2]
    return []


def _add_preferences(
    session: Session,
    event: Event,
    participants: list[Participant],
    hosts: set[str],
    rng: random.Random,
) -> None:
    """Draw the participants' preferences (needs their ids: call after a flush)."""
    profiles = [
        draw_profile(participant.organisation, participant.organisation.name in hosts, rng)
        for participant in participants
    ]
    ids = [participant.id for participant in participants]
    session.execute(insert(Preference), preference_rows(event, ids, profiles, rng))


def draw_profile(organisation: Organisation, host: bool, rng: random.Random) -> Profile:
    """How appealing and how keen a delegate of `organisation` is (heavy-tailed appeal)."""
    return Profile(
        organisation=organisation.name,
        host=host,
        technologies=frozenset(organisation.technologies),
        appeal=APPEAL[organisation.type] * min(rng.paretovariate(1.5), 8.0),
        activity=_activity(organisation.type, rng),
    )


def preference_rows(
    event: Event, participant_ids: list[int], profiles: list[Profile], rng: random.Random
) -> list[dict[str, object]]:
    """The preferences drawn for the participants of `event`, as rows for a bulk insert."""
    limits = {level: event.limit_for(level) for level in PreferenceLevel}
    rows: list[dict[str, object]] = []
    for wish in draw_wishes(profiles, limits, rng):
        note = ""
        if wish.level == PreferenceLevel.MUST and rng.random() < 0.3:
            note = rng.choice(MUST_NOTES)
        rows.append(
            {
                "event_id": event.id,
                "from_participant_id": participant_ids[wish.source],
                "to_participant_id": participant_ids[wish.target],
                "level": wish.level,
                "note": note,
            }
        )
    return rows


def _activity(kind: OrganisationType, rng: random.Random) -> float:
    """How keen a participant is to mark others: some never do, cluster staff rarely."""
    if rng.random() < 0.08:
        return 0.0
    return 0.4 if kind == OrganisationType.CLUSTER else rng.uniform(0.6, 1.4)


def _instant(day: date, moment: time, zone: str) -> datetime:
    """Aware UTC instant of a wall-clock time in `zone`."""
    return local_to_utc(day, moment, ZoneInfo(zone))


def phone_number(prefix: str, rng: random.Random) -> str:
    return f"{prefix} {rng.randint(20, 99)} {rng.randint(100, 999)} {rng.randint(1000, 9999)}"


def organisation_domain(organisation: str) -> str:
    """A fictional domain for an organisation, under the reserved `.example` TLD."""
    return f"{slugify(organisation)}.example"
