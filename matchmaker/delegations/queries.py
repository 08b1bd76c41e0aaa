"""Reads about delegations: who belongs to which, who leads which, members' participants."""

from __future__ import annotations

from collections.abc import Collection, Sequence

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session, selectinload

from matchmaker.models import (
    Delegation,
    DelegationLead,
    DelegationLeadInvitation,
    DelegationMember,
    Event,
    Meeting,
    MeetingStatus,
    Mission,
    Organisation,
    Participant,
    Phase,
    Preference,
)

# A participant is a member when their e-mail, lower-cased, is a member's of their mission.
_MEMBER_OF = DelegationMember.email == func.lower(Participant.email)


def event_delegations(session: Session, event: Event) -> dict[int, int]:
    """Participant id -> delegation id, for the event's participants in a delegation."""
    rows = session.execute(
        select(Participant.id, DelegationMember.delegation_id)
        .join(
            DelegationMember,
            and_(_MEMBER_OF, DelegationMember.mission_id == event.mission_id),
        )
        .where(Participant.event_id == event.id)
    )
    return {participant_id: delegation_id for participant_id, delegation_id in rows}


def kept_apart_delegations(session: Session, event: Event) -> dict[int, int]:
    """Participant id -> delegation id for the solver to keep members of one delegation
    apart (like colleagues); empty when the event lets them meet."""
    if event.delegation_members_may_meet:
        return {}
    return event_delegations(session, event)


def delegation_names(session: Session, event: Event) -> dict[int, str]:
    """Participant id -> the name of their delegation, for the event's members."""
    rows = session.execute(
        select(Participant.id, Delegation.name)
        .join(
            DelegationMember,
            and_(_MEMBER_OF, DelegationMember.mission_id == event.mission_id),
        )
        .join(Delegation, Delegation.id == DelegationMember.delegation_id)
        .where(Participant.event_id == event.id)
    )
    return {participant_id: name for participant_id, name in rows}


def delegation_of(session: Session, participant: Participant) -> Delegation | None:
    """The participant's delegation on their event's mission, if any."""
    return session.scalars(
        select(Delegation)
        .join(DelegationMember, DelegationMember.delegation_id == Delegation.id)
        .where(
            DelegationMember.mission_id == participant.event.mission_id,
            DelegationMember.email == participant.email.lower(),
        )
    ).first()


def membership_of(session: Session, participant: Participant) -> DelegationMember | None:
    """The participant's membership row on their event's mission, if any."""
    return member_by_email(session, participant.event.mission_id, participant.email)


def member_by_email(session: Session, mission_id: int, email: str) -> DelegationMember | None:
    """The mission's membership of this e-mail (any case), if any."""
    return session.scalars(
        select(DelegationMember).where(
            DelegationMember.mission_id == mission_id, DelegationMember.email == email.lower()
        )
    ).first()


def mission_delegations(session: Session, mission: Mission) -> Sequence[Delegation]:
    """The mission's delegations by name, with leads, members and open invitations."""
    return session.scalars(
        select(Delegation)
        .where(Delegation.mission_id == mission.id)
        .options(
            selectinload(Delegation.leads).selectinload(DelegationLead.user),
            selectinload(Delegation.members),
            selectinload(Delegation.invitations),
        )
        .order_by(Delegation.name)
    ).all()


def led_delegations(session: Session, user_id: int) -> Sequence[Delegation]:
    """The delegations the user leads, by mission and name."""
    return session.scalars(
        select(Delegation)
        .join(DelegationLead, DelegationLead.delegation_id == Delegation.id)
        .join(Mission, Mission.id == Delegation.mission_id)
        .where(DelegationLead.user_id == user_id)
        .order_by(Mission.name, Delegation.name)
    ).all()


def led_delegation(session: Session, user_id: int, delegation_id: int) -> Delegation | None:
    """The delegation if the user leads it, else None."""
    return session.scalars(
        select(Delegation)
        .join(DelegationLead, DelegationLead.delegation_id == Delegation.id)
        .where(Delegation.id == delegation_id, DelegationLead.user_id == user_id)
    ).first()


def mission_delegation(session: Session, mission: Mission, delegation_id: int) -> Delegation | None:
    """A delegation of this mission, or None (also for another mission's)."""
    return session.scalars(
        select(Delegation).where(
            Delegation.id == delegation_id, Delegation.mission_id == mission.id
        )
    ).first()


def member_participants(session: Session, delegation: Delegation) -> Sequence[Participant]:
    """Every participant (any event of the mission) whose e-mail is a member's, by event
    and name, with their event and organisation."""
    return session.scalars(
        select(Participant)
        .join(Event, Event.id == Participant.event_id)
        .join(
            DelegationMember,
            and_(_MEMBER_OF, DelegationMember.mission_id == Event.mission_id),
        )
        .where(DelegationMember.delegation_id == delegation.id)
        .options(selectinload(Participant.organisation), selectinload(Participant.event))
        .order_by(Event.id, Participant.last_name, Participant.first_name)
    ).all()


def member_participant(
    session: Session, delegation: Delegation, participant_id: int
) -> Participant | None:
    """One member's participant by id, or None when they are not in the delegation."""
    return next(
        (p for p in member_participants(session, delegation) if p.id == participant_id), None
    )


def marks_given(session: Session, participant_ids: Sequence[int]) -> dict[int, int]:
    """Participant id -> how many people they marked."""
    rows = session.execute(
        select(Preference.from_participant_id, func.count())
        .where(Preference.from_participant_id.in_(participant_ids))
        .group_by(Preference.from_participant_id)
    )
    return {participant_id: count for participant_id, count in rows}


def meeting_counts(session: Session, participant_ids: Sequence[int]) -> dict[int, int]:
    """Participant id -> how many meetings of a published schedule they have (confirmed)."""
    counts: dict[int, int] = {}
    for column in (Meeting.participant_a_id, Meeting.participant_b_id):
        rows = session.execute(
            select(column, func.count())
            .join(Event, Event.id == Meeting.event_id)
            .where(
                column.in_(participant_ids),
                Meeting.status == MeetingStatus.CONFIRMED,
                Event.phase == Phase.PUBLISHED,
            )
            .group_by(column)
        )
        for participant_id, count in rows:
            counts[participant_id] = counts.get(participant_id, 0) + count
    return counts


def invitation_by_hash(session: Session, token_hash: str) -> DelegationLeadInvitation | None:
    """The lead invitation whose token has this hash."""
    return session.scalars(
        select(DelegationLeadInvitation).where(DelegationLeadInvitation.token_hash == token_hash)
    ).first()


def delegation_by_feed_hash(session: Session, token_hash: str) -> Delegation | None:
    """The delegation whose current feed token has this hash."""
    return session.scalars(
        select(Delegation).where(Delegation.feed_token_hash == token_hash)
    ).first()


def markable_people(
    session: Session, member: Participant, left_out: Collection[int], search: str, limit: int
) -> Sequence[Participant]:
    """Active people of the member's event a lead may mark for them, by name: not the
    member, their colleagues or `left_out`; matching every word of `search` in the name
    or organisation; at most `limit`."""
    query = (
        select(Participant)
        .join(Organisation, Organisation.id == Participant.organisation_id)
        .where(
            Participant.event_id == member.event_id,
            Participant.withdrawn_at.is_(None),
            Participant.id != member.id,
            Participant.organisation_id != member.organisation_id,
            Participant.id.not_in(left_out),
        )
        .options(selectinload(Participant.organisation))
        .order_by(Organisation.name, Participant.last_name, Participant.first_name)
        .limit(limit)
    )
    for word in search.lower().split():
        pattern = f"%{word}%"
        query = query.where(
            or_(
                func.lower(Participant.first_name).like(pattern),
                func.lower(Participant.last_name).like(pattern),
                func.lower(Organisation.name).like(pattern),
            )
        )
    return session.scalars(query).all()
