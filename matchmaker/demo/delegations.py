"""The demo's delegations: each European cluster's delegates at each mission, led by the
cluster's manager, with every other member allowing their lead to mark for them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from matchmaker.demo import data
from matchmaker.models import Delegation, DelegationLead, DelegationMember, Event, User


@dataclass(frozen=True)
class LeadSpec:
    """The manager of a cluster who leads its delegation on every mission."""

    country: str
    first_name: str
    last_name: str


LEADS = (
    LeadSpec("FR", "Claire", "Moreau"),
    LeadSpec("PT", "Inês", "Carvalho"),
    LeadSpec("ES", "Iker", "Etxeberria"),
    LeadSpec("IT", "Giulia", "Ricci"),
    LeadSpec("DE", "Jonas", "Petersen"),
    LeadSpec("SE", "Karin", "Lindqvist"),
)
"""Their accounts are passed to `add_delegations` in this order."""


def add_delegations(
    session: Session, events: Sequence[Event], leads: Sequence[User], consented_at: datetime
) -> None:
    """A delegation per cluster and mission with the cluster's delegates at its event."""
    for event in events:
        for group, lead in zip(data.DELEGATIONS, leads, strict=True):
            emails = sorted(
                {
                    p.email.lower()
                    for p in event.participants
                    if p.organisation.cluster == group.cluster
                }
            )
            if not emails:
                continue
            delegation = Delegation(
                mission_id=event.mission_id,
                name=group.cluster,
                country=group.country,
                cluster=group.cluster,
            )
            session.add(delegation)
            session.flush()
            session.add(DelegationLead(delegation_id=delegation.id, user_id=lead.id))
            session.add_all(
                DelegationMember(
                    mission_id=event.mission_id,
                    delegation_id=delegation.id,
                    email=email,
                    lead_may_mark_at=consented_at if index % 2 == 0 else None,
                )
                for index, email in enumerate(emails)
            )
