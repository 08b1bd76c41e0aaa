"""Delegation pages: the organisers' list of a mission's delegations, the leads' area, the
delegation calendar feed and a member's consent to marks made for them."""

from matchmaker.delegations.views import feed, lead, members, organiser
from matchmaker.delegations.views.base import bp

__all__ = ["bp", "feed", "lead", "members", "organiser"]
