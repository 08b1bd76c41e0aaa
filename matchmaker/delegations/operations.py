"""Writes of the delegation pages. Callers commit."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from flask_babel import gettext as _
from sqlalchemy.orm import Session

from matchmaker.auth.queries import participant_by_email
from matchmaker.auth.tokens import hash_token
from matchmaker.calendars.tokens import derive_token
from matchmaker.db import utcnow
from matchmaker.delegations import queries
from matchmaker.models import (
    Delegation,
    DelegationLead,
    DelegationLeadInvitation,
    DelegationMember,
    Event,
    Mission,
    Organisation,
    Participant,
    User,
)
from matchmaker.organisations.queries import name_key

LEAD_INVITATION_LIFETIME = timedelta(days=30)


class DelegationRefused(Exception):
    """A delegation change that cannot be made; the message is for the user."""


def create_delegation(
    session: Session, mission: Mission, name: str, cluster: str, country: str
) -> Delegation:
    """A new delegation of the mission."""
    delegation = Delegation(mission_id=mission.id, name=name, cluster=cluster, country=country)
    session.add(delegation)
    session.flush()
    return delegation


def add_lead(session: Session, delegation: Delegation, user: User) -> bool:
    """Let `user` lead the delegation; False if they already do."""
    if session.get(DelegationLead, (delegation.id, user.id)) is not None:
        return False
    session.add(DelegationLead(delegation_id=delegation.id, user_id=user.id))
    return True


def remove_lead(session: Session, delegation: Delegation, user_id: int) -> None:
    """Stop a user leading the delegation."""
    lead = session.get(DelegationLead, (delegation.id, user_id))
    if lead is not None:
        session.delete(lead)


def invite_lead(
    session: Session, delegation: Delegation, email: str, by: User, secret_key: str
) -> DelegationLeadInvitation:
    """Invite an e-mail without an account to lead the delegation; inviting again issues a
    new link (the old one stops working)."""
    invitation = next((i for i in delegation.invitations if i.email == email), None)
    if invitation is None:
        invitation = DelegationLeadInvitation(
            delegation_id=delegation.id, email=email, token_hash="", expires_at=utcnow()
        )
        session.add(invitation)
    invitation.invited_by_id = by.id
    invitation.created_at = utcnow()
    invitation.expires_at = invitation.created_at + LEAD_INVITATION_LIFETIME
    session.flush()
    token = derive_token("lead", invitation.id, invitation.created_at, secret_key)
    invitation.token_hash = hash_token(token)
    return invitation


def accept_lead_invitation(
    session: Session, invitation: DelegationLeadInvitation, user: User
) -> None:
    """The invited account leads the delegation; the invitation is used up."""
    add_lead(session, invitation.delegation, user)
    session.delete(invitation)


def add_member(session: Session, delegation: Delegation, email: str, by: User) -> None:
    """Put the person with this e-mail in the delegation, for every event of the mission.

    A person belongs to at most one delegation per mission: another delegation's member is
    refused; this delegation's is left as is.
    """
    email = email.strip().lower()
    existing = queries.member_by_email(session, delegation.mission_id, email)
    if existing is not None:
        if existing.delegation_id != delegation.id:
            raise DelegationRefused(
                _("%(email)s is already in another delegation of this mission.", email=email)
            )
        return
    session.add(
        DelegationMember(
            mission_id=delegation.mission_id,
            delegation_id=delegation.id,
            email=email,
            added_by_id=by.id,
        )
    )
    session.flush()


def remove_member(session: Session, delegation: Delegation, member_id: int) -> None:
    """Take a person out of the delegation (their registrations stay)."""
    member = next((m for m in delegation.members if m.id == member_id), None)
    if member is not None:
        session.delete(member)


@dataclass(frozen=True)
class PersonDetails:
    """What a lead says about an SME person."""

    first_name: str
    last_name: str
    email: str
    job_title: str
    phone: str
    offers: str
    seeks: str


def register_member(
    session: Session,
    delegation: Delegation,
    event: Event,
    organisation_name: str,
    country: str,
    person: PersonDetails,
    by: User,
) -> Participant:
    """Register an SME person for an event of the delegation's mission, in the delegation.

    Their organisation is one already registered by the delegation with the same name, or
    a new one of the delegation's cluster.
    """
    if event.mission_id != delegation.mission_id:
        raise DelegationRefused(_("This event is not part of the delegation's mission."))
    email = person.email.strip().lower()
    if participant_by_email(session, event, email) is not None:
        raise DelegationRefused(
            _(
                "%(email)s is already registered for %(event)s.",
                email=email,
                event=event.display_name,
            )
        )
    add_member(session, delegation, email, by)
    organisation = next(
        (
            p.organisation
            for p in queries.member_participants(session, delegation)
            if name_key(p.organisation.name) == name_key(organisation_name)
        ),
        None,
    ) or Organisation(
        name=organisation_name,
        country=country,
        cluster=delegation.cluster or delegation.name,
        sectors=[],
        technologies=[],
    )
    participant = Participant(
        event=event,
        organisation=organisation,
        first_name=person.first_name,
        last_name=person.last_name,
        email=email,
        job_title=person.job_title,
        phone=person.phone,
        offers=person.offers,
        seeks=person.seeks,
    )
    session.add(participant)
    session.flush()
    return participant


def update_member(participant: Participant, person: PersonDetails) -> None:
    """Change an SME person's details (not their e-mail: it is their membership)."""
    participant.first_name = person.first_name
    participant.last_name = person.last_name
    participant.job_title = person.job_title
    participant.phone = person.phone
    participant.offers = person.offers
    participant.seeks = person.seeks


def set_consent(member: DelegationMember, allow: bool, now: datetime) -> None:
    """Allow (or stop allowing) the delegation's leads to mark preferences for the person."""
    member.lead_may_mark_at = now if allow else None


def issue_feed_token(delegation: Delegation, secret_key: str) -> str:
    """A new delegation feed token (the old link stops working); returns it."""
    issued = utcnow()
    token = derive_token("delegation-feed", delegation.id, issued, secret_key)
    delegation.feed_token_created_at = issued
    delegation.feed_token_hash = hash_token(token)
    return token


def revoke_feed_token(delegation: Delegation) -> None:
    """Switch the delegation feed off: its link answers 404 from now on."""
    delegation.feed_token_hash = None
    delegation.feed_token_created_at = None
