"""Time zones in words: "Taipei time, UTC+8", never an ambiguous abbreviation like "CST",
and a sensible zone to suggest for a new event."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from datetime import datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo, available_timezones

from babel import Locale
from flask_babel import gettext

from matchmaker.db import utcnow
from matchmaker.i18n import current_locale, zone_city

# The usual business zone of countries spanning several, and of common mission targets.
COUNTRY_ZONES: dict[str, str] = {
    "US": "America/New_York",
    "CA": "America/Toronto",
    "MX": "America/Mexico_City",
    "BR": "America/Sao_Paulo",
    "AR": "America/Argentina/Buenos_Aires",
    "CL": "America/Santiago",
    "CO": "America/Bogota",
    "AU": "Australia/Sydney",
    "NZ": "Pacific/Auckland",
    "RU": "Europe/Moscow",
    "CN": "Asia/Shanghai",
    "TW": "Asia/Taipei",
    "JP": "Asia/Tokyo",
    "KR": "Asia/Seoul",
    "IN": "Asia/Kolkata",
    "ID": "Asia/Jakarta",
    "SG": "Asia/Singapore",
    "VN": "Asia/Ho_Chi_Minh",
    "TH": "Asia/Bangkok",
    "MY": "Asia/Kuala_Lumpur",
    "PH": "Asia/Manila",
    "AE": "Asia/Dubai",
    "SA": "Asia/Riyadh",
    "IL": "Asia/Jerusalem",
    "TR": "Europe/Istanbul",
    "ZA": "Africa/Johannesburg",
    "EG": "Africa/Cairo",
    "MA": "Africa/Casablanca",
    "KE": "Africa/Nairobi",
    "NG": "Africa/Lagos",
    "GB": "Europe/London",
    "IE": "Europe/Dublin",
    "PT": "Europe/Lisbon",
    "ES": "Europe/Madrid",
    "FR": "Europe/Paris",
    "BE": "Europe/Brussels",
    "NL": "Europe/Amsterdam",
    "DE": "Europe/Berlin",
    "AT": "Europe/Vienna",
    "CH": "Europe/Zurich",
    "IT": "Europe/Rome",
    "DK": "Europe/Copenhagen",
    "SE": "Europe/Stockholm",
    "NO": "Europe/Oslo",
    "FI": "Europe/Helsinki",
    "PL": "Europe/Warsaw",
    "CZ": "Europe/Prague",
    "HU": "Europe/Budapest",
    "RO": "Europe/Bucharest",
    "BG": "Europe/Sofia",
    "GR": "Europe/Athens",
    "UA": "Europe/Kyiv",
    "EE": "Europe/Tallinn",
    "LV": "Europe/Riga",
    "LT": "Europe/Vilnius",
    "SI": "Europe/Ljubljana",
    "HR": "Europe/Zagreb",
    "SK": "Europe/Bratislava",
}
DEFAULT_ZONE = "Europe/Berlin"
CITY_REGIONS = ("Africa/", "America/", "Asia/", "Atlantic/", "Australia/", "Europe/", "Pacific/")


def utc_offset(moment: datetime) -> str:
    """The offset of an aware datetime: "UTC+8", "UTC+5:30", "UTC−3", "UTC"."""
    offset = moment.utcoffset() or timedelta(0)
    minutes = int(offset.total_seconds() // 60)
    if minutes == 0:
        return "UTC"
    sign = "+" if minutes > 0 else "−"
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours}" + (f":{rest:02d}" if rest else "")


def place_of(zone: ZoneInfo) -> str:
    """The zone's city or region in words ("America/Argentina/Buenos_Aires": "Buenos Aires")."""
    return zone.key.rsplit("/", 1)[-1].replace("_", " ")


def zone_label(moment: datetime) -> str:
    """An aware datetime's zone as place and offset: "Taipei time, UTC+8"."""
    zone = moment.tzinfo
    if not isinstance(zone, ZoneInfo) or zone.key in ("UTC", "Etc/UTC"):
        return utc_offset(moment)
    return _place_and_offset(zone, utc_offset(moment), current_locale())


@lru_cache(maxsize=1024)
def _place_and_offset(zone: ZoneInfo, offset: str, locale: Locale) -> str:
    """The label of `zone` at `offset` in `locale`, the current one: it depends on nothing
    else, and pages write the same few labels on every row."""
    label: str = gettext("%(place)s time, %(offset)s", place=zone_city(zone), offset=offset)
    return label


def event_zone_label(zone: ZoneInfo, at: datetime | None = None) -> str:
    """A zone as place and its offset at `at` (an event's first slot; default: now)."""
    return zone_label((at or utcnow()).astimezone(zone))


def _words(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return " " + " ".join(re.findall(r"[a-z0-9]+", ascii_text.casefold())) + " "


def suggested_timezone(texts: Iterable[str], country: str | None) -> str:
    """A zone for a new event: a zone's city named in `texts` (a mission's name, target
    market, description), else the usual zone of `country` (ISO-2), else Europe/Berlin."""
    words = _words(" ".join(texts))
    for zone in sorted(available_timezones()):
        if zone.startswith(CITY_REGIONS):
            city = _words(place_of(ZoneInfo(zone)))
            if len(city) > 4 and city in words:
                return zone
    return COUNTRY_ZONES.get(country or "", DEFAULT_ZONE)
