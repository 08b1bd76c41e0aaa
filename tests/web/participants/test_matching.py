"""Match reasons: taxonomy terms found in free text and structured lists, both directions."""

from __future__ import annotations

from matchmaker.models import Organisation, PreferenceLevel
from matchmaker.participants.matching import (
    ReasonKind,
    TermMatcher,
    match_profile,
    match_reasons,
    relevance,
)

MATCHER = TermMatcher(["Additive manufacturing", "Robotics", "IoT", "AI", "Health and biotech"])


class _AsWritten:
    """An event whose terms have no labels in other languages."""

    def term_label(self, term: str) -> str:
        return term


EVENT = _AsWritten()


def _organisation(org_id: int, **fields: object) -> Organisation:
    defaults: dict[str, object] = {
        "name": f"Org {org_id}",
        "sectors": [],
        "technologies": [],
        "offers": "",
        "requests": "",
    }
    return Organisation(id=org_id, **{**defaults, **fields})


def test_terms_are_found_as_whole_words_ignoring_case():
    found = MATCHER.find("We need ADDITIVE MANUFACTURING, iot sensors and a chair")
    assert found == {"Additive manufacturing", "IoT"}
    assert MATCHER.find("Brainstorming maintenance") == set()  # "AI" inside words is no match


def test_you_seek_what_they_offer_in_text_or_technologies():
    viewer = match_profile(_organisation(1, requests="Looking for additive manufacturing"), MATCHER)
    other = match_profile(_organisation(2, offers="Industrial additive manufacturing"), MATCHER)
    reasons = match_reasons(viewer, other)
    assert [reason.text_for(EVENT) for reason in reasons] == [
        "You seek additive manufacturing — they offer it"
    ]
    maker = _organisation(3, technologies=["Additive manufacturing"])
    by_technology = match_profile(maker, MATCHER)
    assert match_reasons(viewer, by_technology)[0].kind is ReasonKind.YOU_SEEK


def test_they_seek_shared_technologies_and_sectors_are_separate_reasons():
    viewer = match_profile(
        _organisation(1, technologies=["Robotics", "IoT", "AI"], sectors=["Health and biotech"]),
        MATCHER,
    )
    other = match_profile(
        _organisation(
            2,
            technologies=["IoT", "AI"],
            requests="robotics integrators",
            sectors=["Health and biotech"],
        ),
        MATCHER,
    )
    texts = [reason.text_for(EVENT) for reason in match_reasons(viewer, other)]
    assert texts == [
        "They seek robotics — you offer it",
        "Shared technologies: AI and IoT",
        "Same sectors: Health and biotech",
    ]


def test_wanting_to_meet_counts_most_and_not_is_never_a_reason():
    viewer = match_profile(_organisation(1), MATCHER)
    other = match_profile(_organisation(2), MATCHER)
    wanted = match_reasons(viewer, other, PreferenceLevel.MUST)
    assert [reason.text_for(EVENT) for reason in wanted] == ["Wants to meet you"]
    assert relevance(wanted, PreferenceLevel.MUST) > relevance(wanted, PreferenceLevel.MAYBE) > 0
    assert match_reasons(viewer, other, PreferenceLevel.NOT) == ()


def test_colleagues_get_no_topic_reasons():
    same = _organisation(1, technologies=["IoT"], requests="IoT")
    assert match_reasons(match_profile(same, MATCHER), match_profile(same, MATCHER)) == ()
