"""Reads for organisation membership, and finding an organisation by what a person types."""

from __future__ import annotations

import re
from collections.abc import Sequence
from difflib import SequenceMatcher

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from matchmaker.models import Event, Organisation, OrganisationMember, Participant, User
from matchmaker.text import fold

MAX_MATCHES = 5
NEAR_RATIO = 0.85
# Legal forms that do not tell organisations apart ("Robótica Lda" is "Robotica").
_LEGAL_FORMS = re.compile(
    r"\b(gmbh|ag|kg|ltd|limited|llc|inc|corp|sa|sas|sarl|srl|spa|sl|lda|bv|nv|ab|oy|as|plc|co)\b"
)
# Addresses anyone can get say nothing about an employer.
PUBLIC_MAIL_DOMAINS = frozenset(
    {
        "gmail.com",
        "googlemail.com",
        "outlook.com",
        "hotmail.com",
        "live.com",
        "yahoo.com",
        "icloud.com",
        "me.com",
        "aol.com",
        "proton.me",
        "protonmail.com",
        "gmx.de",
        "gmx.net",
        "web.de",
        "t-online.de",
        "orange.fr",
        "free.fr",
        "libero.it",
        "mail.com",
        "example.org",
    }
)


def name_key(name: str) -> str:
    """A name reduced to what tells organisations apart: letters and digits, no accents,
    no case, no legal form."""
    return re.sub(r"[^0-9a-z]+", "", _LEGAL_FORMS.sub(" ", re.sub(r"[^\w]+", " ", fold(name))))


def is_near(typed: str, name: str) -> bool:
    """Whether `name` is what someone typing `typed` most likely means."""
    typed_key, key = name_key(typed), name_key(name)
    if not typed_key or not key:
        return False
    if typed_key == key:
        return True
    shorter, longer = sorted((typed_key, key), key=len)
    if len(shorter) >= 5 and longer.startswith(shorter):
        return True
    return SequenceMatcher(None, typed_key, key).ratio() >= NEAR_RATIO


def _email_domain(email: str) -> str:
    return email.rpartition("@")[2].lower()


def matching_organisations(session: Session, typed_name: str, email: str) -> list[Organisation]:
    """At most `MAX_MATCHES` organisations a person probably means: those whose name is near
    `typed_name`, then those with an approved member at the same e-mail domain (not a
    public mail service). Exact name matches come first."""
    named = [
        organisation_id
        for organisation_id, name in session.execute(select(Organisation.id, Organisation.name))
        if is_near(typed_name, name)
    ]
    domain = _email_domain(email)
    by_domain: list[int] = []
    if domain and domain not in PUBLIC_MAIL_DOMAINS:
        by_domain = list(
            session.scalars(
                select(OrganisationMember.organisation_id)
                .join(User, OrganisationMember.user_id == User.id)
                .where(
                    User.email.endswith(f"@{domain}", autoescape=True),
                    OrganisationMember.approved_at.is_not(None),
                )
                .distinct()
            )
        )
    ids = list(dict.fromkeys([*named, *by_domain]))
    if not ids:
        return []
    found = {
        organisation.id: organisation
        for organisation in session.scalars(select(Organisation).where(Organisation.id.in_(ids)))
    }
    exact = name_key(typed_name)
    ordered = sorted(ids, key=lambda item: name_key(found[item].name) != exact)
    return [found[item] for item in ordered[:MAX_MATCHES]]


def membership(session: Session, organisation_id: int, user_id: int) -> OrganisationMember | None:
    """The user's membership (approved or pending) of the organisation."""
    return session.scalars(
        select(OrganisationMember).where(
            OrganisationMember.organisation_id == organisation_id,
            OrganisationMember.user_id == user_id,
        )
    ).first()


def is_approved_member(session: Session, organisation_id: int, user_id: int) -> bool:
    """Whether the user may change the organisation's profile."""
    found = membership(session, organisation_id, user_id)
    return found is not None and found.approved


def pending_in_event(
    session: Session, event: Event
) -> Sequence[tuple[OrganisationMember, Participant]]:
    """Pending requests to join an organisation from people registered for the event with
    it, oldest first, each with that registration."""
    rows = session.execute(
        select(OrganisationMember, Participant)
        .join(
            Participant,
            (Participant.user_id == OrganisationMember.user_id)
            & (Participant.organisation_id == OrganisationMember.organisation_id),
        )
        .where(Participant.event_id == event.id, OrganisationMember.approved_at.is_(None))
        .options(joinedload(OrganisationMember.organisation))
        .order_by(OrganisationMember.requested_at, OrganisationMember.id)
    )
    return [(member, participant) for member, participant in rows]


def pending_for_organisation(
    session: Session, event: Event, organisation_id: int
) -> list[tuple[OrganisationMember, Participant]]:
    """The event's pending requests to join one organisation."""
    return [
        (member, participant)
        for member, participant in pending_in_event(session, event)
        if member.organisation_id == organisation_id
    ]
