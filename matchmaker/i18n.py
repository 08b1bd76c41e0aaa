"""Languages: which one a request or a message speaks, and Babel formatting for it.

The interface is written in English and translated through the catalogues in
``matchmaker/translations``. Dates, times, numbers and lists are formatted by Babel (CLDR) for
the current locale; English keeps the short day forms the pages have always used.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from functools import lru_cache
from typing import Protocol
from zoneinfo import ZoneInfo

from babel import Locale
from babel.dates import format_date as babel_format_date
from babel.dates import format_datetime as babel_format_datetime
from babel.dates import format_interval, format_skeleton, get_timezone_location
from babel.lists import format_list
from babel.numbers import format_decimal, format_percent
from babel.support import NullTranslations
from flask import Flask, g, has_request_context, request
from flask_babel import get_locale, get_translations, lazy_gettext
from flask_babel.speaklater import LazyString
from flask_login import current_user


class HasDisplayName(Protocol):
    @property
    def display_name(self) -> str: ...


# The interface's languages, in the order the language menus list them.
LOCALES = ("en", "de", "fr", "es", "it", "pt", "sv", "zh_TW")
DEFAULT_LOCALE = "en"

# English day forms as the pages wrote them before translation ("Tue 6 Oct 2026"); the other
# languages take CLDR's form of the same skeleton ("Di., 6. Okt. 2026", "2026年10月6日週二").
_ENGLISH_PATTERNS = {
    "yMMMMEEEEd": "EEEE d MMMM y",
    "yMMMEd": "EEE d MMM y",
    "MMMEd": "EEE d MMM",
    "yMMMd": "d MMM y",
    "MMMd": "d MMM",
}


def language_name(code: str) -> str:
    """A language's name in that language, capitalised: "Deutsch", "Français"."""
    locale = Locale.parse(code)
    name = locale.get_display_name(locale) or code
    return name[:1].upper() + name[1:]


def language_in_sentence(code: str) -> str:
    """A language's name as the current language writes it in a sentence: "English" in
    English, "anglais" in French, "Englisch" in German."""
    name = Locale.parse(code).get_display_name(current_locale())
    return name or code


def language_choices() -> list[tuple[str, str]]:
    """(code, native name) for every interface language, for select fields."""
    return [(code, language_name(code)) for code in LOCALES]


def supported(code: str | None) -> str | None:
    """The interface language for a stored or requested code, or None when there is none."""
    return code if code in LOCALES else None


def browser_locale() -> str | None:
    """The best interface language for the request's Accept-Language header, if any matches."""
    # Werkzeug matches "zh-TW" against "zh_TW" only in the hyphenated form.
    offered = [code.replace("_", "-") for code in LOCALES]
    best = request.accept_languages.best_match(offered)
    return best.replace("-", "_") if best else None


def select_locale() -> str:
    """The request's language: the signed-in person's choice, else the browser's, else the
    default of the event the page belongs to (set in ``g.event_locale``), else English.
    Outside a request (commands, background jobs) only the event's default applies."""
    if not has_request_context():
        return supported(g.get("event_locale")) or DEFAULT_LOCALE
    # The account as loaded for this request (see `_choose_language`); never loaded here, as
    # a background job inside a request would otherwise read it in a transaction of its own.
    chosen = supported(getattr(g.get("_login_user"), "locale", None))
    return chosen or browser_locale() or supported(g.get("event_locale")) or DEFAULT_LOCALE


def recipient_locale(chosen: str | None, event_default: str | None = None) -> str:
    """The language of a message to someone: their choice, else the event's default."""
    return supported(chosen) or supported(event_default) or DEFAULT_LOCALE


def lazy_name(named: HasDisplayName) -> LazyString:
    """An event's (or anything's) display name, read when the text is shown: in a message
    composed for someone, in their language."""
    return LazyString(lambda: named.display_name)


def _chosen_locale() -> Locale | None:
    """The locale Flask-Babel chose for this request (or forced for a message being written),
    read straight from its state in `g`; None before it chose one or outside a request.

    Flask-Babel's own `get_locale` walks several context locals on each call, which pages
    with hundreds of translated texts and formatted values paid for every one of them.
    """
    if not g:
        return None
    locale: Locale | None = getattr(g.get("_flask_babel"), "babel_locale", None)
    return locale


def current_locale() -> Locale:
    """The locale of the request or of the message being written."""
    return _chosen_locale() or get_locale() or Locale.parse(DEFAULT_LOCALE)


_CATALOGUES: dict[Locale, NullTranslations] = {}


def current_translations() -> NullTranslations:
    """The catalogue of the current locale, kept per locale once Flask-Babel loaded it
    (Flask-Babel keeps them too, but finds them by the locale's name on every call)."""
    locale = _chosen_locale()
    catalogue = _CATALOGUES.get(locale) if locale is not None else None
    if catalogue is None:
        catalogue = get_translations()
        if locale is not None:
            _CATALOGUES[locale] = catalogue
    return catalogue


def current_locale_code() -> str:
    """The current locale as the app stores it: "de", "zh_TW" (Babel says "zh_Hant_TW")."""
    locale = current_locale()
    with_territory = f"{locale.language}_{locale.territory}"
    return with_territory if with_territory in LOCALES else locale.language


def _skeleton(moment: date | datetime, skeleton: str) -> str:
    locale = current_locale()
    if locale.language == "en":
        return babel_format_datetime(moment, _ENGLISH_PATTERNS[skeleton], locale="en")
    return format_skeleton(skeleton, moment, locale=locale)


def format_day(moment: date | datetime) -> str:
    """A day in full: "Tuesday 6 October 2026", "Dienstag, 6. Oktober 2026"."""
    locale = current_locale()
    if locale.language == "en":
        return _skeleton(moment, "yMMMMEEEEd")
    return babel_format_date(moment, format="full", locale=locale)


def format_short_day(moment: date | datetime) -> str:
    """A day in short: "Tue 6 Oct 2026", "Di., 6. Okt. 2026"."""
    return _skeleton(moment, "yMMMEd")


def format_weekday_day(moment: date | datetime) -> str:
    """A weekday and day without year: "Tue 6 Oct", "Di., 6. Okt."."""
    return _skeleton(moment, "MMMEd")


def format_date(moment: date | datetime) -> str:
    """A date without weekday: "6 Oct 2026", "6. Okt. 2026"."""
    return _skeleton(moment, "yMMMd")


def format_day_month(moment: date | datetime) -> str:
    """Day and month: "6 Oct", "6. Okt."."""
    return _skeleton(moment, "MMMd")


def format_date_range(start: date, end: date | None = None) -> str:
    """A span of days, shortest form: "6–9 Oct 2026", "6.–9. Okt. 2026", "2026年10月6日至9日"."""
    locale = current_locale()
    if end is None or end == start:
        return format_date(start)
    if locale.language != "en":
        return format_interval(start, end, "yMMMd", locale=locale)
    if start.year != end.year:
        return f"{format_date(start)} – {format_date(end)}"
    if start.month != end.month:
        return f"{format_day_month(start)} – {format_date(end)}"
    return f"{start.day}–{format_date(end)}"


def format_time(moment: datetime) -> str:
    """A time of day on the 24-hour clock in the moment's own zone: "09:30"."""
    return _clock_time(moment.hour, moment.minute, current_locale())


@lru_cache(maxsize=4096)
def _clock_time(hour: int, minute: int, locale: Locale) -> str:
    """The locale's 24-hour clock time (it depends on nothing else: an agenda writes a few
    dozen of the same ones, and Babel's skeleton matching took about 14 µs each)."""
    return format_skeleton("Hm", datetime(2000, 1, 1, hour, minute), locale=locale)


def format_number(value: float) -> str:
    """A number with the locale's separators: "12,876", "12.876", "12 876"."""
    return format_decimal(value, locale=current_locale())


def format_share(value: float, decimals: int = 0) -> str:
    """A fraction as a percentage: 0.9816 gives "98%" in English, "98 %" in French, and with
    one decimal "98.2%", "98,2 %"."""
    locale = current_locale()
    pattern = locale.percent_formats[None].pattern  # "#,##0%", "#,##0\u00a0%"
    if decimals:
        pattern = pattern.replace("0", "0." + "0" * decimals, 1)
    return format_percent(value, pattern, locale=locale)


def format_fixed(value: float, decimals: int) -> str:
    """A number with exactly `decimals` decimals: 2.5 gives "2.50", "2,50"."""
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(value, pattern, locale=current_locale())


def format_items(items: Iterable[str]) -> str:
    """Words joined as the locale lists them: "A, B and C", "A, B und C", "A、B和C"."""
    return format_list(list(items), locale=current_locale())


def zone_city(zone: ZoneInfo) -> str:
    """A zone's city in the current language: "Taipei", "Taipeh", "台北"."""
    return get_timezone_location(zone, locale=current_locale(), return_city=True)


# The regions of IANA zone names as CLDR territories (those CLDR names; the rest stay as is).
_ZONE_REGIONS = {
    "Africa": "002",
    "America": "019",
    "Antarctica": "AQ",
    "Asia": "142",
    "Australia": "AU",
    "Europe": "150",
}


def region_name(region: str) -> str:
    """The region of a zone name in the current language: "Europe" gives "Europa", "歐洲"."""
    code = _ZONE_REGIONS.get(region)
    name: str = current_locale().territories.get(code, region) if code else region
    return name


def country_name(code: str) -> str:
    """A country's name in the current language from its ISO code: "DE" gives "Germany"."""
    name: str = current_locale().territories.get(code.upper(), code)
    return name


# The texts the pages' scripts write, by key, given to them in the page's language (base.html
# puts them in a JSON block that static/js/app.js reads: `matchmaker.text(key, values)`).
SCRIPT_TEXTS = {
    "on_this_device": lazy_gettext("%(time)s on this device"),
    "camera_hint": lazy_gettext("Point the camera at the QR code."),
    "camera_unavailable": lazy_gettext("The camera is not available: type the code instead."),
    "file_too_large": lazy_gettext(
        "The file is larger than %(size)s MB. Split it into smaller files."
    ),
    "save_failed": lazy_gettext("Could not save: please check your connection and try again."),
    "bound": lazy_gettext("bound: %(label)s"),
    "at_bound": lazy_gettext("at bound"),
}


def script_texts() -> dict[str, str]:
    """The scripts' texts in the current language."""
    return {key: str(text) for key, text in SCRIPT_TEXTS.items()}


def html_lang() -> str:
    """The current language as HTML's lang attribute wants it: "de", "zh-TW"."""
    return current_locale_code().replace("_", "-")


FILTERS = {
    "day": format_day,
    "short_day": format_short_day,
    "weekday_day": format_weekday_day,
    "date": format_date,
    "date_range": format_date_range,
    "time": format_time,
    "number": format_number,
    "share": format_share,
    "fixed": format_fixed,
    "items": format_items,
    "country_name": country_name,
    "language_name": language_name,
    "language_in_sentence": language_in_sentence,
}


def _choose_language() -> None:
    # Chosen before the view runs, from the signed-in account loaded now: after the view's
    # commit, reading the account would open a new transaction, and on SQLite one held by the
    # request blocks the mail sent from the same thread. The API authenticates its token
    # first, in a transaction of its own; its language follows from the token's account.
    if request.blueprint == "api":
        return
    if current_user:
        current_user.is_authenticated  # noqa: B018 - loads the account into g
    get_locale()


def init_app(app: Flask) -> None:
    """Choose each request's language first, let templates find their translations in
    `current_translations`, and register the formatting filters."""
    app.before_request(_choose_language)
    app.jinja_env.install_gettext_callables(  # type: ignore[attr-defined]
        gettext=lambda message: current_translations().ugettext(message),
        ngettext=lambda one, many, n: current_translations().ungettext(one, many, n),
        pgettext=lambda context, message: current_translations().upgettext(context, message),
        npgettext=lambda context, one, many, n: current_translations().unpgettext(
            context, one, many, n
        ),
        newstyle=True,
    )
    app.jinja_env.filters.update(FILTERS)
    app.jinja_env.globals.update(script_texts=script_texts)
    app.context_processor(lambda: {"html_lang": html_lang()})
