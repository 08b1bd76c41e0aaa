"""A scaled demo event: N participants at a large fair, to try and measure the app at scale.

The organisations are variations of the demo's (their names recombined, their profiles
kept), the people are drawn from the demo's delegations, availability gaps, caps and
heavy-tailed preferences are drawn as in the demo, with a fixed seed: the same N gives the
same event. Rows go in with bulk inserts, so 2,000 participants load in seconds.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from datetime import date, time

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from matchmaker.auth.passwords import generate_password
from matchmaker.demo import data
from matchmaker.demo.building import (
    ACCOUNT_DOMAIN,
    DemoAccount,
    DemoAccounts,
    DemoRefused,
    absences,
    build_event,
    create_accounts,
    draw_profile,
    meeting_cap,
    organisation_domain,
    organisation_of,
    phone_number,
    preference_rows,
)
from matchmaker.models import (
    Event,
    Organisation,
    OrganisationType,
    Participant,
    Preference,
    Role,
    Unavailability,
    User,
)
from matchmaker.organiser.operations import slugify

SEED = 2027
HOST_SHARE = 0.4
"""The share of organisations from the host market (the rest come with the delegations)."""
DELEGATES = (1, 1, 1, 1, 1, 1, 2, 2, 2, 3, 3, 4)
"""How many people an organisation sends, drawn uniformly: mostly one, a few up to four."""
EXHIBITOR_CHANCE = 0.25
"""The chance that an organisation exhibits (its first delegate meets at the booth)."""
MIN_PARTICIPANTS = 10


def scaled_slug(participants: int) -> str:
    """The slug of the scaled event of `participants` people."""
    return f"fair-{participants}"


def _spec(participants: int) -> data.EventSpec:
    """Two days of two 3.5-hour blocks (28 slots of 30 minutes), one table per 8 people."""
    return replace(
        data.HANNOVER,
        mission_slug=f"scaled-fair-{participants}",
        mission_name=f"Industry 4.0 fair with {participants:,} participants",
        mission_start=date(2027, 9, 13),
        mission_end=date(2027, 9, 16),
        slug=scaled_slug(participants),
        name=f"Large-fair B2B ({participants:,} participants)",
        days=(date(2027, 9, 14), date(2027, 9, 15)),
        blocks=(("Morning", time(9), time(12, 30)), ("Afternoon", time(13, 30), time(17))),
        tables=max(1, participants // 8),
        registration_deadline=(date(2027, 8, 20), time(23, 59)),
        preferences_deadline=(date(2027, 9, 6), time(23, 59)),
    )


@dataclass(frozen=True)
class _Delegate:
    """A participant drawn for the scaled event, before it has ids."""

    organisation: Organisation
    host: bool
    first_name: str
    last_name: str
    email: str
    phone: str
    job_title: str
    location: str | None
    max_meetings: int | None

    def row(self, event_id: int, user_id: int | None) -> dict[str, object]:
        """The participant's row for a bulk insert."""
        return {
            "event_id": event_id,
            "user_id": user_id,
            "organisation_id": self.organisation.id,
            "first_name": self.first_name,
            "last_name": self.last_name,
            "email": self.email,
            "phone": self.phone,
            "job_title": self.job_title,
            "location": self.location,
            "max_meetings": self.max_meetings,
        }


def load_scaled_demo(session: Session, participants: int) -> DemoAccounts:
    """Add the scaled event of `participants` people, with an organiser account and three
    participant accounts (no commit).

    Raises DemoRefused when the event or one of its accounts already exists.
    """
    if participants < MIN_PARTICIPANTS:
        raise DemoRefused(f"a scaled event needs at least {MIN_PARTICIPANTS} participants")
    spec = _spec(participants)
    if session.scalar(select(Event.id).where(Event.slug == spec.slug)) is not None:
        raise DemoRefused(f"the event {spec.slug} already exists")
    rng = random.Random(SEED)
    delegates = _delegates(participants, rng)
    accounts, users = _accounts(session, spec.slug, delegates)
    event = build_event(spec, users[0])
    session.add(event.mission)
    session.add_all(dict.fromkeys(delegate.organisation for delegate in delegates))
    session.flush()
    user_ids: list[int | None] = [user.id for user in users[1:]]
    user_ids += [None] * (len(delegates) - len(user_ids))
    participant_ids = list(
        session.scalars(
            insert(Participant).returning(Participant.id, sort_by_parameter_order=True),
            [
                delegate.row(event.id, user_id)
                for delegate, user_id in zip(delegates, user_ids, strict=True)
            ],
        )
    )
    gaps = [
        {"participant_id": participant_id, "slot_id": slot.id}
        for participant_id in participant_ids
        for slot in absences(event, rng)
    ]
    if gaps:
        session.execute(insert(Unavailability), gaps)
    profiles = [draw_profile(delegate.organisation, delegate.host, rng) for delegate in delegates]
    session.execute(insert(Preference), preference_rows(event, participant_ids, profiles, rng))
    return DemoAccounts(tuple(accounts))


def _delegates(participants: int, rng: random.Random) -> list[_Delegate]:
    """Organisations and their delegates until there are `participants` people."""
    templates = [
        (group, spec)
        for group in (*data.DELEGATIONS, data.UNITED_STATES)
        for spec in group.organisations
    ]
    prefixes = sorted({spec.name.split()[0] for _group, spec in templates})
    suffixes = sorted(
        {" ".join(spec.name.split()[1:]) for _group, spec in templates if " " in spec.name}
    )
    names: set[str] = set()
    emails: set[str] = set()
    delegates: list[_Delegate] = []
    while len(delegates) < participants:
        host = rng.random() < HOST_SHARE
        group, spec = rng.choice(
            [(group, spec) for group, spec in templates if (group is data.UNITED_STATES) == host]
        )
        name = _unique(f"{rng.choice(prefixes)} {rng.choice(suffixes)}", names)
        organisation = organisation_of(spec, group, name)
        booth = _booth(rng) if rng.random() < EXHIBITOR_CHANCE else None
        titles = data.JOB_TITLES[spec.type]
        for index in range(min(rng.choice(DELEGATES), participants - len(delegates))):
            first = rng.choice(group.first_names.split())
            last = rng.choice(group.last_names.split())
            local = f"{slugify(first)}.{slugify(last)}"
            delegates.append(
                _Delegate(
                    organisation=organisation,
                    host=host,
                    first_name=first,
                    last_name=last,
                    email=_unique(f"{local}@{organisation_domain(name)}", emails),
                    phone=phone_number(group.phone_prefix, rng) if rng.random() < 0.7 else "",
                    job_title=rng.choice(titles[:2] if index == 0 else titles[1:]),
                    location=booth if index == 0 else None,
                    max_meetings=meeting_cap(spec.type, rng),
                )
            )
    return delegates


def _accounts(
    session: Session, slug: str, delegates: list[_Delegate]
) -> tuple[list[DemoAccount], list[User]]:
    """The organiser's account, then accounts for three participants: a popular host
    (large company or investor), a delegate of an SME and an exhibitor (when there is one).

    The chosen participants are moved to the front of `delegates` and take the account's
    email; the users are returned in the same order (organiser first).
    """
    kinds = [
        (True, (OrganisationType.LARGE_COMPANY, OrganisationType.INVESTOR), False),
        (False, (OrganisationType.SME,), False),
        (None, tuple(OrganisationType), True),
    ]
    chosen = [
        next(
            (
                index
                for index, delegate in enumerate(delegates)
                if host in (None, delegate.host)
                and delegate.organisation.type in types
                and (delegate.location is not None or not exhibitor)
            ),
            None,
        )
        for host, types, exhibitor in kinds
    ]
    picked = list(dict.fromkeys(index for index in chosen if index is not None))
    accounts = [
        DemoAccount(
            f"organiser.{slug}@{ACCOUNT_DOMAIN}",
            generate_password(),
            Role.ORGANISER,
            "Hélène Dumas",
            f"organiser of {slug}",
        )
    ]
    for index in picked:
        delegate = delegates[index]
        local = f"{slugify(delegate.first_name)}.{slugify(delegate.last_name)}"
        email = f"{local}.{slug}@{ACCOUNT_DOMAIN}"
        delegates[index] = replace(delegate, email=email)
        accounts.append(
            DemoAccount(
                email,
                generate_password(),
                Role.PARTICIPANT,
                f"{delegate.first_name} {delegate.last_name}",
                f"{delegate.organisation.name} at {slug}",
            )
        )
    front = [delegates[index] for index in picked]
    delegates[:] = front + [d for index, d in enumerate(delegates) if index not in picked]
    return accounts, create_accounts(session, accounts)


def _unique(text: str, taken: set[str]) -> str:
    """`text`, or `text` with a number when it is taken (before any `@`); then taken."""
    local, at, domain = text.partition("@")
    candidate, number = text, 1
    while candidate in taken:
        number += 1
        candidate = f"{local}.{number}{at}{domain}" if at else f"{text} {number}"
    taken.add(candidate)
    return candidate


def _booth(rng: random.Random) -> str:
    return f"Hall {rng.randint(2, 27)}, Booth {rng.choice('ABCDEFGH')}{rng.randint(1, 60):02d}"
