"""The catalogue: filter, score and paginate an event's participants in memory.

The view loads the event's people and organisations once; everything here is plain Python
over those objects, so a page costs the same handful of queries with 20 or 2,000 people.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from matchmaker.models import Event, Participant, Preference, PreferenceLevel
from matchmaker.participants.matching import (
    MatchProfile,
    Reason,
    TermMatcher,
    match_profile,
    match_reasons,
    relevance,
)

PER_PAGE = 24


@dataclass(frozen=True)
class CatalogueFilters:
    """What the viewer searches for; empty strings mean "any"."""

    text: str = ""
    country: str = ""
    sector: str = ""
    technology: str = ""
    type: str = ""


@dataclass(frozen=True)
class Card:
    """One person in the catalogue, with why to meet them and the viewer's current mark."""

    participant: Participant
    reasons: tuple[Reason, ...]
    score: int
    my_preference: Preference | None
    colleague: bool

    @property
    def my_level(self) -> PreferenceLevel | None:
        return self.my_preference.level if self.my_preference else None


@dataclass(frozen=True)
class CataloguePage:
    """One page of cards plus what the pager needs."""

    cards: list[Card]
    page: int
    pages: int
    total: int


def event_matcher(event: Event) -> TermMatcher:
    """The term matcher for the event's taxonomy (technologies and sectors)."""
    return TermMatcher([*event.technologies, *event.sectors])


def _haystack(participant: Participant) -> str:
    organisation = participant.organisation
    return " ".join(
        (
            participant.full_name,
            participant.job_title,
            organisation.name,
            organisation.cluster,
            organisation.offers,
            organisation.requests,
            organisation.description,
            *organisation.technologies,
            *organisation.sectors,
        )
    ).casefold()


def _matches(participant: Participant, filters: CatalogueFilters, words: list[str]) -> bool:
    organisation = participant.organisation
    if filters.country and organisation.country != filters.country:
        return False
    if filters.type and organisation.type.value != filters.type:
        return False
    if filters.sector and filters.sector not in organisation.sectors:
        return False
    if filters.technology and filters.technology not in organisation.technologies:
        return False
    if words:
        haystack = _haystack(participant)
        return all(word in haystack for word in words)
    return True


def build_catalogue(
    viewer: Participant,
    people: Sequence[Participant],
    given: dict[int, Preference],
    received: dict[int, Preference],
    matcher: TermMatcher,
    filters: CatalogueFilters,
    page: int,
    per_page: int = PER_PAGE,
) -> CataloguePage:
    """The requested page of everyone but the viewer, most relevant first, then by name."""
    words = filters.text.casefold().split()
    viewer_profile = match_profile(viewer.organisation, matcher)
    profiles: dict[int, MatchProfile] = {}
    cards: list[Card] = []
    for person in people:
        if person.id == viewer.id or not _matches(person, filters, words):
            continue
        profile = profiles.get(person.organisation_id)
        if profile is None:
            profile = profiles[person.organisation_id] = match_profile(person.organisation, matcher)
        wish = received.get(person.id)
        their_level = wish.level if wish else None
        reasons = match_reasons(viewer_profile, profile, their_level)
        cards.append(
            Card(
                participant=person,
                reasons=reasons,
                score=relevance(reasons, their_level),
                my_preference=given.get(person.id),
                colleague=person.organisation_id == viewer.organisation_id,
            )
        )
    cards.sort(key=lambda card: -card.score)  # stable: ties keep the name order
    pages = max(1, math.ceil(len(cards) / per_page))
    page = min(max(page, 1), pages)
    start = (page - 1) * per_page
    return CataloguePage(cards[start : start + per_page], page, pages, len(cards))


def reasons_between(
    viewer: Participant, other: Participant, matcher: TermMatcher
) -> tuple[Reason, ...]:
    """Why the viewer meets `other` (as on the agenda), without preference reasons."""
    return match_reasons(
        match_profile(viewer.organisation, matcher), match_profile(other.organisation, matcher)
    )
