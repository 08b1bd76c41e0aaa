"""Why two participants should meet: reasons and a relevance score, in plain Python.

Reasons come from structured data (both organisations' technologies and sectors) and from
free text: an organisation's offers and requests are scanned for the event's taxonomy terms
(case-insensitive whole-word match), so "you seek X — they offer X" works when X appears in
my requests and in their offers or technologies. Everything here is pure, so a catalogue of
thousands of people is scored from term sets computed once per request.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol

from flask_babel import gettext as _
from flask_babel import ngettext

from matchmaker.i18n import current_locale, format_items
from matchmaker.models import PreferenceLevel


class ReasonKind(StrEnum):
    YOU_SEEK = "you_seek"
    THEY_SEEK = "they_seek"
    SHARED_TECHNOLOGIES = "shared_technologies"
    SHARED_SECTORS = "shared_sectors"
    WANTS_YOU = "wants_you"


_WANTS_YOU_SCORE = {PreferenceLevel.MUST: 8, PreferenceLevel.WANT: 6, PreferenceLevel.MAYBE: 3}
_SCORE_PER_TERM = {
    ReasonKind.YOU_SEEK: 4,
    ReasonKind.THEY_SEEK: 3,
    ReasonKind.SHARED_TECHNOLOGIES: 1,
    ReasonKind.SHARED_SECTORS: 1,
}


def _in_sentence(term: str) -> str:
    """In English, 'Additive manufacturing' -> 'additive manufacturing'; 'IoT' and 'AI' stay
    (other languages keep the term as given: German nouns keep their capital)."""
    first_word = term.split(" ", 1)[0]
    english = current_locale().language == "en"
    if english and len(first_word) > 1 and first_word[0].isupper() and first_word[1:].islower():
        return term[0].lower() + term[1:]
    return term


class TermLabels(Protocol):
    def term_label(self, term: str) -> str: ...


def _listed(terms: tuple[str, ...], event: TermLabels, *, in_sentence: bool = True) -> str:
    labels = [event.term_label(term) for term in terms]
    return format_items([_in_sentence(label) if in_sentence else label for label in labels])


@dataclass(frozen=True)
class Reason:
    """One reason to meet, with the taxonomy terms it rests on."""

    kind: ReasonKind
    terms: tuple[str, ...] = ()

    def text_for(self, event: TermLabels) -> str:
        """The reason as a short sentence for a card, with the event's terms as labelled in
        the current language."""
        count = len(self.terms)
        if self.kind is ReasonKind.YOU_SEEK:
            text: str = ngettext(
                "You seek %(terms)s — they offer it",
                "You seek %(terms)s — they offer them",
                count,
                terms=_listed(self.terms, event),
            )
        elif self.kind is ReasonKind.THEY_SEEK:
            text = ngettext(
                "They seek %(terms)s — you offer it",
                "They seek %(terms)s — you offer them",
                count,
                terms=_listed(self.terms, event),
            )
        elif self.kind is ReasonKind.SHARED_TECHNOLOGIES:
            text = _(
                "Shared technologies: %(terms)s",
                terms=_listed(self.terms, event, in_sentence=False),
            )
        elif self.kind is ReasonKind.SHARED_SECTORS:
            text = _("Same sectors: %(terms)s", terms=_listed(self.terms, event, in_sentence=False))
        else:
            text = _("Wants to meet you")
        return text


class TermMatcher:
    """Finds an event's taxonomy terms in free text, whole words, ignoring case."""

    def __init__(self, terms: Iterable[str]) -> None:
        self._canonical: dict[str, str] = {}
        for term in terms:
            cleaned = term.strip()
            if cleaned:
                self._canonical.setdefault(cleaned.casefold(), cleaned)
        alternatives = sorted(self._canonical, key=len, reverse=True)
        self._pattern = (
            re.compile(
                r"(?<!\w)(" + "|".join(re.escape(term) for term in alternatives) + r")(?!\w)",
                re.IGNORECASE,
            )
            if alternatives
            else None
        )

    def canonical(self, term: str) -> str:
        """The taxonomy's spelling of `term` (or `term` itself when not in the taxonomy)."""
        return self._canonical.get(term.strip().casefold(), term.strip())

    def find(self, text: str) -> frozenset[str]:
        """The taxonomy terms occurring in `text`, in the taxonomy's spelling."""
        if self._pattern is None or not text:
            return frozenset()
        return frozenset(self.canonical(found) for found in self._pattern.findall(text))


@dataclass(frozen=True)
class MatchProfile:
    """What one organisation offers, seeks and works in, as taxonomy term sets."""

    organisation_id: int
    offers: frozenset[str]
    seeks: frozenset[str]
    technologies: frozenset[str]
    sectors: frozenset[str]


class DescribedOrganisation(Protocol):
    """What matching reads of an organisation (a model or a lighter catalogue row)."""

    @property
    def id(self) -> int: ...

    @property
    def technologies(self) -> list[str]: ...

    @property
    def sectors(self) -> list[str]: ...

    @property
    def offers(self) -> str: ...

    @property
    def requests(self) -> str: ...


def match_profile(organisation: DescribedOrganisation, matcher: TermMatcher) -> MatchProfile:
    """Term sets of `organisation`: its technologies count as offered."""
    technologies = frozenset(matcher.canonical(term) for term in organisation.technologies)
    return MatchProfile(
        organisation_id=organisation.id,
        offers=technologies | matcher.find(organisation.offers),
        seeks=matcher.find(organisation.requests),
        technologies=technologies,
        sectors=frozenset(matcher.canonical(term) for term in organisation.sectors),
    )


def _sorted(terms: Iterable[str]) -> tuple[str, ...]:
    return tuple(sorted(terms, key=str.casefold))


def match_reasons(
    viewer: MatchProfile,
    other: MatchProfile,
    their_level_for_viewer: PreferenceLevel | None = None,
) -> tuple[Reason, ...]:
    """Why `viewer` should meet `other`, strongest first; colleagues get none."""
    reasons: list[Reason] = []
    if their_level_for_viewer in _WANTS_YOU_SCORE:
        reasons.append(Reason(ReasonKind.WANTS_YOU))
    if viewer.organisation_id == other.organisation_id:
        return tuple(reasons)
    you_seek = viewer.seeks & other.offers
    they_seek = other.seeks & viewer.offers
    shared_technologies = (viewer.technologies & other.technologies) - you_seek - they_seek
    for kind, terms in (
        (ReasonKind.YOU_SEEK, you_seek),
        (ReasonKind.THEY_SEEK, they_seek),
        (ReasonKind.SHARED_TECHNOLOGIES, shared_technologies),
        (ReasonKind.SHARED_SECTORS, viewer.sectors & other.sectors),
    ):
        if terms:
            reasons.append(Reason(kind, _sorted(terms)))
    return tuple(reasons)


def relevance(reasons: Iterable[Reason], their_level_for_viewer: PreferenceLevel | None) -> int:
    """A score to sort the catalogue by: being wanted counts most, then seek/offer matches."""
    score = 0
    for reason in reasons:
        if reason.kind is ReasonKind.WANTS_YOU and their_level_for_viewer is not None:
            score += _WANTS_YOU_SCORE[their_level_for_viewer]
        else:
            score += _SCORE_PER_TERM.get(reason.kind, 0) * len(reason.terms)
    return score
