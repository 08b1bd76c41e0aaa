"""Matching terms as people write them to an event's lists (pure, no database)."""

from __future__ import annotations

import pytest

from matchmaker.models import TermKind
from matchmaker.organiser.terms import term_key, vocabularies

SECTORS = [
    "ICT and micro-electronics",
    "Mobility and transport",
    "Artificial intelligence",
    "Augmented and virtual reality",
    "Électronique embarquée",
]
TECHNOLOGIES = ["IoT", "Additive manufacturing", "Machine learning", "Electric vehicles"]
LISTS = vocabularies(SECTORS, TECHNOLOGIES, {})


@pytest.mark.parametrize(
    ("written", "term"),
    [
        ("ICT & micro-electronics", "ICT and micro-electronics"),
        ("ict and microelectronics", "ICT and micro-electronics"),
        ("Micro-Electronics, ICT", "ICT and micro-electronics"),
        ("Transport & Mobility", "Mobility and transport"),
        ("AI", "Artificial intelligence"),
        ("A.I.", "Artificial intelligence"),
        ("AR/VR", "Augmented and virtual reality"),
        ("XR", "Augmented and virtual reality"),
        ("electronique embarquee", "Électronique embarquée"),
    ],
)
def test_sectors_match_whatever_the_spelling(written: str, term: str) -> None:
    assert LISTS.sectors.resolve(written) == term


@pytest.mark.parametrize(
    ("written", "term"),
    [
        ("Internet of Things", "IoT"),
        ("IOT", "IoT"),
        ("3D printing", "Additive manufacturing"),
        ("ML", "Machine learning"),
        ("EV", "Electric vehicles"),
        ("e-mobility", "Electric vehicles"),
    ],
)
def test_technologies_match_through_abbreviations_and_synonyms(written: str, term: str) -> None:
    assert LISTS.technologies.resolve(written) == term


@pytest.mark.parametrize(
    ("written", "code"),
    [
        ("USA", "US"),
        ("U.S.A.", "US"),
        ("United States of America", "US"),
        ("Deutschland", "DE"),
        ("deu", "DE"),
        ("Taiwan, ROC", "TW"),
        ("Korea, Republic of", "KR"),
        ("Republic of Korea", "KR"),
        ("México", "MX"),
        ("Turkiye", "TR"),
        ("it", "IT"),
        ("AND", "AD"),
    ],
)
def test_countries_by_code_name_and_common_variant(written: str, code: str) -> None:
    assert LISTS.countries.resolve(written) == code


@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("SMEs", "sme"),
        ("Start-up", "sme"),
        ("University", "rto"),
        ("large company", "large_company"),
    ],
)
def test_organisation_types_by_common_names(written: str, value: str) -> None:
    assert LISTS.types.resolve(written) == value


def test_unknown_terms_get_the_nearest_terms_proposed() -> None:
    assert LISTS.sectors.resolve("ICT") is None
    assert LISTS.sectors.nearest("ICT")[0] == "ICT and micro-electronics"
    assert LISTS.countries.resolve("Germnay") is None
    assert LISTS.countries.nearest("Germnay")[0] == "DE"
    assert LISTS.technologies.nearest("Quantum") == []


def test_remembered_mappings_come_first_and_may_drop_a_term() -> None:
    lists = vocabularies(
        SECTORS,
        TECHNOLOGIES,
        {
            TermKind.SECTOR: {term_key("Space"): "Mobility and transport"},
            TermKind.TECHNOLOGY: {term_key("Blockchain"): ""},
        },
    )
    assert lists.sectors.resolve("space") == "Mobility and transport"
    assert lists.technologies.resolve("BLOCKCHAIN") == ""
    # A mapping to a term this event does not list is ignored.
    other = vocabularies(["Health"], [], {TermKind.SECTOR: {term_key("Space"): "Mobility"}})
    assert other.sectors.resolve("Space") is None


def test_word_order_plurals_and_fillers_do_not_count() -> None:
    assert term_key("Environmental technologies") == term_key("technology, environmental")
    assert term_key("Robots") == term_key("robotics")
    assert term_key("Mobility and transport") == term_key("the transport & mobility")
