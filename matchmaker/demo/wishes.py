"""Draw realistic meeting preferences for the demo: pure, seeded, within the event's limits.

Real registrations are heavy-tailed: a few large buyers and investors are asked by
everyone, most SMEs by a handful; people mostly look across the table (delegation to
hosts and back) and for shared technologies; and interest is often mutual.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from matchmaker.models import PreferenceLevel

MUST = PreferenceLevel.MUST
WANT = PreferenceLevel.WANT
MAYBE = PreferenceLevel.MAYBE
NOT = PreferenceLevel.NOT

ACROSS_SIDES = 3.0
SAME_SIDE = 0.6
RECIPROCATION_CHANCE = 0.4
EXCLUSION_CHANCE = 0.12


@dataclass(frozen=True)
class Profile:
    """What the drawing needs to know of one participant."""

    organisation: str
    host: bool
    technologies: frozenset[str]
    appeal: float
    """How much others want to meet this participant (1 = an ordinary SME)."""
    activity: float
    """How many wishes this participant makes (1 = typical, 0 = none at all)."""


@dataclass(frozen=True)
class Wish:
    """Participant `source` marks participant `target` at `level` (indexes of profiles)."""

    source: int
    target: int
    level: PreferenceLevel


def draw_wishes(
    profiles: Sequence[Profile],
    limits: Mapping[PreferenceLevel, int | None],
    rng: random.Random,
) -> list[Wish]:
    """Preferences of every participant: never for oneself or one's own organisation,
    at most one per ordered pair, never more per level than `limits` allows."""
    chosen: dict[tuple[int, int], PreferenceLevel] = {}
    counts: Counter[tuple[int, PreferenceLevel]] = Counter()

    def add(source: int, target: int, level: PreferenceLevel) -> None:
        chosen[source, target] = level
        counts[source, level] += 1

    for source, profile in enumerate(profiles):
        if profile.activity <= 0:
            continue
        quotas = _quotas(profile.activity, limits, rng)
        ranked = _ranked_targets(source, profiles, rng)
        for level, quota in quotas:
            for _ in range(quota):
                if ranked:
                    add(source, ranked.pop(0), level)
        competitors = [
            target
            for target in ranked
            if profiles[target].host == profile.host
            and profiles[target].technologies & profile.technologies
        ]
        if competitors and rng.random() < EXCLUSION_CHANCE:
            add(source, rng.choice(competitors), NOT)

    for (source, target), level in list(chosen.items()):
        if level not in (MUST, WANT) or (target, source) in chosen:
            continue
        if profiles[target].activity <= 0 or rng.random() >= RECIPROCATION_CHANCE:
            continue
        for answer in (WANT, MAYBE):
            limit = limits.get(answer)
            if limit is None or counts[target, answer] < limit:
                add(target, source, answer)
                break
    return [Wish(source, target, level) for (source, target), level in chosen.items()]


def _quotas(
    activity: float, limits: Mapping[PreferenceLevel, int | None], rng: random.Random
) -> list[tuple[PreferenceLevel, int]]:
    """How many people this participant marks at each level, within the limits."""
    wanted = {
        MUST: round(rng.triangular(0, 5, 1.5) * activity),
        WANT: round(rng.uniform(3, 11) * activity),
        MAYBE: round(rng.uniform(0, 6) * activity),
    }
    quotas = []
    for level, number in wanted.items():
        limit = limits.get(level)
        quotas.append((level, number if limit is None else min(number, limit)))
    return quotas


def _ranked_targets(source: int, profiles: Sequence[Profile], rng: random.Random) -> list[int]:
    """Everyone `source` may mark, in a random order biased by appeal and affinity.

    Efraimidis-Spirakis weighted sampling: sorting by `u ** (1 / weight)` draws without
    replacement with probabilities proportional to the weights.
    """
    me = profiles[source]
    keyed = []
    for target, other in enumerate(profiles):
        if target == source or other.organisation == me.organisation:
            continue
        side = ACROSS_SIDES if other.host != me.host else SAME_SIDE
        weight = other.appeal * side * (1 + len(other.technologies & me.technologies))
        keyed.append((rng.random() ** (1 / weight), target))
    keyed.sort(reverse=True)
    return [target for _key, target in keyed]
