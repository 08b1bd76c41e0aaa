"""Terms as people write them, matched to an event's lists.

Two spellings are the same term when they have the same key: accents, case, punctuation,
"&"/"and", plurals and word order do not count, common abbreviations are spelt out
("AI" is "artificial intelligence") and a shipped table of synonyms ("3D printing" is
"additive manufacturing") joins the rest. What still does not match, an organiser maps
once per mission (`TermMapping` rows, passed in here as plain `mappings`).

Pure: no Flask, no database.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from difflib import SequenceMatcher

from matchmaker.auth.countries import COUNTRY_NAMES
from matchmaker.models import OrganisationType, TermKind
from matchmaker.organiser.countries import COUNTRY_ALIASES

_FILLER_WORDS = frozenset({"and", "of", "the", "for", "und", "et", "y", "de"})

# A word -> the words it abbreviates (matched after accents and case are gone).
ABBREVIATIONS: dict[str, str] = {
    "ai": "artificial intelligence",
    "ml": "machine learning",
    "iot": "internet of things",
    "iiot": "industrial internet of things",
    "ict": "information and communication technologies",
    "it": "information technology",
    "ar": "augmented reality",
    "vr": "virtual reality",
    "xr": "extended reality",
    "ev": "electric vehicles",
    "evs": "electric vehicles",
    "hpc": "high performance computing",
    "nlp": "natural language processing",
    "saas": "software as a service",
    "b2b": "business to business",
    "rd": "research and development",
    "ehealth": "digital health",
    "mhealth": "mobile health",
    "emobility": "electric mobility",
    "h2": "hydrogen",
    "pv": "photovoltaics",
    "ccs": "carbon capture and storage",
    "uav": "drones",
    "uavs": "drones",
}

# Spellings of one term; the first one stands for the group.
SYNONYMS: tuple[tuple[str, ...], ...] = (
    ("additive manufacturing", "3D printing", "3D-printing"),
    ("augmented and virtual reality", "extended reality", "virtual and augmented reality"),
    ("cybersecurity", "cyber security", "IT security", "information security"),
    ("electric mobility", "electric vehicles", "electromobility"),
    ("medical technology", "medtech", "medical devices"),
    ("biotechnology", "biotech"),
    ("nanotechnology", "nanotech"),
    ("financial technology", "fintech"),
    ("clean technology", "cleantech", "green technology", "greentech"),
    ("agrifood", "agriculture and food", "food and agriculture", "agro-food"),
    ("renewable energy", "renewables"),
    ("big data", "data analytics"),
    ("semiconductors", "chips", "microchips"),
    ("health", "healthcare", "health care", "life sciences and health"),
    ("logistics", "supply chain"),
    ("industry 4.0", "smart manufacturing", "digital manufacturing"),
    ("blockchain", "distributed ledger"),
    ("robotics", "robots"),
    ("smart cities", "smart city"),
    ("drones", "unmanned aerial vehicles"),
    ("aerospace", "aeronautics and space", "aviation and space"),
)


def _words(text: str) -> list[str]:
    """Lower-case ASCII words: accents dropped, dotted abbreviations joined ("A.I." is "ai"),
    "&" and "+" read as "and", a hyphen or apostrophe joins ("micro-electronics" is
    "microelectronics"), other signs split."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().casefold()
    ascii_text = re.sub(r"\b(?:[a-z]\.){2,}", lambda dotted: dotted[0].replace(".", ""), ascii_text)
    ascii_text = re.sub(r"[&+]", " and ", ascii_text)
    ascii_text = re.sub(r"(?<=\w)['’\-](?=\w)", "", ascii_text)
    return re.findall(r"[a-z0-9]+(?:\.[0-9]+)?", ascii_text)


def _singular(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def _plain_key(text: str) -> str:
    """The words of `text` without fillers, singular, sorted and each once."""
    words = {_singular(word) for word in _words(text) if word not in _FILLER_WORDS}
    return " ".join(sorted(words))


def _expanded_key(text: str) -> str:
    expanded = " ".join(ABBREVIATIONS.get(word, word) for word in _words(text))
    return _plain_key(expanded)


_CANONICAL: dict[str, str] = {
    _expanded_key(spelling): _expanded_key(group[0]) for group in SYNONYMS for spelling in group
}


def term_key(text: str) -> str:
    """The matching key of a sector or technology ("ICT & AI" and "AI and ICT" share one)."""
    key = _expanded_key(text)
    return _CANONICAL.get(key, key)


def name_key(text: str) -> str:
    """The matching key of a name (a country, a type): no abbreviations spelt out."""
    return _plain_key(text)


def similarity(one: str, other: str) -> float:
    """How alike two keys are, 0 to 1: shared words, or letters in order."""
    words, other_words = set(one.split()), set(other.split())
    shared = len(words & other_words) / len(words | other_words) if words | other_words else 0
    if words and (words <= other_words or other_words <= words):
        shared = max(shared, 0.6)
    return max(shared, SequenceMatcher(None, one, other).ratio())


@dataclass(frozen=True)
class Vocabulary:
    """One list an imported cell is read against.

    `choices` are the list's values with their labels (a country's code and name); `keys`
    map a matching key to a value; `mappings` are the mission's remembered decisions, key
    to value or "" (drop the term).
    """

    kind: TermKind
    choices: dict[str, str]
    keys: dict[str, str]
    mappings: dict[str, str]
    expands_abbreviations: bool

    def key(self, text: str) -> str:
        return term_key(text) if self.expands_abbreviations else name_key(text)

    def resolve(self, text: str) -> str | None:
        """The value `text` stands for, "" if it is to be dropped, None if unknown."""
        key = self.key(text)
        mapped = self.mappings.get(key)
        if mapped is not None and (mapped == "" or mapped in self.choices):
            return mapped
        return self.keys.get(key) or self.keys.get(" ".join(text.split()).casefold())

    def nearest(self, text: str, count: int = 3) -> list[str]:
        """Up to `count` values whose spellings look most like `text`, best first."""
        key = self.key(text)
        best: dict[str, float] = {}
        for spelling_key, value in self.keys.items():
            if len(spelling_key) < 4:
                continue  # codes and abbreviations look like anything short
            score = similarity(key, spelling_key)
            if score >= 0.5 and score > best.get(value, 0):
                best[value] = score
        return sorted(best, key=lambda value: (-best[value], self.choices[value]))[:count]


def term_vocabulary(
    kind: TermKind, terms: Iterable[str], mappings: Mapping[str, str]
) -> Vocabulary:
    """An event's sectors or technologies."""
    listed = list(dict.fromkeys(terms))
    keys: dict[str, str] = {}
    for term in listed:
        keys.setdefault(term_key(term), term)
    return Vocabulary(kind, {term: term for term in listed}, keys, dict(mappings), True)


def country_vocabulary(mappings: Mapping[str, str]) -> Vocabulary:
    """Countries by ISO-2 or ISO-3 code, English, official or common local name."""
    keys = {
        alias.casefold() if alias.isupper() else name_key(alias): code
        for alias, code in COUNTRY_ALIASES.items()
    }
    keys.update({name_key(name): code for code, name in COUNTRY_NAMES.items()})
    keys.update({code.casefold(): code for code in COUNTRY_NAMES})
    return Vocabulary(TermKind.COUNTRY, dict(COUNTRY_NAMES), keys, dict(mappings), False)


TYPE_SPELLINGS: dict[str, OrganisationType] = {
    "SME": OrganisationType.SME,
    "small and medium enterprise": OrganisationType.SME,
    "small and medium-sized enterprise": OrganisationType.SME,
    "company": OrganisationType.SME,
    "start-up": OrganisationType.SME,
    "startup": OrganisationType.SME,
    "micro enterprise": OrganisationType.SME,
    "large enterprise": OrganisationType.LARGE_COMPANY,
    "corporate": OrganisationType.LARGE_COMPANY,
    "corporation": OrganisationType.LARGE_COMPANY,
    "multinational": OrganisationType.LARGE_COMPANY,
    "MNE": OrganisationType.LARGE_COMPANY,
    "cluster": OrganisationType.CLUSTER,
    "cluster organization": OrganisationType.CLUSTER,
    "cluster management organisation": OrganisationType.CLUSTER,
    "RTO": OrganisationType.RTO,
    "research organisation": OrganisationType.RTO,
    "research organization": OrganisationType.RTO,
    "research and technology organization": OrganisationType.RTO,
    "research institute": OrganisationType.RTO,
    "research": OrganisationType.RTO,
    "university": OrganisationType.RTO,
    "academia": OrganisationType.RTO,
    "venture capital": OrganisationType.INVESTOR,
    "VC": OrganisationType.INVESTOR,
    "business angel": OrganisationType.INVESTOR,
    "public authority": OrganisationType.PUBLIC_BODY,
    "public administration": OrganisationType.PUBLIC_BODY,
    "government": OrganisationType.PUBLIC_BODY,
    "government agency": OrganisationType.PUBLIC_BODY,
}


def type_vocabulary(mappings: Mapping[str, str]) -> Vocabulary:
    """Organisation types by value, label and common names ("Start-up", "University")."""
    keys = {name_key(spelling): member.value for spelling, member in TYPE_SPELLINGS.items()}
    for member in OrganisationType:
        keys[name_key(member.value.replace("_", " "))] = member.value
        keys[name_key(member.label)] = member.value
    choices = {member.value: member.label for member in OrganisationType}
    return Vocabulary(TermKind.TYPE, choices, keys, dict(mappings), False)


@dataclass(frozen=True)
class Vocabularies:
    """The four lists an import reads against."""

    sectors: Vocabulary
    technologies: Vocabulary
    countries: Vocabulary
    types: Vocabulary

    def of(self, kind: TermKind) -> Vocabulary:
        return {
            TermKind.SECTOR: self.sectors,
            TermKind.TECHNOLOGY: self.technologies,
            TermKind.COUNTRY: self.countries,
            TermKind.TYPE: self.types,
        }[kind]


def vocabularies(
    sectors: Iterable[str],
    technologies: Iterable[str],
    mappings: Mapping[TermKind, Mapping[str, str]],
) -> Vocabularies:
    """An event's lists with the mission's remembered mappings (by kind, key -> value)."""
    return Vocabularies(
        sectors=term_vocabulary(TermKind.SECTOR, sectors, mappings.get(TermKind.SECTOR, {})),
        technologies=term_vocabulary(
            TermKind.TECHNOLOGY, technologies, mappings.get(TermKind.TECHNOLOGY, {})
        ),
        countries=country_vocabulary(mappings.get(TermKind.COUNTRY, {})),
        types=type_vocabulary(mappings.get(TermKind.TYPE, {})),
    )
