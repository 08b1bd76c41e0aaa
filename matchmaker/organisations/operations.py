"""Writes for organisation membership (callers commit)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from matchmaker.models import Organisation, OrganisationMember, User
from matchmaker.organisations import queries


def add_member(
    session: Session,
    organisation: Organisation,
    user: User,
    *,
    approved_at: datetime | None,
    approved_by: User | None = None,
) -> OrganisationMember:
    """Record that `user` belongs to `organisation`: approved at once (they created it, or an
    organiser vouched for them) or pending (`approved_at` None). An existing membership is
    kept, and approved if this one is."""
    existing = (
        queries.membership(session, organisation.id, user.id)
        if organisation.id is not None and user.id is not None
        else None
    )
    if existing is None:
        existing = OrganisationMember(organisation=organisation, user=user)
        session.add(existing)
    if approved_at is not None and existing.approved_at is None:
        existing.approved_at = approved_at
        existing.approved_by_id = approved_by.id if approved_by is not None else None
    return existing


def approve(member: OrganisationMember, by: User, now: datetime) -> None:
    """Let the member change the organisation's profile from now on."""
    member.approved_at = now
    member.approved_by_id = by.id


def decline(session: Session, member: OrganisationMember) -> None:
    """Drop the request: the person still takes part, but cannot change the profile."""
    session.delete(member)
