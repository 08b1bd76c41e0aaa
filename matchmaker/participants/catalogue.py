"""The catalogue: filter, score and paginate an event's participants in memory.

The view loads the event's people and organisations once as plain rows; everything here is
Python over those rows, so a page costs the same handful of queries with 20 or 2,000 people.
The rows, the organisations' match profiles, each viewer's ranking and the rendered cards are
kept per event in each process (`event_catalogue`) until a participant or an organisation of
the event changes.
"""

from __future__ import annotations

import math
from array import array
from collections.abc import Sequence
from dataclasses import dataclass, field
from operator import itemgetter

from flask import current_app, get_template_attribute
from flask_babel import lazy_gettext as _l
from markupsafe import Markup
from sqlalchemy.orm import Session

from matchmaker.i18n import current_locale_code
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
RANKINGS_KEPT = 256
LANGUAGES_KEPT = 3
REASONS_KEPT = 20_000
CARD_TEMPLATE = "participants/_person.html"
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
class CardText:
    """The parts of a person's card that are the same for every viewer, rendered."""

    heading: Markup
    details: Markup


@dataclass(frozen=True)
class Card:
    """A hit with the person's card text and the viewer's current mark, for the page."""

    person: CatalogueRow
    text: CardText
    reasons: tuple[tuple[str, str], ...]
    """(kind, sentence) of each reason to meet, strongest first."""
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


def _filtered(
    ids: list[int], everyone: EventCatalogue, filters: CatalogueFilters, words: list[str]
) -> list[int]:
    """The participants among `ids` that pass the filters and contain every word, in order."""
    rows = everyone.by_id
    if filters.country:
        ids = [i for i in ids if rows[i].organisation.country == filters.country]
    if filters.type:
        ids = [i for i in ids if rows[i].organisation.type.value == filters.type]
    if filters.sector:
        ids = [i for i in ids if filters.sector in rows[i].organisation.sectors]
    if filters.technology:
        ids = [i for i in ids if filters.technology in rows[i].organisation.technologies]
    if words:
        haystacks = everyone.haystacks()
        for word in words:
            ids = [i for i in ids if word in haystacks[i]]
    return ids


def build_catalogue(
    viewer: Participant,
    everyone: EventCatalogue,
    received: dict[int, Preference],
    filters: CatalogueFilters,
    page: int,
    per_page: int = PER_PAGE,
) -> CataloguePage:
    """The requested page of everyone but the viewer: most relevant first, then by name
    (`rows` come by name), unless the filters ask for name or organisation order.

    The viewer's ranking of everyone is kept (see `EventCatalogue.ranking`), so a page only
    filters ids in that order and works out the reasons of the people it shows.
    """
    viewer_id = viewer.id
    viewer_profile = (
        everyone.profile(viewer_id)
        if viewer_id in everyone.by_id
        else match_profile(summary_of(viewer), everyone.matcher)
    )
    if filters.sort == "name":
        order: Sequence[int] = everyone.by_name
    elif filters.sort == "organisation":
        order = everyone.by_organisation
    else:
        order = everyone.ranking(viewer_id, viewer_profile, received)
    found = _filtered(
        [participant_id for participant_id in order if participant_id != viewer_id],
        everyone,
        filters,
        fold(filters.text).split(),
    )
    pages = max(1, math.ceil(len(found) / per_page))
    page = min(max(page, 1), pages)
    start = (page - 1) * per_page
    hits = []
    for participant_id in found[start : start + per_page]:
        wish = received.get(participant_id)
        their_level = wish.level if wish else None
        reasons = match_reasons(viewer_profile, everyone.profile(participant_id), their_level)
        hits.append(
            Hit(
                participant_id=participant_id,
                reasons=reasons,
                score=relevance(reasons, their_level),
                colleague=everyone.by_id[participant_id].organisation.id == viewer.organisation_id,
            )
        )
    return CataloguePage(hits, page, pages, len(found))


@dataclass(frozen=True)
class EventCatalogue:
    """What every viewer's catalogue of one event starts from."""

    rows: list[CatalogueRow]
    countries: list[str]
    matcher: TermMatcher
    by_id: dict[int, CatalogueRow] = field(init=False)
    by_name: array[int] = field(init=False)
    """Participant ids in the rows' order (by name)."""
    by_organisation: array[int] = field(init=False)
    """Participant ids by organisation name, then by name."""
    profiles: dict[int, MatchProfile] = field(default_factory=dict)
    """Match profiles by participant id, filled as pages need them."""
    folded: dict[int, str] = field(default_factory=dict)
    """Folded searchable text by participant id (see `haystacks`)."""
    rankings: dict[tuple[object, ...], array[int]] = field(default_factory=dict)
    """Viewers' rankings (see `ranking`), the most recently used last."""
    texts: dict[tuple[object, ...], KeptTexts] = field(default_factory=dict)
    """Rendered cards and worded reasons per language (see `kept_texts`)."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "by_id", {row.participant_id: row for row in self.rows})
        object.__setattr__(self, "by_name", array("i", [row.participant_id for row in self.rows]))
        by_organisation = sorted(self.rows, key=lambda row: row.organisation.name.casefold())
        object.__setattr__(
            self, "by_organisation", array("i", [row.participant_id for row in by_organisation])
        )

    def haystacks(self) -> dict[int, str]:
        """Everyone's searchable text, folded, by participant id; made at the first search."""
        if not self.folded:
            # Made whole, then added in one step: a search in another thread sees all or none.
            made = {row.participant_id: fold(_haystack(row)) for row in self.rows}
            self.folded.update(made)
        return self.folded

    def profile(self, participant_id: int) -> MatchProfile:
        """The match profile of a participant of the rows, worked out once."""
        profile = self.profiles.get(participant_id)
        if profile is None:
            organisation = self.by_id[participant_id].organisation
            profile = self.profiles[participant_id] = match_profile(organisation, self.matcher)
        return profile

    def ranking(
        self, viewer_id: int, viewer_profile: MatchProfile, received: dict[int, Preference]
    ) -> array[int]:
        """Everyone but the viewer, most relevant to them first, ties by name.

        Scoring all the event's people took most of a catalogue page's time, so each
        viewer's ranking is kept for as long as the rows (the viewer's own profile is one
        of them), under the wishes others sent them, for the `RANKINGS_KEPT` latest viewers.
        """
        key = (
            viewer_id,
            tuple(sorted((chooser, wish.level.value) for chooser, wish in received.items())),
        )
        ranked = self.rankings.pop(key, None)
        if ranked is None:
            scored = []
            for row in self.rows:
                if row.participant_id == viewer_id:
                    continue
                wish = received.get(row.participant_id)
                their_level = wish.level if wish else None
                reasons = match_reasons(
                    viewer_profile, self.profile(row.participant_id), their_level
                )
                scored.append((-relevance(reasons, their_level), row.participant_id))
            scored.sort(key=itemgetter(0))  # stable: ties keep the name order
            ranked = array("i", [participant_id for _score, participant_id in scored])
        while len(self.rankings) >= RANKINGS_KEPT:
            self.rankings.pop(next(iter(self.rankings)), None)
        self.rankings[key] = ranked
        return ranked


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


@dataclass
class KeptTexts:
    """What the catalogue keeps rendered in one language (see `kept_texts`)."""

    cards: dict[int, CardText] = field(default_factory=dict)
    """Card texts by participant id."""
    reasons: dict[Reason, str] = field(default_factory=dict)
    """Reasons as the cards word them."""


def kept_texts(event: Event, everyone: EventCatalogue) -> KeptTexts:
    """The texts kept for the reader's language and the event's labels in it.

    Rendering two dozen cards and wording their reasons took a third of a catalogue page,
    so both are kept per language as long as the catalogue's rows (they change with the
    people and organisations the cards show), for the `LANGUAGES_KEPT` latest languages.
    """
    language = (
        current_locale_code(),
        event.mode,
        tuple(event.term_labels(event.technologies)),
        tuple(event.term_labels(event.sectors)),
    )
    kept = everyone.texts.pop(language, None) or KeptTexts()
    while len(everyone.texts) >= LANGUAGES_KEPT:
        everyone.texts.pop(next(iter(everyone.texts)), None)
    everyone.texts[language] = kept
    return kept


def cards(
    session: Session,
    event: Event,
    everyone: EventCatalogue,
    hits: Sequence[Hit],
    given: dict[int, Preference],
) -> list[Card]:
    """The page's hits with their kept texts and the viewer's marks (people withdrawn
    meanwhile left out). Only people without a kept card are loaded."""
    kept = kept_texts(event, everyone)
    missing = [hit.participant_id for hit in hits if hit.participant_id not in kept.cards]
    if missing:
        heading = get_template_attribute(CARD_TEMPLATE, "person_heading")
        details = get_template_attribute(CARD_TEMPLATE, "person_details")
        for person in queries.active_participants_by_id(session, event, missing).values():
            kept.cards[person.id] = CardText(heading(event, person), details(event, person))
    if len(kept.reasons) > REASONS_KEPT:
        kept.reasons.clear()
    return [
        Card(
            person=everyone.by_id[hit.participant_id],
            text=kept.cards[hit.participant_id],
            reasons=tuple(
                (reason.kind.value, _worded(reason, event, kept.reasons)) for reason in hit.reasons
            ),
            my_preference=given.get(hit.participant_id),
            colleague=hit.colleague,
        )
        for hit in hits
        if hit.participant_id in kept.cards
    ]


def _worded(reason: Reason, event: Event, worded: dict[Reason, str]) -> str:
    text = worded.get(reason)
    if text is None:
        text = worded[reason] = reason.text_for(event)
    return text


def reasons_between(
    viewer: Participant, other: Participant, matcher: TermMatcher
) -> tuple[Reason, ...]:
    """Why the viewer meets `other` (as on the agenda), without preference reasons."""
    return match_reasons(
        match_profile(summary_of(viewer), matcher), match_profile(summary_of(other), matcher)
    )
