"""The catalogue: filter, score and paginate an event's participants in memory.

The view loads the event's people and organisations once as plain rows; everything here is
Python over those rows, and only the page's two dozen people are then loaded as models, so a
page costs the same handful of queries with 20 or 2,000 people. The rows and the
organisations' match profiles are kept per event in each process (`event_catalogue`) until a
participant or an organisation of the event changes.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session

from matchmaker.models import Event, Participant, Preference, PreferenceLevel
from matchmaker.participants import queries
from matchmaker.participants.matching import (
    MatchProfile,
    Reason,
    TermMatcher,
    match_profile,
    match_reasons,
    relevance,
)
from matchmaker.participants.queries import CatalogueRow, summary_of
from matchmaker.text import fold

PER_PAGE = 24
CACHE_KEY = "matchmaker.catalogues"
CACHED_EVENTS = 16
SORT_ORDERS = {
    "": _l("Best match first"),
    "name": _l("By name"),
    "organisation": _l("By organisation"),
}


@dataclass(frozen=True)
class CatalogueFilters:
    """What the viewer searches for; empty strings mean "any"."""

    text: str = ""
    country: str = ""
    sector: str = ""
    technology: str = ""
    type: str = ""
    sort: str = ""


@dataclass(frozen=True)
class Hit:
    """A person found for the viewer: why to meet them and how relevant they are."""

    participant_id: int
    reasons: tuple[Reason, ...]
    score: int
    colleague: bool


@dataclass(frozen=True)
class CataloguePage:
    """One page of hits plus what the pager needs."""

    hits: list[Hit]
    page: int
    pages: int
    total: int


@dataclass(frozen=True)
class Card:
    """A hit with the person's full record and the viewer's current mark, for the page."""

    participant: Participant
    reasons: tuple[Reason, ...]
    score: int
    my_preference: Preference | None
    colleague: bool

    @property
    def my_level(self) -> PreferenceLevel | None:
        return self.my_preference.level if self.my_preference else None


def event_matcher(event: Event) -> TermMatcher:
    """The term matcher for the event's taxonomy (technologies and sectors)."""
    return TermMatcher([*event.technologies, *event.sectors])


def _haystack(row: CatalogueRow) -> str:
    organisation = row.organisation
    return " ".join(
        (
            row.full_name,
            row.job_title,
            organisation.name,
            organisation.cluster,
            organisation.offers,
            organisation.requests,
            organisation.description,
            *organisation.technologies,
            *organisation.sectors,
        )
    )


def _matches(
    row: CatalogueRow, filters: CatalogueFilters, words: list[str], haystacks: dict[int, str]
) -> bool:
    organisation = row.organisation
    if filters.country and organisation.country != filters.country:
        return False
    if filters.type and organisation.type.value != filters.type:
        return False
    if filters.sector and filters.sector not in organisation.sectors:
        return False
    if filters.technology and filters.technology not in organisation.technologies:
        return False
    if words:
        haystack = haystacks.get(row.participant_id)
        if haystack is None:
            haystack = haystacks[row.participant_id] = fold(_haystack(row))
        return all(word in haystack for word in words)
    return True


def build_catalogue(
    viewer: Participant,
    rows: Sequence[CatalogueRow],
    received: dict[int, Preference],
    matcher: TermMatcher,
    filters: CatalogueFilters,
    page: int,
    per_page: int = PER_PAGE,
    profiles: dict[int, MatchProfile] | None = None,
    haystacks: dict[int, str] | None = None,
) -> CataloguePage:
    """The requested page of everyone but the viewer: most relevant first, then by name
    (`rows` come by name), unless the filters ask for name or organisation order.

    `profiles` keeps the rows' match profiles between calls (by participant id: what a person
    offers and seeks is theirs), `haystacks` their folded searchable text.
    """
    words = fold(filters.text).split()
    viewer_profile = match_profile(summary_of(viewer), matcher)
    profiles = {} if profiles is None else profiles
    haystacks = {} if haystacks is None else haystacks
    hits: list[Hit] = []
    if filters.sort == "organisation":
        rows = sorted(rows, key=lambda row: row.organisation.name.casefold())
    for row in rows:
        if row.participant_id == viewer.id or not _matches(row, filters, words, haystacks):
            continue
        organisation = row.organisation
        profile = profiles.get(row.participant_id)
        if profile is None:
            profile = profiles[row.participant_id] = match_profile(organisation, matcher)
        wish = received.get(row.participant_id)
        their_level = wish.level if wish else None
        reasons = match_reasons(viewer_profile, profile, their_level)
        hits.append(
            Hit(
                participant_id=row.participant_id,
                reasons=reasons,
                score=relevance(reasons, their_level),
                colleague=organisation.id == viewer.organisation_id,
            )
        )
    if not filters.sort:
        hits.sort(key=lambda hit: -hit.score)  # stable: ties keep the name order
    pages = max(1, math.ceil(len(hits) / per_page))
    page = min(max(page, 1), pages)
    start = (page - 1) * per_page
    return CataloguePage(hits[start : start + per_page], page, pages, len(hits))


@dataclass(frozen=True)
class EventCatalogue:
    """What every viewer's catalogue of one event starts from."""

    rows: list[CatalogueRow]
    countries: list[str]
    matcher: TermMatcher
    profiles: dict[int, MatchProfile] = field(default_factory=dict)
    """Match profiles by participant id, filled as pages need them."""
    haystacks: dict[int, str] = field(default_factory=dict)
    """Folded searchable text by participant id, filled as searches need it."""


def event_catalogue(session: Session, event: Event) -> EventCatalogue:
    """The event's catalogue rows, loaded once per process and kept until the event's
    people, their organisations or the event's taxonomy change."""
    cache: dict[int, tuple[object, EventCatalogue]] = current_app.extensions.setdefault(
        CACHE_KEY, {}
    )
    stamp = (
        queries.catalogue_fingerprint(session, event),
        tuple(event.technologies),
        tuple(event.sectors),
    )
    cached = cache.get(event.id)
    if cached is not None and cached[0] == stamp:
        return cached[1]
    rows = queries.catalogue_rows(session, event)
    catalogue = EventCatalogue(
        rows=rows,
        countries=sorted({row.organisation.country for row in rows} - {""}),
        matcher=event_matcher(event),
    )
    cache.pop(event.id, None)
    while len(cache) >= CACHED_EVENTS:
        cache.pop(next(iter(cache)))
    cache[event.id] = (stamp, catalogue)
    return catalogue


def cards(
    hits: Sequence[Hit], people: dict[int, Participant], given: dict[int, Preference]
) -> list[Card]:
    """The page's hits with the people's records (those withdrawn meanwhile left out)."""
    return [
        Card(
            participant=people[hit.participant_id],
            reasons=hit.reasons,
            score=hit.score,
            my_preference=given.get(hit.participant_id),
            colleague=hit.colleague,
        )
        for hit in hits
        if hit.participant_id in people
    ]


def reasons_between(
    viewer: Participant, other: Participant, matcher: TermMatcher
) -> tuple[Reason, ...]:
    """Why the viewer meets `other` (as on the agenda), without preference reasons."""
    return match_reasons(
        match_profile(summary_of(viewer), matcher), match_profile(summary_of(other), matcher)
    )
