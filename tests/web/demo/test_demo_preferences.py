"""The demo's preferences look like a real event's and break none of its rules."""

from __future__ import annotations

import random
from collections import Counter

from sqlalchemy import select
from sqlalchemy.orm import Session

from matchmaker.demo.wishes import Profile, draw_wishes
from matchmaker.models import Event, Participant, Preference, PreferenceLevel

MUST = PreferenceLevel.MUST
WANT = PreferenceLevel.WANT


def _preferences(session: Session, event: Event) -> list[Preference]:
    return list(session.scalars(select(Preference).where(Preference.event_id == event.id)))


def test_preferences_respect_limits_and_never_stay_in_house(
    session: Session, hannover: Event
) -> None:
    people: dict[int, Participant] = {p.id: p for p in hannover.participants}
    preferences = _preferences(session, hannover)
    assert len(preferences) > 1000
    per_level = Counter((p.from_participant_id, p.level) for p in preferences)
    assert max(n for (_who, level), n in per_level.items() if level == MUST) == 5
    assert max(n for (_who, level), n in per_level.items() if level == WANT) <= 15
    assert {level for _who, level in per_level} == set(PreferenceLevel)
    for preference in preferences:
        source = people[preference.from_participant_id]
        target = people[preference.to_participant_id]
        assert source.organisation_id != target.organisation_id
    pairs = [(p.from_participant_id, p.to_participant_id) for p in preferences]
    assert len(set(pairs)) == len(pairs)


def test_preferences_are_heavy_tailed_mutual_and_cross_the_table(
    session: Session, hannover: Event
) -> None:
    people = {p.id: p for p in hannover.participants}
    positive = [p for p in _preferences(session, hannover) if p.level != PreferenceLevel.NOT]
    received = sorted(Counter(p.to_participant_id for p in positive).values(), reverse=True)
    assert received[0] >= 3 * received[len(received) // 2]
    wished = {(p.from_participant_id, p.to_participant_id) for p in positive}
    mutual = sum(1 for a, b in wished if (b, a) in wished) // 2
    assert mutual >= 150
    across = sum(
        1
        for p in positive
        if (people[p.from_participant_id].organisation.country == "US")
        != (people[p.to_participant_id].organisation.country == "US")
    )
    assert across > 0.6 * len(positive)
    silent = set(people) - {p.from_participant_id for p in positive}
    assert 1 <= len(silent) <= 25


def test_draw_wishes_caps_every_level_even_when_everyone_is_keen() -> None:
    profiles = [
        Profile(
            organisation=f"org{index // 2}",
            host=index % 3 == 0,
            technologies=frozenset({"IoT"}),
            appeal=1.0,
            activity=4.0,
        )
        for index in range(40)
    ]
    limits = {MUST: 2, WANT: 3, PreferenceLevel.MAYBE: None}
    wishes = draw_wishes(profiles, limits, random.Random(1))
    per_level = Counter((wish.source, wish.level) for wish in wishes)
    assert max(n for (_who, level), n in per_level.items() if level == MUST) == 2
    assert max(n for (_who, level), n in per_level.items() if level == WANT) == 3
    assert max(n for (_who, level), n in per_level.items() if level == PreferenceLevel.MAYBE) > 3
    assert all(profiles[w.source].organisation != profiles[w.target].organisation for w in wishes)
    assert len({(w.source, w.target) for w in wishes}) == len(wishes)
