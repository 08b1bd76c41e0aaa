"""The delegations blueprint and what its views share: a lead's own delegation, its
members' participants; anything else answers 404."""

from __future__ import annotations

from collections.abc import Sequence
from typing import cast

from flask import Blueprint, abort
from flask_login import current_user

from matchmaker.db import get_session
from matchmaker.delegations import queries
from matchmaker.models import Delegation, DelegationMember, Participant, User

bp = Blueprint("delegations", __name__, cli_group=None)


def signed_in_user() -> User:
    return cast(User, current_user._get_current_object())


def led_delegation_or_404(delegation_id: int) -> Delegation:
    """The delegation if the signed-in user leads it, else 404 (admins and organisers too:
    they manage delegations from the mission's page)."""
    delegation = queries.led_delegation(get_session(), current_user.id, delegation_id)
    if delegation is None:
        abort(404)
    return delegation


def member_or_404(delegation: Delegation, participant_id: int) -> Participant:
    """A participant of the delegation's members, else 404."""
    participant = queries.member_participant(get_session(), delegation, participant_id)
    if participant is None:
        abort(404)
    return participant


@bp.app_template_global()
def delegation_membership(participant: Participant) -> DelegationMember | None:
    """The participant's membership of a delegation of their mission, for their pages."""
    return queries.membership_of(get_session(), participant)


@bp.app_template_global()
def my_delegations() -> Sequence[Delegation]:
    """The delegations the signed-in user leads, for their account page."""
    return queries.led_delegations(get_session(), current_user.id)
